// Command khabar analyzes, indexes and searches Arabic news.
//
// Usage:
//
//	khabar analyze [--date YYYY-MM-DD] [--tokens] [--type text|html|json] FILE|-
//	khabar ingest [--data DIR | --db URL | --queue nats://HOST:PORT[,...]] [--workers N] [--batch N] [--json] [-v] PATH...
//	khabar feeds add|list|remove|poll [--data DIR] [--every 15m]
//	khabar search [--data DIR | --db URL] [--json] [--limit N] [--offset N] [--recency 30d] [--facets N] [--copies] QUERY
//	khabar quotes [--data DIR | --db URL] [--json] [--from DATE] [--to DATE] [--limit N] [--offset N] [--q QUERY] ENTITY
//	khabar stories [--data DIR | --db URL] [--json] [--since DATE] [--until DATE] [--limit N] [QUERY]
//	khabar stories show [--data DIR | --db URL] [--json] ID
//	khabar serve [--data DIR | --db URL] [--addr HOST:PORT] [--token-file FILE] [--protect-reads] [flags]
//	khabar worker --queue nats://HOST:PORT[,...] (--db postgres://... | --data DIR) [--concurrency N]
//	khabar queue status|replay --queue nats://HOST:PORT[,...] [--json]
//	khabar kb lookup [--json] NAME...
//	khabar kb stats [--json]
//	khabar export plover [FILE|-]... | (--data DIR | --db URL) [--query QUERY] [--copies] [--max N]
//	khabar export search [--data DIR | --db URL] [--format csv|jsonl] [--bom] [--limit N] [--copies] QUERY
//	khabar train ner --train FILE [--train-fane FILE] [--dev FILE] --out MODEL
//	khabar train clusters --corpus FILE... --out FILE
//	khabar eval arabic|dates|ner|entities|events|quotes|news ...
//	khabar bench scale --sizes 30k,100k,300k,1m --data DIR [--out FILE.json] [--plot FILE.svg]
//	khabar watch add|list|remove [--data DIR | --db URL] [--webhook URL] [NAME QUERY | ID]
//	khabar version [--json]
//
// "khabar COMMAND -h" lists a command's flags in full; the README's
// Commands table says what each command does.
//
// Every command and command group answers -h, --help (and a group
// "help") with its usage on stderr and exit code 0; "khabar help kb
// lookup" is "khabar kb lookup -h".
//
// Exit codes: 0 success, 1 failure, 2 usage error.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// env is what a command may touch of the outside world.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// command is one command, or a group of subcommands (subs set), which
// run dispatches among.
type command struct {
	summary string
	run     func(ctx context.Context, e *env, args []string) error
	subs    func() map[string]command // a group's subcommands; nil for a command
}

// usageError marks a mistake in the command line (exit code 2).
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

func commands() map[string]command {
	return map[string]command{
		"analyze": {"analyze one article and print its Analysis JSON", cmdAnalyze, nil},
		"eval":    {"evaluate a stage on a data set (arabic, dates, ner, entities, events, quotes, news)", cmdEval, evalCommands},
		"train":   {"train a model (ner, clusters)", cmdTrain, trainCommands},
		"export":  {"export analyses and search results (plover, search)", cmdExport, exportCommands},
		"kb":      {"query the knowledge base (lookup, stats)", cmdKB, kbCommands},
		"ingest":  {"analyze and store files, directories, JSONL, WARC or feed files, or publish them to the queue", cmdIngest, nil},
		"feeds":   {"manage and poll RSS/Atom feeds (add, list, remove, poll)", cmdFeeds, feedsCommands},
		"search":  {"search the store", cmdSearch, nil},
		"quotes":  {"print what an entity said, newest first", cmdQuotes, nil},
		"stories": {"list the stories the stored articles form, or show one (stories show ID)", cmdStories, nil},
		"serve":   {"serve the HTTP API and the web UI", cmdServe, nil},
		"worker":  {"analyze and store documents from the NATS queue", cmdWorker, nil},
		"queue":   {"inspect the NATS queue and replay dead letters (status, replay)", cmdQueue, queueCommands},
		"bench":   {"measure how the store's costs grow with its size (scale)", cmdBench, benchCommands},
		"watch":   {"save queries and follow their new matches (add, list, remove)", cmdWatch, watchCommands},
		"version": {"print the version", cmdVersion, nil},
	}
}

