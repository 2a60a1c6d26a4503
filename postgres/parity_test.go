package postgres_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/khabar/khabar/postgres"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/sqlite"
	"github.com/khabar/khabar/store"
	"github.com/khabar/khabar/storetest"
)

func readQueries(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var qs []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			qs = append(qs, l)
		}
	}
	return qs
}

// TestParity runs the same queries on the same real articles in sqlite
// and postgres: the matching documents must be the same; the ranking
// (BM25 in both, computed differently for phrases) is compared and
// reported.
func TestParity(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 400 articles into two stores")
	}
	ctx := context.Background()
	docs := storetest.SaudiDocs(t, 400)
	// Reprints with small edits, to compare near-duplicate clustering.
	for i := 0; i < 400; i += 20 {
		docs = append(docs, storetest.Reprint(docs[i]))
	}
	lite, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "p.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	pg, err := postgres.Open(ctx, newDB(t), postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	var put [2][]store.PutResult
	for i, s := range []store.Store{lite, pg} {
		if put[i], err = s.Put(ctx, docs); err != nil {
			t.Fatal(err)
		}
	}
	clusters := 0
	for i := range put[0] {
		if put[0][i] != put[1][i] {
			t.Errorf("Put %s: sqlite %+v, postgres %+v", docs[i].URL, put[0][i], put[1][i])
		}
		if put[0][i].Cluster != put[0][i].ID {
			clusters++
		}
	}
	t.Logf("%d of %d documents joined an earlier near-duplicate's cluster in both stores", clusters, len(docs))
	queries := readQueries(t, filepath.Join("testdata", "parity-queries.txt"))
	sameTop, ranked := 0, 0
	for _, qs := range queries {
		q, err := search.Parse(qs)
		if err != nil {
			continue
		}
		req := search.Request{Query: q, Limit: search.MaxLimit, Facets: 5}
		a, errA := lite.Search(ctx, req)
		b, errB := pg.Search(ctx, req)
		if (errA == nil) != (errB == nil) {
			t.Errorf("%s: sqlite error %v, postgres error %v", qs, errA, errB)
			continue
		}
		if errA != nil {
			continue
		}
		if a.Order != b.Order || !reflect.DeepEqual(a.Resolved, b.Resolved) {
			t.Errorf("%s: sqlite order %q resolved %+v, postgres %q %+v", qs, a.Order, a.Resolved, b.Order, b.Resolved)
		}
		if a.Total != b.Total || !slices.Equal(ids(a, true), ids(b, true)) {
			t.Errorf("%s: sqlite %d hits, postgres %d hits; sets differ", qs, a.Total, b.Total)
			continue
		}
		for i := range a.Hits {
			if a.Hits[i].Copies != b.Hits[i].Copies {
				t.Errorf("%s: hit %s has %d copies in sqlite, %d in postgres", qs, a.Hits[i].ID, a.Hits[i].Copies, b.Hits[i].Copies)
				break
			}
		}
		if a.Total > 0 {
			ranked++
			if top := min(10, len(a.Hits)); slices.Equal(ids(a, false)[:top], ids(b, false)[:top]) {
				sameTop++
			} else {
				t.Logf("%s: top 10 differ:\n  sqlite   %v\n  postgres %v", qs, ids(a, false)[:top], ids(b, false)[:top])
			}
		}
		if !slices.Equal(a.Facets.Sources, b.Facets.Sources) || !slices.Equal(a.Facets.Months, b.Facets.Months) ||
			!slices.Equal(a.Facets.Entities, b.Facets.Entities) || !slices.Equal(a.Facets.Places, b.Facets.Places) {
			t.Errorf("%s: facets differ:\n  sqlite   %+v\n  postgres %+v", qs, a.Facets, b.Facets)
		}
	}
	t.Logf("same result sets on all %d queries; same top-10 order on %d of %d queries with hits", len(queries), sameTop, ranked)
	if ranked > 0 && sameTop*10 < ranked*8 {
		t.Errorf("top-10 order agrees on only %d of %d queries (want at least 80%%)", sameTop, ranked)
	}
}

func ids(r *search.Result, sorted bool) []string {
	out := make([]string, len(r.Hits))
	for i, h := range r.Hits {
		out[i] = h.ID
	}
	if sorted {
		sort.Strings(out)
	}
	return out
}
