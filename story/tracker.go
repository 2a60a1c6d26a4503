package story

import (
	"fmt"
	"time"
)

// Recorded is an article whose story a store recorded. Seq numbers the
// store's records in the order they were made, from 1.
type Recorded struct {
	Seq     int64
	Story   string
	Article Article
}

// Loader reads the story assignments a store recorded.
type Loader interface {
	// Latest returns the highest Seq recorded (0 when none) and the
	// latest Story.Last of the recorded stories (zero when none).
	Latest() (seq int64, last time.Time, err error)
	// Recorded returns, in Seq order, the records with a Seq above
	// after that belong to stories last seen at or after open (every
	// story when open is zero).
	Recorded(after int64, open time.Time) ([]Recorded, error)
}

// Tracker keeps a Clusterer in step with the assignments a store
// records, when any number of processes write the store one
// transaction at a time. Before clustering, a writer calls Sync inside
// its transaction (holding the store's story lock); it records the
// assignments of the articles it adds with the Seqs that follow, and
// calls Done after its commit or rollback.
//
// The first Sync, and any after a rollback, rebuilds the Clusterer from
// the records of the stories still open: those last seen within the
// window before the latest one. A Sync that finds records made by
// another process replays them. The Clusterer evicts closed stories from
// memory (see Clusterer) only in Sync, never while a write adds its
// articles, so that the stories a write assigned are all there for it
// to read (Clusterer.Story) until it ends. A Tracker is not safe for
// concurrent use: its callers serialize their writes.
type Tracker struct {
	opt Options
	c   *Clusterer
	seq int64 // the last record the Clusterer holds; -1: rebuild
}

// NewTracker returns a Tracker whose Clusterers have the options opt,
// with ArticleIDs set.
func NewTracker(opt Options) *Tracker {
	opt.ArticleIDs = true
	return &Tracker{opt: opt.withDefaults(), seq: -1}
}

// Sync brings the Clusterer up to the records l reads and returns it
// with the highest Seq recorded; the caller numbers its records from
// seq+1.
func (t *Tracker) Sync(l Loader) (c *Clusterer, seq int64, err error) {
	latest, last, err := l.Latest()
	if err != nil {
		return nil, 0, fmt.Errorf("story: reading the latest record: %w", err)
	}
	switch {
	case t.c != nil && t.seq == latest:
		t.c.evict()
		return t.c, latest, nil
	case t.c != nil && t.seq >= 0 && latest > t.seq:
		if err := t.replay(l, t.seq, time.Time{}); err != nil {
			return nil, 0, err
		}
	default:
		t.c = New(t.opt)
		t.c.manual = true
		var open time.Time
		if !last.IsZero() {
			open = last.Add(-t.opt.Window)
		}
		if err := t.replay(l, 0, open); err != nil {
			return nil, 0, err
		}
	}
	t.seq = latest
	t.c.evict()
	return t.c, latest, nil
}

// replay restores the records after seq of the stories open since open.
func (t *Tracker) replay(l Loader, after int64, open time.Time) error {
	recs, err := l.Recorded(after, open)
	if err != nil {
		t.c, t.seq = nil, -1
		return fmt.Errorf("story: reading records: %w", err)
	}
	for _, r := range recs {
		if err := t.c.Restore(r.Article, r.Story); err != nil {
			t.c, t.seq = nil, -1
			return err
		}
	}
	return nil
}

// Done ends a write that recorded the assignments up to seq: when it
// was committed the Clusterer holds them; when not (rolled back, or
// unknown) the next Sync rebuilds the Clusterer.
func (t *Tracker) Done(seq int64, committed bool) {
	if committed {
		t.seq = seq
		return
	}
	t.c, t.seq = nil, -1
}

// Held reports how many stories the Tracker's Clusterer holds in memory
// and how many of them are open (see Clusterer.Len and Open); both are
// 0 when it has none, before the first Sync or after a rollback.
func (t *Tracker) Held() (stories, open int) {
	if t.c == nil {
		return 0, 0
	}
	return t.c.Len(), t.c.Open()
}
