package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/khabar/khabar/ingest"
	"github.com/khabar/khabar/sqlite"
)

// writeJSONL writes n small distinct articles and returns the path.
func writeJSONL(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "news.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(f)
	for i := 0; i < n; i++ {
		enc.Encode(map[string]string{
			"url":     fmt.Sprintf("http://example.test/%d", i),
			"title":   fmt.Sprintf("اجتماع وزراء الخارجية رقم %d", i),
			"content": fmt.Sprintf("عقد وزراء الخارجية اجتماعهم رقم %d في الرياض لبحث التعاون الاقتصادي.", i),
			"source":  []string{"qna", "spa"}[i%2],
			"date":    fmt.Sprintf("2015-07-%02d", 1+i%28),
		})
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestIngestAndSearch(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	src := writeJSONL(t, 20)
	code, out, errOut := runCLI(t, "", "ingest", "--data", data, "--json", src, filepath.Join("..", "..", "ingest", "testdata", "corpus"))
	if code != 0 {
		t.Fatalf("ingest exit %d: %s", code, errOut)
	}
	var sum ingest.Summary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("summary %q: %v", out, err)
	}
	if sum.Stored < 20 || sum.Skipped < 5 || sum.Reasons["unreadable record"] < 5 {
		t.Errorf("summary %+v: want 20+ stored and the corpus' bad records skipped", sum)
	}
	code, out, errOut = runCLI(t, "", "ingest", "--data", data, src)
	if code != 0 || !strings.Contains(out, "stored 0, duplicates 20") {
		t.Errorf("re-ingest exit %d: %s %s", code, out, errOut)
	}

	code, out, errOut = runCLI(t, "", "search", "--data", data, "--limit", "3", "الاجتماعات", "source:qna")
	if code != 0 {
		t.Fatalf("search exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "10 results, 1–3:") || !strings.Contains(out, "«اجتماعهم»") || !strings.Contains(out, "sources: qna (10)") {
		t.Errorf("search output:\n%s", out)
	}
	code, out, _ = runCLI(t, "", "search", "--data", data, "--json", "--facets", "0", `"وزراء الخارجية" -الرياض`)
	if code != 0 || !strings.Contains(out, `"total": 0`) {
		t.Errorf("json search: %d %s", code, out)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"search", "--data", data}, 2, "needs a QUERY"},
		{[]string{"search", "--data", data, "*"}, 2, "empty query"},
		{[]string{"search", "--data", data, "-source:x"}, 2, "cannot be excluded"},
		{[]string{"search", "--data", data, "--recency", "soon", "x"}, 2, "not a duration"},
		{[]string{"search", "--data", filepath.Join(data, "none"), "x"}, 1, "no store"},
		{[]string{"search", "--data", data, `NEAR(" column:*`}, 0, "results"},
		{[]string{"ingest", "--data", data}, 2, "at least one PATH"},
	} {
		code, out, errOut := runCLI(t, "", tc.args...)
		if code != tc.code || !strings.Contains(out+errOut, tc.want) {
			t.Errorf("%v: exit %d, output %q %q; want %d and %q", tc.args, code, out, errOut, tc.code, tc.want)
		}
	}
}

// TestIngestHelperProcess is the child of TestIngestSurvivesKill.
func TestIngestHelperProcess(t *testing.T) {
	if os.Getenv("KHABAR_INGEST_HELPER") != "1" {
		t.Skip("helper process for TestIngestSurvivesKill")
	}
	args := strings.Split(os.Getenv("KHABAR_INGEST_ARGS"), "\x1f")
	os.Exit(run(context.Background(), args, &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}))
}

// TestIngestSurvivesKill kills an ingest with SIGKILL after some batches
// were reported committed, checks that they are all there, re-runs the
// ingest and checks that every document is stored exactly once.
func TestIngestSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	const n = 600
	data := filepath.Join(t.TempDir(), "data")
	src := writeJSONL(t, n)
	args := []string{"ingest", "--data", data, "--batch", "5", "--workers", "1", "-v", src}
	cmd := exec.Command(os.Args[0], "-test.run=^TestIngestHelperProcess$")
	cmd.Env = append(os.Environ(), "KHABAR_INGEST_HELPER=1", "KHABAR_INGEST_ARGS="+strings.Join(args, "\x1f"))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`msg=committed .*stored_total=(\d+)`)
	reported := 0
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		if m := re.FindStringSubmatch(sc.Text()); m != nil {
			reported, _ = strconv.Atoi(m[1])
			if reported >= 20 {
				cmd.Process.Signal(syscall.SIGKILL)
				break
			}
		}
	}
	go func() {
		for sc.Scan() {
		}
	}()
	err = cmd.Wait()
	ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("child was not killed (err %v); reported %d stored", err, reported)
	}
	if reported == 0 || reported >= n {
		t.Fatalf("killed after %d of %d documents; want mid-way", reported, n)
	}

	ctx := context.Background()
	db, err := sqlite.OpenDir(ctx, data, sqlite.Options{})
	if err != nil {
		t.Fatalf("reopening after kill: %v", err)
	}
	st, err := db.Stats(ctx)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents < reported {
		t.Fatalf("after kill: %d documents stored, but %d were reported stored", st.Documents, reported)
	}
	t.Logf("killed after %d reported, %d in the store", reported, st.Documents)

	deadline, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	for round := 0; round < 2; round++ {
		var out, errb strings.Builder
		code := run(deadline, []string{"ingest", "--data", data, src}, &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb})
		if code != 0 {
			t.Fatalf("re-run %d: exit %d: %s", round, code, errb.String())
		}
		want := fmt.Sprintf("stored %d, duplicates %d, skipped 0", n-st.Documents, st.Documents)
		if round == 1 {
			want = fmt.Sprintf("stored 0, duplicates %d, skipped 0", n)
		}
		if !strings.Contains(out.String(), want) {
			t.Errorf("re-run %d: %q, want %q", round, out.String(), want)
		}
	}
	db, err = sqlite.OpenDir(ctx, data, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if st, err = db.Stats(ctx); err != nil || st.Documents != n {
		t.Fatalf("after re-run: %d documents (%v), want %d", st.Documents, err, n)
	}
	for i := 0; i < n; i++ {
		if _, err := db.Lookup(ctx, fmt.Sprintf("http://example.test/%d", i)); err != nil {
			t.Errorf("document %d: %v", i, err)
		}
	}
}
