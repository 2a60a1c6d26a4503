package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/khabar/khabar/internal/storesql"
	"github.com/khabar/khabar/store"
)

// Entity implements store.Store.
func (s *DB) Entity(ctx context.Context, ref string, opt store.EntityOptions) (*store.EntityPage, error) {
	opt = opt.WithDefaults()
	var page *store.EntityPage
	err := s.readTx(ctx, func(tx pgx.Tx) error {
		page = &store.EntityPage{PerDay: []store.DayCount{}, CoOccurring: []store.EntityCount{}, Quotes: []store.QuoteRecord{}}
		id, err := resolveEntity(ctx, tx, ref)
		if err != nil {
			return err
		}
		if _, page.Entity, err = storesql.ScanEntity(tx.QueryRow(ctx, `SELECT `+storesql.EntityCols+` FROM entities e WHERE e.id = $1`, id)); err != nil {
			return err
		}
		var d store.DayCount
		err = forEach(ctx, tx, []any{&d.Day, &d.Count}, func() { page.PerDay = append(page.PerDay, d) },
			`SELECT d.published, sum(de.mentions) FROM doc_entities de JOIN documents d ON d.id = de.doc
			WHERE de.entity = $1 AND d.published <> '' GROUP BY d.published ORDER BY d.published DESC LIMIT $2`, id, opt.Days)
		if err != nil {
			return fmt.Errorf("mentions per day: %w", err)
		}
		var coIDs []int64
		var c store.EntityCount
		var eid int64
		err = forEach(ctx, tx, []any{&eid, &c.Count}, func() {
			page.CoOccurring = append(page.CoOccurring, c)
			coIDs = append(coIDs, eid)
		}, `SELECT b.entity, count(*) c FROM doc_entities a JOIN doc_entities b ON b.doc = a.doc AND b.entity <> a.entity
			WHERE a.entity = $1 GROUP BY b.entity ORDER BY c DESC, b.entity LIMIT $2`, id, opt.CoOccurring)
		for i := 0; err == nil && i < len(coIDs); i++ {
			_, page.CoOccurring[i].Entity, err = storesql.ScanEntity(tx.QueryRow(ctx, `SELECT `+storesql.EntityCols+` FROM entities e WHERE e.id = $1`, coIDs[i]))
		}
		if err != nil {
			return fmt.Errorf("co-occurring: %w", err)
		}
		q := store.QuoteRecord{Speaker: page.Entity.Key}
		err = forEach(ctx, tx, []any{&q.DocID, &q.Published, &q.Text, &q.Cue, &q.Direct}, func() { page.Quotes = append(page.Quotes, q) },
			`SELECT d.uid, d.published, q.text, q.cue, q.direct FROM quote_speakers qs
			JOIN quotes q ON q.doc = qs.doc AND q.seq = qs.seq JOIN documents d ON d.id = q.doc
			WHERE qs.entity = $1 ORDER BY d.published DESC, q.doc DESC, q.seq LIMIT $2`, id, opt.Quotes)
		if err != nil {
			return fmt.Errorf("quotes: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, s.wrap(fmt.Sprintf("entity %q", ref), err)
	}
	return page, nil
}

// Events implements store.Store.
func (s *DB) Events(ctx context.Context, f store.EventFilter) ([]store.EventRecord, error) {
	f = f.WithDefaults()
	var out []store.EventRecord
	err := s.readTx(ctx, func(tx pgx.Tx) error {
		out = []store.EventRecord{}
		var where []string
		var args []any
		arg := func(v any) string {
			args = append(args, v)
			return fmt.Sprintf("$%d", len(args))
		}
		if f.Type != "" {
			where = append(where, `ev.type = `+arg(clean(strings.ToUpper(f.Type))))
		}
		for _, r := range []struct{ ref, cond string }{
			{f.Actor, `ev.id IN (SELECT event FROM event_actors WHERE entity = %s)`},
			{f.Place, `ev.place = %s`},
		} {
			if r.ref == "" {
				continue
			}
			id, err := resolveEntity(ctx, tx, r.ref)
			if errors.Is(err, store.ErrNotFound) {
				return errNoEvents
			}
			if err != nil {
				return err
			}
			where = append(where, fmt.Sprintf(r.cond, arg(id)))
		}
		if !f.From.IsZero() {
			where = append(where, `ev.date <> '' AND ev.date >= `+arg(f.From.Format("2006-01-02")))
		}
		if !f.To.IsZero() {
			where = append(where, `ev.date <> '' AND ev.date <= `+arg(f.To.Format("2006-01-02")))
		}
		cond := ""
		if len(where) > 0 {
			cond = "WHERE " + strings.Join(where, " AND ")
		}
		limit, offset := arg(f.Limit), arg(f.Offset)
		var e store.EventRecord
		return forEach(ctx, tx, []any{&e.DocID, &e.Type, &e.Mode, &e.Date, &e.Place, &e.Actors, &e.Evidence},
			func() {
				rec := e
				rec.Actors = append([]string{}, e.Actors...) // the scan may reuse e.Actors
				out = append(out, rec)
			},
			`SELECT d.uid, ev.type, ev.mode, ev.date, coalesce(p.key, ''),
				coalesce((SELECT array_agg(e.key ORDER BY e.key) FROM event_actors x
					JOIN entities e ON e.id = x.entity WHERE x.event = ev.id), '{}'),
				ev.evidence
			FROM events ev JOIN documents d ON d.id = ev.doc LEFT JOIN entities p ON p.id = ev.place
			`+cond+` ORDER BY ev.date DESC, ev.id DESC LIMIT `+limit+` OFFSET `+offset, args...)
	})
	if errors.Is(err, errNoEvents) {
		return []store.EventRecord{}, nil
	}
	if err != nil {
		return nil, s.wrap("events", err)
	}
	return out, nil
}

// errNoEvents ends an Events transaction early: an actor or place that
// no entity matches.
var errNoEvents = errors.New("no such entity")

// forEach runs a query and calls each after scanning every row into dst.
func forEach(ctx context.Context, tx pgx.Tx, dst []any, each func(), q string, args ...any) error {
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		return err
	}
	_, err = pgx.ForEachRow(rows, dst, func() error { each(); return nil })
	return err
}
