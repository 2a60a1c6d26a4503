package sqlite

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabar/khabar/store"
	"github.com/khabar/khabar/storetest"
)

// downgradeTo3 turns a store written at schema version 4 back into the
// layout of version 3: no quote_speakers, no speaker_text or source.
const downgradeTo3 = `
DROP TABLE watch_matches;
DROP TABLE watches;
DROP TABLE story_docs;
DROP TABLE stories;
DROP TABLE quote_speakers;
ALTER TABLE quotes DROP COLUMN speaker_text;
ALTER TABLE quotes DROP COLUMN source;
PRAGMA user_version = 3;
`

// TestUpgradeQuotes opens a store written at schema version 3 and
// checks that migration 4 fills the quote speakers, unnamed speakers
// and sources from the stored analyses, so that quote searches and
// said: filters answer as on a store written at version 4, and that the
// store takes new documents after it.
func TestUpgradeQuotes(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v3.db")
	db, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs := storetest.QuoteDocs()
	if _, err := db.Put(ctx, docs[:len(docs)-1]); err != nil {
		t.Fatal(err)
	}
	before := storetest.QuoteAnswers(t, db)
	if _, err := db.sql.Exec(downgradeTo3); err != nil {
		t.Fatalf("downgrade: %v", err)
	}
	db.Close()

	if _, err := Open(ctx, path, Options{ReadOnly: true}); err == nil || !strings.Contains(err.Error(), "older") {
		t.Errorf("a read-only open of a version-3 store gave %v; it must ask for an upgrade", err)
	}
	db, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatalf("open after the downgrade (migration 4): %v", err)
	}
	defer db.Close()
	var v int
	if err := db.sql.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil || v != SchemaVersion {
		t.Fatalf("after upgrade: user_version %d (%v), want %d", v, err, SchemaVersion)
	}
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
	var n int
	if err := db.sql.QueryRow(`SELECT count(*) FROM quote_speakers`).Scan(&n); err != nil || n != 6 {
		t.Errorf("after the upgrade: %d quote speakers (%v), want 6", n, err)
	}
}
