package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// snippetWords is the length of a snippet in words, as in sqlite.
const snippetWords = 24

// Search implements store.Store.
//
// With the search index (the default; searchindex.go), matching,
// scoring, filters, the folding of near-duplicates and stories, the
// facets and the order are computed in Go over in-memory structures,
// and only the page is read from the server (searchpage.go). Without it
// (Options.NoSearchIndex, or a database the index cannot hold),
// searchSQL answers with SQL alone, the same answers.
func (s *DB) Search(ctx context.Context, req search.Request) (*search.Result, error) {
	q := req.Query
	if err := req.Validate(); err != nil {
		return nil, err
	}
	c := &compiler{an: s.an}
	pos, neg := c.translate(q.Text)
	if pos == "" && neg == "" && !q.HasFilters() {
		return nil, search.Unsearchable(s.an, q.Text)
	}
	if s.ix != nil {
		// A snapshot older than the index (another search loaded newer
		// documents after this one began) is taken again.
		for range 5 {
			res, err := s.searchIndexed(ctx, req, c, pos, neg)
			if err == nil {
				return res, nil
			}
			if errors.Is(err, errNotIndexable) {
				break
			}
			if !errors.Is(err, errStale) {
				return nil, s.wrap("search", err)
			}
		}
	}
	return s.searchSQL(ctx, req, c, pos, neg)
}

// searchSQL is the search done by SQL alone.
//
// It runs in one read-only, repeatable-read transaction: the document
// frequencies of the query's units, then one statement that matches
// once (a materialized CTE), collapses near-duplicate clusters unless
// req.ShowCopies, groups the rest by story with req.GroupStories, and
// returns the total, the page, its copies, stories and folded story
// hits and the facets, then the page's documents for snippets.
func (s *DB) searchSQL(ctx context.Context, req search.Request, c *compiler, pos, neg string) (*search.Result, error) {
	q := req.Query
	var res *search.Result
	err := s.readTx(ctx, func(tx pgx.Tx) error {
		ents, err := store.ResolveFilters(q, func(l store.EntityLookup) ([]store.EntityCandidate, error) {
			return findEntities(ctx, tx, l)
		})
		if err != nil {
			return err
		}
		res = &search.Result{Hits: []search.Hit{}, Order: search.OrderOf(pos != ""), Resolved: ents.Resolved}
		res.Offset, _ = req.Page()
		// The planner does not count the cost of decompressing
		// tsvectors and prefers scanning a small table to the GIN
		// index; the index is always the better choice here. Disabling
		// sequential scans makes every plan that still has one look
		// costly enough to be compiled by the JIT, which then takes
		// longer than running it: JIT is turned off too.
		seqscan := "on"
		if pos != "" {
			seqscan = "off"
		}
		idfs, avgdl, _, err := stats(ctx, tx, seqscan, c.units)
		if err != nil {
			return err
		}
		return s.run(ctx, tx, req, pos, neg, ents, scoreArgs{c.units, idfs, avgdl}, res)
	})
	if err != nil {
		return nil, s.wrap("search", err)
	}
	return res, nil
}

type scoreArgs struct {
	units []unit
	idfs  []float64
	avgdl float64
}

// stats sets the transaction's planner settings (seqscan, and no JIT)
// and returns the idf of every unit, the average document length and
// the number of documents, in one round trip.
func stats(ctx context.Context, tx pgx.Tx, seqscan string, units []unit) ([]float64, float64, int64, error) {
	batch := &pgx.Batch{}
	batch.Queue(`SELECT set_config('enable_seqscan', $1, true), set_config('jit', 'off', true)`, seqscan)
	batch.Queue(`SELECT coalesce(sum(docs), 0)::bigint, coalesce(sum(terms), 0)::bigint FROM corpus_shards`)
	// One count per unit: from the postings of a word or prefix, else
	// through the GIN index. A FILTER over the union would decompress
	// every matching tsvector.
	if len(units) > 0 {
		var b strings.Builder
		args := make([]any, len(units))
		b.WriteString("SELECT ")
		for i, u := range units {
			if i > 0 {
				b.WriteString(", ")
			}
			switch {
			case u.phrase():
				args[i] = u.query
				fmt.Fprintf(&b, "(SELECT count(*) FROM documents WHERE tsv @@ $%d::text::tsquery)", i+1)
			case u.prefix:
				args[i] = likePrefix(u.terms[0])
				fmt.Fprintf(&b, "(SELECT count(DISTINCT doc) FROM postings WHERE term LIKE $%d)", i+1)
			default:
				args[i] = u.terms[0]
				fmt.Fprintf(&b, "(SELECT count(*) FROM postings WHERE term = $%d)", i+1)
			}
		}
		batch.Queue(b.String(), args...)
	}
	br := tx.SendBatch(ctx, batch)
	defer br.Close()
	if _, err := br.Exec(); err != nil {
		return nil, 0, 0, fmt.Errorf("planner settings: %w", err)
	}
	var n, terms int64
	if err := br.QueryRow().Scan(&n, &terms); err != nil {
		return nil, 0, 0, fmt.Errorf("corpus statistics: %w", err)
	}
	avgdl := 1.0
	if n > 0 {
		avgdl = float64(terms) / float64(n)
	}
	idfs := make([]float64, len(units))
	if len(units) == 0 {
		return idfs, avgdl, n, br.Close()
	}
	hits := make([]int64, len(units))
	dst := make([]any, len(units))
	for i := range hits {
		dst[i] = &hits[i]
	}
	if err := br.QueryRow().Scan(dst...); err != nil {
		return nil, 0, 0, fmt.Errorf("document frequencies: %w", err)
	}
	for i, h := range hits {
		idfs[i] = idf(n, h)
	}
	return idfs, avgdl, n, br.Close()
}

