package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/khabar/khabar/internal/pgtest"
	"github.com/khabar/khabar/internal/scalebench"
)

func TestParseSizes(t *testing.T) {
	tests := []struct {
		in      string
		want    []int
		wantErr string
	}{
		{"2000", []int{2000}, ""},
		{"30k,100k,300k,1m", []int{30000, 100000, 300000, 1000000}, ""},
		{" 1.5m ,2M", []int{1500000, 2000000}, ""},
		{"30k,30k", nil, "ascend"},
		{"100k,30k", nil, "ascend"},
		{"", nil, "not a size"},
		{"x", nil, "not a size"},
		{"-5", nil, "not a size"},
		{"0.0001", nil, "not a size"},
		{"5000m", nil, "not a size"},
	}
	for _, tt := range tests {
		got, err := parseSizes(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("parseSizes(%q) = %v, %v; want an error with %q", tt.in, got, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("parseSizes(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseSpan(t *testing.T) {
	tests := []struct {
		in, from, to string // from "": an error
	}{
		{"2005-01-01,2025-12-31", "2005-01-01", "2025-12-31"},
		{" 2015-08-12 , 2015-08-12", "2015-08-12", "2015-08-12"},
		{"2015-08-12", "", ""},
		{"2015-09-22,2015-08-12", "", ""},
		{"2015-08-12,tomorrow", "", ""},
		{",", "", ""},
	}
	for _, tt := range tests {
		from, to, err := parseSpan(tt.in)
		if tt.from == "" {
			if err == nil {
				t.Errorf("parseSpan(%q) = %v, %v; want an error", tt.in, from, to)
			}
			continue
		}
		if err != nil || from.Format(time.DateOnly) != tt.from || to.Format(time.DateOnly) != tt.to {
			t.Errorf("parseSpan(%q) = %v, %v, %v; want %s, %s", tt.in, from, to, err, tt.from, tt.to)
		}
	}
}

func TestBenchScaleUsage(t *testing.T) {
	for _, args := range [][]string{
		{"--data", t.TempDir()},
		{"--sizes", "2k"},
		{"--sizes", "2k", "--data", t.TempDir(), "--backend", "mysql"},
		{"--sizes", "2k", "--data", t.TempDir(), "--dup-rate", "2"},
		{"--sizes", "2k", "--data", t.TempDir(), "--backend", "postgres"},
		{"--sizes", "2k", "--data", t.TempDir(), "--backend", "postgres", "--db", "/tmp/x.db"},
		{"--sizes", "2k", "--data", t.TempDir(), "--db", "postgres://localhost/x"},
		{"--sizes", "2k", "--data", t.TempDir(), "--writers", "-1"},
		{"--sizes", "2k", "--data", t.TempDir(), "--writers", "4", "--writer-batch", "0"},
		{"--sizes", "2k", "--data", t.TempDir(), "--resume", "1000"},
		{"--sizes", "2k", "--data", t.TempDir(), "--span", "2015-08-12"},
		{"--sizes", "2k", "--data", t.TempDir(), "--span", "2015-08-12,2015-02-30"},
		{"--sizes", "2k", "--data", t.TempDir(), "--span", "2015-09-22,2015-08-12"},
		{"--sizes", "2k", "--data", t.TempDir(), "--backend", "postgres", "--db", "postgres://localhost/x", "--resume", "2000"},
	} {
		var out, errb strings.Builder
		err := cmdBenchScale(t.Context(), &env{stdout: &out, stderr: &errb}, args)
		if _, ok := err.(usageError); !ok {
			t.Errorf("bench scale %v: %v, want a usage error", args, err)
		}
	}
}

func TestBenchProbeUsage(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"--data", t.TempDir(), "--db", "postgres://localhost/x"},
		{"--db", "mysql://localhost/x"},
	} {
		var out, errb strings.Builder
		err := cmdBenchProbe(t.Context(), &env{stdin: strings.NewReader("[]"), stdout: &out, stderr: &errb}, args)
		if _, ok := err.(usageError); !ok {
			t.Errorf("bench probe %v: %v, want a usage error", args, err)
		}
	}
}

// TestBenchScalePostgres is the PostgreSQL smoke of bench scale: a few
// articles made from the example's paragraphs, grown to 40 documents on
// a throwaway server with 2 concurrent writers.
func TestBenchScalePostgres(t *testing.T) {
	srv := pgtest.New(t) // skips without PostgreSQL's binaries
	url := srv.NewDB(t)
	text, err := os.ReadFile("../../examples/qatar-nato-ici-2023-09-13.txt")
	if err != nil {
		t.Fatal(err)
	}
	var paras []string
	for p := range strings.SplitSeq(string(text), "\n") {
		if len([]rune(p)) > 80 {
			paras = append(paras, strings.TrimSpace(p))
		}
	}
	dir := t.TempDir()
	var recs bytes.Buffer
	enc := json.NewEncoder(&recs)
	for i := range 8 {
		rec := map[string]string{"source": "example", "url": fmt.Sprintf("https://example.com/%d", i),
			"date_extracted": "2023-09-13 10:00:00", "title": fmt.Sprintf("خبر %d عن الناتو", i),
			"content": strings.Join([]string{paras[i%len(paras)], paras[(i+1)%len(paras)], paras[(i+2)%len(paras)]}, "\n")}
		if err := enc.Encode(rec); err != nil {
			t.Fatal(err)
		}
	}
	real := filepath.Join(dir, "real.jsonl")
	if err := os.WriteFile(real, recs.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "scale.json")
	code, _, stderr := runCLI(t, "", "bench", "scale", "--backend", "postgres", "--db", url, "--data", dir,
		"--sizes", "20,40", "--real", real, "--extra", "none", "--sample", "1", "--n", "3",
		"--writers", "2", "--writer-docs", "10", "--writer-batch", "4", "--inproc", "--out", out, "--sets", filepath.Join(dir, "sets.json"),
		"--queries", "../../sqlite/testdata/bench-queries.txt")
	if code != 0 {
		t.Fatalf("bench scale --backend postgres: exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var rep scalebench.Report
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Backend != "postgres" || len(rep.Steps) != 2 {
		t.Fatalf("report: backend %q, %d steps; want postgres, 2", rep.Backend, len(rep.Steps))
	}
	last := rep.Steps[1]
	if last.Size != 40 || last.Real != 7 || last.WritersN != 10 || last.WritersRate <= 0 || last.DiskMB <= 0 || last.Probe == nil {
		t.Fatalf("last step: %+v", last)
	}
	if r := last.Probe.Set(scalebench.SetMixed); r == nil || r.Queries == 0 || r.Errors > 0 || r.Hits == 0 {
		t.Errorf("mixed queries at 40 documents: %+v", r)
	}
	// The query sets written by --sets measure the store again.
	sets, err := os.ReadFile(filepath.Join(dir, "sets.json"))
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, string(sets), "bench", "probe", "--db", url)
	var res scalebench.ProbeResult
	if code != 0 || json.Unmarshal([]byte(stdout), &res) != nil || len(res.Sets) != 5 {
		t.Errorf("bench probe --db with the sets of --sets: exit %d, stdout %.300s, stderr %s", code, stdout, stderr)
	}
	// A second run refuses the database that now holds documents.
	if code, _, stderr := runCLI(t, "", "bench", "scale", "--backend", "postgres", "--db", url, "--data", dir,
		"--sizes", "20", "--real", real, "--extra", "none", "--sample", "1"); code == 0 || !strings.Contains(stderr, "already holds") {
		t.Errorf("bench scale on a used database: exit %d, stderr %q", code, stderr)
	}
}

func TestBenchPlotVs(t *testing.T) {
	dir := t.TempDir()
	write := func(name, backend string, p50 float64) string {
		rep := scalebench.Report{Backend: backend, Steps: []scalebench.Step{{Size: 30000, Probe: &scalebench.ProbeResult{
			Sets: []scalebench.SetResult{{Name: scalebench.SetMixed, Queries: 100, P50MS: p50, P99MS: 4 * p50}}}}}}
		path := filepath.Join(dir, name)
		if err := writeJSONFile(path, rep); err != nil {
			t.Fatal(err)
		}
		return path
	}
	pg, lite := write("pg.json", "postgres", 6), write("lite.json", "sqlite", 2)
	code, stdout, stderr := runCLI(t, "", "bench", "plot", "--in", pg, "--vs", lite)
	if code != 0 || !strings.Contains(stdout, "| 30k | mixed | 6.00 | 2.00 | 3.0× | 24.0 | 8.00 |") {
		t.Errorf("bench plot --vs: exit %d, stdout:\n%s\nstderr %s", code, stdout, stderr)
	}
	if code, _, _ := runCLI(t, "", "bench", "plot", "--in", pg, "--vs", filepath.Join(dir, "none.json")); code == 0 {
		t.Error("bench plot --vs a missing file succeeded")
	}
}
