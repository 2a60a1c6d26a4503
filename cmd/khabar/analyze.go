package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/pipeline"
)

// maxInput bounds what analyze reads from one file or stdin.
const maxInput = pipeline.DefaultMaxBytes

func cmdAnalyze(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	date := fs.String("date", "", "reference date `YYYY-MM-DD` for relative dates when the article has no dateline date")
	tokens := fs.Bool("tokens", false, "include the token list")
	compact := fs.Bool("compact", false, "print compact JSON on one line")
	ctype := fs.String("type", "", "input type: text, html or json (default: from the file extension, else text)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: khabar analyze [--date YYYY-MM-DD] [--tokens] [--type text|html|json] FILE|-")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return usageError{err.Error()}
	}
	if fs.NArg() != 1 {
		return usagef("want exactly one FILE or - (stdin), got %d arguments", fs.NArg())
	}
	opt := pipeline.Options{Tokens: *tokens}
	if *date != "" {
		t, err := time.Parse("2006-01-02", *date)
		if err != nil {
			return usagef("--date %q: want YYYY-MM-DD", *date)
		}
		opt.RefDate = t
	}
	name := fs.Arg(0)
	body, err := readInput(e, name)
	if err != nil {
		return err
	}
	ct, err := contentType(*ctype, name)
	if err != nil {
		return err
	}
	p, err := pipeline.New(opt)
	if err != nil {
		return err
	}
	a, err := p.Analyze(ctx, khabar.RawDocument{Name: name, Body: body, ContentType: ct})
	if err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	if !*compact {
		enc.SetIndent("", "  ")
	}
	return enc.Encode(a)
}

// readInput reads a whole file, or stdin for "-", refusing inputs over maxInput.
func readInput(e *env, name string) ([]byte, error) {
	var r io.Reader = e.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	body, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(body) > maxInput {
		return nil, fmt.Errorf("%s: larger than %d bytes: %w", name, maxInput, pipeline.ErrTooLarge)
	}
	return body, nil
}

// contentType maps the --type flag or the file extension to a MIME type.
func contentType(flagVal, name string) (string, error) {
	switch strings.ToLower(flagVal) {
	case "text", "txt":
		return "text/plain", nil
	case "html", "htm":
		return "text/html", nil
	case "json":
		return "application/json", nil
	case "":
	default:
		return "", usagef("--type %q: want text, html or json", flagVal)
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".xhtml":
		return "text/html", nil
	case ".json":
		return "application/json", nil
	}
	return "text/plain", nil
}
