package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// flagCmd is the flag handling the eval commands (and other commands
// with a --json report) share: a flag set with a --json flag, required
// flags, a usage line printed on -h, and the JSON encoding of the report.
//
//	c := newFlagCmd(e, "eval dates", "khabar eval dates --data DIR [--json]")
//	data := c.required("data", "the shared data `DIR`")
//	if ok, err := c.parse(args, false); !ok {
//		return err
//	}
//	...
//	if c.json() {
//		return c.writeJSON(report)
//	}
type flagCmd struct {
	*flag.FlagSet
	e      *env
	usage  string
	asJSON *bool
	req    []string
}

// newFlagCmd returns the flags of the command name (as "eval dates"),
// whose usage line (without "usage: ") is usage.
func newFlagCmd(e *env, name, usage string) *flagCmd {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are returned, the usage printed on -h only
	c := &flagCmd{FlagSet: fs, e: e, usage: usage}
	c.asJSON = fs.Bool("json", false, "print the report as JSON")
	return c
}

// jsonHelp replaces the help text of --json, to say what it prints.
func (c *flagCmd) jsonHelp(help string) { c.Lookup("json").Usage = help }

// required defines a string flag that parse insists on.
func (c *flagCmd) required(name, help string) *string {
	c.req = append(c.req, name)
	return c.String(name, "", help+" (required)")
}

// parse parses args. It reports false when the command is to stop and
// return err: nil after -h (the usage and the flags are printed to
// stderr), else a usage error naming the usage line, for a bad flag, a
// required flag left empty, or arguments when positional is false.
func (c *flagCmd) parse(args []string, positional bool) (ok bool, err error) {
	if err := c.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(c.e.stderr, "usage: %s\n", c.usage)
			c.SetOutput(c.e.stderr)
			c.PrintDefaults()
			return false, nil
		}
		return false, usagef("%v (usage: %s)", err, c.usage)
	}
	for _, name := range c.req {
		if c.Lookup(name).Value.String() == "" {
			return false, usagef("--%s is required (usage: %s)", name, c.usage)
		}
	}
	if !positional && c.NArg() != 0 {
		return false, usagef("unexpected arguments %q (usage: %s)", c.Args(), c.usage)
	}
	return true, nil
}

// json reports whether --json was given.
func (c *flagCmd) json() bool { return *c.asJSON }

// writeJSON writes v to stdout as indented JSON, without escaping <, >
// and & (the reports quote Arabic text, never HTML).
func (c *flagCmd) writeJSON(v any) error {
	return writeJSON(c.e.stdout, v)
}

// readGoldArticle reads the gold file at path with read, then the
// article it names (file returns the gold's "file" field: a path relative
// to the gold file's folder, or absolute), at most maxInput bytes of it.
func readGoldArticle[G any](path string, read func(io.Reader, string) (G, error), file func(G) string) (g G, article string, body []byte, err error) {
	f, err := os.Open(path)
	if err != nil {
		return g, "", nil, err
	}
	g, err = read(f, path)
	f.Close()
	if err != nil {
		return g, "", nil, err
	}
	article = file(g)
	if article == "" {
		return g, "", nil, fmt.Errorf("%s: gold file names no article (\"file\")", path)
	}
	if !filepath.IsAbs(article) {
		article = filepath.Join(filepath.Dir(path), article)
	}
	if body, err = readLimited(article, maxInput); err != nil {
		return g, "", nil, fmt.Errorf("%s: article: %w", path, err)
	}
	return g, article, body, nil
}

// readLimited reads the file name, failing when it holds more than max
// bytes.
func readLimited(name string, max int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	body, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(body)) > max {
		return nil, fmt.Errorf("%s: over the %d-byte limit", name, max)
	}
	return body, nil
}

// writeJSON writes v to w as indented JSON without HTML escaping.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
