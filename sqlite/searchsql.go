package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// searchSQL is the search done by SQL alone, without the docIndex: the
// matching document IDs and scores go into a temporary table inside one
// read transaction, so that the page, the total and the facets all come
// from one snapshot and the full-text match runs once. It is the
// reference the indexed search is tested against, and the path of a
// DB opened with Options.NoSearchIndex. The caller has validated the
// request and translated its text into pos and neg.
func (s *DB) searchSQL(ctx context.Context, req search.Request, pos, neg string) (*search.Result, error) {
	q := req.Query
	conn, err := s.sql.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlite: search: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN DEFERRED`); err != nil {
		return nil, fmt.Errorf("sqlite: search: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `ROLLBACK`) // also drops temp.m
	if _, err := conn.ExecContext(ctx, `DROP TABLE IF EXISTS temp.m; CREATE TEMP TABLE m (id INTEGER PRIMARY KEY, score REAL NOT NULL, published TEXT NOT NULL, source TEXT NOT NULL)`); err != nil {
		return nil, fmt.Errorf("sqlite: search: %w", err)
	}
	ents, err := store.ResolveFilters(q, func(l store.EntityLookup) ([]store.EntityCandidate, error) {
		return findEntitiesSQL(ctx, conn, l)
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: search: %w", err)
	}
	filters, fargs := filterSQL(q, ents)

	boost, bargs := recencySQL(req)
	var ins strings.Builder
	var args []any
	if pos != "" {
		if neg != "" {
			pos = "(" + pos + ") NOT " + neg
		}
		ins.WriteString(`INSERT INTO temp.m (id, score, published, source) SELECT d.id, f.score * ` + boost + `, d.published, d.source FROM
			(SELECT rowid AS id, -bm25(fts, 2.0, 1.0) AS score FROM fts WHERE fts MATCH ?) f
			JOIN documents d ON d.id = f.id WHERE 1`)
		args = append(args, bargs...) // the boost comes first in the statement
		args = append(args, pos)
	} else {
		ins.WriteString(`INSERT INTO temp.m (id, score, published, source) SELECT d.id, ` + boost + ` - 1.0, d.published, d.source FROM documents d WHERE 1`)
		args = append(args, bargs...)
		if neg != "" {
			ins.WriteString(` AND d.id NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)`)
			args = append(args, neg)
		}
	}
	ins.WriteString(filters)
	args = append(args, fargs...)
	if _, err := conn.ExecContext(ctx, ins.String(), args...); err != nil {
		return nil, fmt.Errorf("sqlite: search: %w", err)
	}
	var copies copySet
	if !req.ShowCopies {
		if copies, err = collapse(ctx, conn); err != nil {
			return nil, fmt.Errorf("sqlite: search: collapsing near-duplicates: %w", err)
		}
	}

	res := &search.Result{Hits: []search.Hit{}, Order: search.OrderOf(pos != ""), Resolved: ents.Resolved}
	res.Offset, _ = req.Page()
	if req.Facets > 0 { // before grouping by story: facets count as without
		f, err := facets(ctx, conn, req.Facets)
		if err != nil {
			return nil, fmt.Errorf("sqlite: search facets: %w", err)
		}
		res.Facets = f
	}
	var folded copySet
	if req.GroupStories {
		if folded, err = groupSQL(ctx, conn); err != nil {
			return nil, fmt.Errorf("sqlite: search: grouping by story: %w", err)
		}
	}
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM temp.m`).Scan(&res.Total); err != nil {
		return nil, fmt.Errorf("sqlite: search: %w", err)
	}
	if err := s.page(ctx, conn, req, res); err != nil {
		return nil, fmt.Errorf("sqlite: search: %w", err)
	}
	if !req.ShowCopies {
		if err := fillCopies(ctx, conn, res.Hits, copies); err != nil {
			return nil, fmt.Errorf("sqlite: search: near-duplicate copies: %w", err)
		}
	}
	if req.GroupStories {
		if err := fillStoriesSQL(ctx, conn, res.Hits, folded); err != nil {
			return nil, fmt.Errorf("sqlite: search: stories: %w", err)
		}
	}
	return res, nil
}

// page fills res.Hits with the requested page and its snippets.
func (s *DB) page(ctx context.Context, conn *sql.Conn, req search.Request, res *search.Result) error {
	offset, limit := req.Page()
	rows, err := conn.QueryContext(ctx, `SELECT d.uid, coalesce(d.url, ''), d.title, d.source, d.published, m.score, b.text
		FROM (SELECT id, score, published FROM temp.m ORDER BY score DESC, published DESC, id DESC LIMIT ? OFFSET ?) m
		JOIN documents d ON d.id = m.id JOIN bodies b ON b.id = m.id
		ORDER BY m.score DESC, m.published DESC, m.id DESC`, limit, offset)
	if err != nil {
		return err
	}
	defer rows.Close()
	matcher := search.NewMatcher(s.an, req.Query.Text)
	for rows.Next() {
		var h search.Hit
		var text string
		if err := rows.Scan(&h.ID, &h.URL, &h.Title, &h.Source, &h.Published, &h.Score, &text); err != nil {
			return err
		}
		h.Snippet = matcher.Snippet(text, snippetWords)
		res.Hits = append(res.Hits, h)
	}
	return rows.Err()
}

