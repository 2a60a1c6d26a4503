package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/khabar/khabar/store"
)

// watchMigration keeps watches (saved queries) and the matches recorded
// for them (package watch): each watch's position in the documents
// (cursor: a documents.id), and the last match its webhook acknowledged
// (delivered) and a person saw (seen), as watch_matches.seq values.
const watchMigration = `
CREATE TABLE watches (
	id        bigserial PRIMARY KEY,
	uid       text COLLATE "C" NOT NULL UNIQUE,
	name      text NOT NULL,
	query     text NOT NULL,
	webhook   text NOT NULL DEFAULT '',
	secret    text NOT NULL,
	created   timestamptz NOT NULL,
	cursor    bigint NOT NULL DEFAULT 0,
	delivered bigint NOT NULL DEFAULT 0,
	seen      bigint NOT NULL DEFAULT 0
);
CREATE TABLE watch_matches (
	seq       bigserial PRIMARY KEY,
	watch     bigint NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
	key       text COLLATE "C" NOT NULL,
	doc       text COLLATE "C" NOT NULL,
	title     text NOT NULL,
	url       text NOT NULL,
	source    text NOT NULL,
	published text NOT NULL,
	matched   timestamptz NOT NULL,
	UNIQUE (watch, key)
);
CREATE INDEX watch_matches_watch ON watch_matches(watch, seq);
`

var _ store.WatchStore = (*DB)(nil)

// watchTx runs fn in one read-write transaction, retried while the
// server is unreachable.
func (s *DB) watchTx(ctx context.Context, fn func(pgx.Tx) error) error {
	done, err := s.begin()
	if err != nil {
		return err
	}
	defer done()
	return s.retry(ctx, func() error { return pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{}, fn) })
}

// AddWatch implements store.WatchStore.
func (s *DB) AddWatch(ctx context.Context, w store.Watch) (*store.Watch, error) {
	w.ID, w.Secret = store.NewWatchIDs()
	w.Created = time.Now().UTC().Truncate(time.Second)
	err := s.watchTx(ctx, func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `INSERT INTO watches (uid, name, query, webhook, secret, created, cursor)
			VALUES ($1,$2,$3,$4,$5,$6, (SELECT coalesce(max(id), 0) FROM documents)) RETURNING cursor`,
			w.ID, w.Name, w.Query, w.Webhook, w.Secret, w.Created).Scan(&w.Cursor)
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: add watch: %w", err)
	}
	return &w, nil
}

const watchColumns = `w.uid, w.name, w.query, w.webhook, w.secret, w.created, w.cursor, w.delivered, w.seen,
	(SELECT count(*) FROM watch_matches m WHERE m.watch = w.id),
	(SELECT count(*) FROM watch_matches m WHERE m.watch = w.id AND m.seq > w.seen),
	(SELECT count(*) FROM watch_matches m WHERE m.watch = w.id AND m.seq > w.delivered),
	(SELECT coalesce(max(m.seq), 0) FROM watch_matches m WHERE m.watch = w.id),
	(SELECT m.matched FROM watch_matches m WHERE m.watch = w.id ORDER BY m.seq DESC LIMIT 1)`

func scanWatch(row pgx.Row) (store.Watch, error) {
	var w store.Watch
	var latest *time.Time
	err := row.Scan(&w.ID, &w.Name, &w.Query, &w.Webhook, &w.Secret, &w.Created, &w.Cursor, &w.Delivered, &w.Seen,
		&w.Matches, &w.Unseen, &w.Undelivered, &w.Latest, &latest)
	w.Created = w.Created.UTC()
	if latest != nil {
		w.LatestAt = latest.UTC()
	}
	if w.Webhook == "" {
		w.Undelivered = 0
	}
	return w, err
}

