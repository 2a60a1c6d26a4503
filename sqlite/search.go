package sqlite

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/ncruces/go-sqlite3"

	"github.com/khabar/khabar/search"
)

// Search implements store.Store.
//
// Everything a search reads comes from one read transaction (one
// snapshot). FTS5 finds the matching row ids and their BM25 scores
// (khabar_bm25, see bm25.go), or, for words joined by AND, OR and NOT,
// the postings cache does with the same scores (postings.go); filters, the recency boost, the folding
// of near-duplicates and of stories (group.go), the ordering and the facets are then computed in
// Go with the docIndex; only the returned page is read back from the
// tables (with its text, for the snippets). Facet counts are exact:
// every match is counted, whatever the size of the result.
func (s *DB) Search(ctx context.Context, req search.Request) (*search.Result, error) {
	q := req.Query
	if err := req.Validate(); err != nil {
		return nil, err
	}
	pos, neg := s.translate(q.Text)
	if pos == "" && neg == "" && !q.HasFilters() {
		return nil, search.Unsearchable(s.an, q.Text)
	}
	done, err := s.begin()
	if err != nil {
		return nil, err
	}
	defer done()
	if s.ix == nil {
		return s.searchSQL(ctx, req, pos, neg)
	}
	var res *search.Result
	err = s.readTx(ctx, func(c *sqlite3.Conn) error {
		var err error
		res, err = s.searchIndexed(c, req, pos, neg)
		return err
	})
	if errors.Is(err, errNotIndexable) {
		return s.searchSQL(ctx, req, pos, neg)
	}
	if err != nil {
		if cerr := ctx.Err(); cerr != nil {
			err = fmt.Errorf("%w (%w)", cerr, err)
		}
		return nil, fmt.Errorf("sqlite: search: %w", err)
	}
	return res, nil
}

// errNotIndexable sends a search down the SQL path.
var errNotIndexable = errors.New("row ids too large for the search index")

// match is one matching document.
type match struct {
	id    uint32
	day   int32 // yyyymmdd, 0 when unknown: the second sort key
	score float64
}

// before is the order of a result page: score, then publication day
// (newest first), then row id (latest stored first).
func before(a, b match) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	if a.day != b.day {
		return a.day > b.day
	}
	return a.id > b.id
}

func compareMatches(a, b match) int {
	if before(a, b) {
		return -1
	}
	if before(b, a) {
		return 1
	}
	return 0
}

func (s *DB) searchIndexed(c *sqlite3.Conn, req search.Request, pos, neg string) (*search.Result, error) {
	snap, err := scalarInt64(c, `SELECT coalesce(max(id), 0) FROM documents`)
	if err != nil {
		return nil, err
	}
	if snap >= maxIndexedRowID {
		return nil, errNotIndexable
	}
	ix := s.ix
	if err := ix.sync(c, snap); err != nil {
		return nil, err
	}
	var storySeq int64
	if req.GroupStories {
		if storySeq, err = ix.syncStories(c); err != nil {
			return nil, err
		}
	}
	flt, err := resolveFilters(c, req.Query)
	if err != nil {
		return nil, fmt.Errorf("filters: %w", err)
	}
	var excluded []uint64 // bitset of row ids, for a query of exclusions only
	if pos == "" && neg != "" {
		if excluded, err = matchingSet(c, neg, snap); err != nil {
			return nil, err
		}
	}

	ix.mu.RLock()
	defer ix.mu.RUnlock()
	keep := flt.compile(ix)
	var ms []match
	if pos != "" {
		expr := pos
		if neg != "" {
			expr = "(" + pos + ") NOT " + neg
		}
		if ms, err = s.scored(c, ix, snap, expr); err != nil {
			return nil, err
		}
	} else {
		// Filters alone: every stored document is a candidate, filtered
		// here rather than collected first (a million matches to drop).
		for id := int64(1); id <= snap; id++ {
			if ix.present(id) && !hasBit(excluded, id) && keep(uint32(id)) {
				ms = append(ms, match{id: uint32(id)})
			}
		}
	}
	boost := recencyBoost(req)
	n := 0
	for _, m := range ms {
		if !ix.present(int64(m.id)) || !keep(m.id) {
			continue // a full-text row without its document: none in a sound store
		}
		m.day = ix.docs[m.id].day
		if boost != nil {
			if pos != "" {
				m.score *= boost(m.day)
			} else {
				m.score = boost(m.day) - 1
			}
		}
		ms[n] = m
		n++
	}
	ms = ms[:n]
	var copies map[uint32][]uint32
	if !req.ShowCopies {
		ms, copies = collapseMatches(ix, ms)
	}

	res := &search.Result{Hits: []search.Hit{}, Order: search.OrderOf(pos != ""), Resolved: flt.resolved}
	if req.Facets > 0 { // before grouping by story: facets count as without
		res.Facets = ix.facets(ms, req.Facets)
	}
	var groups *storyGroups
	if req.GroupStories {
		ms, groups = groupStories(ix, ms, storySeq)
	}
	res.Total = len(ms)
	offset, limit := req.Page()
	res.Offset = offset
	page := topK(ms, offset+limit)
	page = page[min(offset, len(page)):]
	if err := s.fillPage(c, req, res, page, copies, groups); err != nil {
		return nil, err
	}
	return res, nil
}

