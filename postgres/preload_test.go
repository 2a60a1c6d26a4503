package postgres_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/khabar/khabar/postgres"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/storetest"
)

// TestWarmPreloadsPostings checks that Warm loads the postings of the
// terms found in at least Options.PreloadDF documents, within the
// postings budget, and that searches answered from the preloaded lists
// (before and after more documents are stored) are those of SQL alone.
func TestWarmPreloadsPostings(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 300 articles")
	}
	ctx := context.Background()
	docs := storetest.SaudiDocs(t, 300)
	queries := readQueries(t, filepath.Join("testdata", "parity-queries.txt"))
	queries = append(queries, "سعود*", `"المملكة العربية"`, "الملك OR الأمير -سلمان", "-الرياض")
	tests := []struct {
		name      string
		opt       postgres.Options
		all       bool // every term of df ≥ PreloadDF preloaded
		none      bool // nothing preloaded
		maxBudget int64
	}{
		{name: "df50", opt: postgres.Options{PreloadDF: 50}, all: true},
		{name: "budget", opt: postgres.Options{PreloadDF: 50, PostingsBudget: 32 << 10}, maxBudget: 32 << 10},
		{name: "off", opt: postgres.Options{PreloadDF: -1}, none: true},
		{name: "no cache", opt: postgres.Options{PreloadDF: 50, PostingsBudget: -1}, none: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			url := newDB(t)
			w, err := postgres.Open(ctx, url, postgres.Options{NoSearchIndex: true})
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			if _, err := w.Put(ctx, docs[:250]); err != nil {
				t.Fatal(err)
			}
			ix, err := postgres.Open(ctx, url, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			sql, err := postgres.Open(ctx, url, postgres.Options{NoSearchIndex: true, ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			defer sql.Close()
			if err := ix.Warm(ctx); err != nil {
				t.Fatal(err)
			}
			st := ix.PostingsStats()
			switch {
			case tt.none:
				if st.Terms != 0 || st.Postings != 0 {
					t.Fatalf("preloaded %+v", st)
				}
			case tt.all:
				frequent := frequentTerms(t, url, tt.opt.PreloadDF)
				if frequent < 10 || st.Terms != frequent || st.Postings < int64(frequent)*tt.opt.PreloadDF {
					t.Fatalf("preloaded %+v; %d terms in at least %d documents", st, frequent, tt.opt.PreloadDF)
				}
			default:
				if st.Terms == 0 || st.Bytes > tt.maxBudget {
					t.Fatalf("preloaded %+v within a budget of %d bytes", st, tt.maxBudget)
				}
			}
			compare := func(round string) {
				for _, qs := range queries {
					q, err := search.Parse(qs)
					if err != nil {
						continue
					}
					req := search.Request{Query: q, Facets: 3, Limit: 30}
					a, errA := ix.Search(ctx, req)
					b, errB := sql.Search(ctx, req)
					if errA != nil || errB != nil {
						t.Fatalf("%s %q: indexed error %v, SQL error %v", round, qs, errA, errB)
					}
					if d := sameResult(a, b); d != "" {
						t.Errorf("%s %q: indexed and SQL answers differ: %s", round, qs, d)
					}
				}
			}
			compare("250 documents")
			if _, err := ix.Put(ctx, docs[250:]); err != nil {
				t.Fatal(err)
			}
			compare("300 documents") // the preloaded lists extended
		})
	}
}

// frequentTerms counts the analyzed terms of the database at url found
// in at least minDF documents.
func frequentTerms(t *testing.T, url string, minDF int64) int {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	err = conn.QueryRow(ctx, `SELECT count(*) FROM (SELECT term FROM postings GROUP BY term HAVING count(*) >= $1) f`, minDF).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
