package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestTrainEvalNER(t *testing.T) {
	data := filepath.Join("..", "..", "ner", "testdata", "tiny.conll")
	model := filepath.Join(t.TempDir(), "ner.bin")
	code, _, stderr := runCLI(t, "", "train", "ner", "--train", data, "--out", model, "--iter", "20")
	if code != 0 {
		t.Fatalf("train: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "wrote") {
		t.Errorf("train stderr %q", stderr)
	}
	code, stdout, stderr := runCLI(t, "", "eval", "ner", "--data", data, "--model", model, "--json")
	if code != 0 {
		t.Fatalf("eval: exit %d: %s", code, stderr)
	}
	var out struct {
		F1              float64                         `json:"f1"`
		ByType          map[string]struct{ F1 float64 } `json:"by_type"`
		TokensPerSecond float64                         `json:"tokens_per_second"`
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("output %q: %v", stdout, err)
	}
	// The model is scored on its own training data: it must fit it.
	if out.F1 != 100 || out.ByType["PER"].F1 != 100 || out.TokensPerSecond <= 0 {
		t.Errorf("eval = %+v", out)
	}
	code, stdout, _ = runCLI(t, "", "eval", "ner", "--data", data, "--model", model, "--types", "LOC")
	if code != 0 || !strings.Contains(stdout, "LOC") || strings.Contains(stdout, "PER ") {
		t.Errorf("eval --types LOC: exit %d\n%s", code, stdout)
	}
	for _, args := range [][]string{
		{"train", "ner"}, {"train", "ner", "--train", data}, {"train", "ner", "--train", data, "--out", model, "--groups", "bogus"},
		{"train", "ner", "--train", data, "--out", model, "--dropout", "1"},
		{"eval", "ner"}, {"eval", "ner", "--data", data, "extra"}, {"eval", "ner", "--bogus"},
	} {
		if code, _, _ := runCLI(t, "", args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, _, _ := runCLI(t, "", "eval", "ner", "--data", data, "--model", data); code != 1 {
		t.Errorf("eval with a non-model file: exit %d, want 1", code)
	}
}