// scored runs a full-text expression and returns its matches with their
// BM25 scores.
func (s *DB) scored(c *sqlite3.Conn, ix *docIndex, snap int64, expr string) ([]match, error) {
	phr := phrases(expr)
	if ms, ok, err := scoredPlain(c, ix, snap, expr, phr); err != nil || ok {
		return ms, err
	}
	sc := &scorer{ix: ix, maxID: snap, nPhrase: len(phr)}
	err := each(c, `SELECT khabar_bm25(fts, ?) FROM fts WHERE fts MATCH ?`, []any{ptrArg{sc}, expr},
		func(*sqlite3.Stmt) error { return nil })
	if err == nil {
		or := disjunction(expr)
		df := make([]int64, len(phr))
		for i, need := range sc.needDF(or) {
			if need {
				if df[i], err = phraseDF(c, ix, snap, phr[i]); err != nil {
					return nil, fmt.Errorf("document frequency of %s: %w", phr[i].expr, err)
				}
			}
		}
		return sc.scores(df, or), nil
	}
	if !errors.Is(err, errPhraseCount) && !isPhraseCountError(err) {
		return nil, err
	}
	// The expression has phrases phrases() did not see: let FTS5 score.
	var ms []match
	err = each(c, `SELECT rowid, -bm25(fts, 2.0, 1.0) FROM fts WHERE fts MATCH ?`, []any{expr},
		func(st *sqlite3.Stmt) error {
			if id := st.ColumnInt64(0); id > 0 && id <= snap {
				ms = append(ms, match{id: uint32(id), score: st.ColumnFloat(1)})
			}
			return nil
		})
	return ms, err
}

// isPhraseCountError recognizes errPhraseCount after SQLite has turned
// it into an error message.
func isPhraseCountError(err error) bool {
	return err != nil && strings.Contains(err.Error(), errPhraseCount.Error())
}

// phraseDF returns the number of documents matching a phrase: from the
// fts5vocab table for a single term, by counting otherwise; cached until
// the next document is stored.
func phraseDF(c *sqlite3.Conn, ix *docIndex, snap int64, p ftsPhrase) (int64, error) {
	if n, ok := ix.cachedDF(snap, p.expr); ok {
		return n, nil
	}
	var n int64
	var err error
	if len(p.terms) == 1 && !p.prefix {
		n, err = scalarInt64(c, `SELECT doc FROM temp.`+vocabTable+` WHERE term = ?`, p.terms[0])
	}
	if err != nil || len(p.terms) != 1 || p.prefix {
		n, err = scalarInt64(c, `SELECT count(*) FROM fts WHERE fts MATCH ?`, p.expr)
	}
	if err != nil {
		return 0, err
	}
	ix.storeDF(snap, p.expr, n)
	return n, nil
}

// matchingSet returns the row ids (up to snap) matching expr as a bitset.
func matchingSet(c *sqlite3.Conn, expr string, snap int64) ([]uint64, error) {
	set := make([]uint64, snap/64+1)
	err := each(c, `SELECT rowid FROM fts WHERE fts MATCH ?`, []any{expr}, func(st *sqlite3.Stmt) error {
		if id := st.ColumnInt64(0); id > 0 && id <= snap {
			set[id/64] |= 1 << (id % 64)
		}
		return nil
	})
	return set, err
}

func hasBit(set []uint64, id int64) bool {
	return id >= 0 && id/64 < int64(len(set)) && set[id/64]&(1<<(id%64)) != 0
}

// recencyBoost returns the factor of Request.Recency for a publication
// day (yyyymmdd), nil without recency: 1 + 2^(-age/half-life), age in
// days from the request's day, 1 for an unknown day.
func recencyBoost(req search.Request) func(day int32) float64 {
	if req.Recency <= 0 {
		return nil
	}
	now := req.Now
	if now.IsZero() {
		now = time.Now()
	}
	y, m, d := now.UTC().Date()
	today := epochDay(int32(y*10000 + int(m)*100 + d))
	half := req.Recency.Hours() / 24
	return func(day int32) float64 {
		if day == 0 {
			return 1
		}
		age := math.Max(0, float64(today-epochDay(day)))
		return 1 + math.Pow(2, -age/half)
	}
}

