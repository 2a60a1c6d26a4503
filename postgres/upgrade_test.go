package postgres_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/khabar/khabar/postgres"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
	"github.com/khabar/khabar/storetest"
)

// downgradeTo2 turns a schema-3 database (after downgradeTo3) back into
// the layout schema version 2 wrote: term frequencies as jsonb in documents.tf, one corpus
// statistics row, the lsh foreign key, and no postings, shards or band
// rows. The postings are folded back exactly, so migration 3 must
// rebuild the same store.
const downgradeTo2 = `
ALTER TABLE documents ADD COLUMN tf jsonb;
UPDATE documents d SET tf = coalesce((SELECT jsonb_object_agg(p.term, p.tf) FROM postings p WHERE p.doc = d.id), '{}');
ALTER TABLE documents ALTER COLUMN tf SET NOT NULL;
DROP TABLE postings;
CREATE TABLE corpus (
	one    boolean PRIMARY KEY DEFAULT true CHECK (one),
	docs   bigint NOT NULL,
	terms  bigint NOT NULL
);
INSERT INTO corpus (docs, terms) SELECT sum(docs), sum(terms) FROM corpus_shards;
DROP TABLE corpus_shards;
DROP TABLE bands;
ALTER TABLE lsh ADD CONSTRAINT lsh_doc_fkey FOREIGN KEY (doc) REFERENCES documents(id);
DELETE FROM schema_migrations WHERE version = 3;
`

// TestUpgradeFrom2 checks that opening a store written under schema
// version 2 migrates it to the current version and that it then answers
// every query as before and takes new documents.
func TestUpgradeFrom2(t *testing.T) {
	if testing.Short() {
		t.Skip("loads articles twice")
	}
	ctx := context.Background()
	docs := storetest.SaudiDocs(t, 60)
	for i := 0; i < 60; i += 10 {
		docs = append(docs, storetest.Reprint(docs[i]))
	}
	url := newDB(t)
	db, err := postgres.Open(ctx, url, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	queries := []string{"السعودية", "وزير", `"المملكة العربية"`, "اقتصا*", "الرياض OR جدة", "مجلس -الوزراء"}
	answers := func(db *postgres.DB) []string {
		t.Helper()
		var out []string
		for _, q := range queries {
			pq, err := search.Parse(q)
			if err != nil {
				t.Fatal(err)
			}
			res, err := db.Search(ctx, search.Request{Query: pq, Limit: 20, Facets: 5})
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			b, err := json.Marshal(res)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, string(b))
		}
		return out
	}
	before := answers(db)
	db.Close()

	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, downgradeTo3+downgradeTo2); err != nil {
		t.Fatalf("downgrade: %v", err)
	}
	var v int
	if err := conn.QueryRow(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&v); err != nil || v != 2 {
		t.Fatalf("after the downgrade the schema version is %d (%v), want 2", v, err)
	}
	conn.Close(ctx)

	if _, err := postgres.Open(ctx, url, postgres.Options{ReadOnly: true}); err == nil {
		t.Error("a read-only open of a version-2 store succeeded; it must ask for a migration")
	}
	db, err = postgres.Open(ctx, url, postgres.Options{})
	if err != nil {
		t.Fatalf("open after downgrade (migration 3): %v", err)
	}
	defer db.Close()
	after := answers(db)
	for i, q := range queries {
		if before[i] != after[i] {
			t.Errorf("%s: answer changed by the upgrade\nbefore %s\nafter  %s", q, before[i], after[i])
		}
	}
	res, err := db.Put(ctx, append(storetest.Generated("upgraded", 3), docs[0]))
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		want := store.Stored
		if i == 3 {
			want = store.DuplicateURL
		}
		if r.Status != want {
			t.Errorf("Put after upgrade: document %d is %v, want %v", i, r.Status, want)
		}
	}
	pq, _ := search.Parse("upgraded")
	if r, err := db.Search(ctx, search.Request{Query: pq}); err != nil || r.Total != 3 {
		t.Errorf("search after upgrade: %v, %v; want 3 hits", r, err)
	}
}
