package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/internal/cputime"
	"github.com/khabar/khabar/pipeline"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/sqlite"
	"github.com/khabar/khabar/store"
	"github.com/khabar/khabar/storetest"
)

// The documents come from storetest.SaudiDocs: real articles with a
// minimal Analysis, so that the benchmarks measure the store alone.

func BenchmarkPut(b *testing.B) {
	docs := storetest.SaudiDocs(b, 500)
	b.SetBytes(storetest.TextBytes(docs))
	benchPut(b, docs, 250)
}

// benchPut stores docs in batches into a new database per iteration and
// reports documents per second of wall time and of CPU time (see
// storetest.BenchPut).
func benchPut(b *testing.B, docs []store.Document, batch int) {
	storetest.BenchPut(b, func(b *testing.B) store.Store {
		db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "b.db"), sqlite.Options{})
		if err != nil {
			b.Fatal(err)
		}
		return db
	}, docs, batch, cputime.Process)
}

// loaded returns a new database holding docs, closed when b ends.
func loaded(b *testing.B, docs []store.Document) *sqlite.DB {
	db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "b.db"), sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if _, err := db.Put(context.Background(), docs); err != nil {
		b.Fatal(err)
	}
	return db
}

func BenchmarkSearch(b *testing.B) {
	db := loaded(b, storetest.SaudiDocs(b, 2000))
	storetest.BenchSearch(b, db, storetest.BenchQueries)
}

// BenchmarkPutAnalyzed stores real articles with their full analysis
// (entities, mentions, dates, quotes, events), the write path of
// khabar ingest; the analysis itself is done before the timer starts.
func BenchmarkPutAnalyzed(b *testing.B) {
	recs := storetest.SaudiRecords(b, 300)
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var docs []store.Document
	for _, r := range recs {
		a, err := p.Analyze(context.Background(), khabar.RawDocument{Body: r, ContentType: "application/json"})
		if err != nil {
			continue
		}
		docs = append(docs, store.Document{URL: a.URL, Source: a.Source, Analysis: a})
	}
	b.SetBytes(storetest.TextBytes(docs))
	benchPut(b, docs, 100)
}

// BenchmarkSearchGroup runs broad queries (the most frequent words,
// and an exclusion that matches nearly every document) with and without
// grouping by story, on 20,000 saudinewsnet articles clustered into
// stories as Put stores them.
func BenchmarkSearchGroup(b *testing.B) {
	db := loaded(b, storetest.SaudiDocs(b, 20000))
	for _, qs := range []string{`السعودية OR المملكة OR اليوم`, `-زلززال`} {
		q, err := search.Parse(qs)
		if err != nil {
			b.Fatal(err)
		}
		for _, group := range []bool{false, true} {
			b.Run(fmt.Sprintf("%s/group=%v", qs, group), func(b *testing.B) {
				req := search.Request{Query: q, GroupStories: group}
				res, err := db.Search(context.Background(), req)
				if err != nil {
					b.Fatal(err)
				}
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					if _, err := db.Search(context.Background(), req); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(res.Total), "total")
			})
		}
	}
}
