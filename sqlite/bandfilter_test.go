package sqlite

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
)

func TestBandFilter(t *testing.T) {
	f := &bandFilter{bits: make([]uint64, 1<<12), cap: 1 << 14}
	rng := rand.New(rand.NewPCG(1, 2))
	added := make([]int64, 1<<14)
	for i := range added {
		added[i] = rng.Int64()
	}
	f.add(added, 7)
	for _, k := range added {
		if !f.any([]int64{k}) {
			t.Fatalf("key %d added but not found", k)
		}
	}
	if f.maxDoc != 7 || f.keys != len(added) {
		t.Errorf("maxDoc %d keys %d", f.maxDoc, f.keys)
	}
	fp := 0
	const probes = 100000
	for range probes {
		if f.any([]int64{rng.Int64()}) {
			fp++
		}
	}
	// Sized at 16 bits a key with 8 probes: about 0.06 % false positives.
	if rate := float64(fp) / probes; rate > 0.005 {
		t.Errorf("false positive rate %.4f", rate)
	}
	if f.any(nil) {
		t.Error("no keys matched")
	}
}

// A second handle on the same database must see the documents (and
// band keys) that the first wrote after its filter was built.
func TestBandFilterTwoWriters(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	a, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	putOne(t, b, textDoc("https://b.test/0", "خبر آخر لا علاقة له بالطاقة ولا بالكهرباء في أي منطقة من المناطق"))
	first := putOne(t, a, textDoc("https://a.test/1", newsText))
	copyRes := putOne(t, b, textDoc("https://b.test/1", strings.Replace(newsText, "اليوم", "أمس", 1)))
	if copyRes.Cluster != first.ID {
		t.Errorf("reprint through the other handle: cluster %q, want %q", copyRes.Cluster, first.ID)
	}
	// And the first handle sees what the second wrote.
	again := putOne(t, a, textDoc("https://a.test/2", strings.Replace(newsText, "اليوم", "الأحد", 1)))
	if again.Cluster != first.ID {
		t.Errorf("second reprint: cluster %q, want %q", again.Cluster, first.ID)
	}
}

// BenchmarkBandFilterRebuild adds the band keys of 300,000 documents (32
// each) to a filter sized for them, as the first Put after opening a
// store of that size does.
func BenchmarkBandFilterRebuild(b *testing.B) {
	const keys = 300000 * 32
	rng := rand.New(rand.NewPCG(3, 4))
	ks := make([]int64, keys)
	for i := range ks {
		ks[i] = rng.Int64()
	}
	size := 1
	for size*64 < 2*keys*filterBitsPerKey {
		size *= 2
	}
	f := &bandFilter{bits: make([]uint64, size), cap: 2 * keys}
	b.ResetTimer()
	for range b.N {
		clear(f.bits)
		f.keys = 0
		for _, k := range ks {
			f.addKey(k)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*keys), "ns/key")
}
