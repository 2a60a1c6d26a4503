package main

import (
	"context"
	"fmt"
	"time"

	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// listFlags are the flags the stories and quotes commands share: where
// the store is, a span of dates, and which page of the list to print.
type listFlags struct {
	data, dbURL        *string
	startName, endName string
	start, end         *string
	limit, offset      *int
	maxLimit           int
}

// addListFlags defines the shared flags on c: --data and --db, the date
// flags named start and end with their help texts, --limit (def by
// default, at most max) and --offset. what names the listed things in
// the help ("stories", "quotes").
func addListFlags(c *flagCmd, what, start, startHelp, end, endHelp string, def, max int) *listFlags {
	return &listFlags{
		data:      c.String("data", defaultDataDir, "data `DIR`ectory holding the store"),
		dbURL:     c.String("db", "", "PostgreSQL `URL` (postgres://…) of the store; default: the SQLite store in --data"),
		startName: start,
		endName:   end,
		start:     c.String(start, "", startHelp),
		end:       c.String(end, "", endHelp),
		limit:     c.Int("limit", def, fmt.Sprintf("%s to print (at most %d)", what, max)),
		offset:    c.Int("offset", 0, what+" to skip"),
		maxLimit:  max,
	}
}

// page returns --offset and --limit, or a usage error when either is
// out of range.
func (l *listFlags) page() (offset, limit int, err error) {
	if *l.limit < 1 || *l.limit > l.maxLimit || *l.offset < 0 || *l.offset > search.MaxOffset {
		return 0, 0, usagef("--limit takes 1 to %d and --offset 0 to %d", l.maxLimit, search.MaxOffset)
	}
	return *l.offset, *l.limit, nil
}

// dates parses the date flags (YYYY, YYYY-MM or YYYY-MM-DD): the first
// day of the start flag's period and the last day of the end flag's,
// each nil when its flag is not given.
func (l *listFlags) dates() (first, last *time.Time, err error) {
	if *l.start != "" {
		t, _, err := search.ParseDate(*l.start)
		if err != nil {
			return nil, nil, usagef("--%s: %v", l.startName, err)
		}
		first = &t
	}
	if *l.end != "" {
		_, t, err := search.ParseDate(*l.end)
		if err != nil {
			return nil, nil, usagef("--%s: %v", l.endName, err)
		}
		last = &t
	}
	return first, last, nil
}

// open opens the store --data or --db names.
func (l *listFlags) open(ctx context.Context) (store.Store, error) {
	return openOneShot(ctx, *l.data, *l.dbURL)
}
