package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/khabar/khabar/internal/evaldates"
)

// cmdEvalDates scores the date finder on the public suites under --data,
// on hand-annotated real-news records (--news), or both:
// khabar eval dates [--data DIR] [--news FILE...] [--corpus FILE] [--json] [--errors].
func cmdEvalDates(ctx context.Context, e *env, args []string) error {
	const usage = "khabar eval dates [--data DIR] [--news FILE...] [--corpus CORPUS.jsonl.gz] [--json] [--errors]"
	c := newFlagCmd(e, "eval dates", usage)
	c.jsonHelp(`print {"suites": {NAME: {passed, total}}, "news": {files, total}} instead of the text report`)
	data := c.String("data", "", "shared data `DIR` holding duckling-ar/, dateparser-ar/, recognizers-text-ar-datetime/")
	var news stringList
	c.Var(&news, "news", "real-news date annotation `FILE` (temporal/testdata/news-dates.tsv; repeatable)")
	corpus := c.String("corpus", defaultNewsData(), "the saudinewsnet corpus `FILE` the --news line numbers refer to")
	errs := c.Bool("errors", false, "with --news, also list every missed, wrong and extra date")
	if ok, err := c.parse(args, false); !ok {
		return err
	}
	if *data == "" && len(news) == 0 {
		return usagef("want --data DIR, --news FILE or both (usage: %s)", usage)
	}
	var rep *evaldates.Report
	var newsRep *evaldates.NewsReport
	var err error
	if *data != "" {
		if rep, err = evaldates.Run(ctx, *data); err != nil {
			return err
		}
	}
	if len(news) > 0 {
		if newsRep, err = evaldates.News(ctx, evaldates.NewsOptions{Gold: news, Corpus: *corpus}); err != nil {
			return err
		}
	}
	if c.json() {
		out := struct {
			Suites map[string]*evaldates.Suite `json:"suites,omitempty"`
			News   *evaldates.NewsReport       `json:"news,omitempty"`
		}{News: newsRep}
		if rep != nil {
			out.Suites = map[string]*evaldates.Suite{}
			for _, s := range rep.Suites {
				out.Suites[s.Name] = s
			}
		}
		return c.writeJSON(out)
	}
	if newsRep != nil {
		if err := newsRep.WriteText(e.stdout, *errs); err != nil {
			return err
		}
	}
	if rep == nil {
		return nil
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
