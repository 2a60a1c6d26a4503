package postgres_test

import (
	"context"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/khabar/khabar/postgres"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
	"github.com/khabar/khabar/storetest"
)

// TestConcurrentWriters stores the same articles, and near-duplicate
// reprints of some, from several writers at once, each in its own order
// and batches, and checks what one writer at a time guarantees: every
// document stored exactly once, a reprint in its original's cluster,
// and the same corpus statistics (so the same BM25 scores) as a store
// loaded by one writer.
func TestConcurrentWriters(t *testing.T) {
	if testing.Short() {
		t.Skip("loads articles from several writers")
	}
	ctx := context.Background()
	docs := storetest.SaudiDocs(t, 120)
	type pair struct{ orig, reprint string }
	var pairs []pair
	for i := 0; i < 120; i += 6 {
		d := storetest.Reprint(docs[i])
		docs = append(docs, d)
		pairs = append(pairs, pair{docs[i].URL, d.URL})
	}
	pg, err := postgres.Open(ctx, newDB(t), postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	const writers = 4
	stored := map[string]int{} // ID → times reported Stored
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w), 7))
			mine := append([]store.Document(nil), docs...)
			r.Shuffle(len(mine), func(i, j int) { mine[i], mine[j] = mine[j], mine[i] })
			for len(mine) > 0 {
				n := min(len(mine), 5+r.IntN(20))
				res, err := pg.Put(ctx, mine[:n])
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				for _, x := range res {
					if x.Status == store.Stored {
						stored[x.ID]++
					}
				}
				mu.Unlock()
				mine = mine[n:]
			}
		}()
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	st, err := pg.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != len(stored) {
		t.Errorf("%d documents in the store, %d distinct IDs reported stored", st.Documents, len(stored))
	}
	for id, n := range stored {
		if n != 1 {
			t.Errorf("document %s reported stored %d times", id, n)
		}
	}
	// One writer, for reference.
	serial, err := postgres.Open(ctx, newDB(t), postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer serial.Close()
	if _, err := serial.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	if want, err := serial.Stats(ctx); err != nil || want.Documents != st.Documents {
		t.Errorf("one writer stored %d documents (%v), four writers %d", want.Documents, err, st.Documents)
	}
	for _, p := range pairs {
		a, errA := lookupCluster(ctx, pg, p.orig)
		b, errB := lookupCluster(ctx, pg, p.reprint)
		if errA != nil || errB != nil {
			t.Fatalf("%s: %v; %s: %v", p.orig, errA, p.reprint, errB)
		}
		if a != b {
			t.Errorf("%s is in cluster %s, its reprint in %s", p.orig, a, b)
		}
	}
	for _, qs := range []string{`الرياض`, `اقتصا*`, `"وزير الخارجية"`} {
		q, err := search.Parse(qs)
		if err != nil {
			t.Fatal(err)
		}
		req := search.Request{Query: q, Limit: search.MaxLimit, ShowCopies: true}
		got, err := pg.Search(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		want, err := serial.Search(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if got.Total != want.Total {
			t.Errorf("%s: %d hits, %d with one writer", qs, got.Total, want.Total)
			continue
		}
		scores := map[string]float64{}
		for _, h := range want.Hits {
			scores[h.ID] = h.Score
		}
		for _, h := range got.Hits {
			if d := h.Score - scores[h.ID]; d > 1e-9 || d < -1e-9 {
				t.Errorf("%s: %s scores %g, %g with one writer", qs, h.ID, h.Score, scores[h.ID])
				break
			}
		}
	}
}

func lookupCluster(ctx context.Context, s store.Store, url string) (string, error) {
	id, err := s.Lookup(ctx, url)
	if err != nil {
		return "", err
	}
	r, err := s.Get(ctx, id)
	if err != nil {
		return "", err
	}
	return r.Cluster, nil
}
