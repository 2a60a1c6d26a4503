package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/khabar/khabar/store"
)

// watchMigration keeps watches (saved queries) and the matches recorded
// for them (package watch): each watch's position in the documents
// (cursor: a documents.id), and the last match its webhook acknowledged
// (delivered) and a person saw (seen), as watch_matches.seq values.
const watchMigration = `
CREATE TABLE watches (
	id        INTEGER PRIMARY KEY,
	uid       TEXT NOT NULL UNIQUE,
	name      TEXT NOT NULL,
	query     TEXT NOT NULL,
	webhook   TEXT NOT NULL DEFAULT '',
	secret    TEXT NOT NULL,
	created   TEXT NOT NULL,
	cursor    INTEGER NOT NULL DEFAULT 0,
	delivered INTEGER NOT NULL DEFAULT 0,
	seen      INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE watch_matches (
	seq       INTEGER PRIMARY KEY,
	watch     INTEGER NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
	key       TEXT NOT NULL,
	doc       TEXT NOT NULL,
	title     TEXT NOT NULL,
	url       TEXT NOT NULL,
	source    TEXT NOT NULL,
	published TEXT NOT NULL,
	matched   TEXT NOT NULL,
	UNIQUE (watch, key)
);
CREATE INDEX watch_matches_watch ON watch_matches(watch, seq);
`

var _ store.WatchStore = (*DB)(nil)

// AddWatch implements store.WatchStore.
func (s *DB) AddWatch(ctx context.Context, w store.Watch) (*store.Watch, error) {
	done, err := s.begin()
	if err != nil {
		return nil, err
	}
	defer done()
	w.ID, w.Secret = store.NewWatchIDs()
	w.Created = time.Now().UTC().Truncate(time.Second)
	err = s.sql.QueryRowContext(ctx, `INSERT INTO watches (uid, name, query, webhook, secret, created, cursor)
		VALUES (?,?,?,?,?,?, (SELECT coalesce(max(id), 0) FROM documents)) RETURNING cursor`,
		w.ID, w.Name, w.Query, w.Webhook, w.Secret, w.Created.Format(time.RFC3339)).Scan(&w.Cursor)
	if err != nil {
		return nil, fmt.Errorf("sqlite: add watch: %w", err)
	}
	return &w, nil
}

const watchColumns = `w.uid, w.name, w.query, w.webhook, w.secret, w.created, w.cursor, w.delivered, w.seen,
	(SELECT count(*) FROM watch_matches m WHERE m.watch = w.id),
	(SELECT count(*) FROM watch_matches m WHERE m.watch = w.id AND m.seq > w.seen),
	(SELECT count(*) FROM watch_matches m WHERE m.watch = w.id AND m.seq > w.delivered),
	(SELECT coalesce(max(m.seq), 0) FROM watch_matches m WHERE m.watch = w.id),
	coalesce((SELECT m.matched FROM watch_matches m WHERE m.watch = w.id ORDER BY m.seq DESC LIMIT 1), '')`

func scanWatch(sc interface{ Scan(...any) error }) (store.Watch, error) {
	var w store.Watch
	var created, latest string
	err := sc.Scan(&w.ID, &w.Name, &w.Query, &w.Webhook, &w.Secret, &created, &w.Cursor, &w.Delivered, &w.Seen,
		&w.Matches, &w.Unseen, &w.Undelivered, &w.Latest, &latest)
	w.Created, _ = time.Parse(time.RFC3339, created)
	if latest != "" {
		w.LatestAt, _ = time.Parse(time.RFC3339Nano, latest)
	}
	if w.Webhook == "" {
		w.Undelivered = 0
	}
	return w, err
}

// Watches implements store.WatchStore.
func (s *DB) Watches(ctx context.Context) ([]store.Watch, error) {
	done, err := s.begin()
	if err != nil {
		return nil, err
	}
	defer done()
	rows, err := s.sql.QueryContext(ctx, `SELECT `+watchColumns+` FROM watches w ORDER BY w.id`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: watches: %w", err)
	}
	defer rows.Close()
	var ws []store.Watch
	for rows.Next() {
		w, err := scanWatch(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: watches: %w", err)
		}
		ws = append(ws, w)
	}
	return ws, rows.Err()
}

