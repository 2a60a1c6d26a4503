package postgres

import (
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/store"
)

// resolveEntities gives every entity key of the new documents an id:
// existing rows are looked up, new ones inserted (unless a concurrent
// Put inserted them first), and names lengthened as sqlite does. The
// first occurrence of a key in the batch decides, as in sqlite. Rows
// are inserted, then updated, in key order (see locks.go).
func (w *writer) resolveEntities(docs []store.Document, fresh []int) error {
	w.entities = map[string]int64{}
	firstOf := map[string]khabar.Entity{}
	var keys []string
	for _, i := range fresh {
		for _, e := range docs[i].Analysis.Entities {
			key := entityKey(e)
			if _, ok := firstOf[key]; !ok {
				firstOf[key] = e
				keys = append(keys, key)
			}
		}
	}
	if len(keys) == 0 {
		return nil
	}
	names := map[string]string{}
	if err := w.lookupEntities(keys, names); err != nil {
		return err
	}
	var missing []string
	for _, key := range keys {
		if _, ok := w.entities[key]; !ok {
			missing = append(missing, key)
		}
	}
	if len(missing) > 0 {
		ids, err := w.nextIDs("entities_id_seq", len(missing))
		if err != nil {
			return err
		}
		// Ids in the order of first occurrence, as sqlite's rowids;
		// rows inserted in key order.
		idOf := make(map[string]int64, len(missing))
		for k, key := range missing {
			idOf[key] = ids[k]
		}
		slices.Sort(missing)
		sortedIDs := make([]int64, len(missing))
		var cols [8][]string // key, type, name, norm, kb_id, kb_norm, wikidata, country
		for k, key := range missing {
			sortedIDs[k] = idOf[key]
			e := firstOf[key]
			r := store.EntityRowOf(&e)
			for c, v := range []string{key, clean(r.Type), clean(r.StoredName()), clean(r.Norm),
				clean(r.KBID), clean(r.KBNorm), clean(r.Wikidata), clean(r.Country)} {
				cols[c] = append(cols[c], v)
			}
		}
		err = w.readEntities("inserting entities", names, `INSERT INTO entities (id, key, type, name, norm, kb_id, kb_norm, wikidata, country)
			SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
			ON CONFLICT (key) DO NOTHING RETURNING key, id, name`,
			sortedIDs, cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6], cols[7])
		if err != nil {
			return err
		}
		// Keys inserted by a concurrent Put since the lookup.
		var taken []string
		for _, key := range missing {
			if _, ok := w.entities[key]; !ok {
				taken = append(taken, key)
			}
		}
		if len(taken) > 0 {
			if err := w.lookupEntities(taken, names); err != nil {
				return err
			}
		}
	}
	slices.Sort(keys)
	b := &pgx.Batch{}
	for _, key := range keys {
		id, ok := w.entities[key]
		if !ok {
			return fmt.Errorf("entity %q: no row", key)
		}
		e := firstOf[key]
		if n := utf8.RuneCountInString(e.Name); kbName(e) == "" && n > utf8.RuneCountInString(names[key]) {
			// The row may have changed since it was read: the
			// condition is tested again on the locked row.
			b.Queue(`UPDATE entities SET name = $1 WHERE id = $2 AND char_length(name) < $3`, clean(e.Name), id, n)
		}
	}
	if b.Len() > 0 {
		if err := w.tx.SendBatch(w.ctx, b).Close(); err != nil {
			return fmt.Errorf("updating entity names: %w", err)
		}
	}
	return nil
}

// lookupEntities adds the ids and names of the stored entities among keys.
func (w *writer) lookupEntities(keys []string, names map[string]string) error {
	return w.readEntities("looking up entities", names, `SELECT key, id, name FROM entities WHERE key = ANY($1)`, keys)
}

// readEntities runs q, which returns entity rows (key, id, name), and
// adds their ids to w.entities and their names to names. Errors are
// wrapped with what.
func (w *writer) readEntities(what string, names map[string]string, q string, args ...any) error {
	rows, err := w.tx.Query(w.ctx, q, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	var key, name string
	var id int64
	if _, err := pgx.ForEachRow(rows, []any{&key, &id, &name}, func() error {
		w.entities[key], names[key] = id, name
		return nil
	}); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

func entityKey(e khabar.Entity) string {
	kbID := ""
	if e.KB != nil {
		kbID = e.KB.ID
	}
	return clean(store.EntityKey(e.Type, e.Name, kbID))
}

func kbName(e khabar.Entity) string {
	if e.KB != nil {
		return e.KB.Name
	}
	return ""
}
