package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/khabar/khabar/ingest"
	"github.com/khabar/khabar/pipeline"
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

// TestIngestExitStatus checks the rule of the exit status: 1 when an
// input failed entirely, 0 when every input gave something (stored, or
// stored already), bad records among good ones included.
func TestIngestExitStatus(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := writeJSONL(t, 3)
	mixed := write("mixed.jsonl", `{"url":"http://example.test/m1","content":"عقد المجلس اجتماعه الدوري في جدة لبحث خطط العام."}`+"\n[1,2]\n")
	bad := write("bad.jsonl", "[1,2]\n{\"text\": 5}\nnot json\n")
	empty := write("empty.jsonl", "")
	notes := write("notes.md", "# ملاحظات")
	missing := filepath.Join(dir, "nonexistent", "path.jsonl")
	tests := []struct {
		name   string
		paths  []string
		code   int
		failed []string // inputs reported failed
	}{
		{"missing file", []string{missing}, 1, []string{missing}},
		{"good file", []string{good}, 0, nil},
		{"good file again (duplicates)", []string{good}, 0, nil},
		{"bad record among good ones", []string{mixed}, 0, nil},
		{"every record bad", []string{bad}, 1, []string{bad}},
		{"unsupported file named", []string{notes}, 1, []string{notes}},
		{"empty file", []string{empty}, 0, nil},
		{"a good and a missing input", []string{good, missing}, 1, []string{missing}},
		{"a directory with good files", []string{filepath.Join("..", "..", "ingest", "testdata", "corpus")}, 0, nil},
	}
	data := filepath.Join(t.TempDir(), "data")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"ingest", "--data", data, "--json"}, tt.paths...)
			code, out, errOut := runCLI(t, "", args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr %q", code, tt.code, errOut)
			}
			var sum ingest.Summary
			if err := json.Unmarshal([]byte(out), &sum); err != nil {
				t.Fatalf("summary %q: %v", out, err)
			}
			ok := len(sum.Failed) == len(tt.failed)
			for i := 0; ok && i < len(tt.failed); i++ {
				ok = strings.HasPrefix(sum.Failed[i], tt.failed[i]+":")
			}
			if !ok {
				t.Errorf("failed inputs %q, want %q", sum.Failed, tt.failed)
			}
			if tt.code == 1 && !strings.Contains(errOut, "inputs failed entirely") {
				t.Errorf("stderr %q does not say that inputs failed", errOut)
			}
		})
	}
	// The text summary names the failed input and why.
	code, out, _ := runCLI(t, "", "ingest", "--data", data, missing)
	if code != 1 || !strings.Contains(out, "stored 0, duplicates 0, skipped 1") || !strings.Contains(out, "failed: "+missing+": no such file or directory\n") {
		t.Errorf("missing file: exit %d, summary %q", code, out)
	}
}

// TestIngestSummaryNotTerminal checks what an ingest writes when its
// output is not a terminal: no progress line or control characters on
// stderr, and one summary line on stdout.
func TestIngestSummaryNotTerminal(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	code, out, errOut := runCLI(t, "", "ingest", "--data", data, writeJSONL(t, 4))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if errOut != "" {
		t.Errorf("stderr %q, want nothing off a terminal", errOut)
	}
	re := regexp.MustCompile(`^read 4, stored 4, duplicates 0, skipped 0 in [0-9.]+m?s \(\d+ documents/s\)\n$`)
	if !re.MatchString(out) {
		t.Errorf("summary %q does not match %s", out, re)
	}
	if strings.ContainsAny(out, "\r\x1b") {
		t.Errorf("summary %q holds control characters", out)
	}
}

