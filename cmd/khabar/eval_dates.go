package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/khabar/khabar/internal/evaldates"
)

// cmdEvalDates scores the date finder on the public suites under --data:
// khabar eval dates --data DIR [--json].
func cmdEvalDates(ctx context.Context, e *env, args []string) error {
	c := newFlagCmd(e, "eval dates", "khabar eval dates --data DIR [--json]")
	c.jsonHelp(`print {"suites": {NAME: {passed, total}}} instead of the text report`)
	data := c.required("data", "shared data `DIR` holding duckling-ar/, dateparser-ar/, recognizers-text-ar-datetime/")
	if ok, err := c.parse(args, false); !ok {
		return err
	}
	rep, err := evaldates.Run(ctx, *data)
	if err != nil {
		return err
	}
	if c.json() {
		out := struct {
			Suites map[string]*evaldates.Suite `json:"suites"`
		}{map[string]*evaldates.Suite{}}
		for _, s := range rep.Suites {
			out.Suites[s.Name] = s
		}
		return c.writeJSON(out)
	}
	var b strings.Builder
	for _, s := range rep.Suites {
		pct := 0.0
		if s.Total > 0 {
			pct = 100 * float64(s.Passed) / float64(s.Total)
		}
		fmt.Fprintf(&b, "%-20s %4d/%-4d %5.1f%%\n", s.Name, s.Passed, s.Total, pct)
	}
	for _, s := range rep.Suites {
		if len(s.Failures) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n%s failures:\n", s.Name)
		for _, f := range s.Failures {
			fmt.Fprintf(&b, "  %s\n    want %s\n    got  %s\n", f.Input, f.Want, orNothing(f.Got))
		}
	}
	_, err = fmt.Fprint(e.stdout, b.String())
	return err
}

func orNothing(s string) string {
	if s == "" {
		return "nothing"
	}
	return s
}
