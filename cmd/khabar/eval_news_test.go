package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabar/khabar/internal/shareddata"
)

// TestEvalNewsTestdata runs eval news on the package's synthetic records.
func TestEvalNewsTestdata(t *testing.T) {
	dir := filepath.Join("..", "..", "internal", "evalnews", "testdata")
	gold, data := filepath.Join(dir, "gold.jsonl"), filepath.Join(dir, "news.jsonl")
	code, stdout, stderr := runCLI(t, "", "eval", "news", "--gold", gold, "--data", data, "--errors")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, s := range []string{"2 article(s) in 1 file(s)", "speaker accuracy, matched quotes", "errors (line kind type text):"} {
		if !strings.Contains(stdout, s) {
			t.Errorf("text report lacks %q:\n%s", s, stdout)
		}
	}
	code, stdout, stderr = runCLI(t, "", "eval", "news", "--data", data, "--json", gold)
	if code != 0 {
		t.Fatalf("--json: exit %d: %s", code, stderr)
	}
	var rep struct {
		Total struct {
			Articles int
			Entities struct{ TP, FN int }
		}
		Articles []struct{ Line int }
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("output %q: %v", stdout, err)
	}
	if rep.Total.Articles != 2 || rep.Total.Entities.TP+rep.Total.Entities.FN != 14 || len(rep.Articles) != 2 {
		t.Errorf("report %+v", rep)
	}
	for _, args := range [][]string{{"eval", "news"}, {"eval", "news", "--data", data}, {"eval", "news", "--bogus"}} {
		if code, _, _ := runCLI(t, "", args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, _, stderr := runCLI(t, "", "eval", "news", "--gold", gold, "--data", filepath.Join(t.TempDir(), "x.gz")); code != 1 ||
		!strings.Contains(stderr, "news corpus") {
		t.Errorf("missing corpus: exit %d, stderr %q", code, stderr)
	}
}

// TestEvalNewsDev runs eval news on the dev half of the real-news gold
// set with the default corpus path (../shared beside the repository).
func TestEvalNewsDev(t *testing.T) {
	shareddata.Path(t, shareddata.SaudiNewsNetName)
	golds, err := filepath.Glob(filepath.Join("..", "..", "docs", "news-gold", "dev-*.jsonl"))
	if err != nil || len(golds) == 0 {
		t.Skipf("no docs/news-gold/dev-*.jsonl yet (%v)", err)
	}
	code, stdout, stderr := runCLI(t, "", append([]string{"eval", "news", "--json"}, golds...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep struct {
		Total struct {
			Articles int
			Entities struct{ TP, FN int }
		}
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("output: %v", err)
	}
	if rep.Total.Articles == 0 || rep.Total.Entities.TP+rep.Total.Entities.FN == 0 {
		t.Errorf("report %+v: no article or no gold mention", rep.Total)
	}
	t.Logf("%d articles, %d of %d gold mentions found", rep.Total.Articles, rep.Total.Entities.TP, rep.Total.Entities.TP+rep.Total.Entities.FN)
}