// TestIngestProgressLine runs an ingest with the terminal's progress
// line drawn into a buffer and checks its last state.
func TestIngestProgressLine(t *testing.T) {
	src := writeJSONL(t, 5)
	fi, err := os.Stat(src)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	db, err := sqlite.OpenDir(ctx, filepath.Join(t.TempDir(), "data"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	g := &ingester{db: db, p: p, log: slog.New(slog.NewTextHandler(io.Discard, nil)), batchSize: 2, workers: 2,
		progress: newProgress(&buf, []string{src})}
	if _, err := g.run(ctx, []string{src}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasSuffix(out, "\n") {
		t.Fatalf("progress %q does not end its line", out)
	}
	last := out[strings.LastIndex(out, "\r\x1b[K")+len("\r\x1b[K") : len(out)-1]
	want := "read 5  stored 5  duplicates 0  skipped 0  "
	size := fmt.Sprintf("  %s of %s (100%%)", byteSize(fi.Size()), byteSize(fi.Size()))
	if !strings.HasPrefix(last, want) || !strings.HasSuffix(last, size) {
		t.Errorf("last progress line %q, want %q…%q", last, want, size)
	}
}

func TestProgressLine(t *testing.T) {
	s := ingest.Summary{Read: 1200, Stored: 1000, Duplicates: 150, Skipped: 50}
	tests := []struct {
		elapsed     time.Duration
		read, total int64
		want        string
	}{
		{0, 0, 0, "read 1200  stored 1000  duplicates 150  skipped 50"},
		{4 * time.Second, 0, 0, "read 1200  stored 1000  duplicates 150  skipped 50  300/s"},
		{4 * time.Second, 25_000_000, 100_000_000, "read 1200  stored 1000  duplicates 150  skipped 50  300/s  25.0 MB of 100.0 MB (25%)  ETA 12s"},
		{500 * time.Millisecond, 500, 1000, "read 1200  stored 1000  duplicates 150  skipped 50  2400/s  500 B of 1.0 kB (50%)"},
		{10 * time.Second, 2_000_000_000, 2_000_000_000, "read 1200  stored 1000  duplicates 150  skipped 50  120/s  2.0 GB of 2.0 GB (100%)"},
		{10 * time.Second, 3000, 2000, "read 1200  stored 1000  duplicates 150  skipped 50  120/s  2.0 kB of 2.0 kB (100%)"},
	}
	for _, tt := range tests {
		if got := progressLine(s, tt.elapsed, tt.read, tt.total); got != tt.want {
			t.Errorf("progressLine(%v, %d, %d):\n got %q\nwant %q", tt.elapsed, tt.read, tt.total, got, tt.want)
		}
	}
}

// writeNearDuplicates writes a JSONL file of stories, near-duplicate
// copies and copies of copies (chains whose ends are not alike, so that
// the cluster of a document depends on what was stored before it), and
// returns its path and the records' URLs in order.
func writeNearDuplicates(t *testing.T, dir, name string, n int) (string, []string) {
	t.Helper()
	words := strings.Fields(`أعلن وزير الخارجية اليوم عن زيارة رسمية إلى العاصمة لبحث التعاون الاقتصادي والتجاري بين البلدين
		وقال المتحدث باسم الحكومة إن الاجتماع تناول القضايا الإقليمية والدولية ذات الاهتمام المشترك وأكد الجانبان أهمية تعزيز
		العلاقات في مجالات الطاقة والتعليم والصحة والنقل والاستثمار كما ناقش الوفدان خطط التنمية المستدامة ومشروعات البنية`)
	r := rand.New(rand.NewPCG(3, 5))
	edit := func(w []string, k int) []string {
		out := append([]string(nil), w...)
		for range k {
			out[r.IntN(len(out))] = fmt.Sprintf("كلمة%d", r.IntN(1_000_000))
		}
		return out
	}
	var b strings.Builder
	var urls []string
	for g := 0; len(urls) < n; g++ {
		a := make([]string, 80)
		for i := range a {
			a[i] = words[r.IntN(len(words))]
		}
		link := edit(a, 4)
		for k, w := range [][]string{a, link, edit(link, 4)} {
			url := fmt.Sprintf("http://example.test/%d-%d", g, k)
			line, _ := json.Marshal(map[string]string{"url": url, "content": strings.Join(w, " ") + "."})
			b.Write(line)
			b.WriteByte('\n')
			urls = append(urls, url)
		}
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, urls
}

// clustersOf returns the cluster of each URL in the store in data.
func clustersOf(t *testing.T, data string, urls []string) map[string]string {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.OpenDir(ctx, data, sqlite.Options{ReadOnly: true, NoSearchIndex: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[string]string{}
	for _, u := range urls {
		id, err := db.Lookup(ctx, u)
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		rec, err := db.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		out[u] = rec.Cluster
	}
	return out
}

// TestIngestResumeClusters checks that an ingest stores in input order
// whatever the number of workers, so that an ingest resumed after an
// interruption (the stored first part of the input is skipped) gives
// every document the near-duplicate cluster of one uninterrupted run.
func TestIngestResumeClusters(t *testing.T) {
	dir := t.TempDir()
	full, urls := writeNearDuplicates(t, dir, "full.jsonl", 90)
	raw, err := os.ReadFile(full)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(raw), "\n")
	half := filepath.Join(dir, "half.jsonl")
	// The first part ends inside a chain: its other links come after.
	if err := os.WriteFile(half, []byte(strings.Join(lines[:len(urls)/2+1], "")), 0o644); err != nil {
		t.Fatal(err)
	}
	ingestInto := func(data string, workers string, paths ...string) {
		args := append([]string{"ingest", "--data", data, "--workers", workers, "--batch", "4"}, paths...)
		if code, out, errOut := runCLI(t, "", args...); code != 0 {
			t.Fatalf("%v: exit %d: %s %s", args, code, out, errOut)
		}
	}
	one := filepath.Join(t.TempDir(), "one")
	ingestInto(one, "1", full)
	want := clustersOf(t, one, urls)
	distinct := map[string]bool{}
	for _, c := range want {
		distinct[c] = true
	}
	if len(distinct) > len(urls)/2 {
		t.Fatalf("%d clusters of %d documents: the test data makes too few near-duplicates", len(distinct), len(urls))
	}
	for _, tc := range []struct {
		name  string
		steps [][]string // paths of each ingest
	}{
		{"one run, 4 workers", [][]string{{full}}},
		{"resumed, 4 workers", [][]string{{half}, {full}}},
		{"resumed twice", [][]string{{half}, {half}, {full}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := filepath.Join(t.TempDir(), "data")
			for _, paths := range tc.steps {
				ingestInto(data, "4", paths...)
			}
			got := clustersOf(t, data, urls)
			for _, u := range urls {
				if got[u] != want[u] {
					t.Errorf("%s: cluster %s, want %s as in one run with one worker", u, got[u], want[u])
				}
			}
		})
	}
}

// storiesOf returns the story of each of n documents of writeJSONL in
// the store in data, opened with opt.
func storiesOf(t *testing.T, data string, n int, opt sqlite.Options) []string {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.OpenDir(ctx, data, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := make([]string, n)
	for i := range out {
		id, err := db.Lookup(ctx, fmt.Sprintf("http://example.test/%d", i))
		if err != nil {
			t.Fatal(err)
		}
		rec, err := db.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = rec.Story
	}
	return out
}

// TestIngestNoStories checks that ingest --no-stories stores documents
// without stories, and that they get the stories of a plain ingest when
// the store is next opened for writing without it.
func TestIngestNoStories(t *testing.T) {
	const n = 12
	src := writeJSONL(t, n)
	plain, fast := filepath.Join(t.TempDir(), "plain"), filepath.Join(t.TempDir(), "fast")
	for _, args := range [][]string{{"--data", plain}, {"--data", fast, "--no-stories"}} {
		args = append(append([]string{"ingest", "--json"}, args...), src)
		code, out, errOut := runCLI(t, "", args...)
		var sum ingest.Summary
		if code != 0 || json.Unmarshal([]byte(out), &sum) != nil || sum.Stored != n {
			t.Fatalf("%v: exit %d, summary %s %s; want %d stored", args, code, out, errOut, n)
		}
	}
	want := storiesOf(t, plain, n, sqlite.Options{ReadOnly: true})
	if slices.Contains(want, "") {
		t.Fatalf("a plain ingest left documents without a story: %q", want)
	}
	ro := sqlite.Options{ReadOnly: true}
	if got := storiesOf(t, fast, n, ro); strings.Join(got, "") != "" {
		t.Errorf("ingest --no-stories stored stories %q; want none", got)
	}
	// Opening it for writing with NoStories still clusters nothing.
	storiesOf(t, fast, n, sqlite.Options{NoStories: true})
	if got := storiesOf(t, fast, n, ro); strings.Join(got, "") != "" {
		t.Errorf("opened with NoStories, the store clustered %q; want nothing", got)
	}
	storiesOf(t, fast, n, sqlite.Options{}) // clusters the documents
	if got := storiesOf(t, fast, n, ro); !slices.Equal(got, want) {
		t.Errorf("after the next open for writing the stories are %q; want those of a plain ingest %q", got, want)
	}
	if code, _, errOut := runCLI(t, "", "ingest", "--queue", "nats://127.0.0.1:1", "--no-stories", src); code != 2 || !strings.Contains(errOut, "khabar worker --no-stories") {
		t.Errorf("--queue with --no-stories: exit %d, %s; want a usage error naming the worker's flag", code, errOut)
	}
}
