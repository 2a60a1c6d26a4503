package postgres_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/khabar/khabar/postgres"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/sqlite"
	"github.com/khabar/khabar/store"
)

func TestDebugScores(t *testing.T) {
	ctx := context.Background()
	docs := saudiDocs(t, 400)
	lite, _ := sqlite.Open(ctx, filepath.Join(t.TempDir(), "p.db"), sqlite.Options{})
	defer lite.Close()
	pg, err := postgres.Open(ctx, newDB(t), postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	for _, s := range []store.Store{lite, pg} {
		s.Put(ctx, docs)
	}
	for _, qs := range []string{"وزير", "الخارجية", "وزير الخارجية"} {
		q, _ := search.Parse(qs)
		a, _ := lite.Search(ctx, search.Request{Query: q, Limit: 8})
		b, _ := pg.Search(ctx, search.Request{Query: q, Limit: 8})
		for i := range a.Hits {
			t.Logf("%s %s %.6f | %s %.6f", qs, a.Hits[i].ID, a.Hits[i].Score, b.Hits[i].ID, b.Hits[i].Score)
		}
	}
}
