package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/khabar/khabar/postgres"
	"github.com/khabar/khabar/search"
)

func TestTmpSearch(t *testing.T) {
	docs := saudiDocs(t, 2000)
	ctx := context.Background()
	db, err := postgres.Open(ctx, newDB(t), postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Put(ctx, docs)
	queries := []string{`الاجتماعات`, `"وزير الخارجية"`, `السعودية -اليمن`, `النفط OR الطاقة`, `اقتصا*`, `الرياض from:2015-07`}
	for _, qs := range queries {
		q, _ := search.Parse(qs)
		for _, req := range []search.Request{{Query: q, Facets: 5}, {Query: q}, {Query: q, ShowCopies: true}} {
			db.Search(ctx, req)
			t0 := time.Now()
			r, err := db.Search(ctx, req)
			t.Logf("%s facets=%d show=%v: %v total %d err %v", qs, req.Facets, req.ShowCopies, time.Since(t0), r.Total, err)
		}
	}
}