// run matches, counts, pages and facets in one statement, then fills
// the hits.
func (s *DB) run(ctx context.Context, tx pgx.Tx, req search.Request, pos, neg string, ents *store.FilterEntities, sc scoreArgs, res *search.Result) error {
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	boost := recencySQL(req, arg)
	var m strings.Builder
	switch {
	case pos != "":
		score, joins := scoreSQL(sc.units, sc.idfs, sc.avgdl, arg)
		m.WriteString(`SELECT d.id, ` + score + ` * ` + boost + ` AS score, d.published, d.source FROM documents d` + joins)
		// Matched through the GIN index first, once: with a filter, or
		// joined to postings, the planner would rather walk another
		// index and test every decompressed tsvector against the query.
		// Exclusions are a second index lookup, not a test of every
		// match's tsvector ("a & !b" would be).
		m.WriteString(` WHERE d.id = ANY(ARRAY(` + matchSQL(pos, neg, arg) + ` OFFSET 0))`)
	case neg != "":
		m.WriteString(`SELECT d.id, ` + boost + ` - 1.0 AS score, d.published, d.source FROM documents d
			WHERE NOT d.tsv @@ ` + arg(neg) + `::text::tsquery`)
	default:
		m.WriteString(`SELECT d.id, ` + boost + ` - 1.0 AS score, d.published, d.source FROM documents d WHERE true`)
	}
	filterSQL(&m, req.Query, ents, arg)
	offset, limit := req.Page()
	hits := "m" // what is counted and paged
	var group string
	if req.GroupStories {
		// Each story's best hit stands for it, with the number of
		// hits of the story; a hit of no story is a group of its own.
		// The facets still count m.
		hits = "gm"
		group = `g AS MATERIALIZED (SELECT m.id, m.score, m.published, sd.story,
				first_value(m.id) OVER w AS rep, row_number() OVER w AS rk,
				count(*) OVER (PARTITION BY sd.story, CASE WHEN sd.story IS NULL THEN m.id END) AS n
				FROM m LEFT JOIN story_docs sd ON sd.doc = m.id
				WINDOW w AS (PARTITION BY sd.story, CASE WHEN sd.story IS NULL THEN m.id END
					ORDER BY m.score DESC, m.published DESC, m.id DESC)),
			gm AS MATERIALIZED (SELECT id, score, published FROM g WHERE rk = 1), `
	}
	ctes := group
	if req.Facets > 0 {
		ctes += facetCTE + `, `
	}
	page := ctes + `page AS MATERIALIZED (SELECT id, score, published FROM ` + hits + ` ORDER BY score DESC, published DESC, id DESC
		LIMIT ` + arg(limit) + ` OFFSET ` + arg(offset) + `)`
	var sql string
	if req.ShowCopies {
		sql = `WITH m AS MATERIALIZED (` + m.String() + `), ` + page
	} else {
		// Each cluster's best hit stands for it; the others are its copies.
		sql = `WITH m0 AS MATERIALIZED (` + m.String() + `),
			r AS MATERIALIZED (SELECT m0.id, m0.score, m0.published, m0.source,
				first_value(m0.id) OVER w AS rep, row_number() OVER w AS rk
				FROM m0 LEFT JOIN clusters c ON c.doc = m0.id
				WINDOW w AS (PARTITION BY coalesce(c.cluster, m0.id) ORDER BY m0.score DESC, m0.published DESC, m0.id DESC)),
			m AS MATERIALIZED (SELECT id, score, published, source FROM r WHERE rk = 1), ` + page
	}
	sql += `
		SELECT 0 AS kind, 0::bigint AS rn, count(*) AS n, NULL::bigint AS id, NULL::float8 AS score, NULL::text AS val FROM ` + hits + `
		UNION ALL
		SELECT 1, row_number() OVER (ORDER BY score DESC, published DESC, id DESC), NULL, id, score, NULL FROM page`
	if !req.ShowCopies {
		sql += `
		UNION ALL
		SELECT 6, r.rk, NULL, r.rep, NULL, d.uid FROM r JOIN documents d ON d.id = r.id
			WHERE r.rk > 1 AND r.rep IN (SELECT id FROM page)`
	}
	if req.GroupStories {
		sql += `
		UNION ALL
		SELECT 7, 0, g.n - 1, g.id, NULL, s.uid FROM g JOIN stories s ON s.id = g.story
			WHERE g.rk = 1 AND g.id IN (SELECT id FROM page)
		UNION ALL
		SELECT 8, g.rk, NULL, g.rep, NULL, d.uid FROM g JOIN documents d ON d.id = g.id
			WHERE g.rk > 1 AND g.rk <= ` + arg(search.MaxStoryHitIDs+1) + ` AND g.rep IN (SELECT id FROM page)`
	}
	if req.Facets > 0 {
		sql += facetSQL(arg(req.Facets))
	}
	sql += ` ORDER BY kind, rn`
	rows, err := tx.Query(ctx, sql, args...)
	if err != nil {
		return err
	}
	var kind, rn int
	var n *int64
	var id *int64
	var score *float64
	var val *string
	var ids []int64
	scores := map[int64]float64{}
	copies := map[int64][]string{}
	stories := map[int64]storyHits{}
	if req.Facets > 0 {
		res.Facets = &search.Facets{Entities: []search.FacetValue{}, Places: []search.FacetValue{},
			Sources: []search.FacetValue{}, Months: []search.FacetValue{}}
	}
	_, err = pgx.ForEachRow(rows, []any{&kind, &rn, &n, &id, &score, &val}, func() error {
		switch kind {
		case 0:
			res.Total = int(*n)
		case 1:
			ids = append(ids, *id)
			scores[*id] = *score
		case 6:
			copies[*id] = append(copies[*id], *val)
		case 7:
			st := stories[*id]
			st.story, st.n = *val, int(*n)
			stories[*id] = st
		case 8:
			st := stories[*id]
			st.ids = append(st.ids, *val)
			stories[*id] = st
		case 2, 3, 4, 5:
			f := []*[]search.FacetValue{&res.Facets.Entities, &res.Facets.Places, &res.Facets.Sources, &res.Facets.Months}[kind-2]
			*f = append(*f, search.FacetValue{Value: *val, Count: int(*n)})
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		return nil
	}
	return s.hits(ctx, tx, req, ids, scores, copies, stories, res)
}

// storyHits is the story of a hit of a search grouped by story: its ID,
// the number of other hits folded into the hit and the first of them.
type storyHits struct {
	story string
	n     int
	ids   []string
}

// hits fills res.Hits for the page ids (in rank order), with snippets.
func (s *DB) hits(ctx context.Context, tx pgx.Tx, req search.Request, ids []int64, scores map[int64]float64,
	copies map[int64][]string, stories map[int64]storyHits, res *search.Result) error {
	rows, err := tx.Query(ctx, `SELECT d.id, d.uid, coalesce(d.url, ''), d.title, d.source, d.published, b.text
		FROM documents d JOIN bodies b ON b.id = d.id WHERE d.id = ANY($1)`, ids)
	if err != nil {
		return err
	}
	byID := make(map[int64]search.Hit, len(ids))
	matcher := search.NewMatcher(s.an, req.Query.Text)
	var h search.Hit
	var id int64
	var text []byte
	_, err = pgx.ForEachRow(rows, []any{&id, &h.ID, &h.URL, &h.Title, &h.Source, &h.Published, &text}, func() error {
		h.Score = scores[id]
		h.Copies, h.CopyIDs = len(copies[id]), nil
		if h.Copies > 0 {
			h.CopyIDs = copies[id][:min(h.Copies, maxCopyIDs)]
		}
		st := stories[id]
		h.Story, h.StoryHits, h.StoryHitIDs = st.story, st.n, st.ids
		h.Snippet = matcher.Snippet(string(text), snippetWords)
		byID[id] = h
		return nil
	})
	if err != nil {
		return err
	}
	for _, id := range ids {
		if h, ok := byID[id]; ok {
			res.Hits = append(res.Hits, h)
		}
	}
	return nil
}

// facetCTE counts the hits mentioning each entity, for the entity and
// place facets. Counting by entity ID first and looking up only the
// entities at the head of the counts (below) reads a few dozen entities
// where joining every pair of hit and entity to entities read one for
// every mention: 150,000 lookups for a common word at 30,000 documents,
// done twice, growing with the corpus.
const facetCTE = `ef AS MATERIALIZED (SELECT de.entity, count(*) AS c FROM m JOIN doc_entities de ON de.doc = m.id GROUP BY de.entity)`

// entityFacetSQL returns the rows (v, c) of an entity facet: the
// entities of facetCTE whose type matches cond, most hits first. The
// counts are sorted before the entities are joined so that the
// planner's incremental sort stops reading entities once the limit is
// reached and the count's ties are complete.
func entityFacetSQL(cond string) string {
	return `e.name AS v, x.c FROM (SELECT entity, c FROM ef ORDER BY c DESC) x
		CROSS JOIN LATERAL (SELECT e.name FROM entities e WHERE e.id = x.entity AND ` + cond + `) e`
}

// facetSQL returns the UNION ALL branches of the four facets (kinds 2
// to 5), each ordered as sqlite orders them; the statement's WITH
// clause must hold facetCTE.
func facetSQL(n string) string {
	branch := func(kind int, from, group, order string) string {
		if group != "" {
			group = " GROUP BY " + group
		}
		return fmt.Sprintf(` UNION ALL SELECT %d, row_number() OVER (ORDER BY %s), c, NULL, NULL, v FROM
			(SELECT %s%s ORDER BY %s LIMIT %s) f%d`, kind, order, from, group, order, n, kind)
	}
	return branch(2, entityFacetSQL(`e.type <> 'LOC'`), "", "c DESC, v") +
		branch(3, entityFacetSQL(`e.type = 'LOC'`), "", "c DESC, v") +
		branch(4, `source AS v, count(*) AS c FROM m WHERE source <> ''`, "source", "c DESC, v") +
		branch(5, `substr(published, 1, 7) AS v, count(*) AS c FROM m WHERE published <> ''`, "1", "v DESC")
}

// recencySQL returns the boost factor expression (1 without recency).
func recencySQL(req search.Request, arg func(any) string) string {
	if req.Recency <= 0 {
		return "1.0"
	}
	now := req.Now
	if now.IsZero() {
		now = time.Now()
	}
	days := req.Recency.Hours() / 24
	return `(CASE WHEN d.published = '' THEN 1.0 ELSE 1.0 + power(2.0,
		-greatest(0.0, (` + arg(now.UTC().Format("2006-01-02")) + `::date - d.published::date)::float8) / ` + arg(days) + `::float8) END)`
}

// filterSQL writes " AND ..." conditions on documents d for q's
// filters, its entity:, place: and said: values resolved in ents.
func filterSQL(b *strings.Builder, q search.Query, ents *store.FilterEntities, arg func(any) string) {
	list := func(vals []string, f func(string) string) string {
		parts := make([]string, len(vals))
		for i, v := range vals {
			parts[i] = arg(f(clean(v)))
		}
		return strings.Join(parts, ", ")
	}
	ids := func(v []int64) string {
		if v == nil {
			v = []int64{}
		}
		return arg(v) + `::bigint[]`
	}
	if ents.HasEntities {
		b.WriteString(` AND d.id IN (SELECT de.doc FROM doc_entities de WHERE de.entity = ANY(` + ids(ents.Entities) + `))`)
	}
	if ents.HasPlaces {
		norms := make([]string, len(ents.PlaceNorms))
		for i, n := range ents.PlaceNorms {
			norms[i] = clean(n)
		}
		b.WriteString(` AND (d.id IN (SELECT de.doc FROM doc_entities de WHERE de.entity = ANY(` + ids(ents.Places) + `))`)
		b.WriteString(` OR d.place_norm = ANY(` + arg(norms) + `::text[]))`)
	}
	if ents.HasSaid {
		b.WriteString(` AND d.id IN (SELECT qs.doc FROM quote_speakers qs WHERE qs.entity = ANY(` + ids(ents.Said) + `))`)
	}
	if len(q.Sources) > 0 {
		b.WriteString(` AND d.source_key IN (` + list(q.Sources, asciiLower) + `)`)
	}
	if len(q.Types) > 0 {
		b.WriteString(` AND d.id IN (SELECT doc FROM events WHERE type IN (` + list(q.Types, strings.ToUpper) + `))`)
	}
	if !q.From.IsZero() {
		b.WriteString(` AND d.published <> '' AND d.published >= ` + arg(q.From.Format("2006-01-02")))
	}
	if !q.To.IsZero() {
		b.WriteString(` AND d.published <> '' AND d.published <= ` + arg(q.To.Format("2006-01-02")))
	}
}
