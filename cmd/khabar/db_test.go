package main

import (
	"context"
	"strings"
	"testing"

	"github.com/khabar/khabar/internal/pgtest"
	"github.com/khabar/khabar/postgres"
	"github.com/khabar/khabar/sqlite"
)

func TestOpenDB(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if db, err := openDB(ctx, dir, "", true); err == nil || db != nil {
		t.Errorf("read-only open of an empty data dir = %v, %v; want nil and an error", db, err)
	}
	db, err := openDB(ctx, dir, "", false)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := db.(*sqlite.DB); !ok {
		t.Errorf("openDB without URL = %T, want *sqlite.DB", db)
	}
	db.Close()

	srv := pgtest.New(t)
	url := srv.NewDB(t)
	if _, err := openDB(ctx, dir, url, true); err == nil {
		t.Error("read-only open of a database without schema succeeded")
	}
	for _, u := range []string{url, "postgresql" + url[len("postgres"):]} {
		db, err := openDB(ctx, dir, u, false)
		if err != nil {
			t.Fatalf("openDB(%s): %v", u, err)
		}
		if _, ok := db.(*postgres.DB); !ok {
			t.Errorf("openDB(%s) = %T, want *postgres.DB", u, db)
		}
		db.Close()
	}
	db, err = openDB(ctx, dir, url, true)
	if err != nil {
		t.Fatalf("read-only open after migration: %v", err)
	}
	db.Close()
}

// TestIngestSearchPostgres runs the CLI's ingest and search against a
// real PostgreSQL server through --db.
func TestIngestSearchPostgres(t *testing.T) {
	srv := pgtest.New(t)
	url := srv.NewDB(t)
	if code, _, stderr := runCLI(t, "", "ingest", "--db", url, "../../examples/qatar-nato-ici-2023-09-13.txt"); code != 0 {
		t.Fatalf("ingest --db: exit %d: %s", code, stderr)
	}
	code, stdout, stderr := runCLI(t, "", "search", "--db", url, "--json", "الناتو")
	if code != 0 || !strings.Contains(stdout, "قطر تشارك") {
		t.Errorf("search --db: exit %d, stdout %.300s, stderr %s", code, stdout, stderr)
	}
	if code, _, stderr := runCLI(t, "", "search", "--db", "mysql://x", "x"); code != 2 || !strings.Contains(stderr, "postgres://") {
		t.Errorf("bad --db URL: exit %d, stderr %q; want a usage error", code, stderr)
	}
}
