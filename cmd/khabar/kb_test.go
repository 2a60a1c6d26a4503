package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/link"
)

func TestKBLookup(t *testing.T) {
	tests := []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"kb", "lookup", "للناتو"}, 0, "org:nato"},
		{[]string{"kb", "lookup", "مجلس", "التعاون", "الخليجي"}, 0, "org:gcc"},
		{[]string{"kb", "lookup", "--json", "NAC"}, 0, `"parent": "org:nato"`},
		{[]string{"kb", "lookup", "لا يوجد أبدا"}, 1, ""},
		{[]string{"kb", "lookup"}, 2, ""},
		{[]string{"kb"}, 2, ""},
		{[]string{"kb", "stats"}, 0, "countries and territories"},
	}
	for _, tt := range tests {
		code, out, errOut := runCLI(t, "", tt.args...)
		if code != tt.code || !strings.Contains(out, tt.out) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit %d and %q", tt.args, code, out, errOut, tt.code, tt.out)
		}
	}
}

func TestEvalEntities(t *testing.T) {
	old := analyzeForEval
	defer func() { analyzeForEval = old }()
	// Stand in for the pipeline: link over tagger spans taken from the
	// names the gold file lists for this article.
	analyzeForEval = func(_ context.Context, _ string, body []byte) (*khabar.Analysis, error) {
		text := string(body)
		res := link.Resolve(text, arabic.Tokenize(text), nil, nil)
		return &khabar.Analysis{Schema: khabar.Schema, Text: text, Entities: res.Entities}, nil
	}
	gold := filepath.Join("..", "..", "internal", "evalentities", "testdata", "gold.json")
	code, out, errOut := runCLI(t, "", "eval", "entities", "--json", "--gold", gold)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep struct {
		Files   int `json:"files"`
		All     struct{ TP, FP, FN int }
		Linking struct{ Correct, Total int }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	// Without tagger spans, the knowledge base finds NATO and Qatar (and
	// links both); the person and Brussels are missed.
	if rep.Files != 1 || rep.All.TP != 2 || rep.All.FP != 0 || rep.Linking.Correct != 2 || rep.Linking.Total != 3 {
		t.Errorf("report %+v from %s", rep, out)
	}
	code, out, _ = runCLI(t, "", "eval", "entities", "-v", gold)
	if code != 0 || !strings.Contains(out, "missed PER") {
		t.Errorf("text report: exit %d, %q", code, out)
	}
	for _, args := range [][]string{{"eval", "entities"}, {"eval", "entities", "--nope"}} {
		if code, _, _ := runCLI(t, "", args...); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
	}
	if code, _, _ := runCLI(t, "", "eval", "entities", "no-such.gold.json"); code != 1 {
		t.Errorf("missing gold file: exit %d, want 1", code)
	}
}
