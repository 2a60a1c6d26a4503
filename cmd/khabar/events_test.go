package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/internal/evalquotes"
	"github.com/khabar/khabar/quote"
	"github.com/khabar/khabar/quote/quotetest"
)

func callCmd(t *testing.T, f func(context.Context, *env, []string) error, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := f(context.Background(), &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}, args)
	return out.String(), errb.String(), err
}

var exampleGold = filepath.Join("..", "..", "examples", "qatar-nato-ici-2023-09-13.gold.json")

// goldAnalyze stands in for the pipeline: entities from the gold file.
func goldAnalyze(t *testing.T) func(context.Context, string, []byte) (*khabar.Analysis, error) {
	return func(_ context.Context, _ string, body []byte) (*khabar.Analysis, error) {
		g, _, err := quotetest.Load(exampleGold)
		if err != nil {
			return nil, err
		}
		a := quotetest.Analysis(string(body), g)
		a.Quotes = quote.Find(a)
		return a, nil
	}
}

func TestEvalQuotes(t *testing.T) {
	defer func(f func(context.Context, string, []byte) (*khabar.Analysis, error)) { evalAnalyze = f }(evalAnalyze)
	evalAnalyze = goldAnalyze(t)
	out, _, err := callCmd(t, cmdEvalQuotes, "", "--json", "--gold", exampleGold)
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Total evalquotes.Score `json:"total"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	if r.Total.Gold != 15 || r.Total.Matched != 15 || r.Total.Speaker != 15 || r.Total.Direct != 15 {
		t.Errorf("total = %+v, want 15 of 15 everywhere", r.Total)
	}
	out, _, err = callCmd(t, cmdEvalQuotes, "", exampleGold)
	if err != nil || !strings.Contains(out, "recall 100.0% (15/15)") {
		t.Errorf("text output %q, err %v", out, err)
	}
	t.Logf("khabar eval quotes %s (gold entities)\n%s", exampleGold, out)
}

func TestEvalQuotesPipeline(t *testing.T) {
	// With the real pipeline, whatever stages exist: it must run and score.
	out, _, err := callCmd(t, cmdEvalQuotes, "", exampleGold)
	if err != nil || !strings.Contains(out, "total: recall") {
		t.Errorf("output %q, err %v", out, err)
	}
	t.Logf("khabar eval quotes %s (pipeline)\n%s", exampleGold, out)
}

func TestEvalUsage(t *testing.T) {
	for _, c := range []struct {
		f    func(context.Context, *env, []string) error
		args []string
	}{
		{cmdEvalQuotes, nil},
		{cmdEvalQuotes, []string{"--nope"}},
		{cmdEvalEvents, nil},
		{cmdEvalEvents, []string{"--data", "x", "extra"}},
		{cmdExportPlover, []string{"--nope"}},
	} {
		_, _, err := callCmd(t, c.f, "", c.args...)
		var ue usageError
		if !errors.As(err, &ue) {
			t.Errorf("%v: err = %v, want a usage error", c.args, err)
		}
	}
	if _, _, err := callCmd(t, cmdEvalQuotes, "", "does-not-exist.gold.json"); err == nil || !strings.Contains(err.Error(), "does-not-exist") {
		t.Errorf("missing gold file: err = %v", err)
	}
	if _, _, err := callCmd(t, cmdEvalEvents, "", "--data", t.TempDir()); err == nil {
		t.Error("empty data dir: no error")
	}
}

// detectionCounts is evalevents.Counts as `khabar eval events --json` writes it.
type detectionCounts struct {
	TP, FP, FN, TN        int
	Precision, Recall, F1 float64
}

func TestEvalEvents(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "data", "upetrarch-arabic-events")
	if _, err := os.Stat(filepath.Join(dir, "events.jsonl")); err != nil {
		t.Skipf("UniversalPetrarch data not found at %s: %v", dir, err)
	}
	out, _, err := callCmd(t, cmdEvalEvents, "", "--data", dir, "--json")
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		TypePrecision float64 `json:"type_precision"`
		TypeRecall    float64 `json:"type_recall"`
		Detection     struct {
			Total  detectionCounts
			ByType map[string]detectionCounts `json:"by_type"`
		}
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.TypePrecision <= 0.77 || r.TypeRecall <= 0 || r.Detection.Total.TP == 0 {
		t.Errorf("report = %+v", r)
	}
	// Detection scores negative sentences too: each type has true
	// negatives, and its precision, recall and F1 follow from its counts.
	all := map[string]detectionCounts{"PROTEST": r.Detection.ByType["PROTEST"], "ASSAULT": r.Detection.ByType["ASSAULT"], "all": r.Detection.Total}
	for typ, c := range all {
		if c.TN == 0 || c.TP == 0 {
			t.Errorf("detection %s: %+v", typ, c)
			continue
		}
		p, rec := float64(c.TP)/float64(c.TP+c.FP), float64(c.TP)/float64(c.TP+c.FN)
		if math.Abs(c.Precision-p) > 1e-9 || math.Abs(c.Recall-rec) > 1e-9 || math.Abs(c.F1-2*p*rec/(p+rec)) > 1e-9 {
			t.Errorf("detection %s: %+v, want precision %.4f recall %.4f", typ, c, p, rec)
		}
	}
	text, _, err := callCmd(t, cmdEvalEvents, "", "--data", dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("khabar eval events --data %s\n%s", dir, text)
}

func TestExportPlover(t *testing.T) {
	g, txt, err := quotetest.Load(exampleGold)
	if err != nil {
		t.Fatal(err)
	}
	a := quotetest.Analysis(txt, g)
	b, _ := json.Marshal(a)
	in := string(b) + "\n" + string(b)
	out, _, err := callCmd(t, cmdExportPlover, in)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 8 || len(lines)%2 != 0 {
		t.Fatalf("%d PLOVER lines for two copies of the example", len(lines))
	}
	for _, l := range lines {
		var rec map[string]any
		if err := json.Unmarshal([]byte(l), &rec); err != nil || rec["event"] == nil || rec["id"] == nil {
			t.Fatalf("bad record %q: %v", l, err)
		}
	}
	if _, _, err := callCmd(t, cmdExportPlover, "{not json"); err == nil {
		t.Error("bad input: no error")
	}
}
