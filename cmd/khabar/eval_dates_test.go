package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestEvalDates(t *testing.T) {
	data := filepath.Join("..", "..", "internal", "evaldates", "testdata", "example")
	checkSuiteEval(t, "dates", data, "duckling-dates", 3, 4, "duckling-dates failures:", "الثلاثاء")
}

func TestEvalDatesNews(t *testing.T) {
	dir := filepath.Join("..", "..", "internal", "evaldates", "testdata", "news")
	gold, corpus := filepath.Join(dir, "dates.tsv"), filepath.Join(dir, "corpus.jsonl")
	code, stdout, stderr := runCLI(t, "", "eval", "dates", "--news", gold, "--corpus", corpus, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var out struct {
		Suites map[string]any
		News   struct {
			Total struct {
				Records int
				Overall struct{ Gold, Predicted, Correct int }
			}
		}
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("output %q: %v", stdout, err)
	}
	if tot := out.News.Total; out.Suites != nil || tot.Records != 3 || tot.Overall.Gold != 4 || tot.Overall.Correct != 3 {
		t.Errorf("JSON %s", stdout)
	}
	code, stdout, stderr = runCLI(t, "", "eval", "dates", "--news", gold, "--corpus", corpus, "--errors")
	if code != 0 || !strings.Contains(stdout, "all           4     4     3  0.750") || !strings.Contains(stdout, "wrong") {
		t.Errorf("exit %d, text report:\n%s%s", code, stdout, stderr)
	}
	// Both modes at once: the suites and the news score.
	data := filepath.Join("..", "..", "internal", "evaldates", "testdata", "example")
	code, stdout, _ = runCLI(t, "", "eval", "dates", "--data", data, "--news", gold, "--corpus", corpus)
	if code != 0 || !strings.Contains(stdout, "duckling-dates") || !strings.Contains(stdout, "3 records") {
		t.Errorf("exit %d, both modes:\n%s", code, stdout)
	}
	if code, _, stderr := runCLI(t, "", "eval", "dates", "--news", gold, "--corpus", filepath.Join(dir, "none.jsonl")); code != 1 || !strings.Contains(stderr, "none.jsonl") {
		t.Errorf("missing corpus: exit %d, stderr %q", code, stderr)
	}
}
