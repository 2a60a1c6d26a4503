package postgres

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/jackc/pgx/v5"

	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// searchIndexed answers req with the search index (searchindex.go). A
// query of words, prefixes and phrases reads without a transaction: the
// corpus statistics first, which say whether the index holds the
// documents of their snapshot, then the lists of its units that the
// cache lacks (searchunits.go) and the page, rows of documents that
// never change once stored, each checked against the index. A prefix
// phrase is scored in SQL, in one read transaction that the index is
// synced to. It fails with
// errStale when the index is not at the snapshot read (the caller
// tries again), and with errNotIndexable when the database holds what
// the index cannot (the caller then uses SQL alone).
func (s *DB) searchIndexed(ctx context.Context, req search.Request, c *compiler, pos, neg string) (*search.Result, error) {
	p, err := c.plan(req.Query.Text)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errNotIndexable, err)
	}
	var res *search.Result
	if !p.indexable() {
		err = s.readTx(ctx, func(tx pgx.Tx) error {
			res, err = s.searchWith(ctx, tx, tx, req, c, p, pos, neg)
			return err
		})
		return res, err
	}
	done, err := s.begin()
	if err != nil {
		return nil, err
	}
	defer done()
	err = s.retry(ctx, func() error {
		res, err = s.searchWith(ctx, s.pool, nil, req, c, p, pos, neg)
		return err
	})
	return res, err
}

// searchWith reads with q, which is tx when the search runs in a
// transaction.
//
// Without one, the search is answered from the index as it stands, and
// the corpus statistics are read with the page, in the same round trip:
// when they count the index's documents and terms (and, grouping by
// story, its story rows), the index holds exactly the documents of
// their snapshot, and the answer is that snapshot's. Otherwise the
// index is brought up to date and the search starts again (errStale).
func (s *DB) searchWith(ctx context.Context, q dbQuerier, tx pgx.Tx, req search.Request, c *compiler, p *plan, pos, neg string) (*search.Result, error) {
	var cs corpusStats
	var storySeq int64
	var release func()
	var check *snapshotCheck
	if tx != nil {
		var terms int64
		err := q.QueryRow(ctx, corpusStatsSQL, req.GroupStories).Scan(&cs.docs, &terms, &storySeq)
		if err != nil {
			return nil, fmt.Errorf("corpus statistics: %w", err)
		}
		cs.avgdl = avgdl(terms, cs.docs)
		if release, err = s.ix.acquire(ctx, tx, cs.docs, storySeq, req.GroupStories); err != nil {
			return nil, err
		}
	} else {
		s.ix.mu.RLock()
		release = s.ix.mu.RUnlock
		cs = corpusStats{docs: s.ix.count, avgdl: avgdl(s.ix.terms, s.ix.count)}
		storySeq = s.ix.maxStorySeq
		check = &snapshotCheck{docs: s.ix.count, terms: s.ix.terms, storySeq: storySeq, stories: req.GroupStories}
	}
	res, err := s.searchLocked(ctx, q, tx, req, c, p, pos, neg, cs, storySeq, check)
	release()
	if errors.Is(err, errBehind) {
		// Load in a snapshot of its own, then start again.
		if err = s.ix.syncLatest(ctx, s.pool); err == nil {
			err = errStale
		}
	}
	return res, err
}

// searchLocked answers with the index held for reading.
func (s *DB) searchLocked(ctx context.Context, q dbQuerier, tx pgx.Tx, req search.Request, c *compiler, p *plan, pos, neg string,
	cs corpusStats, storySeq int64, check *snapshotCheck) (*search.Result, error) {
	// The entities the filters name, with the number of the index's
	// documents mentioning each. An entity stored since has none of
	// them.
	ents, err := store.ResolveFilters(req.Query, func(l store.EntityLookup) ([]store.EntityCandidate, error) {
		cands, err := lookupEntities(ctx, q, entityLookupNoCountSQL, l)
		for i, c := range cands {
			if c.ID > 0 && c.ID < int64(len(s.ix.entDocs)) {
				cands[i].Documents = int(s.ix.entDocs[c.ID])
			}
		}
		return cands, err
	})
	if err != nil {
		return nil, err
	}
	flt, err := resolveFilter(ctx, q, req.Query, ents)
	if err != nil {
		return nil, fmt.Errorf("filters: %w", err)
	}
	res := &search.Result{Hits: []search.Hit{}, Order: search.OrderOf(pos != ""), Resolved: ents.Resolved}
	res.Offset, _ = req.Page()
	if err := s.ix.answer(ctx, q, tx, s, req, c, p, pos, neg, flt, cs, storySeq, check, res); err != nil {
		return nil, err
	}
	return res, nil
}

