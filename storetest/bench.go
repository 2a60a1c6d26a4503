package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// BenchQueries are the queries of every backend's BenchmarkSearch: a
// word, a phrase, an exclusion, an OR, a prefix and a date filter.
var BenchQueries = []string{`الاجتماعات`, `"وزير الخارجية"`, `السعودية -اليمن`, `النفط OR الطاقة`, `اقتصا*`, `الرياض from:2015-07`}

// BenchSearch runs the queries in turn on s, one per iteration, each
// with 5 values per facet.
func BenchSearch(b *testing.B, s store.Store, queries []string) {
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		qs := queries[i%len(queries)]
		q, err := search.Parse(qs)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Search(context.Background(), search.Request{Query: q, Facets: 5}); err != nil {
			b.Fatal(fmt.Errorf("%s: %w", qs, err))
		}
	}
}

// BenchPut stores docs in batches of batch into a new store per
// iteration (open makes it; only the Puts are timed) and reports
// documents per second of wall time, "docs/s". When cpu is not nil it
// also reports documents per second of CPU time, "docs/cpu-s": cpu
// returns the process's CPU time so far (user and system, all
// threads); on a shared machine the wall clock also counts the time
// other processes held the cores.
func BenchPut(b *testing.B, open func(b *testing.B) store.Store, docs []store.Document, batch int, cpu func() time.Duration) {
	if cpu == nil {
		cpu = func() time.Duration { return 0 }
	}
	var used time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := open(b)
		c0 := cpu()
		b.StartTimer()
		for j := 0; j < len(docs); j += batch {
			if _, err := s.Put(context.Background(), docs[j:min(j+batch, len(docs))]); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		used += cpu() - c0
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "docs/s")
	if used > 0 {
		b.ReportMetric(float64(len(docs)*b.N)/used.Seconds(), "docs/cpu-s")
	}
}

// TextBytes is the size of the documents' texts, for b.SetBytes.
func TextBytes(docs []store.Document) int64 {
	var n int64
	for _, d := range docs {
		n += int64(len(d.Analysis.Text))
	}
	return n
}