func cmdVersion(_ context.Context, e *env, args []string) error {
	c := newFlagCmd(e, "version", "khabar version [--json]")
	c.jsonHelp(`print {"version": VERSION}`)
	if ok, err := c.parse(args, false); !ok {
		return err
	}
	if c.json() {
		return c.writeJSON(struct {
			Version string `json:"version"`
		}{version})
	}
	_, err := fmt.Fprintln(e.stdout, "khabar", version)
	return err
}

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr})
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, e *env) int {
	cmds := commands()
	if len(args) > 1 && args[0] == "help" {
		// khabar help kb lookup: the same as khabar kb lookup -h.
		args = append(args[1:len(args):len(args)], "-h")
	}
	if len(args) == 0 || isHelp(args[0]) {
		printUsage(e.stderr, "khabar", cmds)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "khabar: unknown command %q\n", args[0])
		printUsage(e.stderr, "khabar", cmds)
		return 2
	}
	err := c.run(ctx, e, args[1:])
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "khabar %s: %v\n", args[0], err)
		return 2
	default:
		fmt.Fprintf(e.stderr, "khabar %s: %v\n", args[0], err)
		return 1
	}
}

// isHelp reports an argument asking for help.
func isHelp(arg string) bool {
	switch arg {
	case "-h", "-help", "--help", "help":
		return true
	}
	return false
}

// printUsage prints the usage of the command group path ("khabar",
// "khabar kb"): a usage line, the commands with their summaries, and
// how to get a command's flags. Every group's help has this form; a
// command's help is its usage line followed by its flags.
func printUsage(w io.Writer, path string, cmds map[string]command) {
	names := make([]string, 0, len(cmds))
	width := 0
	for n := range cmds {
		names = append(names, n)
		width = max(width, len(n))
	}
	sort.Strings(names)
	var b strings.Builder
	fmt.Fprintf(&b, "usage: %s COMMAND [flags] [args]\n\ncommands:\n", path)
	for _, n := range names {
		fmt.Fprintf(&b, "  %-*s  %s\n", width, n, cmds[n].summary)
	}
	fmt.Fprintf(&b, "\nRun '%s COMMAND -h' for a command's flags.\n", path)
	io.WriteString(w, b.String())
}

// subcommand runs the command of the group path ("khabar kb") that
// args[0] names, or prints the group's usage when args[0] asks for help.
// what names the group's commands in errors ("kb command").
func subcommand(ctx context.Context, e *env, args []string, path, what string, subs map[string]command) error {
	names := make([]string, 0, len(subs))
	for n := range subs {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(args) == 0 {
		return usagef("%s needs one of: %s (see '%s -h')", what, strings.Join(names, ", "), path)
	}
	if isHelp(args[0]) {
		printUsage(e.stderr, path, subs)
		return nil
	}
	c, ok := subs[args[0]]
	if !ok {
		return usagef("unknown %s %q (want one of: %s)", what, args[0], strings.Join(names, ", "))
	}
	return c.run(ctx, e, args[1:])
}

func evalCommands() map[string]command {
	return map[string]command{
		"arabic":   {"score the Arabic normalizer and tokenizer on its test suites", cmdEvalArabic, nil},
		"dates":    {"score the date finder on the public date suites", cmdEvalDates, nil},
		"ner":      {"score the named-entity tagger on a CoNLL file", cmdEvalNER, nil},
		"entities": {"score entities and their links against gold files", cmdEvalEntities, nil},
		"events":   {"score event types on the UniversalPetrarch Arabic gold standard", cmdEvalEvents, nil},
		"quotes":   {"score quotes and their speakers against gold files", cmdEvalQuotes, nil},
		"news":     {"score entities and quotes on the real-news gold set", cmdEvalNews, nil},
	}
}

func cmdEval(ctx context.Context, e *env, args []string) error {
	return subcommand(ctx, e, args, "khabar eval", "eval target", evalCommands())
}

func exportCommands() map[string]command {
	return map[string]command{
		"plover": {"write the events of analyses or of stored documents as PLOVER JSONL", cmdExportPlover, nil},
		"search": {"write the documents matching a query as CSV or JSON Lines", cmdExportSearch, nil},
	}
}

func cmdExport(ctx context.Context, e *env, args []string) error {
	return subcommand(ctx, e, args, "khabar export", "export format", exportCommands())
}

func trainCommands() map[string]command {
	return map[string]command{
		"ner":      {"train the named-entity tagger on CoNLL files", cmdTrainNER, nil},
		"clusters": {"learn word classes from unlabeled text (for the tagger's cluster features)", cmdTrainClusters, nil},
	}
}

func cmdTrain(ctx context.Context, e *env, args []string) error {
	return subcommand(ctx, e, args, "khabar train", "train target", trainCommands())
}