// answer fills res. The caller holds ix.mu for reading.
func (ix *searchIndex) answer(ctx context.Context, q dbQuerier, tx pgx.Tx, s *DB, req search.Request, c *compiler, p *plan, pos, neg string,
	flt *docFilter, cs corpusStats, storySeq int64, check *snapshotCheck, res *search.Result) error {
	keep := flt.compile(ix)
	var ms []match
	var err error
	switch {
	case pos != "":
		ok := false
		if p.indexable() {
			if ms, ok, err = ix.scoredUnits(ctx, q, p, cs); err != nil {
				return err
			}
		}
		if !ok {
			if tx == nil {
				return errNotIndexable // a list the cache cannot hold: SQL alone
			}
			if ms, err = scoredSQL(ctx, tx, c, pos, neg, cs.docs); err != nil {
				return err
			}
		}
	default:
		// Filters and exclusions alone: every document is a candidate,
		// tested here rather than collected first.
		var excluded []uint64
		if neg != "" {
			if excluded, err = ix.excludedSet(ctx, q, p, neg); err != nil {
				return err
			}
		}
		candidates := ix.order
		if flt.ents.HasEntities {
			// Only the documents of the entities named can pass.
			candidates = nil
			for _, e := range flt.ents.Entities {
				if e > 0 && e < int64(len(ix.entities)) {
					candidates = union(candidates, ix.entityDocs(uint32(e)))
				}
			}
		}
		for _, id := range candidates {
			if !hasBit(excluded, int64(id)) && keep(id) {
				ms = append(ms, match{id: id})
			}
		}
	}
	boost := recencyBoost(req)
	n := 0
	for _, m := range ms {
		if !ix.present(int64(m.id)) || !keep(m.id) {
			continue
		}
		m.day = ix.docs[m.id].day
		switch {
		case pos == "" && boost != nil:
			m.score = boost(m.day) - 1
		case pos == "":
			m.score = 0
		case boost != nil:
			m.score *= boost(m.day)
		}
		ms[n] = m
		n++
	}
	ms = ms[:n]
	var copies map[uint32][]uint32
	if !req.ShowCopies {
		ms, copies = ix.collapse(ms)
	}
	if req.Facets > 0 { // before grouping by story: facets count as without
		res.Facets = ix.facets(ms, req.Facets)
	}
	var groups *storyGroups
	if req.GroupStories {
		ms, groups = ix.groupStories(ms, storySeq)
	}
	res.Total = len(ms)
	offset, limit := req.Page()
	page := best(ms, offset+limit, before)
	page = page[min(offset, len(page)):]
	return s.fillPage(ctx, q, req, res, page, copies, groups, check)
}

