// Package postgres is khabar's server store: a store.Store on
// PostgreSQL, for deployments where several processes share one
// database. It passes the same conformance suite (package storetest) as
// the embedded sqlite store and matches the same way.
//
// Full-text search does not use any PostgreSQL text-search
// configuration: every document is analyzed in Go with khabar's own
// analyzer, and its terms, with their positions, are stored as a
// tsvector literal (analyzed terms and, at the same positions,
// search.ExactPrefix plus the exact surface form, as sqlite indexes
// them), with a GIN index. Queries are translated from the parsed query
// AST into tsquery literals (phrases with <->, OR with |, exclusions
// with !, prefixes with :*), so no user text is ever parsed as tsquery
// syntax. Ranking is FTS5's BM25, computed in SQL from a postings
// table (analyzed term, document, weighted frequency; a prefix reads
// one index range), phrase occurrences counted from the tsvector's
// positions, document lengths and corpus statistics kept by Put, with
// the title weighted twice as sqlite does. Searches run on an in-memory
// index of every document's metadata and a cache of the postings of the
// terms searched (searchindex.go, postingscache.go), as sqlite does: a
// query is matched, scored, filtered, collapsed and counted in Go, and
// only its page is read from the server. A phrase's documents and
// occurrences are read once from the tsvectors the GIN index matches,
// a prefix's terms from one range of the postings' key; both are then
// cached (searchunits.go). Only a prefix phrase is scored in SQL.
// Near-duplicate clusters are assigned and collapsed as in sqlite.
// Snippets are made in Go by search.Matcher.
//
// Known limits of tsvector: positions stop at 16383 and at 256 per term
// (phrases later in very long documents, or an exact word's 257th
// occurrence, are not seen), and a document's tsvector holds about
// 900 KB of terms; terms first seen after that are not indexed.
//
// Puts from any number of goroutines and processes run concurrently:
// each locks only the rows its documents involve (their URLs and content
// hashes, their near-duplicate bands, their entities), so that every
// document is stored once and clustered with its near-duplicates as if
// the Puts had run one after the other (see locks.go).
//
// It uses github.com/jackc/pgx/v5 and its connection pool.
package postgres

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
	"github.com/khabar/khabar/story"
)

// Options configures a DB.
type Options struct {
	// Analyzer turns text into index terms; nil means
	// search.DefaultAnalyzer(). A database must always be opened with
	// the analyzer that built it.
	Analyzer search.Analyzer
	// ReadOnly opens the database for reading only: the schema must
	// already be up to date, and every transaction is read-only.
	ReadOnly bool
	// MaxConns bounds the connection pool; 0 means GOMAXPROCS+4.
	MaxConns int
	// NoStories makes Put store documents without clustering them into
	// stories (package story); they then have none until the database
	// is next opened for writing without it.
	NoStories bool
	// RetryFor bounds how long a call keeps trying while the server
	// cannot be reached (a restart, a fail-over) before it fails with
	// an error wrapping store.ErrUnavailable; 0 means DefaultRetryFor.
	RetryFor time.Duration
	// NoSearchIndex makes searches run in SQL alone, without the
	// in-memory search index and postings cache (searchindex.go): slower
	// on large databases, the same answers, no memory held.
	NoSearchIndex bool
	// PostingsBudget bounds the memory of the postings cache, in bytes;
	// 0 means DefaultPostingsBudget, a negative value disables the
	// cache (searches read the postings they need every time).
	PostingsBudget int64
	// PreloadDF makes Warm load the postings of the analyzed terms found
	// in at least this many documents, most frequent first, as far as
	// the postings budget allows; 0 means DefaultPreloadDF, a negative
	// value preloads nothing.
	PreloadDF int64
}

// DB is a store.Store backed by a PostgreSQL database.
type DB struct {
	pool *pgxpool.Pool
	an   search.Analyzer
	ro   bool
	name string // the database, for error messages

	retryFor time.Duration // see Options.RetryFor

	guard store.Guard // Close waits for calls in progress

	// tracker clusters stored documents into stories, under storyMu
	// and the story lock (stories.go); nil with Options.NoStories or
	// ReadOnly.
	tracker *story.Tracker
	storyMu sync.Mutex

	ix *searchIndex // nil with Options.NoSearchIndex
}

