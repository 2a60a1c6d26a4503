package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
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

// TestSearchExplains checks what khabar search says about a query: the
// entity each entity: or place: value was taken to name, the order of a
// query without words, AND as an operator, and errors in the user's
// terms.
func TestSearchExplains(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if code, _, errOut := runCLI(t, "", "ingest", "--data", data, writeJSONL(t, 6)); code != 0 {
		t.Fatalf("ingest exit %d: %s", code, errOut)
	}
	tests := []struct {
		args []string
		code int
		want []string // in the output, in order
	}{
		{[]string{"place:Riyadh"}, 0, []string{"place:Riyadh → الرياض (kb:city:SA:riyadh, LOC, 6 documents; by its English name in the knowledge base)",
			"results, newest first, 1–"}},
		{[]string{"--json", "entity:Riyadh"}, 0, []string{`"order": "newest"`, `"resolved": [`, `"key": "kb:city:SA:riyadh"`, `"via": "kb_english"`}},
		{[]string{"entity:لاأحد"}, 0, []string{`entity:لاأحد: no stored entity is named "لاأحد", and the knowledge base does not know the name`, "0 results"}},
		{[]string{`entity:"حلف شمال الأطلسي"`}, 0, []string{`entity:"حلف شمال الأطلسي": the knowledge base knows`, "(org:nato)"}},
		{[]string{"اجتماع AND الرياض"}, 0, []string{"6 results, 1–6:", "score "}},
		{[]string{"ا*"}, 2, []string{"the prefix ا* is too short: give at least 2 letters"}},
		{[]string{"في"}, 2, []string{"nothing to search for: في is a word too common to be indexed"}},
		{[]string{"--recency", "NaNd", "اجتماع"}, 2, []string{`--recency "NaNd": not a number of days`}},
		{[]string{"--recency", "-3d", "اجتماع"}, 2, []string{`negative`}},
	}
	for _, tc := range tests {
		code, out, errOut := runCLI(t, "", append([]string{"search", "--data", data, "--facets", "0"}, tc.args...)...)
		got := out + errOut
		if code != tc.code {
			t.Errorf("search %q: exit %d, want %d: %s", tc.args, code, tc.code, got)
			continue
		}
		rest := got
		for _, w := range tc.want {
			i := strings.Index(rest, w)
			if i < 0 {
				t.Errorf("search %q: output lacks %q (in order):\n%s", tc.args, w, got)
				break
			}
			rest = rest[i+len(w):]
		}
		for _, leak := range []string{"sqlite", "postgres"} {
			if strings.Contains(got, leak) {
				t.Errorf("search %q: output names the backend:\n%s", tc.args, got)
			}
		}
	}
}
