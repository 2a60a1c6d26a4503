// Package watch runs khabar's watches: saved queries that fire when new
// documents match them. A Matcher records the new matches of each
// watch in the store, with the search engine itself, so that a watch
// matches exactly the documents a search for its query finds; it fires
// once per story (or near-duplicate cluster). The matches are then
// delivered: as an Atom feed (WriteAtom), and to a webhook (Deliverer:
// signed JSON POSTs, retried with backoff, at least once, from a cursor
// kept in the store). Service runs both in the background of a server.
package watch

import (
	"context"
	"errors"
	"fmt"

	"time"

	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// Store is a store that keeps watches.
type Store interface {
	store.Store
	store.WatchStore
}

// DefaultGrace is how long a Matcher waits for a document that a
// concurrent writer holds (a gap in the arrival positions) before it
// moves its cursor past it.
const DefaultGrace = 10 * time.Minute

// arrivalBatch is the number of arrivals a Matcher reads at once.
const arrivalBatch = 1000

// Matcher records the new matches of watches.
type Matcher struct {
	Store Store
	// Grace is how long to wait for a gap in the arrivals to fill;
	// 0 means DefaultGrace. A PostgreSQL store commits concurrent Puts
	// out of the order of their positions: a document may appear below
	// the position of one already matched. The cursor stays before the
	// gap (the documents after it are matched again, and recorded once)
	// until the gap fills or the document after it is older than Grace.
	Grace time.Duration
	// Now returns the time; nil means time.Now.
	Now func() time.Time
}

// Run matches every watch against the documents stored since its
// cursor and returns the number of matches recorded. An error with one
// watch does not stop the others; the errors are joined.
func (m *Matcher) Run(ctx context.Context) (int, error) {
	ws, err := m.Store.Watches(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	var errs []error
	for _, w := range ws {
		added, err := m.Match(ctx, w)
		n += len(added)
		if err != nil {
			if ctx.Err() != nil {
				return n, ctx.Err()
			}
			errs = append(errs, fmt.Errorf("watch %s: %w", w.ID, err))
		}
	}
	return n, errors.Join(errs...)
}

// Match records the matches of one watch among the documents stored
// after its cursor and returns those added.
func (m *Matcher) Match(ctx context.Context, w store.Watch) ([]store.WatchMatch, error) {
	q, err := search.Parse(w.Query)
	if err != nil {
		return nil, err
	}
	grace := m.Grace
	if grace <= 0 {
		grace = DefaultGrace
	}
	now := time.Now()
	if m.Now != nil {
		now = m.Now()
	}
	var all []store.WatchMatch
	safe, after := w.Cursor, w.Cursor
	for {
		arr, err := m.Store.Arrivals(ctx, after, arrivalBatch)
		if err != nil {
			return all, err
		}
		if len(arr) == 0 {
			return all, nil
		}
		gap := false
		for _, a := range arr {
			if !gap && (a.Seq == safe+1 || now.Sub(a.Ingested) > grace) {
				safe = a.Seq
			} else {
				gap = true
			}
		}
		after = arr[len(arr)-1].Seq
		ids, err := Matching(ctx, m.Store, q, arr)
		if err != nil {
			return all, err
		}
		var ms []store.WatchMatch
		for _, a := range arr {
			if !ids[a.ID] {
				continue
			}
			rec, err := m.Store.Get(ctx, a.ID)
			if errors.Is(err, store.ErrNotFound) {
				continue
			}
			if err != nil {
				return all, err
			}
			ms = append(ms, matchOf(rec))
		}
		added, err := m.Store.AddWatchMatches(ctx, w.ID, safe, ms)
		all = append(all, added...)
		if err != nil || len(arr) < arrivalBatch {
			return all, err
		}
	}
}

// Key returns what a match of rec stands for: its story, else its
// near-duplicate cluster, else the document. A watch fires once per key.
func Key(rec *store.Record) string {
	switch {
	case rec.Story != "":
		return "story:" + rec.Story
	case rec.Cluster != "":
		return "cluster:" + rec.Cluster
	}
	return "cluster:" + rec.ID
}

func matchOf(rec *store.Record) store.WatchMatch {
	m := store.WatchMatch{Key: Key(rec), DocID: rec.ID, Title: rec.Title, URL: rec.URL, Source: rec.Source, Published: rec.Published}
	if m.Title == "" && rec.Analysis != nil && rec.Analysis.Title != nil {
		m.Title = rec.Analysis.Title.Text
	}
	return m
}

// Matching returns which of the arrivals a search for q finds: it runs
// the search itself (every near-duplicate copy a hit of its own),
// narrowed to the arrivals' publication dates when they all have one,
// and reads its hits until every arrival is found or the hits end.
func Matching(ctx context.Context, db store.Store, q search.Query, arr []store.Arrival) (map[string]bool, error) {
	want := make(map[string]bool, len(arr))
	oldest := ""
	dated := true
	for _, a := range arr {
		want[a.ID] = true
		if a.Published == "" {
			dated = false
		} else if oldest == "" || a.Published < oldest {
			oldest = a.Published
		}
	}
	if dated {
		// Every arrival is published on or after oldest: a from: filter
		// at that day leaves them all among the hits, and the hits few.
		if d, err := time.Parse("2006-01-02", oldest); err == nil && d.After(q.From) {
			q.From = d
		}
	}
	found := map[string]bool{}
	req := search.Request{Query: q, Limit: search.MaxLimit, ShowCopies: true}
	for off := 0; off <= search.MaxOffset; off += search.MaxLimit {
		req.Offset = off
		res, err := db.Search(ctx, req)
		if err != nil {
			return nil, err
		}
		for _, h := range res.Hits {
			if want[h.ID] {
				found[h.ID] = true
			}
		}
		if len(found) == len(want) || len(res.Hits) < search.MaxLimit || off+len(res.Hits) >= res.Total {
			break
		}
	}
	return found, nil
}

// Validate checks a new watch's name, query and webhook.
func Validate(w store.Watch) error {
	var errs []error
	if n := len([]rune(w.Name)); n == 0 || n > 200 {
		errs = append(errs, fmt.Errorf("name: want 1 to 200 characters, got %d", n))
	}
	if len(w.Query) > 2048 {
		errs = append(errs, fmt.Errorf("query of %d bytes; at most 2048", len(w.Query)))
	} else if _, err := search.Parse(w.Query); err != nil {
		errs = append(errs, fmt.Errorf("query: %w", err))
	}
	if w.Webhook != "" {
		if err := checkWebhook(w.Webhook); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