// Watches implements store.WatchStore.
func (s *DB) Watches(ctx context.Context) ([]store.Watch, error) {
	var ws []store.Watch
	err := s.readTx(ctx, func(tx pgx.Tx) error {
		ws = nil
		rows, err := tx.Query(ctx, `SELECT `+watchColumns+` FROM watches w ORDER BY w.id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			w, err := scanWatch(rows)
			if err != nil {
				return err
			}
			ws = append(ws, w)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: watches: %w", err)
	}
	return ws, nil
}

// GetWatch implements store.WatchStore.
func (s *DB) GetWatch(ctx context.Context, id string) (*store.Watch, error) {
	var w store.Watch
	err := s.readTx(ctx, func(tx pgx.Tx) (err error) {
		w, err = scanWatch(tx.QueryRow(ctx, `SELECT `+watchColumns+` FROM watches w WHERE w.uid = $1`, id))
		return err
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: watch %s: %w", id, err)
	}
	return &w, nil
}

// RemoveWatch implements store.WatchStore.
func (s *DB) RemoveWatch(ctx context.Context, id string) error {
	var n int64
	err := s.watchTx(ctx, func(tx pgx.Tx) error {
		t, err := tx.Exec(ctx, `DELETE FROM watches WHERE uid = $1`, id)
		n = t.RowsAffected()
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: remove watch: %w", err)
	}
	if n == 0 {
		return store.ErrNotFound
	}
	return nil
}

// Arrivals implements store.WatchStore. Concurrent Puts commit their
// documents out of the order of their IDs; package watch keeps its
// cursor behind the gaps this leaves for a while (see watch.Matcher).
func (s *DB) Arrivals(ctx context.Context, after int64, limit int) ([]store.Arrival, error) {
	if limit <= 0 {
		limit = store.DefaultWatchMatches
	}
	var as []store.Arrival
	err := s.readTx(ctx, func(tx pgx.Tx) error {
		as = nil
		rows, err := tx.Query(ctx, `SELECT id, uid, published, ingested FROM documents WHERE id > $1 ORDER BY id LIMIT $2`, after, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a store.Arrival
			if err := rows.Scan(&a.Seq, &a.ID, &a.Published, &a.Ingested); err != nil {
				return err
			}
			a.Ingested = a.Ingested.UTC()
			as = append(as, a)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: arrivals: %w", err)
	}
	return as, nil
}

// AddWatchMatches implements store.WatchStore.
func (s *DB) AddWatchMatches(ctx context.Context, id string, cursor int64, ms []store.WatchMatch) ([]store.WatchMatch, error) {
	var added []store.WatchMatch
	err := s.watchTx(ctx, func(tx pgx.Tx) error {
		added = nil
		var n int64
		if err := tx.QueryRow(ctx, `SELECT id FROM watches WHERE uid = $1 FOR UPDATE`, id).Scan(&n); err != nil {
			return err
		}
		now := time.Now().UTC()
		for _, m := range ms {
			m.Matched = now
			err := tx.QueryRow(ctx, `INSERT INTO watch_matches (watch, key, doc, title, url, source, published, matched)
				VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (watch, key) DO NOTHING RETURNING seq`,
				n, m.Key, m.DocID, m.Title, m.URL, m.Source, m.Published, now).Scan(&m.Seq)
			if errors.Is(err, pgx.ErrNoRows) {
				continue // the watch fired for this key before
			}
			if err != nil {
				return err
			}
			added = append(added, m)
		}
		_, err := tx.Exec(ctx, `UPDATE watches SET cursor = greatest(cursor, $1) WHERE id = $2`, cursor, n)
		return err
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: watch matches: %w", err)
	}
	return added, nil
}

// WatchMatches implements store.WatchStore.
func (s *DB) WatchMatches(ctx context.Context, id string, after int64, limit int, oldest bool) ([]store.WatchMatch, error) {
	if limit <= 0 {
		limit = store.DefaultWatchMatches
	}
	order := "DESC"
	if oldest {
		order = "ASC"
	}
	var ms []store.WatchMatch
	err := s.readTx(ctx, func(tx pgx.Tx) error {
		ms = nil
		rows, err := tx.Query(ctx, `SELECT m.seq, m.key, m.doc, m.title, m.url, m.source, m.published, m.matched
			FROM watch_matches m JOIN watches w ON w.id = m.watch
			WHERE w.uid = $1 AND m.seq > $2 ORDER BY m.seq `+order+` LIMIT $3`, id, after, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m store.WatchMatch
			if err := rows.Scan(&m.Seq, &m.Key, &m.DocID, &m.Title, &m.URL, &m.Source, &m.Published, &m.Matched); err != nil {
				return err
			}
			m.Matched = m.Matched.UTC()
			ms = append(ms, m)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: watch matches: %w", err)
	}
	return ms, nil
}

// MarkWatch implements store.WatchStore.
func (s *DB) MarkWatch(ctx context.Context, id string, mark store.WatchMark, seq int64) error {
	col := "delivered"
	if mark == store.WatchSeen {
		col = "seen"
	}
	var n int64
	err := s.watchTx(ctx, func(tx pgx.Tx) error {
		t, err := tx.Exec(ctx, `UPDATE watches SET `+col+` = greatest(`+col+`, $1) WHERE uid = $2`, seq, id)
		n = t.RowsAffected()
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: mark watch: %w", err)
	}
	if n == 0 {
		return store.ErrNotFound
	}
	return nil
}
