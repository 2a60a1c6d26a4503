package sqlite

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
)

// The write-ahead log grows while a reader holds an old snapshot; once
// the reader is gone and a checkpoint has run, the next write cuts the
// file back to walSizeLimit instead of keeping it at its largest.
func TestWALShrinks(t *testing.T) {
	defer func(n int64) { walSizeLimit = n }(walSizeLimit)
	walSizeLimit = 256 << 10
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	db, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	walSize := func() int64 {
		t.Helper()
		fi, err := os.Stat(path + "-wal")
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	tx, err := db.sql.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := tx.QueryRow(`SELECT count(*) FROM documents`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	docs := generatedCorpus(11, "w", 400)
	for i := 0; i < len(docs); i += 50 {
		if _, err := db.Put(ctx, docs[i:i+50]); err != nil {
			t.Fatal(err)
		}
	}
	grown := walSize()
	if grown <= 4*walSizeLimit {
		t.Fatalf("the log grew to %d bytes only; the test needs more than %d", grown, 4*walSizeLimit)
	}
	tx.Rollback()
	if _, err := db.sql.Exec(`PRAGMA wal_checkpoint(PASSIVE)`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Put(ctx, generatedCorpus(12, "x", 1)); err != nil {
		t.Fatal(err)
	}
	if after := walSize(); after > 2*walSizeLimit {
		t.Errorf("the log stayed at %d bytes after a checkpoint (was %d, limit %d)", after, grown, walSizeLimit)
	}
}
