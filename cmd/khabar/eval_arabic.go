package main

import (
	"context"
	"errors"
	"flag"
	"io"

	"github.com/khabar/khabar/internal/evalarabic"
)

// cmdEvalArabic runs the Arabic text-core suites found under --data and
// prints per-suite pass rates (and, in text mode, the failures).
func cmdEvalArabic(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("eval arabic", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	data := fs.String("data", "", "data directory holding the test-suite folders (required), e.g. ../shared/data")
	asJSON := fs.Bool("json", false, `print {"suites": {"NAME": {"passed": N, "total": N}}} instead of text`)
	maxFail := fs.Int("failures", 20, "failures to list per suite in text mode (-1: all)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(e.stderr)
			fs.PrintDefaults()
			return nil
		}
		return usagef("%v", err)
	}
	if fs.NArg() > 0 {
		return usagef("unexpected arguments: %v", fs.Args())
	}
	if *data == "" {
		return usagef("--data DIR is required")
	}
	rep, err := evalarabic.Run(ctx, *data)
	if err != nil {
		return err
	}
	if *asJSON {
		return rep.WriteJSON(e.stdout)
	}
	return rep.WriteText(e.stdout, *maxFail)
}