// collapse keeps the best match of each near-duplicate cluster and
// returns, by kept row id, the others, best first. The order of the kept
// matches is unchanged.
func (ix *searchIndex) collapse(ms []match) ([]match, map[uint32][]uint32) {
	cluster := func(i int32) uint32 { return ix.docs[ms[i].id].cluster }
	var dup []int32 // the matches in clusters of several documents
	for i, m := range ms {
		if ix.clusterN[ix.docs[m.id].cluster] > 1 {
			dup = append(dup, int32(i))
		}
	}
	if len(dup) < 2 {
		return ms, nil
	}
	slices.SortFunc(dup, func(a, b int32) int {
		if ca, cb := cluster(a), cluster(b); ca != cb {
			return cmp.Compare(ca, cb)
		}
		return orderOf(ms[a], ms[b])
	})
	var drop []bool
	var copies map[uint32][]uint32
	for i := 0; i < len(dup); {
		j := i + 1
		for j < len(dup) && cluster(dup[j]) == cluster(dup[i]) {
			j++
		}
		if j-i > 1 {
			if drop == nil {
				drop, copies = make([]bool, len(ms)), map[uint32][]uint32{}
			}
			others := make([]uint32, j-i-1)
			for k, d := range dup[i+1 : j] {
				others[k] = ms[d].id
				drop[d] = true
			}
			copies[ms[dup[i]].id] = others
		}
		i = j
	}
	if drop == nil {
		return ms, nil
	}
	n := 0
	for i, m := range ms {
		if !drop[i] {
			ms[n] = m
			n++
		}
	}
	return ms[:n], copies
}

func orderOf(a, b match) int {
	switch {
	case before(a, b):
		return -1
	case before(b, a):
		return 1
	}
	return 0
}

// facets counts the matches by entity, place, source and month, as
// facetSQL does: entities and places (LOC entities) most frequent first,
// ties by name; sources most frequent first, ties by name; months newest
// first. The caller holds ix.mu for reading.
func (ix *searchIndex) facets(ms []match, n int) *search.Facets {
	f := &search.Facets{Entities: []search.FacetValue{}, Places: []search.FacetValue{},
		Sources: []search.FacetValue{}, Months: []search.FacetValue{}}
	cp := entityCounts.Get().(*[]int32)
	counts := *cp
	if len(counts) < len(ix.entities) {
		counts = make([]int32, len(ix.entities))
	}
	var touched []uint32
	srcCounts := make([]int, len(ix.sources))
	months := map[int32]int{}
	for _, m := range ms {
		d := &ix.docs[m.id]
		for _, e := range ix.ents[d.entStart:d.entEnd] {
			if counts[e] == 0 {
				touched = append(touched, e)
			}
			counts[e]++
		}
		srcCounts[d.source]++
		if d.day != 0 {
			months[d.day/100]++
		}
	}
	type entityCount struct {
		id    uint32
		count int32
	}
	var ents, locs []entityCount
	for _, e := range touched {
		ec := entityCount{id: e, count: counts[e]}
		counts[e] = 0
		if ix.entities[e].loc {
			locs = append(locs, ec)
		} else {
			ents = append(ents, ec)
		}
	}
	*cp = counts
	entityCounts.Put(cp)
	less := func(a, b entityCount) bool {
		if a.count != b.count {
			return a.count > b.count
		}
		if na, nb := ix.entities[a.id].name, ix.entities[b.id].name; na != nb {
			return na < nb
		}
		return a.id < b.id
	}
	for _, x := range []struct {
		dst *[]search.FacetValue
		src []entityCount
	}{{&f.Entities, ents}, {&f.Places, locs}} {
		for _, ec := range best(x.src, n, less) {
			*x.dst = append(*x.dst, search.FacetValue{Value: ix.entities[ec.id].name, Count: int(ec.count)})
		}
	}
	var srcs []search.FacetValue
	for id, c := range srcCounts {
		if c > 0 && id != 0 {
			srcs = append(srcs, search.FacetValue{Value: ix.sources[id], Count: c})
		}
	}
	f.Sources = append(f.Sources, best(srcs, n, func(a, b search.FacetValue) bool {
		return a.Count > b.Count || a.Count == b.Count && a.Value < b.Value
	})...)
	keys := make([]int32, 0, len(months))
	for k := range months {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b int32) int { return cmp.Compare(b, a) })
	for _, k := range keys[:min(n, len(keys))] {
		f.Months = append(f.Months, search.FacetValue{Value: fmt.Sprintf("%04d-%02d", k/100, k%100), Count: months[k]})
	}
	return f
}

// entityCounts recycles the per-entity counters of facets (zeroed after
// use).
var entityCounts = sync.Pool{New: func() any { return new([]int32) }}

