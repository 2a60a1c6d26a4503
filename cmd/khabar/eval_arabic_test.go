package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestEvalArabic(t *testing.T) {
	data := filepath.Join("..", "..", "internal", "evalarabic", "testdata", "example")
	code, stdout, stderr := runCLI(t, "", "eval", "arabic", "--data", data, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var out struct {
		Suites map[string]struct{ Passed, Total int }
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("output %q: %v", stdout, err)
	}
	if s := out.Suites["lucene-stem"]; s.Passed != 2 || s.Total != 3 {
		t.Errorf("lucene-stem = %+v, want 2/3", s)
	}
	code, stdout, stderr = runCLI(t, "", "eval", "arabic", "--data", data)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "lucene-stem") || !strings.Contains(stdout, "FAIL wrong-on-purpose") {
		t.Errorf("text report lacks the failure list:\n%s", stdout)
	}
	for _, args := range [][]string{{"eval", "arabic"}, {"eval", "arabic", "--data", data, "extra"}, {"eval", "arabic", "--bogus"}} {
		if code, _, _ := runCLI(t, "", args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, _, stderr := runCLI(t, "", "eval", "arabic", "--data", t.TempDir()); code != 1 || !strings.Contains(stderr, "no suite") {
		t.Errorf("empty data folder: exit %d, stderr %q", code, stderr)
	}
}
