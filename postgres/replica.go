package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// Read replicas. A PostgreSQL hot standby (streaming replication) holds
// the same databases as its primary, a moment behind, and answers
// read-only queries. A Replica reads from such a standby and sends the
// writes to the primary, so that several servers can share the reading
// while one database takes the writes.
//
// Nothing the reads see is kept in the process: every read is a query
// of the standby, so a write committed on the primary is seen as soon
// as the standby has replayed it (its replay lag, usually well under a
// second on a local network; pg_stat_replication on the primary shows
// it). The story clusterer that Put keeps in memory belongs to the
// primary's DB and catches up from the primary's tables before each
// clustering, as with any other writer.

// ErrStandby is wrapped by the error of Open when the database, opened
// for writing, is a hot standby (a server in recovery): it can only be
// read. Open it read-only, or with OpenReplica and its primary.
var ErrStandby = errors.New("the database server is a hot standby (read-only)")

// refuseStandby returns an error wrapping ErrStandby when pool's server
// is in recovery.
func refuseStandby(ctx context.Context, pool *pgxpool.Pool) error {
	var standby bool
	if err := pool.QueryRow(ctx, `SELECT pg_is_in_recovery()`).Scan(&standby); err != nil {
		return fmt.Errorf("checking for a hot standby: %w", err)
	}
	if standby {
		return fmt.Errorf("%w: open it read-only, or give its primary for the writes", ErrStandby)
	}
	return nil
}

// Replica is a store.Store and store.WatchStore that reads from one
// database, typically a hot standby, and writes to another, its primary.
// Documents, search, entities, events, quotes, stories and statistics
// are read from the standby. Put goes to the primary, and so do all the
// watch calls (a watch just added is found at once, and the matches
// recorded are never behind the cursor they were read with). Without a
// primary, every write fails with an error wrapping store.ErrReadOnly
// and watches are read from the standby.
type Replica struct {
	read  *DB
	write *DB // nil: no primary, writes refused
}

var (
	_ store.Store      = (*Replica)(nil)
	_ store.WatchStore = (*Replica)(nil)
)

