package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/internal/evalevents"
	"github.com/khabar/khabar/internal/evalquotes"
	"github.com/khabar/khabar/pipeline"
	"github.com/khabar/khabar/quote"
)

// evalAnalyze analyzes one article for the quote evaluation. It runs the
// pipeline and, while the pipeline does not run the quote stage itself,
// the quote finder on its result.
var evalAnalyze = func(ctx context.Context, name string, body []byte) (*khabar.Analysis, error) {
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		return nil, err
	}
	a, err := p.Analyze(ctx, khabar.RawDocument{Name: name, Body: body})
	if err != nil {
		return nil, err
	}
	if a.Quotes == nil {
		a.Quotes = quote.Find(a)
	}
	return a, nil
}

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// cmdEvalQuotes scores the quotes of the pipeline against gold files.
func cmdEvalQuotes(ctx context.Context, e *env, args []string) error {
	c := newFlagCmd(e, "eval quotes", "khabar eval quotes --gold FILE... [--json]")
	var golds stringList
	c.Var(&golds, "gold", "gold `FILE` (repeatable; further files may follow the flags)")
	if ok, err := c.parse(args, true); !ok {
		return err
	}
	golds = append(golds, c.Args()...)
	if len(golds) == 0 {
		return usagef("want at least one --gold FILE (usage: %s)", c.usage)
	}
	type fileScore struct {
		File  string           `json:"file"`
		Score evalquotes.Score `json:"score"`
	}
	var files []fileScore
	var total evalquotes.Score
	for _, name := range golds {
		if err := ctx.Err(); err != nil {
			return err
		}
		s, err := scoreQuotes(ctx, name)
		if err != nil {
			return err
		}
		files = append(files, fileScore{name, s})
		total.Add(s)
	}
	if c.json() {
		return c.writeJSON(struct {
			Files           []fileScore      `json:"files"`
			Total           evalquotes.Score `json:"total"`
			Recall          float64          `json:"recall"`
			Precision       float64          `json:"precision"`
			SpeakerAccuracy float64          `json:"speaker_accuracy"`
			DirectAccuracy  float64          `json:"direct_accuracy"`
		}{files, total, total.Recall(), total.Precision(), total.SpeakerAccuracy(), total.DirectAccuracy()})
	}
	var b strings.Builder
	for _, f := range files {
		fmt.Fprintf(&b, "%s: gold %d, found %d, matched %d, speaker %d, direct %d\n", f.File, f.Score.Gold, f.Score.Found,
			f.Score.Matched, f.Score.Speaker, f.Score.Direct)
	}
	fmt.Fprintf(&b, "total: recall %.1f%% (%d/%d), precision %.1f%% (gold files need not list every quote), speaker %.1f%%, direct flag %.1f%%\n",
		100*total.Recall(), total.Matched, total.Gold, 100*total.Precision(), 100*total.SpeakerAccuracy(), 100*total.DirectAccuracy())
	for _, m := range total.Misses {
		fmt.Fprintf(&b, "missed: %s: %s\n", m.Speaker, m.Text)
	}
	_, err := io.WriteString(e.stdout, b.String())
	return err
}

// scoreQuotes analyzes the article of one gold file and scores its quotes.
func scoreQuotes(ctx context.Context, name string) (evalquotes.Score, error) {
	g, art, body, err := readGoldArticle(name, evalquotes.ReadGold, func(g *evalquotes.GoldFile) string { return g.File })
	if err != nil {
		return evalquotes.Score{}, err
	}
	a, err := evalAnalyze(ctx, art, body)
	if err != nil {
		return evalquotes.Score{}, fmt.Errorf("%s: %w", art, err)
	}
	return evalquotes.Evaluate(a, g.Quotes), nil
}

// cmdEvalEvents scores event types on the UniversalPetrarch Arabic gold
// standard: the type found in its 645 event sentences, and sentence-level
// detection against the coders' votes, negatives included.
func cmdEvalEvents(ctx context.Context, e *env, args []string) error {
	c := newFlagCmd(e, "eval events", "khabar eval events --data DIR [--json] [--errors N]")
	data := c.required("data", "the upetrarch-arabic-events `DIR` (events.jsonl, detection.jsonl)")
	errs := c.Int("errors", 0, "print up to `N` missed and N wrongly typed sentences for error analysis")
	if ok, err := c.parse(args, false); !ok {
		return err
	}
	typed, err := evalevents.ReadUPetrarchEvents(*data)
	if err != nil {
		return err
	}
	tr, err := evalevents.EvaluateTypes(ctx, typed)
	if err != nil {
		return err
	}
	labeled, err := evalevents.ReadUPetrarch(*data)
	if err != nil {
		return err
	}
	dr, err := evalevents.EvaluateDetection(ctx, labeled)
	if err != nil {
		return err
	}
	if c.json() {
		return c.writeJSON(struct {
			Types         *evalevents.TypeReport      `json:"types"`
			TypePrecision float64                     `json:"type_precision"`
			TypeRecall    float64                     `json:"type_recall"`
			Detection     *evalevents.DetectionReport `json:"detection"`
		}{tr, tr.Precision(), tr.Recall(), dr})
	}
	var b bytes.Buffer
	b.WriteString("Event type on the gold event sentences (events.jsonl, event sentences only, no negatives;\n" +
		"not comparable with UniversalPetrarch's 68% correct, which also requires exact source and target actor codes):\n")
	if err := tr.WriteText(&b); err != nil {
		return err
	}
	b.WriteString("\nSentence-level detection against the coders' votes, negative sentences included (detection.jsonl + events.jsonl; yes vs easy/difficult no):\n")
	if err := dr.WriteText(&b); err != nil {
		return err
	}
	for i, o := range tr.Misses {
		if i >= *errs {
			break
		}
		fmt.Fprintf(&b, "missed %s: %s\n", o.Type, o.Text)
	}
	for i, o := range tr.Wrongs {
		if i >= *errs {
			break
		}
		fmt.Fprintf(&b, "wrong %s found %v: %s\n", o.Type, o.Found, o.Text)
	}
	_, err = e.stdout.Write(b.Bytes())
	return err
}