// GetWatch implements store.WatchStore.
func (s *DB) GetWatch(ctx context.Context, id string) (*store.Watch, error) {
	done, err := s.begin()
	if err != nil {
		return nil, err
	}
	defer done()
	w, err := scanWatch(s.sql.QueryRowContext(ctx, `SELECT `+watchColumns+` FROM watches w WHERE w.uid = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: watch %s: %w", id, err)
	}
	return &w, nil
}

// RemoveWatch implements store.WatchStore.
func (s *DB) RemoveWatch(ctx context.Context, id string) error {
	done, err := s.begin()
	if err != nil {
		return err
	}
	defer done()
	tx, err := s.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: remove watch: %w", err)
	}
	defer tx.Rollback()
	var n int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM watches WHERE uid = ?`, id).Scan(&n); errors.Is(err, sql.ErrNoRows) {
		return store.ErrNotFound
	} else if err != nil {
		return fmt.Errorf("sqlite: remove watch: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM watch_matches WHERE watch = ?`, n); err != nil {
		return fmt.Errorf("sqlite: remove watch: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM watches WHERE id = ?`, n); err != nil {
		return fmt.Errorf("sqlite: remove watch: %w", err)
	}
	return tx.Commit()
}

// Arrivals implements store.WatchStore.
func (s *DB) Arrivals(ctx context.Context, after int64, limit int) ([]store.Arrival, error) {
	done, err := s.begin()
	if err != nil {
		return nil, err
	}
	defer done()
	if limit <= 0 {
		limit = store.DefaultWatchMatches
	}
	rows, err := s.sql.QueryContext(ctx, `SELECT id, uid, published, ingested FROM documents WHERE id > ? ORDER BY id LIMIT ?`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: arrivals: %w", err)
	}
	defer rows.Close()
	var as []store.Arrival
	for rows.Next() {
		var a store.Arrival
		var ingested string
		if err := rows.Scan(&a.Seq, &a.ID, &a.Published, &ingested); err != nil {
			return nil, fmt.Errorf("sqlite: arrivals: %w", err)
		}
		a.Ingested, _ = time.Parse(time.RFC3339, ingested)
		as = append(as, a)
	}
	return as, rows.Err()
}

// AddWatchMatches implements store.WatchStore.
func (s *DB) AddWatchMatches(ctx context.Context, id string, cursor int64, ms []store.WatchMatch) ([]store.WatchMatch, error) {
	done, err := s.begin()
	if err != nil {
		return nil, err
	}
	defer done()
	tx, err := s.sql.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: watch matches: %w", err)
	}
	defer tx.Rollback()
	var n int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM watches WHERE uid = ?`, id).Scan(&n); errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	} else if err != nil {
		return nil, fmt.Errorf("sqlite: watch matches: %w", err)
	}
	now := time.Now().UTC()
	var added []store.WatchMatch
	for _, m := range ms {
		m.Matched = now
		err := tx.QueryRowContext(ctx, `INSERT INTO watch_matches (watch, key, doc, title, url, source, published, matched)
			VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (watch, key) DO NOTHING RETURNING seq`,
			n, m.Key, m.DocID, m.Title, m.URL, m.Source, m.Published, now.Format(time.RFC3339Nano)).Scan(&m.Seq)
		if errors.Is(err, sql.ErrNoRows) {
			continue // the watch fired for this key before
		}
		if err != nil {
			return nil, fmt.Errorf("sqlite: watch matches: %w", err)
		}
		added = append(added, m)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE watches SET cursor = max(cursor, ?) WHERE id = ?`, cursor, n); err != nil {
		return nil, fmt.Errorf("sqlite: watch matches: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: watch matches: %w", err)
	}
	return added, nil
}

// WatchMatches implements store.WatchStore.
func (s *DB) WatchMatches(ctx context.Context, id string, after int64, limit int, oldest bool) ([]store.WatchMatch, error) {
	done, err := s.begin()
	if err != nil {
		return nil, err
	}
	defer done()
	if limit <= 0 {
		limit = store.DefaultWatchMatches
	}
	order := "DESC"
	if oldest {
		order = "ASC"
	}
	rows, err := s.sql.QueryContext(ctx, `SELECT m.seq, m.key, m.doc, m.title, m.url, m.source, m.published, m.matched
		FROM watch_matches m JOIN watches w ON w.id = m.watch
		WHERE w.uid = ? AND m.seq > ? ORDER BY m.seq `+order+` LIMIT ?`, id, after, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: watch matches: %w", err)
	}
	defer rows.Close()
	var ms []store.WatchMatch
	for rows.Next() {
		var m store.WatchMatch
		var matched string
		if err := rows.Scan(&m.Seq, &m.Key, &m.DocID, &m.Title, &m.URL, &m.Source, &m.Published, &matched); err != nil {
			return nil, fmt.Errorf("sqlite: watch matches: %w", err)
		}
		m.Matched, _ = time.Parse(time.RFC3339Nano, matched)
		ms = append(ms, m)
	}
	return ms, rows.Err()
}

// MarkWatch implements store.WatchStore.
func (s *DB) MarkWatch(ctx context.Context, id string, mark store.WatchMark, seq int64) error {
	done, err := s.begin()
	if err != nil {
		return err
	}
	defer done()
	col := "delivered"
	if mark == store.WatchSeen {
		col = "seen"
	}
	res, err := s.sql.ExecContext(ctx, `UPDATE watches SET `+col+` = max(`+col+`, ?) WHERE uid = ?`, seq, id)
	if err != nil {
		return fmt.Errorf("sqlite: mark watch: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return store.ErrNotFound
	}
	return nil
}
