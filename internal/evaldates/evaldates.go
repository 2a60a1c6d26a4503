// Package evaldates scores package temporal on public Arabic date test
// suites: Duckling's Arabic time corpus, dateparser's Arabic cases and
// Microsoft Recognizers-Text's Arabic date parser specs.
package evaldates

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/khabar/khabar/temporal"
)

// Suite is the score on one test suite.
type Suite struct {
	Name     string    `json:"-"`      // e.g. "duckling-dates"
	Passed   int       `json:"passed"` // cases that passed
	Total    int       `json:"total"`  // cases scored
	Failures []Failure `json:"-"`      // the cases that did not pass, in file order
}

// Failure is one case that did not pass.
type Failure struct {
	Input string // the test input
	Want  string // the expected value, as the suite writes it
	Got   string // what temporal found ("" for nothing)
}

// Report is the result of Run.
type Report struct {
	Suites []*Suite
}

// maxLine bounds the JSONL lines read.
const maxLine = 1 << 20

// Run evaluates every suite found under dir (the shared data folder, with
// duckling-ar/, dateparser-ar/ and recognizers-text-ar-datetime/). A
// missing suite is skipped; at least one must be there.
func Run(ctx context.Context, dir string) (*Report, error) {
	var r Report
	runs := []struct {
		path string
		f    func(context.Context, io.Reader) ([]*Suite, error)
	}{
		{filepath.Join(dir, "duckling-ar", "time.jsonl"), Duckling},
		{filepath.Join(dir, "dateparser-ar", "dateparser_ar_tests.jsonl"), Dateparser},
		{filepath.Join(dir, "recognizers-text-ar-datetime", "datetime_ar.jsonl"), Recognizers},
	}
	for _, run := range runs {
		f, err := os.Open(run.path)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		s, err := run.f(ctx, f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", run.path, err)
		}
		r.Suites = append(r.Suites, s...)
	}
	if len(r.Suites) == 0 {
		return nil, fmt.Errorf("evaldates: no suite found under %s", dir)
	}
	return &r, nil
}

// eachLine decodes every non-blank JSON line of r into a fresh T and calls
// f on it, stopping when ctx is done.
func eachLine[T any](ctx context.Context, r io.Reader, f func(*T)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	for n := 1; sc.Scan(); n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		v := new(T)
		if err := json.Unmarshal(sc.Bytes(), v); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
		f(v)
	}
	return sc.Err()
}

// duckRef is Duckling's test reference time.
var duckRef = time.Date(2013, 2, 12, 4, 30, 0, 0, time.FixedZone("", -2*3600))

type duckCase struct {
	Input    string `json:"input"`
	Positive bool   `json:"positive"`
	Expected *struct {
		Type  string `json:"type"`
		Value string `json:"value"`
		From  string `json:"from"`
		To    string `json:"to"`
		Grain string `json:"grain"`
	} `json:"expected"`
}

// Duckling scores Duckling's Arabic time corpus (reference 2013-02-12
// 04:30 -02:00, future preference as in Duckling). It returns three suites:
// duckling-dates (expected grain day, week, month or year), duckling-times
// (hour, minute, second) and duckling-negative (nothing must be found).
// A case passes when the longest expression found has the expected value
// at the expression's own grain, or the expected interval.
func Duckling(ctx context.Context, r io.Reader) ([]*Suite, error) {
	dates := &Suite{Name: "duckling-dates"}
	times := &Suite{Name: "duckling-times"}
	neg := &Suite{Name: "duckling-negative"}
	opt := temporal.Options{Ref: duckRef, Prefer: temporal.PreferFuture}
	err := eachLine(ctx, r, func(c *duckCase) {
		x, found := temporal.ParseDate(c.Input, opt)
		got := ""
		if found {
			got = describe(x)
		}
		if !c.Positive || c.Expected == nil {
			neg.Total++
			if !found {
				neg.Passed++
			} else {
				neg.Failures = append(neg.Failures, Failure{Input: c.Input, Want: "nothing", Got: got})
			}
			return
		}
		e := c.Expected
		s := dates
		switch e.Grain {
		case "hour", "minute", "second":
			s = times
		}
		s.Total++
		var ok bool
		var want string
		if e.Type == "interval" {
			want = e.From + " / " + e.To + " (" + e.Grain + ")"
			ok = found && matchInterval(x, e.From, e.To, e.Grain)
		} else {
			want = e.Value + " (" + e.Grain + ")"
			ok = found && matchValue(x, e.Value)
		}
		if ok {
			s.Passed++
		} else {
			s.Failures = append(s.Failures, Failure{Input: c.Input, Want: want, Got: got})
		}
	})
	return []*Suite{dates, times, neg}, err
}

