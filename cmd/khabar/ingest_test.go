package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabar/khabar/ingest"
	"github.com/khabar/khabar/sqlite"
)

// Small batches make the writer store while the workers analyze; every
// document must still be stored exactly once, and each batch committed.
func TestIngestSmallBatches(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	src := writeJSONL(t, 20)
	code, out, errOut := runCLI(t, "", "ingest", "--data", data, "--json", "--batch", "3", "--workers", "3", "-v", src)
	if code != 0 {
		t.Fatalf("ingest exit %d: %s", code, errOut)
	}
	var sum ingest.Summary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("summary %q: %v", out, err)
	}
	if sum.Read != 20 || sum.Stored != 20 || sum.Duplicates != 0 || sum.Skipped != 0 {
		t.Errorf("summary %+v, want 20 read and stored", sum)
	}
	if n := strings.Count(errOut, "msg=committed"); n < 7 {
		t.Errorf("%d commits logged, want at least 7 batches of at most 3:\n%s", n, errOut)
	}
	db, err := sqlite.OpenDir(context.Background(), data, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st, err := db.Stats(context.Background())
	if err != nil || st.Documents != 20 {
		t.Errorf("stats %+v, %v: want 20 documents", st, err)
	}
}

func TestIngestCPUProfile(t *testing.T) {
	dir := t.TempDir()
	src := writeJSONL(t, 3)
	prof := filepath.Join(dir, "cpu.prof")
	code, _, errOut := runCLI(t, "", "ingest", "--data", filepath.Join(dir, "data"), "--cpuprofile", prof, src)
	if code != 0 {
		t.Fatalf("ingest exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(prof)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte{0x1f, 0x8b}) { // pprof profiles are gzipped protocol buffers
		t.Errorf("profile of %d bytes does not look like a pprof profile", len(b))
	}
	code, _, errOut = runCLI(t, "", "ingest", "--data", filepath.Join(dir, "data"), "--cpuprofile", filepath.Join(dir, "none", "cpu.prof"), src)
	if code != 1 || !strings.Contains(errOut, "cpu profile") {
		t.Errorf("unwritable profile: exit %d, %q", code, errOut)
	}
}
