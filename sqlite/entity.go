package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/khabar/khabar/internal/storesql"
	"github.com/khabar/khabar/store"
)

// Entity implements store.Store.
func (s *DB) Entity(ctx context.Context, ref string, opt store.EntityOptions) (*store.EntityPage, error) {
	opt = opt.WithDefaults()
	tx, end, err := s.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer end()
	id, err := resolveEntity(ctx, tx, ref)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	page := &store.EntityPage{PerDay: []store.DayCount{}, CoOccurring: []store.EntityCount{}, Quotes: []store.QuoteRecord{}}
	if _, page.Entity, err = storesql.ScanEntity(tx.QueryRowContext(ctx, `SELECT `+storesql.EntityCols+` FROM entities e WHERE e.id = ?`, id)); err != nil {
		return nil, fmt.Errorf("sqlite: entity %q: %w", ref, err)
	}
	err = queryRows(ctx, tx, func(r *sql.Rows) error {
		var d store.DayCount
		err := r.Scan(&d.Day, &d.Count)
		page.PerDay = append(page.PerDay, d)
		return err
	}, `SELECT d.published, sum(de.mentions) FROM doc_entities de JOIN documents d ON d.id = de.doc
		WHERE de.entity = ? AND d.published != '' GROUP BY d.published ORDER BY d.published DESC LIMIT ?`, id, opt.Days)
	if err != nil {
		return nil, fmt.Errorf("sqlite: entity %q: mentions per day: %w", ref, err)
	}
	var co []store.EntityCount
	var coIDs []int64
	err = queryRows(ctx, tx, func(r *sql.Rows) error {
		var c store.EntityCount
		var eid int64
		err := r.Scan(&eid, &c.Count)
		co, coIDs = append(co, c), append(coIDs, eid)
		return err
	}, `SELECT b.entity, count(*) c FROM doc_entities a JOIN doc_entities b ON b.doc = a.doc AND b.entity != a.entity
		WHERE a.entity = ? GROUP BY b.entity ORDER BY c DESC, b.entity LIMIT ?`, id, opt.CoOccurring)
	for i := 0; err == nil && i < len(co); i++ {
		_, co[i].Entity, err = storesql.ScanEntity(tx.QueryRowContext(ctx, `SELECT `+storesql.EntityCols+` FROM entities e WHERE e.id = ?`, coIDs[i]))
		page.CoOccurring = append(page.CoOccurring, co[i])
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: entity %q: co-occurring: %w", ref, err)
	}
	err = queryRows(ctx, tx, func(r *sql.Rows) error {
		q := store.QuoteRecord{Speaker: page.Entity.Key}
		err := r.Scan(&q.DocID, &q.Published, &q.Text, &q.Cue, &q.Direct)
		page.Quotes = append(page.Quotes, q)
		return err
	}, `SELECT d.uid, d.published, q.text, q.cue, q.direct FROM quote_speakers qs
		JOIN quotes q ON q.doc = qs.doc AND q.seq = qs.seq JOIN documents d ON d.id = q.doc
		WHERE qs.entity = ? ORDER BY d.published DESC, q.doc DESC, q.seq LIMIT ?`, id, opt.Quotes)
	if err != nil {
		return nil, fmt.Errorf("sqlite: entity %q: quotes: %w", ref, err)
	}
	return page, nil
}

// Events implements store.Store.
func (s *DB) Events(ctx context.Context, f store.EventFilter) ([]store.EventRecord, error) {
	f = f.WithDefaults()
	tx, end, err := s.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer end()
	var where []string
	var args []any
	if f.Type != "" {
		where = append(where, `ev.type = ?`)
		args = append(args, strings.ToUpper(f.Type))
	}
	if f.Actor != "" {
		id, err := resolveEntity(ctx, tx, f.Actor)
		if errors.Is(err, store.ErrNotFound) {
			return []store.EventRecord{}, nil
		}
		if err != nil {
			return nil, fmt.Errorf("sqlite: events: actor: %w", err)
		}
		where = append(where, `ev.id IN (SELECT event FROM event_actors WHERE entity = ?)`)
		args = append(args, id)
	}
	if f.Place != "" {
		id, err := resolveEntity(ctx, tx, f.Place)
		if errors.Is(err, store.ErrNotFound) {
			return []store.EventRecord{}, nil
		}
		if err != nil {
			return nil, fmt.Errorf("sqlite: events: place: %w", err)
		}
		where = append(where, `ev.place = ?`)
		args = append(args, id)
	}
	if !f.From.IsZero() {
		where = append(where, `ev.date != '' AND ev.date >= ?`)
		args = append(args, f.From.Format("2006-01-02"))
	}
	if !f.To.IsZero() {
		where = append(where, `ev.date != '' AND ev.date <= ?`)
		args = append(args, f.To.Format("2006-01-02"))
	}
	cond := ""
	if len(where) > 0 {
		cond = "WHERE " + strings.Join(where, " AND ")
	}
	args = append(args, f.Limit, f.Offset)
	out := []store.EventRecord{}
	err = queryRows(ctx, tx, func(r *sql.Rows) error {
		var e store.EventRecord
		var actors string
		err := r.Scan(&e.DocID, &e.Type, &e.Mode, &e.Date, &e.Place, &actors, &e.Evidence)
		e.Actors = []string{}
		if actors != "" {
			e.Actors = strings.Split(actors, "\x1f")
		}
		out = append(out, e)
		return err
	}, `SELECT d.uid, ev.type, ev.mode, ev.date, coalesce(p.key, ''),
			coalesce((SELECT group_concat(a.key, char(31)) FROM (SELECT e.key FROM event_actors x
				JOIN entities e ON e.id = x.entity WHERE x.event = ev.id ORDER BY e.key) a), ''),
			ev.evidence
		FROM events ev JOIN documents d ON d.id = ev.doc LEFT JOIN entities p ON p.id = ev.place
		`+cond+` ORDER BY ev.date DESC, ev.id DESC LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: events: %w", err)
	}
	return out, nil
}

// beginRead begins a read-only transaction guarded against Close; end
// rolls it back and ends the guard.
func (s *DB) beginRead(ctx context.Context) (tx *sql.Tx, end func(), err error) {
	done, err := s.begin()
	if err != nil {
		return nil, nil, err
	}
	tx, err = s.sql.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		done()
		return nil, nil, fmt.Errorf("sqlite: %w", err)
	}
	return tx, func() { tx.Rollback(); done() }, nil
}

func queryRows(ctx context.Context, tx *sql.Tx, each func(*sql.Rows) error, q string, args ...any) error {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
