package postgres_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/postgres"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// TestUpgradeReindex opens a store written at schema version 4, whose
// full-text index holds the terms of the analyzer before the hamza-seat
// fold, and checks that a read-only open is refused, and that opening
// it for writing rebuilds the index (migration 5) so that each spelling
// of مسؤول finds the other, with the corpus statistics recounted.
func TestUpgradeReindex(t *testing.T) {
	ctx := context.Background()
	url := newDB(t)
	old := search.ArabicAnalyzer(arabic.NewAnalyzer(arabic.DefaultAnalyzerOptions()))
	db, err := postgres.Open(ctx, url, postgres.Options{Analyzer: old})
	if err != nil {
		t.Fatal(err)
	}
	doc := func(url, text string) store.Document {
		return store.Document{URL: url, Title: "لقاء", Analysis: &khabar.Analysis{Schema: khabar.Schema, Text: text}}
	}
	if _, err := db.Put(ctx, []store.Document{
		doc("https://example.com/waw", "التقى الوزير المسؤولين في المنطقة."),
		doc("https://example.com/yeh", "اجتمع المسئولون في الرياض."),
	}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `DROP TABLE watch_matches; DROP TABLE watches; DROP TABLE story_docs; DROP TABLE stories;
		DELETE FROM schema_migrations WHERE version >= 5`); err != nil {
		t.Fatalf("downgrade: %v", err)
	}
	var termsBefore int64
	if err := conn.QueryRow(ctx, `SELECT sum(terms) FROM corpus_shards`).Scan(&termsBefore); err != nil {
		t.Fatal(err)
	}

	if _, err := postgres.Open(ctx, url, postgres.Options{ReadOnly: true}); err == nil {
		t.Error("a read-only open of a version-4 store succeeded; it must ask for a migration")
	}
	if db, err = postgres.Open(ctx, url, postgres.Options{}); err != nil {
		t.Fatalf("open for writing (migration 5): %v", err)
	}
	defer db.Close()
	tests := []struct {
		query string
		want  int
	}{
		{"المسئولين", 2},
		{"المسؤولين", 2},
		{`"المسئولين في"`, 1},
		{"لقاء", 2},
	}
	for _, tt := range tests {
		q, err := search.Parse(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		res, err := db.Search(ctx, search.Request{Query: q})
		if err != nil {
			t.Fatalf("%s: %v", tt.query, err)
		}
		if res.Total != tt.want {
			t.Errorf("%s: %d hits, want %d", tt.query, res.Total, tt.want)
		}
	}
	var docs, terms, postings int64
	if err := conn.QueryRow(ctx, `SELECT sum(docs), sum(terms), (SELECT count(*) FROM postings) FROM corpus_shards`).Scan(&docs, &terms, &postings); err != nil {
		t.Fatal(err)
	}
	if docs != 2 || terms != termsBefore || postings == 0 {
		t.Errorf("after the rebuild: %d documents, %d terms (were %d), %d postings", docs, terms, termsBefore, postings)
	}
}