// describe renders an expression for failure lists.
func describe(x temporal.Expr) string {
	s := fmt.Sprintf("%q %s %s", x.Text, x.Value, x.Grain)
	if x.Interval != "" {
		s += " " + x.Interval
	}
	if x.Note != "" {
		s += " (" + x.Note + ")"
	}
	return s
}

// matchValue compares x with a Duckling datetime at x's grain.
func matchValue(x temporal.Expr, want string) bool {
	if len(want) < 16 || x.Value == "" {
		return false
	}
	d := want[:10]
	switch x.Grain {
	case temporal.Day:
		return x.Value == d
	case temporal.Month:
		return x.Value == d[:7]
	case temporal.Year:
		return x.Value == d[:4]
	case temporal.Week:
		t, err := time.Parse(time.DateOnly, d)
		if err != nil {
			return false
		}
		y, w := t.ISOWeek()
		return x.Value == fmt.Sprintf("%04d-W%02d", y, w)
	case temporal.Time:
		v := x.Value
		if i := strings.IndexByte(v, 'T'); i > 0 {
			if v[:i] != d {
				return false
			}
			v = v[i:]
		} else if d != duckRef.Format(time.DateOnly) {
			return false
		}
		return strings.HasPrefix(want[10:], v)
	}
	return false
}

// matchInterval compares x's interval (inclusive days, or the first and
// last hour or minute of a range of times) with a Duckling interval
// (exclusive end).
func matchInterval(x temporal.Expr, from, to, grain string) bool {
	a, b, ok := strings.Cut(x.Interval, "/")
	if !ok || len(from) < 16 || len(to) < 16 {
		return false
	}
	if step := map[string]time.Duration{"hour": time.Hour, "minute": time.Minute}[grain]; step > 0 && strings.Contains(a, "T") {
		return clockAt(a) == from[:16] && clockAt(b) != "" && clockEnd(clockAt(b), step) == to[:16]
	}
	if grain != "day" || len(a) != 10 || len(b) != 10 {
		return false
	}
	end, err := time.Parse(time.DateOnly, b)
	if err != nil {
		return false
	}
	return a == from[:10] && end.AddDate(0, 0, 1).Format(time.DateOnly) == to[:10]
}

type dpCase struct {
	Kind     string          `json:"kind"`
	Input    string          `json:"input"`
	Expected json.RawMessage `json:"expected"`
	Settings *struct {
		RelativeBase struct {
			Datetime string `json:"datetime"`
		} `json:"RELATIVE_BASE"`
	} `json:"settings"`
}

// Dateparser scores the dateparser cases that ask for dates found in text
// (kinds search-finds-whole-string and search-and-parse), one point per
// expected date. Other kinds test dateparser internals and are skipped.
func Dateparser(ctx context.Context, r io.Reader) ([]*Suite, error) {
	s := &Suite{Name: "dateparser"}
	err := eachLine(ctx, r, func(c *dpCase) {
		opt := temporal.Options{}
		if c.Settings != nil {
			if t, err := time.Parse("2006-01-02T15:04:05", c.Settings.RelativeBase.Datetime); err == nil {
				opt.Ref = t
			}
		}
		found := temporal.Find(c.Input, opt)
		var got []string
		for _, x := range found {
			got = append(got, describe(x))
		}
		switch c.Kind {
		case "search-finds-whole-string":
			var want string
			if json.Unmarshal(c.Expected, &want) != nil {
				return
			}
			s.Total++
			if len(found) == 1 && found[0].Text == strings.TrimSpace(want) {
				s.Passed++
			} else {
				s.Failures = append(s.Failures, Failure{Input: c.Input, Want: want, Got: strings.Join(got, "; ")})
			}
		case "search-and-parse":
			var want []struct {
				Text     string `json:"text"`
				Datetime string `json:"datetime"`
			}
			if json.Unmarshal(c.Expected, &want) != nil {
				return
			}
			for _, w := range want {
				s.Total++
				ok := false
				for _, x := range found {
					if x.Grain == temporal.Day && len(w.Datetime) >= 10 && x.Value == w.Datetime[:10] && strings.Contains(w.Text, x.Text) {
						ok = true
					}
				}
				if ok {
					s.Passed++
				} else {
					s.Failures = append(s.Failures, Failure{Input: w.Text, Want: w.Datetime, Got: strings.Join(got, "; ")})
				}
			}
		}
	})
	return []*Suite{s}, err
}