// best returns the n first of vs in the order of less, sorted, as a
// prefix of vs, which it permutes: a heap of n, so that the head of a
// large result costs little more than one pass over it.
func best[T any](vs []T, n int, less func(a, b T) bool) []T {
	if n <= 0 {
		return nil
	}
	order := func(a, b T) int {
		switch {
		case less(a, b):
			return -1
		case less(b, a):
			return 1
		}
		return 0
	}
	if n*8 >= len(vs) {
		slices.SortFunc(vs, order)
		return vs[:min(n, len(vs))]
	}
	h := vs[:n:n] // the best n seen, the worst of them at the root
	down := func(i int) {
		for {
			l := 2*i + 1
			if l >= n {
				return
			}
			w := l
			if r := l + 1; r < n && less(h[l], h[r]) {
				w = r
			}
			if !less(h[i], h[w]) {
				return
			}
			h[i], h[w] = h[w], h[i]
			i = w
		}
	}
	for i := n/2 - 1; i >= 0; i-- {
		down(i)
	}
	for i := n; i < len(vs); i++ {
		if less(vs[i], h[0]) {
			h[0], vs[i] = vs[i], h[0]
			down(0)
		}
	}
	slices.SortFunc(h, order)
	return h
}

// storyGroups is the outcome of groupStories: by story row id, the best
// of its matches and their number.
type storyGroups struct {
	ix      *searchIndex
	seq     int64
	all     []match
	stories []uint32 // the story of each of all, 0 for none
	byID    map[uint32]storyGroup
}

type storyGroup struct {
	best int32 // index into all
	n    int32
}

// groupStories keeps the best match of each story and every match of no
// story, in ms's order; ms is left as it was.
func (ix *searchIndex) groupStories(ms []match, seq int64) ([]match, *storyGroups) {
	g := &storyGroups{ix: ix, seq: seq, all: ms, stories: make([]uint32, len(ms)), byID: map[uint32]storyGroup{}}
	for i, m := range ms {
		st := ix.storyOf(m.id, seq)
		if st == 0 {
			continue
		}
		g.stories[i] = st
		sg := g.byID[st]
		if sg.n == 0 || before(m, ms[sg.best]) {
			sg.best = int32(i)
		}
		sg.n++
		g.byID[st] = sg
	}
	kept := make([]match, 0, len(ms))
	for i, m := range ms {
		if st := g.stories[i]; st == 0 || g.byID[st].best == int32(i) {
			kept = append(kept, m)
		}
	}
	return kept, g
}

// pageGroups returns, by story row id, the page's hits standing for a
// story: the number of other matches folded into each and the first
// search.MaxStoryHitIDs of them, best first.
func (g *storyGroups) pageGroups(page []match) map[uint32]*pageGroup {
	out := map[uint32]*pageGroup{}
	for _, m := range page {
		if st := g.ix.storyOf(m.id, g.seq); st != 0 {
			out[st] = &pageGroup{rep: m.id, hits: int(g.byID[st].n) - 1}
		}
	}
	if len(out) == 0 {
		return out
	}
	for i, st := range g.stories {
		if pg := out[st]; st != 0 && pg != nil && pg.hits > 0 && g.all[i].id != pg.rep {
			pg.ids = append(pg.ids, g.all[i])
		}
	}
	for _, pg := range out {
		pg.ids = best(pg.ids, search.MaxStoryHitIDs, before)
	}
	return out
}

// pageGroup is a story of a result page: its best hit and the others.
type pageGroup struct {
	rep  uint32
	hits int
	ids  []match
}