var _ store.Store = (*DB)(nil)

// IsURL reports whether s is a PostgreSQL connection URL
// (postgres:// or postgresql://).
func IsURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Open connects to the database at url (a postgres:// URL or a
// libpq key=value string) and, unless opt.ReadOnly, brings its schema up
// to date. Opened for writing, a hot standby gives an error wrapping
// ErrStandby (see OpenReplica).
func Open(ctx context.Context, url string, opt Options) (*DB, error) {
	if opt.Analyzer == nil {
		opt.Analyzer = search.DefaultAnalyzer()
	}
	if opt.MaxConns <= 0 {
		opt.MaxConns = runtime.GOMAXPROCS(0) + 4
	}
	if opt.RetryFor <= 0 {
		opt.RetryFor = DefaultRetryFor
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres: connection string: %w", err)
	}
	cfg.MaxConns = int32(opt.MaxConns)
	if opt.ReadOnly {
		cfg.ConnConfig.RuntimeParams["default_transaction_read_only"] = "on"
	}
	name := cfg.ConnConfig.Database
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: open %s: %w", name, err)
	}
	s := &DB{pool: pool, an: opt.Analyzer, ro: opt.ReadOnly, name: name, retryFor: opt.RetryFor}
	if !opt.NoSearchIndex {
		s.ix = newSearchIndex(opt.PostingsBudget, opt.PreloadDF)
	}
	if !opt.ReadOnly && !opt.NoStories {
		s.tracker = story.NewTracker(story.Options{Analyzer: opt.Analyzer})
	}
	if opt.ReadOnly {
		err = checkVersion(ctx, pool)
	} else {
		err = s.prepareWrites(ctx)
	}
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: %s: %w", name, err)
	}
	return s, nil
}

// prepareWrites readies a DB opened for writing: it refuses a hot
// standby, brings the schema up to date and gives the documents stored
// without them their near-duplicate clusters and stories.
func (s *DB) prepareWrites(ctx context.Context) error {
	if err := refuseStandby(ctx, s.pool); err != nil {
		return err
	}
	if err := migrate(ctx, s.pool, s.an); err != nil {
		return err
	}
	if err := s.backfillClusters(ctx); err != nil {
		return err
	}
	return s.backfillStories(ctx)
}

// Close closes the connection pool. It waits for calls in progress.
func (s *DB) Close() error {
	return s.guard.Close(func() error {
		s.pool.Close()
		return nil
	})
}

// begin guards a call against a closed DB; the returned func ends the guard.
func (s *DB) begin() (func(), error) { return s.guard.Begin() }

// readTx runs fn in one read-only, repeatable-read transaction: all its
// queries see one snapshot. It is retried while the server is
// unreachable.
func (s *DB) readTx(ctx context.Context, fn func(pgx.Tx) error) error {
	done, err := s.begin()
	if err != nil {
		return err
	}
	defer done()
	return s.retry(ctx, func() error {
		return pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, fn)
	})
}

// Stats implements store.Store. Bytes is the size of the whole database.
func (s *DB) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	err := s.readTx(ctx, func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `SELECT
			(SELECT count(*) FROM documents), (SELECT count(*) FROM entities), (SELECT count(*) FROM mentions),
			(SELECT count(*) FROM dates), (SELECT count(*) FROM quotes), (SELECT count(*) FROM events),
			pg_database_size(current_database())`).
			Scan(&st.Documents, &st.Entities, &st.Mentions, &st.Dates, &st.Quotes, &st.Events, &st.Bytes)
	})
	if err != nil {
		return st, s.wrap("stats", err)
	}
	return st, nil
}

// wrap names the operation and database in err, keeping ErrClosed and
// ErrNotFound recognizable with errors.Is.
func (s *DB) wrap(op string, err error) error {
	if err == store.ErrClosed {
		return err
	}
	return fmt.Errorf("postgres: %s: %s: %w", s.name, op, err)
}
