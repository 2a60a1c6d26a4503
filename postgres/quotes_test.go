package postgres_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/khabar/khabar/postgres"
	"github.com/khabar/khabar/store"
	"github.com/khabar/khabar/storetest"
)

// downgradeTo3 turns a database of schema 4 or later back into the layout schema
// version 3 wrote: no quote_speakers, no speaker_text or source.
const downgradeTo3 = `
DROP TABLE watch_matches;
DROP TABLE watches;
DROP TABLE story_docs;
DROP TABLE stories;
DROP TABLE quote_speakers;
ALTER TABLE quotes DROP COLUMN speaker_text;
ALTER TABLE quotes DROP COLUMN source;
DELETE FROM schema_migrations WHERE version >= 4;
`

// TestUpgradeQuotes opens a store written at schema version 3 and
// checks that migration 4 fills the quote speakers, unnamed speakers
// and sources from the stored analyses, so that quote searches and
// said: filters answer as on a store written at version 4, and that the
// store takes new documents after it.
func TestUpgradeQuotes(t *testing.T) {
	ctx := context.Background()
	url := newDB(t)
	db, err := postgres.Open(ctx, url, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs := storetest.QuoteDocs()
	if _, err := db.Put(ctx, docs[:len(docs)-1]); err != nil {
		t.Fatal(err)
	}
	before := storetest.QuoteAnswers(t, db)
	db.Close()

	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, downgradeTo3); err != nil {
		t.Fatalf("downgrade: %v", err)
	}
	conn.Close(ctx)
	if _, err := postgres.Open(ctx, url, postgres.Options{ReadOnly: true}); err == nil {
		t.Error("a read-only open of a version-3 store succeeded; it must ask for a migration")
	}
	db, err = postgres.Open(ctx, url, postgres.Options{})
	if err != nil {
		t.Fatalf("open after the downgrade (migration 4): %v", err)
	}
	defer db.Close()
	after := storetest.QuoteAnswers(t, db)
	for i := range before {
		if before[i] != after[i] {
			t.Errorf("answer %d changed by the upgrade\nbefore %s\nafter  %s", i, before[i], after[i])
		}
	}
	res, err := db.Put(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if want := i == len(docs)-1; (r.Status == store.Stored) != want {
			t.Errorf("document %d: %v after the upgrade", i, r.Status)
		}
	}
	if st, err := db.Stats(ctx); err != nil || st.Quotes != 5 {
		t.Errorf("after the upgrade: %+v, %v; want 5 quotes", st, err)
	}
}
