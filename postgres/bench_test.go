package postgres_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/khabar/khabar/postgres"
	"github.com/khabar/khabar/search"
)

// The benchmarks mirror sqlite's (same documents, batches and queries)
// for comparison.

func BenchmarkPut(b *testing.B) {
	docs := saudiDocs(b, 500)
	var bytes int64
	for _, d := range docs {
		bytes += int64(len(d.Analysis.Text))
	}
	b.SetBytes(bytes)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db, err := postgres.Open(context.Background(), newDB(b), postgres.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for j := 0; j < len(docs); j += 250 {
			if _, err := db.Put(context.Background(), docs[j:min(j+250, len(docs))]); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "docs/s")
}

func BenchmarkSearch(b *testing.B) {
	docs := saudiDocs(b, 2000)
	db, err := postgres.Open(context.Background(), newDB(b), postgres.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Put(context.Background(), docs); err != nil {
		b.Fatal(err)
	}
	queries := []string{`الاجتماعات`, `"وزير الخارجية"`, `السعودية -اليمن`, `النفط OR الطاقة`, `اقتصا*`, `الرياض from:2015-07`}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		qs := queries[i%len(queries)]
		q, err := search.Parse(qs)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.Search(context.Background(), search.Request{Query: q, Facets: 5}); err != nil {
			b.Fatal(fmt.Errorf("%s: %w", qs, err))
		}
	}
}
