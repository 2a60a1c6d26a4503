package scalebench

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/khabar/khabar/internal/pgtest"
	"github.com/khabar/khabar/postgres"
	"github.com/khabar/khabar/sqlite"
	"github.com/khabar/khabar/store"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	db, err := sqlite.OpenDir(context.Background(), dir, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	testRun(t, "sqlite", db, dir, nil)
}

// TestRunPostgres is the PostgreSQL smoke test of Run: the same growth,
// concurrent writers and probe on a throwaway server.
func TestRunPostgres(t *testing.T) {
	srv := pgtest.New(t) // skips without PostgreSQL's binaries
	url := srv.NewDB(t)
	ctx := context.Background()
	db, err := postgres.Open(ctx, url, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	testRun(t, "postgres", db, url, func(ctx context.Context) (float64, error) { return PostgresMB(ctx, url) })
}

// testRun grows db (empty, at where) to 100 and 300 documents, the last
// 50 of each step from 2 concurrent writers, and checks what was
// measured.
func testRun(t *testing.T, backend string, db store.Store, where string, disk func(context.Context) (float64, error)) {
	ctx := context.Background()
	pool := testPool()
	real := []store.Document{
		article("اجتماع في الرياض", []string{"عقد اجتماع في الرياض اليوم."}, map[string]string{"الرياض": "LOC"}, nil),
	}
	gen := &Generator{Pool: pool, Seed: 1, DupRate: 0.05, Total: 300, Sources: []string{"agency01"},
		From: time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}
	sets := DefaultSets([]string{"الرياض", `"أسعار النفط"`, "النفط OR الإنتاج"}, pool, 3, 1)
	var saved int
	rep, err := Run(ctx, Config{Store: db, Dir: where, Disk: disk, Sizes: []int{100, 300}, Real: real, Gen: gen,
		Sets: sets, Probe: Probe, Batch: 64, Writers: 2, WriterDocs: 50, WriterBatch: 8,
		OnStep: func(*Report) error { saved++; return nil }})
	if err != nil {
		t.Fatal(err)
	}
	rep.Backend = backend
	if len(rep.Steps) != 2 || saved != 2 {
		t.Fatalf("%d steps, %d saved; want 2 and 2", len(rep.Steps), saved)
	}
	st, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents == 0 || st.Documents > 300 {
		t.Errorf("store holds %d documents after growing to 300", st.Documents)
	}
	last := rep.Steps[1]
	if last.Size != 300 || last.Real != 1 || last.Synthetic != 299 {
		t.Errorf("last step: size %d, real %d, synthetic %d; want 300, 1, 299", last.Size, last.Real, last.Synthetic)
	}
	if last.IngestRate <= 0 || last.Window != 150 || last.DiskMB <= 0 || last.Probe == nil {
		t.Fatalf("last step measured nothing: %+v", last)
	}
	if last.Writers != 2 || last.WritersN != 50 || last.WritersBatch != 8 || last.WritersRate <= 0 {
		t.Errorf("last step's concurrent writers: %d writers, %d documents in batches of %d, %.0f docs/s; want 2, 50, 8, > 0",
			last.Writers, last.WritersN, last.WritersBatch, last.WritersRate)
	}
	for _, name := range []string{SetMixed, SetMixedFacets, SetPhrase, SetPrefix, SetEntity} {
		r := last.Probe.Set(name)
		if r == nil || r.Queries == 0 || r.Errors > 0 {
			t.Errorf("set %s: %+v", name, r)
			continue
		}
		if r.Hits == 0 {
			t.Errorf("set %s found nothing in 300 documents", name)
		}
	}
	_, counts := db.(StoryCoster)
	switch {
	case !counts && last.StoryN != 0:
		t.Errorf("a store that does not count story costs gave %d documents", last.StoryN)
	case counts && (last.StoryN <= 0 || last.StoryN > last.Window || last.StoryUS <= 0 ||
		last.StoryClusterUS <= 0 || last.StoryPrepareUS <= 0 || last.StoryRecordUS <= 0 ||
		last.OpenStories < 1 || last.OpenStories > last.Stories):
		t.Errorf("story costs over a window of %d documents: %d documents, %.1f µs each (%.1f + %.1f + %.1f), %d of %d stories open",
			last.Window, last.StoryN, last.StoryUS, last.StoryPrepareUS, last.StoryClusterUS, last.StoryRecordUS, last.OpenStories, last.Stories)
	}
	var table bytes.Buffer
	if err := WriteTable(&table, rep); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(table.String(), "story µs/doc") != counts {
		t.Errorf("story column shown %v, store counts story costs %v:\n%s", !counts, counts, table.String())
	}
	if lines := strings.Split(strings.TrimSpace(table.String()), "\n"); len(lines) != 4 ||
		!strings.Contains(lines[0], "| 2 writers docs/s") || !strings.HasPrefix(lines[3], "| 300 | 299 |") {
		t.Errorf("table:\n%s", table.String())
	}
	var svg bytes.Buffer
	if err := WriteSVG(&svg, rep, "test <plot>"); err != nil {
		t.Fatal(err)
	}
	checkXML(t, svg.Bytes())
}

func TestRunErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sqlite.OpenDir(ctx, dir, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	real := []store.Document{article("اجتماع", []string{"عقد اجتماع اليوم."}, nil, nil)}
	rep, err := Run(ctx, Config{Store: db, Dir: dir, Sizes: []int{1, 5}, Real: real})
	if err == nil || len(rep.Steps) != 1 {
		t.Errorf("growing past the real articles without a generator: %d steps, error %v", len(rep.Steps), err)
	}
	failing := errors.New("probe failed")
	_, err = Run(ctx, Config{Store: db, Dir: dir, Sizes: []int{1}, Real: real,
		Probe: func(context.Context, string, []QuerySet) (*ProbeResult, error) { return nil, failing }})
	if !errors.Is(err, failing) {
		t.Errorf("Run with a failing probe: %v", err)
	}
}

// checkXML fails t unless b is well-formed XML.
func checkXML(t *testing.T, b []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed: %v", err)
		}
	}
}

