// Command khabar analyzes, indexes and searches Arabic news.
//
// Usage:
//
//	khabar analyze [--date YYYY-MM-DD] [--tokens] FILE|-
//	khabar eval arabic|dates|ner|entities --data DIR [--json]
//	khabar train ner --train FILE [--dev FILE] --out MODEL
//	khabar kb lookup NAME
//	khabar ingest [--data DIR] PATH...
//	khabar search [--data DIR] QUERY
//	khabar feeds add|list|remove|poll [--data DIR] [--every 15m]
//	khabar serve [--data DIR] [--addr 127.0.0.1:8080]
//	khabar ingest --queue nats://HOST:PORT PATH...
//	khabar worker --queue nats://HOST:PORT --db postgres://... [--concurrency N]
//	khabar queue status --queue nats://HOST:PORT
//	khabar queue replay --queue nats://HOST:PORT [--max N]
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

// command is one subcommand.
type command struct {
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

// usageError marks a mistake in the command line (exit code 2).
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

func commands() map[string]command {
	return map[string]command{
		"analyze": {"analyze one article and print its Analysis JSON", cmdAnalyze},
		"eval":    {"evaluate a stage on a data set (arabic, dates, ner, entities)", cmdEval},
		"train":   {"train a model (ner)", cmdTrain},
		"export":  {"export analyses in other formats (plover)", cmdExport},
		"kb":      {"query the knowledge base (lookup)", cmdKB},
		"ingest":  {"ingest files, directories, JSONL, WARC or feeds into the store", cmdIngest},
		"feeds":   {"manage and poll RSS/Atom feeds (add, list, remove, poll)", cmdFeeds},
		"search":  {"search the store", cmdSearch},
		"serve":   {"serve the HTTP API and the web UI", cmdServe},
		"worker":  {"analyze and store documents from the NATS queue", cmdWorker},
		"queue":   {"inspect the NATS queue and replay dead letters (status, replay)", cmdQueue},
		"version": {"print the version", func(_ context.Context, e *env, _ []string) error {
			_, err := fmt.Fprintln(e.stdout, "khabar", version)
			return err
		}},
	}
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
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printUsage(e.stderr, cmds)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "khabar: unknown command %q\n", args[0])
		printUsage(e.stderr, cmds)
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

func printUsage(w io.Writer, cmds map[string]command) {
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("usage: khabar COMMAND [flags] [args]\n\ncommands:\n")
	for _, n := range names {
		fmt.Fprintf(&b, "  %-8s %s\n", n, cmds[n].summary)
	}
	b.WriteString("\nRun 'khabar COMMAND -h' for a command's flags.\n")
	io.WriteString(w, b.String())
}

// subcommand dispatches args[0] among subs.
func subcommand(ctx context.Context, e *env, args []string, what string, subs map[string]func(context.Context, *env, []string) error) error {
	names := make([]string, 0, len(subs))
	for n := range subs {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(args) == 0 {
		return usagef("%s needs one of: %s", what, strings.Join(names, ", "))
	}
	f, ok := subs[args[0]]
	if !ok {
		return usagef("unknown %s %q (want one of: %s)", what, args[0], strings.Join(names, ", "))
	}
	return f(ctx, e, args[1:])
}

func cmdEval(ctx context.Context, e *env, args []string) error {
	return subcommand(ctx, e, args, "eval target", map[string]func(context.Context, *env, []string) error{
		"arabic":   cmdEvalArabic,
		"dates":    cmdEvalDates,
		"ner":      cmdEvalNER,
		"entities": cmdEvalEntities,
		"events":   cmdEvalEvents,
		"quotes":   cmdEvalQuotes,
	})
}

func cmdExport(ctx context.Context, e *env, args []string) error {
	return subcommand(ctx, e, args, "export format", map[string]func(context.Context, *env, []string) error{
		"plover": cmdExportPlover,
	})
}

func cmdTrain(ctx context.Context, e *env, args []string) error {
	return subcommand(ctx, e, args, "train target", map[string]func(context.Context, *env, []string) error{
		"ner": cmdTrainNER,
	})
}
