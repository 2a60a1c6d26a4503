package postgres_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/khabar/khabar/postgres"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/sqlite"
	"github.com/khabar/khabar/store"
	"github.com/khabar/khabar/storetest"
)

// The benchmarks mirror sqlite's (same documents, batches and queries)
// for comparison; the per-query and concurrent-writer ones run sqlite
// beside postgres, so that both figures come from the same run.

func BenchmarkPut(b *testing.B) {
	docs := storetest.SaudiDocs(b, 500)
	b.SetBytes(storetest.TextBytes(docs))
	storetest.BenchPut(b, openBench, docs, 250, nil)
}

// openBench opens a store on a new database.
func openBench(b *testing.B) store.Store {
	db, err := postgres.Open(context.Background(), newDB(b), postgres.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return db
}

// BenchmarkPutWriters stores 600 articles in batches of 50 from 1, 2 and
// 4 concurrent writers (goroutines sharing one DB), and from one writer
// into sqlite for comparison.
func BenchmarkPutWriters(b *testing.B) {
	docs := storetest.SaudiDocs(b, 600)
	bytes := storetest.TextBytes(docs)
	open := map[string]func(b *testing.B) store.Store{
		"postgres": openBench,
		"sqlite": func(b *testing.B) store.Store {
			db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "b.db"), sqlite.Options{})
			if err != nil {
				b.Fatal(err)
			}
			return db
		},
	}
	for _, c := range []struct {
		backend string
		writers int
	}{{"postgres", 1}, {"postgres", 2}, {"postgres", 4}, {"sqlite", 1}} {
		b.Run(fmt.Sprintf("%s/writers=%d", c.backend, c.writers), func(b *testing.B) {
			b.SetBytes(bytes)
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				db := open[c.backend](b)
				batches := make(chan []store.Document, len(docs)/50+1)
				for j := 0; j < len(docs); j += 50 {
					batches <- docs[j:min(j+50, len(docs))]
				}
				close(batches)
				b.StartTimer()
				var wg sync.WaitGroup
				errs := make(chan error, c.writers)
				for range c.writers {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for batch := range batches {
							if _, err := db.Put(context.Background(), batch); err != nil {
								errs <- err
								return
							}
						}
					}()
				}
				wg.Wait()
				b.StopTimer()
				close(errs)
				for err := range errs {
					b.Fatal(err)
				}
				db.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}

func BenchmarkSearch(b *testing.B) {
	docs := storetest.SaudiDocs(b, 2000)
	db := openBench(b)
	defer db.Close()
	if _, err := db.Put(context.Background(), docs); err != nil {
		b.Fatal(err)
	}
	storetest.BenchSearch(b, db, storetest.BenchQueries)
}

// BenchmarkSearchQuery runs each query of BenchmarkSearch alone, on
// postgres and on sqlite holding the same 2000 articles.
func BenchmarkSearchQuery(b *testing.B) {
	docs := storetest.SaudiDocs(b, 2000)
	ctx := context.Background()
	pg, err := postgres.Open(ctx, newDB(b), postgres.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer pg.Close()
	lite, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "b.db"), sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer lite.Close()
	for _, s := range []store.Store{pg, lite} {
		if _, err := s.Put(ctx, docs); err != nil {
			b.Fatal(err)
		}
	}
	for k, qs := range storetest.BenchQueries {
		q, err := search.Parse(qs)
		if err != nil {
			b.Fatal(err)
		}
		for _, backend := range []struct {
			name string
			s    store.Store
		}{{"postgres", pg}, {"sqlite", lite}} {
			b.Run(fmt.Sprintf("q%d/%s", k, backend.name), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					if _, err := backend.s.Search(ctx, search.Request{Query: q, Facets: 5}); err != nil {
						b.Fatal(fmt.Errorf("%s: %w", qs, err))
					}
				}
			})
		}
	}
}