type rtCase struct {
	Spec     string `json:"spec"`
	Verified bool   `json:"resolution_verified"`
	Input    string `json:"Input"`
	Context  struct {
		Ref string `json:"ReferenceDateTime"`
	} `json:"Context"`
	Results []struct {
		Text  string `json:"Text"`
		Value struct {
			Timex  string            `json:"Timex"`
			Future map[string]string `json:"FutureResolution"`
			Past   map[string]string `json:"PastResolution"`
		} `json:"Value"`
	} `json:"Results"`
}

// Recognizers scores the Recognizers-Text DateParser and DatePeriodParser
// cases whose resolution a passing test checks. A result passes when an
// expression's value equals the TIMEX value, its future or past resolved
// date, or its interval starts on the resolved start date.
func Recognizers(ctx context.Context, r io.Reader) ([]*Suite, error) {
	s := &Suite{Name: "recognizers-text"}
	err := eachLine(ctx, r, func(c *rtCase) {
		if !c.Verified || (c.Spec != "DateParser" && c.Spec != "DatePeriodParser") {
			return
		}
		ref, err := time.Parse("2006-01-02T15:04:05", c.Context.Ref)
		if err != nil {
			return
		}
		found := temporal.Find(c.Input, temporal.Options{Ref: ref})
		var got []string
		for _, x := range found {
			got = append(got, describe(x))
		}
		for _, res := range c.Results {
			s.Total++
			ok := false
			for _, x := range found {
				if x.Value == "" {
					continue
				}
				a, _, _ := strings.Cut(x.Interval, "/")
				for _, m := range []map[string]string{res.Value.Future, res.Value.Past} {
					if m["date"] != "" && strings.HasPrefix(m["date"], x.Value) && x.Grain == temporal.Day {
						ok = true
					}
					if m["startDate"] != "" && (a == m["startDate"] || (len(a) == 7 && a+"-01" == m["startDate"]) || (x.Value+"-01" == m["startDate"] && x.Grain == temporal.Month) || (x.Value+"-01-01" == m["startDate"] && x.Grain == temporal.Year)) {
						ok = true
					}
				}
				if x.Value == res.Value.Timex {
					ok = true
				}
			}
			if ok {
				s.Passed++
			} else {
				s.Failures = append(s.Failures, Failure{Input: c.Input, Want: res.Text + " → " + res.Value.Timex, Got: strings.Join(got, "; ")})
			}
		}
	})
	return []*Suite{s}, err
}

// clockAt writes a time value of temporal ("T15:00", "2013-02-14T09:00")
// as "2013-02-14T09:00", on Duckling's reference day when it has no date;
// "" when it is not a time to the minute.
func clockAt(v string) string {
	if strings.HasPrefix(v, "T") {
		v = duckRef.Format(time.DateOnly) + v
	}
	if len(v) < 16 || v[10] != 'T' {
		return ""
	}
	return v[:16]
}

// clockEnd returns the exclusive end of the last step of a range that
// starts its last step at v ("2013-02-12T16:00" and an hour: 17:00).
func clockEnd(v string, step time.Duration) string {
	t, err := time.Parse("2006-01-02T15:04", v)
	if err != nil {
		return ""
	}
	return t.Add(step).Format("2006-01-02T15:04")
}