// OpenReplica opens the database at readURL read-only, for the reads,
// and, unless writeURL is empty, the database at writeURL for the writes
// (with opt, bringing its schema up to date as Open does). The reading
// database must have this program's schema version: when the primary
// has just been upgraded, OpenReplica waits up to opt.RetryFor for the
// standby to replay the upgrade. When both servers report the system
// identifier of their cluster and the two differ, the reading database
// cannot be a copy of the writing one and OpenReplica fails.
func OpenReplica(ctx context.Context, readURL, writeURL string, opt Options) (*Replica, error) {
	if readURL == "" {
		return nil, errors.New("postgres: replica: no database to read from")
	}
	if opt.RetryFor <= 0 {
		opt.RetryFor = DefaultRetryFor
	}
	r := &Replica{}
	if writeURL != "" {
		wopt := opt
		wopt.ReadOnly = false
		w, err := Open(ctx, writeURL, wopt)
		if err != nil {
			return nil, fmt.Errorf("postgres: replica: primary: %w", err)
		}
		r.write = w
	}
	ropt := opt
	ropt.ReadOnly = true
	deadline := time.Now().Add(opt.RetryFor)
	for {
		db, err := Open(ctx, readURL, ropt)
		if err == nil {
			r.read = db
			break
		}
		// Just after the primary's upgrade, the standby may not have
		// replayed it yet.
		if !errors.Is(err, errSchema) || r.write == nil || time.Now().After(deadline) || ctx.Err() != nil {
			r.closeWrite()
			return nil, fmt.Errorf("postgres: replica: %w", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if r.write != nil {
		if err := sameCluster(ctx, r.read, r.write); err != nil {
			r.Close()
			return nil, fmt.Errorf("postgres: replica: %w", err)
		}
	}
	return r, nil
}

// sameCluster fails when read and write report different system
// identifiers: a streaming standby has its primary's. A server that does
// not let this user read its control data is given the benefit of the
// doubt.
func sameCluster(ctx context.Context, read, write *DB) error {
	id := func(db *DB) (int64, bool, error) {
		var v int64
		err := db.pool.QueryRow(ctx, `SELECT system_identifier FROM pg_control_system()`).Scan(&v)
		var pe *pgconn.PgError
		if errors.As(err, &pe) && pe.Code == "42501" { // insufficient_privilege
			return 0, false, nil
		}
		return v, err == nil, err
	}
	rid, rok, err := id(read)
	if err != nil {
		return fmt.Errorf("%s: system identifier: %w", read.name, err)
	}
	wid, wok, err := id(write)
	if err != nil {
		return fmt.Errorf("%s: system identifier: %w", write.name, err)
	}
	if rok && wok && rid != wid {
		return fmt.Errorf("the database to read from (%s, cluster %d) is not a copy of the one to write to (%s, cluster %d): "+
			"give a streaming standby of the primary", read.name, rid, write.name, wid)
	}
	return nil
}

// Primary returns the DB the writes go to, or nil when there is none.
func (r *Replica) Primary() *DB { return r.write }

// Reader returns the read-only DB the reads go to.
func (r *Replica) Reader() *DB { return r.read }

// Close closes both databases.
func (r *Replica) Close() error {
	err := r.read.Close()
	return errors.Join(err, r.closeWrite())
}

func (r *Replica) closeWrite() error {
	if r.write == nil {
		return nil
	}
	return r.write.Close()
}

// noPrimary is the error of a write without a primary.
func (r *Replica) noPrimary(op string) error {
	return fmt.Errorf("postgres: %s: %s: %w: the database is a read replica and no primary was given for writes",
		r.read.name, op, store.ErrReadOnly)
}

// watches returns the DB that keeps the watches: the primary when there
// is one.
func (r *Replica) watches() *DB {
	if r.write != nil {
		return r.write
	}
	return r.read
}

// Put implements store.Store: on the primary.
func (r *Replica) Put(ctx context.Context, docs []store.Document) ([]store.PutResult, error) {
	if r.write == nil {
		return nil, r.noPrimary("put")
	}
	return r.write.Put(ctx, docs)
}

// Get implements store.Store.
func (r *Replica) Get(ctx context.Context, id string) (*store.Record, error) {
	return r.read.Get(ctx, id)
}

// Lookup implements store.Store.
func (r *Replica) Lookup(ctx context.Context, url string) (string, error) {
	return r.read.Lookup(ctx, url)
}

// Search implements store.Store.
func (r *Replica) Search(ctx context.Context, req search.Request) (*search.Result, error) {
	return r.read.Search(ctx, req)
}

// Entity implements store.Store.
func (r *Replica) Entity(ctx context.Context, ref string, opt store.EntityOptions) (*store.EntityPage, error) {
	return r.read.Entity(ctx, ref, opt)
}

// Events implements store.Store.
func (r *Replica) Events(ctx context.Context, f store.EventFilter) ([]store.EventRecord, error) {
	return r.read.Events(ctx, f)
}

// Quotes implements store.Store.
func (r *Replica) Quotes(ctx context.Context, f store.QuoteFilter) (*store.QuoteResult, error) {
	return r.read.Quotes(ctx, f)
}

// Stories implements store.Store.
func (r *Replica) Stories(ctx context.Context, f store.StoryFilter) ([]store.StoryInfo, error) {
	return r.read.Stories(ctx, f)
}

// Story implements store.Store.
func (r *Replica) Story(ctx context.Context, id string) (*store.StoryPage, error) {
	return r.read.Story(ctx, id)
}

// StoriesOf implements store.Store.
func (r *Replica) StoriesOf(ctx context.Context, ids []string) (map[string]string, error) {
	return r.read.StoriesOf(ctx, ids)
}

// Warm loads the reader's search index (see DB.Warm).
func (r *Replica) Warm(ctx context.Context) error { return r.read.Warm(ctx) }

// Stats implements store.Store: the standby's counts.
func (r *Replica) Stats(ctx context.Context) (store.Stats, error) {
	return r.read.Stats(ctx)
}

// AddWatch implements store.WatchStore: on the primary.
func (r *Replica) AddWatch(ctx context.Context, w store.Watch) (*store.Watch, error) {
	if r.write == nil {
		return nil, r.noPrimary("add watch")
	}
	return r.write.AddWatch(ctx, w)
}

// Watches implements store.WatchStore.
func (r *Replica) Watches(ctx context.Context) ([]store.Watch, error) {
	return r.watches().Watches(ctx)
}

// GetWatch implements store.WatchStore.
func (r *Replica) GetWatch(ctx context.Context, id string) (*store.Watch, error) {
	return r.watches().GetWatch(ctx, id)
}

// RemoveWatch implements store.WatchStore: on the primary.
func (r *Replica) RemoveWatch(ctx context.Context, id string) error {
	if r.write == nil {
		return r.noPrimary("remove watch")
	}
	return r.write.RemoveWatch(ctx, id)
}

// Arrivals implements store.WatchStore.
func (r *Replica) Arrivals(ctx context.Context, after int64, limit int) ([]store.Arrival, error) {
	return r.watches().Arrivals(ctx, after, limit)
}

// AddWatchMatches implements store.WatchStore: on the primary.
func (r *Replica) AddWatchMatches(ctx context.Context, id string, cursor int64, ms []store.WatchMatch) ([]store.WatchMatch, error) {
	if r.write == nil {
		return nil, r.noPrimary("add watch matches")
	}
	return r.write.AddWatchMatches(ctx, id, cursor, ms)
}

// WatchMatches implements store.WatchStore.
func (r *Replica) WatchMatches(ctx context.Context, id string, after int64, limit int, oldest bool) ([]store.WatchMatch, error) {
	return r.watches().WatchMatches(ctx, id, after, limit, oldest)
}

// MarkWatch implements store.WatchStore: on the primary.
func (r *Replica) MarkWatch(ctx context.Context, id string, mark store.WatchMark, seq int64) error {
	if r.write == nil {
		return r.noPrimary("mark watch")
	}
	return r.write.MarkWatch(ctx, id, mark, seq)
}
