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
	return openDBWith(ctx, data, dbURL, dbOptions{ReadOnly: readOnly})
}

// dbOptions says how openDBWith opens a store.
type dbOptions struct {
	ReadOnly bool
	// NoStories stores documents without clustering them into stories
	// (the backends' Options.NoStories): they are clustered the next
	// time the store is opened for writing without it.
	NoStories bool
}

// openDBWith is openDB with more options.
func openDBWith(ctx context.Context, data, dbURL string, opt dbOptions) (store.Store, error) {
	if postgres.IsURL(dbURL) {
		return postgres.Open(ctx, dbURL, postgres.Options{ReadOnly: opt.ReadOnly, NoStories: opt.NoStories})
	}
	if dbURL != "" {
		return nil, usagef("--db %q: want a postgres:// or postgresql:// URL (leave it out for the SQLite store in --data)", dbURL)
	}
	db, err := openStore(ctx, data, sqlite.Options{ReadOnly: opt.ReadOnly, NoStories: opt.NoStories})
	if err != nil {
		return nil, err // not a typed nil in the interface
	}
	return db, nil
}
