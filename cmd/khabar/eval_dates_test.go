package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestEvalDates(t *testing.T) {
	data := filepath.Join("..", "..", "internal", "evaldates", "testdata", "example")
	code, stdout, stderr := runCLI(t, "", "eval", "dates", "--data", data, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var out struct {
		Suites map[string]struct{ Passed, Total int }
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("output %q: %v", stdout, err)
	}
	if s := out.Suites["duckling-dates"]; s.Passed != 3 || s.Total != 4 {
		t.Errorf("duckling-dates = %+v, want 3/4", s)
	}
	code, stdout, stderr = runCLI(t, "", "eval", "dates", "--data", data)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "duckling-dates failures:") || !strings.Contains(stdout, "الثلاثاء") {
		t.Errorf("text report lacks the failure list:\n%s", stdout)
	}
	for _, args := range [][]string{{"eval", "dates"}, {"eval", "dates", "--data", data, "extra"}, {"eval", "dates", "--bogus"}} {
		if code, _, _ := runCLI(t, "", args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, _, stderr := runCLI(t, "", "eval", "dates", "--data", t.TempDir()); code != 1 || !strings.Contains(stderr, "no suite") {
		t.Errorf("empty data folder: exit %d, stderr %q", code, stderr)
	}
}
