package main

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

func TestSearchQueriesBench(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if code, _, errOut := runCLI(t, "", "ingest", "--data", data, writeJSONL(t, 12)); code != 0 {
		t.Fatalf("ingest exit %d: %s", code, errOut)
	}
	queries := filepath.Join(t.TempDir(), "q.txt")
	if err := os.WriteFile(queries, []byte("# comment\nاجتماع\n\n\"وزراء الخارجية\" source:qna\nكلمةغيرموجودة\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	prof := filepath.Join(t.TempDir(), "cpu.prof")
	code, out, errOut := runCLI(t, "", "search", "--data", data, "--queries", queries, "--cpuprofile", prof)
	if code != 0 {
		t.Fatalf("search --queries exit %d: %s", code, errOut)
	}
	for _, re := range []string{
		`search index loaded in \S+\n`,
		`postings cache: \d+ terms, \d+ postings, \S+ MB\n`,
		`3 queries, 18 total hits: mean \S+  p50 \S+  p90 \S+  p99 \S+  max \S+\n`,
		`slowest: .+ \(\S+\), .+ \(\S+\), .+ \(\S+\)\n`,
	} {
		if !regexp.MustCompile(re).MatchString(out) {
			t.Errorf("output lacks %s:\n%s", re, out)
		}
	}
	if fi, err := os.Stat(prof); err != nil || fi.Size() == 0 {
		t.Errorf("no CPU profile: %v", err)
	}
	if code, _, errOut := runCLI(t, "", "search", "--data", data, "--queries", queries, "x"); code != 2 {
		t.Errorf("--queries with a query: exit %d %s", code, errOut)
	}
}