// fillPage reads the page's documents with their texts, the IDs of the
// copies and story hits it names and its stories, in one round trip,
// and makes the hits with their snippets.
func (s *DB) fillPage(ctx context.Context, tx dbQuerier, req search.Request, res *search.Result, page []match,
	copies map[uint32][]uint32, groups *storyGroups, check *snapshotCheck) error {
	b := &pgx.Batch{}
	if check != nil {
		b.Queue(corpusStatsSQL, check.stories)
	}
	if len(page) == 0 {
		if check == nil {
			return nil
		}
		var docs, terms, seq int64
		if err := tx.QueryRow(ctx, corpusStatsSQL, check.stories).Scan(&docs, &terms, &seq); err != nil {
			return fmt.Errorf("corpus statistics: %w", err)
		}
		return check.verify(docs, terms, seq)
	}
	ids := make([]int64, len(page))
	var names []int64
	for i, m := range page {
		ids[i] = int64(m.id)
		cs := copies[m.id]
		for _, c := range cs[:min(len(cs), maxCopyIDs)] {
			names = append(names, int64(c))
		}
	}
	var pgs map[uint32]*pageGroup
	var storyIDs []int64
	if groups != nil {
		pgs = groups.pageGroups(page)
		for st, pg := range pgs {
			storyIDs = append(storyIDs, int64(st))
			for _, m := range pg.ids {
				names = append(names, int64(m.id))
			}
		}
	}
	b.Queue(`SELECT d.id, d.uid, coalesce(d.url, ''), d.title, d.source, d.published, b.text
		FROM documents d JOIN bodies b ON b.id = d.id WHERE d.id = ANY($1)`, ids)
	b.Queue(`SELECT id, uid FROM documents WHERE id = ANY($1)`, nonNilIDs(names))
	b.Queue(`SELECT id, uid FROM stories WHERE id = ANY($1)`, nonNilIDs(storyIDs))
	br := tx.SendBatch(ctx, b)
	defer br.Close()
	if check != nil {
		var docs, terms, seq int64
		if err := br.QueryRow().Scan(&docs, &terms, &seq); err != nil {
			return fmt.Errorf("corpus statistics: %w", err)
		}
		if err := check.verify(docs, terms, seq); err != nil {
			return err
		}
	}
	type row struct {
		hit  search.Hit
		text []byte
	}
	rows := make(map[int64]*row, len(page))
	rs, err := br.Query()
	if err != nil {
		return fmt.Errorf("reading hits: %w", err)
	}
	var r row
	var id int64
	_, err = pgx.ForEachRow(rs, []any{&id, &r.hit.ID, &r.hit.URL, &r.hit.Title, &r.hit.Source, &r.hit.Published, &r.text}, func() error {
		rows[id] = &row{hit: r.hit, text: slices.Clone(r.text)}
		return nil
	})
	if err != nil {
		return fmt.Errorf("reading hits: %w", err)
	}
	uids, storyUIDs := map[int64]string{}, map[int64]string{}
	for _, x := range []struct {
		what string
		dst  map[int64]string
	}{{"naming copies and story hits", uids}, {"naming stories", storyUIDs}} {
		rs, err := br.Query()
		if err != nil {
			return fmt.Errorf("%s: %w", x.what, err)
		}
		var uid string
		if _, err := pgx.ForEachRow(rs, []any{&id, &uid}, func() error { x.dst[id] = uid; return nil }); err != nil {
			return fmt.Errorf("%s: %w", x.what, err)
		}
	}
	if err := br.Close(); err != nil {
		return err
	}
	matcher := search.NewMatcher(s.an, req.Query.Text)
	for _, m := range page {
		r := rows[int64(m.id)]
		if r == nil {
			return fmt.Errorf("document row %d vanished", m.id)
		}
		h := r.hit
		h.Score = m.score
		h.Snippet = matcher.Snippet(string(r.text), snippetWords)
		if cs := copies[m.id]; len(cs) > 0 {
			h.Copies = len(cs)
			for _, c := range cs[:min(len(cs), maxCopyIDs)] {
				h.CopyIDs = append(h.CopyIDs, uids[int64(c)])
			}
		}
		if groups != nil {
			if st := groups.ix.storyOf(m.id, groups.seq); st != 0 {
				pg := pgs[st]
				h.Story, h.StoryHits = storyUIDs[int64(st)], pg.hits
				for _, o := range pg.ids {
					h.StoryHitIDs = append(h.StoryHitIDs, uids[int64(o.id)])
				}
			}
		}
		res.Hits = append(res.Hits, h)
	}
	return nil
}
