package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/khabar/khabar/postgres"
	"github.com/khabar/khabar/store"
)

// serveDB is the store khabar serve answers from and the one its watch
// service runs on (nil: none, for a read replica without its primary).
type serveDB struct {
	store   store.Store
	watches store.Store
}

// openServeDB opens the store of khabar serve. With writeURL, dbURL is
// a read replica (a PostgreSQL hot standby) and writeURL its primary:
// reads go to the replica, writes and watches to the primary. A
// PostgreSQL dbURL that turns out to be a hot standby, with no
// writeURL, is served read-only (writes answer 403 read_only). retry is
// PostgreSQL's Options.RetryFor.
func openServeDB(ctx context.Context, stderr io.Writer, data, dbURL, writeURL string, retry time.Duration) (serveDB, error) {
	opt := postgres.Options{RetryFor: retry}
	switch {
	case writeURL != "":
		if !postgres.IsURL(dbURL) || !postgres.IsURL(writeURL) {
			return serveDB{}, usagef("--write-db needs --db: both postgres:// URLs, --db the read replica and --write-db its primary")
		}
		r, err := postgres.OpenReplica(ctx, dbURL, writeURL, opt)
		if err != nil {
			return serveDB{}, err
		}
		fmt.Fprintln(stderr, "khabar: reading the replica given by --db; writes and watches go to the primary given by --write-db")
		return serveDB{store: r, watches: r.Primary()}, nil
	case postgres.IsURL(dbURL):
		db, err := postgres.Open(ctx, dbURL, opt)
		if errors.Is(err, postgres.ErrStandby) {
			r, err := postgres.OpenReplica(ctx, dbURL, "", opt)
			if err != nil {
				return serveDB{}, err
			}
			fmt.Fprintln(stderr, "khabar: --db is a hot standby and no --write-db was given: serving it read-only "+
				"(writes answer 403 read_only; watches are not matched)")
			return serveDB{store: r}, nil
		}
		if err != nil {
			return serveDB{}, err
		}
		return serveDB{store: db, watches: db}, nil
	}
	db, err := openDB(ctx, data, dbURL, false)
	if err != nil {
		return serveDB{}, err
	}
	return serveDB{store: db, watches: db}, nil
}