// epochDay is the number of days from 1970-01-01 to day (yyyymmdd).
func epochDay(day int32) int64 {
	t := time.Date(int(day/10000), time.Month(day/100%100), int(day%100), 0, 0, 0, 0, time.UTC)
	return t.Unix() / 86400
}

// collapseMatches keeps the best match of each near-duplicate cluster and
// returns, by kept row id, the others, best first. The order of the kept
// matches is unchanged.
func collapseMatches(ix *docIndex, ms []match) ([]match, map[uint32][]uint32) {
	cluster := func(i int32) uint32 { return ix.docs[ms[i].id].cluster }
	var dup []int32 // indexes of the matches in clusters of several documents
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
		return compareMatches(ms[a], ms[b])
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

// topK returns the first k matches in page order, sorted; it reorders ms.
func topK(ms []match, k int) []match { return best(ms, k, before) }

// fillPage reads the page's documents, makes their snippets and names
// their folded copies.
func (s *DB) fillPage(c *sqlite3.Conn, req search.Request, res *search.Result, page []match, copies map[uint32][]uint32, groups *storyGroups) error {
	if len(page) == 0 {
		return nil
	}
	ids := make([]uint32, len(page))
	for i, m := range page {
		ids[i] = m.id
	}
	js, _ := json.Marshal(ids)
	type row struct {
		hit  search.Hit
		text string
	}
	rows := make(map[uint32]*row, len(page))
	err := each(c, `SELECT d.id, d.uid, coalesce(d.url, ''), d.title, d.source, d.published, b.text
		FROM documents d JOIN bodies b ON b.id = d.id WHERE d.id IN (SELECT value FROM json_each(?))`, []any{string(js)},
		func(st *sqlite3.Stmt) error {
			r := &row{hit: search.Hit{ID: st.ColumnText(1), URL: st.ColumnText(2), Title: st.ColumnText(3),
				Source: st.ColumnText(4), Published: st.ColumnText(5)}, text: st.ColumnText(6)}
			rows[uint32(st.ColumnInt64(0))] = r
			return nil
		})
	if err != nil {
		return fmt.Errorf("reading hits: %w", err)
	}
	var pgs map[uint32]*pageGroup // by story row id
	var stories map[uint32]string
	var more []uint32 // the story hits to name
	if groups != nil {
		pgs = groups.pageGroups(page)
		ids := make([]uint32, 0, len(pgs))
		for s, pg := range pgs {
			ids = append(ids, s)
			for _, m := range pg.ids {
				more = append(more, m.id)
			}
		}
		if stories, err = storyNames(c, ids); err != nil {
			return fmt.Errorf("naming stories: %w", err)
		}
	}
	names, err := copyNames(c, page, copies, more)
	if err != nil {
		return fmt.Errorf("naming near-duplicate copies and story hits: %w", err)
	}
	matcher := search.NewMatcher(s.an, req.Query.Text)
	for _, m := range page {
		r := rows[m.id]
		if r == nil {
			return fmt.Errorf("document row %d vanished", m.id)
		}
		h := r.hit
		h.Score = m.score
		h.Snippet = matcher.Snippet(r.text, snippetWords)
		if cs := copies[m.id]; len(cs) > 0 {
			h.Copies = len(cs)
			for _, id := range cs[:min(len(cs), maxCopyIDs)] {
				h.CopyIDs = append(h.CopyIDs, names[id])
			}
		}
		if groups != nil {
			if st := groups.ix.storyOf(m.id, groups.seq); st != 0 {
				pg := pgs[st]
				h.Story, h.StoryHits = stories[st], pg.hits
				for _, o := range pg.ids {
					h.StoryHitIDs = append(h.StoryHitIDs, names[o.id])
				}
			}
		}
		res.Hits = append(res.Hits, h)
	}
	return nil
}

// copyNames returns the document IDs of the copies the page names and
// of the documents more.
func copyNames(c *sqlite3.Conn, page []match, copies map[uint32][]uint32, more []uint32) (map[uint32]string, error) {
	want := more
	for _, m := range page {
		cs := copies[m.id]
		want = append(want, cs[:min(len(cs), maxCopyIDs)]...)
	}
	if len(want) == 0 {
		return nil, nil
	}
	js, _ := json.Marshal(want)
	names := make(map[uint32]string, len(want))
	err := each(c, `SELECT id, uid FROM documents WHERE id IN (SELECT value FROM json_each(?))`, []any{string(js)},
		func(st *sqlite3.Stmt) error {
			names[uint32(st.ColumnInt64(0))] = st.ColumnText(1)
			return nil
		})
	return names, err
}
