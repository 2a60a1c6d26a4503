package main

import (
	"context"

	"github.com/khabar/khabar/postgres"
	"github.com/khabar/khabar/sqlite"
	"github.com/khabar/khabar/store"
)

// openDB opens the store a command works on: the PostgreSQL database at
// dbURL when it is a postgres:// or postgresql:// URL, else the SQLite
// store in the data directory data. readOnly opens it for reading only
// (and refuses to create a SQLite store or to migrate a PostgreSQL
// schema).
func openDB(ctx context.Context, data, dbURL string, readOnly bool) (store.Store, error) {
	if postgres.IsURL(dbURL) {
		return postgres.Open(ctx, dbURL, postgres.Options{ReadOnly: readOnly})
	}
	if dbURL != "" {
		return nil, usagef("--db %q: want a postgres:// or postgresql:// URL (leave it out for the SQLite store in --data)", dbURL)
	}
	db, err := openStore(ctx, data, sqlite.Options{ReadOnly: readOnly})
	if err != nil {
		return nil, err // not a typed nil in the interface
	}
	return db, nil
}