// snippetWords is the length of a snippet in words.
const snippetWords = 24

func facets(ctx context.Context, conn *sql.Conn, n int) (*search.Facets, error) {
	f := &search.Facets{Entities: []search.FacetValue{}, Places: []search.FacetValue{}}
	// Entities and places in one pass: count per entity over the matches
	// first, join the names after, and fill both lists from the most
	// frequent down (places are the LOC entities).
	rows, err := conn.QueryContext(ctx, `SELECT e.name, e.type = 'LOC', t.c FROM
		(SELECT de.entity, count(*) c FROM temp.m m JOIN doc_entities de ON de.doc = m.id GROUP BY de.entity) t
		JOIN entities e ON e.id = t.entity ORDER BY t.c DESC, e.name`)
	if err != nil {
		return nil, err
	}
	for rows.Next() && (len(f.Entities) < n || len(f.Places) < n) {
		var v search.FacetValue
		var loc bool
		if err := rows.Scan(&v.Value, &loc, &v.Count); err != nil {
			rows.Close()
			return nil, err
		}
		dst := &f.Entities
		if loc {
			dst = &f.Places
		}
		if len(*dst) < n {
			*dst = append(*dst, v)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	queries := []struct {
		dst *[]search.FacetValue
		sql string
	}{
		{&f.Sources, `SELECT source, count(*) c FROM temp.m WHERE source != '' GROUP BY source ORDER BY c DESC, source LIMIT ?`},
		{&f.Months, `SELECT substr(published, 1, 7) mo, count(*) c FROM temp.m WHERE published != '' GROUP BY mo ORDER BY mo DESC LIMIT ?`},
	}
	for _, fq := range queries {
		rows, err := conn.QueryContext(ctx, fq.sql, n)
		if err != nil {
			return nil, err
		}
		*fq.dst = []search.FacetValue{}
		for rows.Next() {
			var v search.FacetValue
			if err := rows.Scan(&v.Value, &v.Count); err != nil {
				rows.Close()
				return nil, err
			}
			*fq.dst = append(*fq.dst, v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// recencySQL returns the boost factor expression (1 without recency).
func recencySQL(req search.Request) (string, []any) {
	if req.Recency <= 0 {
		return "1.0", nil
	}
	now := req.Now
	if now.IsZero() {
		now = time.Now()
	}
	days := req.Recency.Hours() / 24
	return `(CASE WHEN d.published = '' THEN 1.0 ELSE 1.0 + pow(2.0,
		-max(0.0, julianday(?) - julianday(d.published)) / ?) END)`, []any{now.UTC().Format("2006-01-02"), days}
}

// filterSQL returns " AND ..." conditions on documents d for q's
// filters, its entity:, place: and said: values resolved in ents.
func filterSQL(q search.Query, ents *store.FilterEntities) (string, []any) {
	var b strings.Builder
	var args []any
	list := func(v any) string {
		js, _ := json.Marshal(v)
		args = append(args, string(js))
		return `(SELECT value FROM json_each(?))`
	}
	if ents.HasEntities {
		b.WriteString(` AND d.id IN (SELECT de.doc FROM doc_entities de WHERE de.entity IN ` + list(nonNil(ents.Entities)) + `)`)
	}
	if ents.HasPlaces {
		b.WriteString(` AND (d.id IN (SELECT de.doc FROM doc_entities de WHERE de.entity IN ` + list(nonNil(ents.Places)) + `)`)
		b.WriteString(` OR d.place_norm IN ` + list(nonNil(ents.PlaceNorms)) + `)`)
	}
	if ents.HasSaid {
		b.WriteString(` AND d.id IN (SELECT qs.doc FROM quote_speakers qs WHERE qs.entity IN ` + list(nonNil(ents.Said)) + `)`)
	}
	if len(q.Sources) > 0 {
		b.WriteString(` AND d.source COLLATE NOCASE IN (` + placeholders(len(q.Sources)) + `)`)
		for _, v := range q.Sources {
			args = append(args, v)
		}
	}
	if len(q.Types) > 0 {
		b.WriteString(` AND d.id IN (SELECT doc FROM events WHERE type IN (` + placeholders(len(q.Types)) + `))`)
		for _, v := range q.Types {
			args = append(args, strings.ToUpper(v))
		}
	}
	if !q.From.IsZero() {
		b.WriteString(` AND d.published != '' AND d.published >= ?`)
		args = append(args, q.From.Format("2006-01-02"))
	}
	if !q.To.IsZero() {
		b.WriteString(` AND d.published != '' AND d.published <= ?`)
		args = append(args, q.To.Format("2006-01-02"))
	}
	return b.String(), args
}

// nonNil returns s, or an empty slice for nil (a JSON array, not null).
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}