func TestQuantiles(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		in             []time.Duration
		p50, p99, mean float64
	}{
		{nil, 0, 0, 0},
		{[]time.Duration{3 * ms}, 3, 3, 3},
		{[]time.Duration{4 * ms, 1 * ms, 3 * ms, 2 * ms}, 2, 4, 2.5},
	}
	for _, tt := range tests {
		p50, p99, mean := quantiles(tt.in)
		if p50 != tt.p50 || p99 != tt.p99 || mean != tt.mean {
			t.Errorf("quantiles(%v) = %v, %v, %v; want %v, %v, %v", tt.in, p50, p99, mean, tt.p50, tt.p99, tt.mean)
		}
	}
}

func TestCount(t *testing.T) {
	for n, want := range map[int]string{999: "999", 2000: "2k", 30000: "30k", 1000000: "1m", 1500000: "1.5m", 2500: "2500"} {
		if got := count(n); got != want {
			t.Errorf("count(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestWriteComparison(t *testing.T) {
	step := func(size int, p50 float64) Step {
		return Step{Size: size, Probe: &ProbeResult{Sets: []SetResult{
			{Name: SetMixed, Queries: 10, P50MS: p50, P99MS: 10 * p50},
			{Name: SetPhrase, Queries: 0},
		}}}
	}
	pg := &Report{Backend: "postgres", Steps: []Step{step(30000, 3), step(100000, 8)}}
	lite := &Report{Backend: "sqlite", Steps: []Step{step(30000, 1.5), step(300000, 2)}}
	var b strings.Builder
	if err := WriteComparison(&b, pg, lite); err != nil {
		t.Fatal(err)
	}
	want := "| documents | query set | postgres p50 ms | sqlite p50 ms | postgres ÷ sqlite p50 | postgres p99 ms | sqlite p99 ms |\n" +
		"|---|---|---|---|---|---|---|\n" +
		"| 30k | mixed | 3.00 | 1.50 | 2.0× | 30.0 | 15.0 |\n"
	if b.String() != want {
		t.Errorf("comparison:\n%s\nwant:\n%s", b.String(), want)
	}
}

// TestRunSkip checks that a run resumed after the documents an earlier
// run stored stores the rest of the same sequence.
func TestRunSkip(t *testing.T) {
	ctx := context.Background()
	pool := testPool()
	real := []store.Document{article("اجتماع في الرياض", []string{"عقد اجتماع في الرياض اليوم."}, nil, nil)}
	gen := func() *Generator {
		return &Generator{Pool: pool, Seed: 3, DupRate: 0.2, Total: 200, Sources: []string{"agency01"},
			From: time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}
	}
	grow := func(dir string, parts ...[]int) (*Report, *sqlite.DB) {
		db, err := sqlite.OpenDir(ctx, dir, sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		var rep *Report
		skip := 0
		for _, sizes := range parts {
			rep, err = Run(ctx, Config{Store: db, Dir: dir, Sizes: sizes, Real: real, Gen: gen(), Batch: 32, Skip: skip})
			if err != nil {
				t.Fatal(err)
			}
			skip = sizes[len(sizes)-1]
		}
		return rep, db
	}
	whole, dbWhole := grow(t.TempDir(), []int{100, 200})
	resumed, dbResumed := grow(t.TempDir(), []int{100}, []int{200})
	a, b := whole.Steps[1], resumed.Steps[0]
	if a.Size != b.Size || a.Synthetic != b.Synthetic || a.Copies != b.Copies || b.Copies == 0 {
		t.Errorf("resumed run ends at %d documents (%d synthetic, %d copies); whole run %d (%d, %d)",
			b.Size, b.Synthetic, b.Copies, a.Size, a.Synthetic, a.Copies)
	}
	sa, err := dbWhole.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sb, err := dbResumed.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if sa.Documents != sb.Documents || sa.Entities != sb.Entities || sa.Mentions != sb.Mentions {
		t.Errorf("resumed store %+v, whole %+v", sb, sa)
	}
	if _, err := Run(ctx, Config{Store: dbResumed, Sizes: []int{150}, Real: real, Gen: gen(), Skip: 200}); err == nil {
		t.Error("a size below Skip was accepted")
	}
}
