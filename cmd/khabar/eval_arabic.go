package main

import (
	"context"

	"github.com/khabar/khabar/internal/evalarabic"
)

// cmdEvalArabic runs the Arabic text-core suites found under --data and
// prints per-suite pass rates (and, in text mode, the failures).
func cmdEvalArabic(ctx context.Context, e *env, args []string) error {
	c := newFlagCmd(e, "eval arabic", "khabar eval arabic --data DIR [--json] [--failures N]")
	c.jsonHelp(`print {"suites": {"NAME": {"passed": N, "total": N}}} instead of text`)
	data := c.required("data", "data `DIR` holding the test-suite folders, e.g. ../shared/data")
	maxFail := c.Int("failures", 20, "failures to list per suite in text mode (-1: all)")
	if ok, err := c.parse(args, false); !ok {
		return err
	}
	rep, err := evalarabic.Run(ctx, *data)
	if err != nil {
		return err
	}
	if c.json() {
		return rep.WriteJSON(e.stdout)
	}
	return rep.WriteText(e.stdout, *maxFail)
}
