// Package sqlite is khabar's embedded store: one SQLite database in WAL
// mode, with an FTS5 full-text index whose tokenizer is khabar's own
// analyzer (registered on every connection), so that full-text search
// matches Arabic the way khabar analyzes it and snippets highlight the
// original words.
//
// It uses github.com/ncruces/go-sqlite3 (SQLite compiled to Go, no cgo).
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/ncruces/go-sqlite3"
	"github.com/ncruces/go-sqlite3/driver"
	"github.com/ncruces/go-sqlite3/ext/fts5"

	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
	"github.com/khabar/khabar/story"
)

// vocabTable is the fts5vocab table over fts that every connection
// creates in its temp schema.
const vocabTable = "khabar_vocab"

// walSizeLimit is the size the write-ahead log file is cut back to
// after a checkpoint (PRAGMA journal_size_limit).
var walSizeLimit int64 = 64 << 20

// FileName is the database file inside a data directory.
const FileName = "khabar.db"

// Options configures a DB.
type Options struct {
	// Analyzer turns text into index terms; nil means
	// search.DefaultAnalyzer(). A database must always be opened with
	// the analyzer that built it.
	Analyzer search.Analyzer
	// SyncFull makes every commit wait for the disk (synchronous=FULL).
	// The default, synchronous=NORMAL in WAL mode, already keeps every
	// committed transaction through a process crash (kill -9); FULL adds
	// durability through power loss.
	SyncFull bool
	// ReadOnly opens the database for reading only.
	ReadOnly bool
	// MaxReaders bounds concurrent read connections; 0 means GOMAXPROCS+2.
	MaxReaders int
	// NoSearchIndex makes Search use SQL alone instead of an in-memory
	// index of the documents' dates, sources, clusters, lengths and
	// entities. The index is loaded by the first search (about a second
	// per 30,000 documents) and makes every later search several times
	// faster; a process that searches once may do without it.
	NoSearchIndex bool
	// NoStories makes Put store documents without clustering them into
	// stories (package story); they then have none.
	NoStories bool
}

// DB is a store.Store backed by one SQLite database.
type DB struct {
	path string
	ro   bool
	sql  *sql.DB
	an   search.Analyzer
	tok  *tokenizer  // the FTS5 tokenizer of every connection
	lsh  *bandFilter // the band keys in table lsh; made and used by Put under wmu
	wmu  sync.Mutex  // one writer at a time
	ix   *docIndex   // search index; nil with Options.NoSearchIndex
	// tracker clusters stored documents into stories; used by Put under
	// wmu; nil with Options.NoStories or ReadOnly.
	tracker *story.Tracker
	// storyCost is what clustering has cost, counted under wmu; see
	// StoryStats.
	storyCost StoryStats

	connMu sync.Mutex
	conns  map[*sqlite3.Conn]bool // connections with cached search statements (raw.go)

	guard store.Guard // Close waits for calls in progress
}

var _ store.Store = (*DB)(nil)

// OpenDir opens (creating it if needed) the store in data directory dir.
func OpenDir(ctx context.Context, dir string, opt Options) (*DB, error) {
	if !opt.ReadOnly {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("sqlite: data directory: %w", err)
		}
	}
	return Open(ctx, filepath.Join(dir, FileName), opt)
}

