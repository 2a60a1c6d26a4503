package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/ncruces/go-sqlite3"

	"github.com/khabar/khabar/store"
)

// entityLookupSQL finds the candidates of a store.EntityLookup with
// their document counts: ?1 the reference, ?2 its normalized name, ?3
// the KB IDs as a JSON array, ?4 1 for LOC entities only. Each branch
// uses its own index (an OR of them would scan the table).
const entityLookupSQL = `SELECT e.id, e.key, e.type, e.name, e.norm, e.kb_id, e.kb_norm,
		(SELECT count(*) FROM doc_entities x WHERE x.entity = e.id)
	FROM entities e WHERE e.id IN (
		SELECT id FROM entities WHERE key = ?1
		UNION SELECT id FROM entities WHERE kb_id = ?1 AND kb_id != ''
		UNION SELECT id FROM entities WHERE norm = ?2 AND norm != ''
		UNION SELECT id FROM entities WHERE kb_norm = ?2 AND kb_norm != ''
		UNION SELECT id FROM entities WHERE kb_id IN (SELECT value FROM json_each(?3)) AND kb_id != '')
	AND (?4 = 0 OR e.type = 'LOC')`

func entityLookupArgs(l store.EntityLookup) []any {
	ids, _ := json.Marshal(l.KBIDs)
	if l.KBIDs == nil {
		ids = []byte("[]")
	}
	loc := int64(0)
	if l.LOC() {
		loc = 1
	}
	return []any{l.Ref, l.Norm, string(ids), loc}
}

// findEntities runs entityLookupSQL on a raw connection.
func findEntities(c *sqlite3.Conn, l store.EntityLookup) ([]store.EntityCandidate, error) {
	var out []store.EntityCandidate
	err := each(c, entityLookupSQL, entityLookupArgs(l), func(st *sqlite3.Stmt) error {
		out = append(out, store.EntityCandidate{ID: st.ColumnInt64(0), Key: st.ColumnText(1), Type: st.ColumnText(2),
			Name: st.ColumnText(3), Norm: st.ColumnText(4), KBID: st.ColumnText(5), KBNorm: st.ColumnText(6),
			Documents: st.ColumnInt(7)})
		return nil
	})
	return out, err
}

// querier is a *sql.Tx or *sql.Conn.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// findEntitiesSQL runs entityLookupSQL through database/sql.
func findEntitiesSQL(ctx context.Context, q querier, l store.EntityLookup) ([]store.EntityCandidate, error) {
	rows, err := q.QueryContext(ctx, entityLookupSQL, entityLookupArgs(l)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.EntityCandidate
	for rows.Next() {
		var c store.EntityCandidate
		if err := rows.Scan(&c.ID, &c.Key, &c.Type, &c.Name, &c.Norm, &c.KBID, &c.KBNorm, &c.Documents); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// resolveEntity returns the row id of the entity ref names (see
// store.EntityLookup), or an error wrapping store.ErrNotFound.
func resolveEntity(ctx context.Context, q querier, ref string) (int64, error) {
	l := store.NewEntityLookup("entity", ref)
	cands, err := findEntitiesSQL(ctx, q, l)
	if err != nil {
		return 0, fmt.Errorf("entity %q: %w", ref, err)
	}
	if _, ids := l.Resolve(cands); len(ids) > 0 {
		return ids[0], nil
	}
	return 0, fmt.Errorf("entity %q: %w", ref, store.ErrNotFound)
}
