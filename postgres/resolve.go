package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/khabar/khabar/store"
)

// entityLookupSQL finds the candidates of a store.EntityLookup with
// their document counts, as sqlite's: $1 the reference, $2 its
// normalized name, $3 the KB IDs, $4 true for LOC entities only. Each
// branch uses its own index.
const entityLookupSQL = `SELECT e.id, e.key, e.type, e.name, e.norm, e.kb_id, e.kb_norm,
		(SELECT count(*) FROM doc_entities x WHERE x.entity = e.id)` + entityLookupFrom

// entityLookupNoCountSQL is entityLookupSQL without the document counts
// (a search takes them from its index: counting the rows of an entity
// found in a fifth of the corpus took milliseconds).
const entityLookupNoCountSQL = `SELECT e.id, e.key, e.type, e.name, e.norm, e.kb_id, e.kb_norm, 0::bigint` + entityLookupFrom

const entityLookupFrom = `
	FROM entities e WHERE e.id IN (
		SELECT id FROM entities WHERE key = $1
		UNION SELECT id FROM entities WHERE kb_id = $1 AND kb_id <> ''
		UNION SELECT id FROM entities WHERE norm = $2 AND norm <> ''
		UNION SELECT id FROM entities WHERE kb_norm = $2 AND kb_norm <> ''
		UNION SELECT id FROM entities WHERE kb_id = ANY($3::text[]) AND kb_id <> '')
	AND (NOT $4::boolean OR e.type = 'LOC')`

// findEntities returns the candidates of l stored in tx's snapshot.
// Text a column cannot hold (NUL, invalid UTF-8) is cleaned first, as
// it was when stored.
func findEntities(ctx context.Context, tx querier, l store.EntityLookup) ([]store.EntityCandidate, error) {
	return lookupEntities(ctx, tx, entityLookupSQL, l)
}

// lookupEntities runs sql, entityLookupSQL or entityLookupNoCountSQL,
// for l.
func lookupEntities(ctx context.Context, tx querier, sql string, l store.EntityLookup) ([]store.EntityCandidate, error) {
	kbIDs := l.KBIDs
	if kbIDs == nil {
		kbIDs = []string{}
	}
	rows, err := tx.Query(ctx, sql, clean(l.Ref), clean(l.Norm), kbIDs, l.LOC())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.EntityCandidate
	for rows.Next() {
		var c store.EntityCandidate
		var docs int64
		if err := rows.Scan(&c.ID, &c.Key, &c.Type, &c.Name, &c.Norm, &c.KBID, &c.KBNorm, &docs); err != nil {
			return nil, err
		}
		c.Documents = int(docs)
		out = append(out, c)
	}
	return out, rows.Err()
}

// resolveEntity returns the row id of the entity ref names (see
// store.EntityLookup), or an error wrapping store.ErrNotFound.
func resolveEntity(ctx context.Context, tx pgx.Tx, ref string) (int64, error) {
	l := store.NewEntityLookup("entity", ref)
	cands, err := findEntities(ctx, tx, l)
	if err != nil {
		return 0, fmt.Errorf("entity %q: %w", ref, err)
	}
	if _, ids := l.Resolve(cands); len(ids) > 0 {
		return ids[0], nil
	}
	return 0, fmt.Errorf("entity %q: %w", ref, store.ErrNotFound)
}