// Open opens (creating it if needed) the database file at path and
// brings its schema up to date.
func Open(ctx context.Context, path string, opt Options) (*DB, error) {
	if opt.Analyzer == nil {
		opt.Analyzer = search.DefaultAnalyzer()
	}
	if opt.MaxReaders <= 0 {
		opt.MaxReaders = runtime.GOMAXPROCS(0) + 2
	}
	if opt.ReadOnly {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("sqlite: %w", err)
		}
	}
	syncMode := "normal"
	if opt.SyncFull {
		syncMode = "full"
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(30000)")
	q.Add("_pragma", "journal_mode(wal)")
	q.Add("_pragma", "synchronous("+syncMode+")")
	q.Add("_pragma", "foreign_keys(on)")
	q.Add("_pragma", "temp_store(memory)")
	q.Add("_pragma", "cache_size(-32000)")
	// The write-ahead log grows while a long read (a server warming its
	// index, a large search) keeps the writer from wrapping it, and its
	// file never shrank: 1.35 GB beside a 2.35 GB database during a
	// 150,000-article benchmark. Past a checkpoint it is cut back to this.
	q.Add("_pragma", fmt.Sprintf("journal_size_limit(%d)", walSizeLimit))
	q.Set("_txlock", "immediate")
	if opt.ReadOnly {
		q.Set("mode", "ro")
	}
	dsn := (&url.URL{Scheme: "file", OmitHost: true, Path: path, RawQuery: q.Encode()}).String()
	tok := newTokenizer(opt.Analyzer)
	db, err := driver.Open(dsn, func(c *sqlite3.Conn) error {
		err := fts5.RegisterCustom(c, func(api *fts5.API) error {
			if err := api.CreateTokenizer("khabar", func([]string) (fts5.Tokenizer, error) { return tok, nil }); err != nil {
				return err
			}
			return api.CreateFunction("khabar_bm25", bm25Function)
		})
		if err != nil {
			return err
		}
		// Per-term document counts for BM25 (see phraseDF); a search
		// falls back to counting if it is missing.
		c.Exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.` + vocabTable + ` USING fts5vocab(main, 'fts', 'row')`)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(opt.MaxReaders + 1)
	db.SetMaxIdleConns(opt.MaxReaders + 1)
	s := &DB{path: path, ro: opt.ReadOnly, sql: db, an: opt.Analyzer, tok: tok}
	s.conns = map[*sqlite3.Conn]bool{}
	if !opt.NoSearchIndex {
		s.ix = newDocIndex()
	}
	if !opt.NoStories && !opt.ReadOnly {
		s.tracker = story.NewTracker(story.Options{Analyzer: opt.Analyzer})
	}
	if !opt.ReadOnly {
		if err := migrate(ctx, db); err != nil {
			db.Close()
			return nil, fmt.Errorf("sqlite: %s: %w", path, err)
		}
		if err := s.backfillClusters(ctx); err != nil {
			db.Close()
			return nil, fmt.Errorf("sqlite: %s: %w", path, err)
		}
		if err := s.backfillStories(ctx); err != nil {
			db.Close()
			return nil, fmt.Errorf("sqlite: %s: %w", path, err)
		}
	} else if err := checkVersion(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	return s, nil
}

// Path returns the database file's path.
func (s *DB) Path() string { return s.path }

// Close closes the database. It waits for calls in progress.
func (s *DB) Close() error {
	return s.guard.Close(s.release)
}

// release frees what the DB holds; Close runs it once.
func (s *DB) release() error {
	s.forgetStmts()
	if s.ro {
		return s.sql.Close()
	}
	if _, err := s.sql.Exec(`PRAGMA optimize`); err != nil {
		s.sql.Close()
		return fmt.Errorf("sqlite: close %s: %w", s.path, err)
	}
	if err := s.sql.Close(); err != nil {
		return fmt.Errorf("sqlite: close %s: %w", s.path, err)
	}
	return nil
}

// begin guards a call against a closed DB; the returned func ends the guard.
func (s *DB) begin() (func(), error) { return s.guard.Begin() }

// Stats implements store.Store.
func (s *DB) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	done, err := s.begin()
	if err != nil {
		return st, err
	}
	defer done()
	err = s.sql.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM documents), (SELECT count(*) FROM entities), (SELECT count(*) FROM mentions),
		(SELECT count(*) FROM dates), (SELECT count(*) FROM quotes), (SELECT count(*) FROM events)`).
		Scan(&st.Documents, &st.Entities, &st.Mentions, &st.Dates, &st.Quotes, &st.Events)
	if err != nil {
		return st, fmt.Errorf("sqlite: stats: %w", err)
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if fi, err := os.Stat(s.path + suffix); err == nil {
			st.Bytes += fi.Size()
		}
	}
	return st, nil
}

// Checkpoint copies the write-ahead log into the database file and
// truncates it (for measuring size, or before a backup).
func (s *DB) Checkpoint(ctx context.Context) error {
	done, err := s.begin()
	if err != nil {
		return err
	}
	defer done()
	if _, err := s.sql.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return fmt.Errorf("sqlite: checkpoint: %w", err)
	}
	return nil
}

func notFound(err error) bool { return errors.Is(err, sql.ErrNoRows) }
