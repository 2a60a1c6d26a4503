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

	"github.com/khabar/khabar/sqlite"
	"github.com/khabar/khabar/store"
)

func TestRun(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sqlite.OpenDir(ctx, dir, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	pool := testPool()
	real := []store.Document{
		article("اجتماع في الرياض", []string{"عقد اجتماع في الرياض اليوم."}, map[string]string{"الرياض": "LOC"}, nil),
	}
	gen := &Generator{Pool: pool, Seed: 1, DupRate: 0.05, Total: 300, Sources: []string{"agency01"},
		From: time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}
	sets := DefaultSets([]string{"الرياض", `"أسعار النفط"`, "النفط OR الإنتاج"}, pool, 3, 1)
	var saved int
	rep, err := Run(ctx, Config{Store: db, Dir: dir, Sizes: []int{100, 300}, Real: real, Gen: gen,
		Sets: sets, Probe: Probe, Batch: 64, OnStep: func(*Report) error { saved++; return nil }})
	if err != nil {
		t.Fatal(err)
	}
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
	if last.IngestRate <= 0 || last.DiskMB <= 0 || last.Probe == nil {
		t.Fatalf("last step measured nothing: %+v", last)
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
	var table bytes.Buffer
	if err := WriteTable(&table, rep); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(strings.TrimSpace(table.String()), "\n"); len(lines) != 4 || !strings.HasPrefix(lines[3], "| 300 | 299 |") {
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
