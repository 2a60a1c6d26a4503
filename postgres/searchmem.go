package postgres

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// A query's plan: its units (words and phrases, as translate sees them)
// and the boolean structure around them, read back from search.Syntax's
// fully parenthesized output (each group has one operator).
type plan struct {
	units    []planUnit
	pos, neg *planNode // nil when empty
}

type planUnit struct {
	terms                   []string
	prefix, exact, negative bool
}

// planNode is a unit (op 0), or its kids joined by op: '&' (all), '|'
// (any) or '-' (the first without the second).
type planNode struct {
	op   byte
	unit int
	kids []*planNode
}

// plan translates n as translate does and returns its structure.
func (c *compiler) plan(n search.Node) (*plan, error) {
	p := &plan{}
	syn := search.Syntax{And: " & ", Or: " | ", AndNot: " - ", Terms: c.terms,
		Unit: func(terms []string, prefix, exact, negative bool) string {
			p.units = append(p.units, planUnit{terms: terms, prefix: prefix, exact: exact, negative: negative})
			return "#" + strconv.Itoa(len(p.units)-1)
		}}
	pos, neg := syn.Translate(n)
	var err error
	if p.pos, err = parsePlan(pos, len(p.units)); err == nil {
		p.neg, err = parsePlan(neg, len(p.units))
	}
	return p, err
}

// parsePlan parses a plan expression of n units; "" gives nil.
func parsePlan(s string, n int) (*planNode, error) {
	if s == "" {
		return nil, nil
	}
	pp := planParser{s: s, n: n}
	node := pp.node()
	if pp.err == nil && pp.i != len(s) {
		pp.err = fmt.Errorf("trailing %q", s[pp.i:])
	}
	if pp.err != nil {
		return nil, fmt.Errorf("query plan %q: %w", s, pp.err)
	}
	return node, nil
}

type planParser struct {
	s    string
	i, n int
	err  error
}

func (pp *planParser) node() *planNode {
	if pp.err != nil || pp.i >= len(pp.s) {
		pp.fail("unexpected end")
		return nil
	}
	if pp.s[pp.i] == '#' {
		j := pp.i + 1
		for j < len(pp.s) && pp.s[j] >= '0' && pp.s[j] <= '9' {
			j++
		}
		k, err := strconv.Atoi(pp.s[pp.i+1 : j])
		if err != nil || k >= pp.n {
			pp.fail("bad unit")
			return nil
		}
		pp.i = j
		return &planNode{unit: k}
	}
	if pp.s[pp.i] != '(' {
		pp.fail("unexpected character")
		return nil
	}
	pp.i++
	g := &planNode{kids: []*planNode{pp.node()}}
	for pp.err == nil && pp.i+3 <= len(pp.s) && pp.s[pp.i] == ' ' && pp.s[pp.i+2] == ' ' {
		op := pp.s[pp.i+1]
		if op != '&' && op != '|' && op != '-' || (g.op != 0 && g.op != op) {
			pp.fail("mixed operators")
			return nil
		}
		g.op = op
		pp.i += 3
		g.kids = append(g.kids, pp.node())
	}
	if pp.err != nil || pp.i >= len(pp.s) || pp.s[pp.i] != ')' || (g.op == '-' && len(g.kids) != 2) {
		pp.fail("unbalanced group")
		return nil
	}
	pp.i++
	if len(g.kids) == 1 {
		return g.kids[0]
	}
	return g
}

func (pp *planParser) fail(msg string) {
	if pp.err == nil {
		pp.err = fmt.Errorf("%s at %d", msg, pp.i)
	}
}

// eval returns the ascending row ids matching n, given every unit's.
func (n *planNode) eval(ids [][]uint32) []uint32 {
	if n.op == 0 {
		return ids[n.unit]
	}
	out := n.kids[0].eval(ids)
	for _, k := range n.kids[1:] {
		switch n.op {
		case '&':
			out = intersect(out, k.eval(ids))
		case '|':
			out = union(out, k.eval(ids))
		default:
			out = difference(out, k.eval(ids))
		}
	}
	return out
}

func intersect(a, b []uint32) []uint32 {
	out := make([]uint32, 0, min(len(a), len(b)))
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}

func union(a, b []uint32) []uint32 {
	out := make([]uint32, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			out = append(out, a[i])
			i++
		case a[i] > b[j]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

func difference(a, b []uint32) []uint32 {
	out := make([]uint32, 0, len(a))
	j := 0
	for _, x := range a {
		for j < len(b) && b[j] < x {
			j++
		}
		if j >= len(b) || b[j] != x {
			out = append(out, x)
		}
	}
	return out
}

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

// corpusStats is a snapshot's document count and BM25 average length.
type corpusStats struct {
	docs  int64
	avgdl float64
}

// scoredUnits matches and scores an indexable plan from the units'
// lists (searchunits.go), with the arithmetic of scoreSQL. ok is false
// when a list cannot be held. The caller holds ix.mu for reading.
func (ix *searchIndex) scoredUnits(ctx context.Context, q dbQuerier, p *plan, cs corpusStats) (ms []match, ok bool, err error) {
	lists, ok, err := ix.unitLists(ctx, q, p)
	if err != nil || !ok {
		return nil, false, err
	}
	ids := make([][]uint32, len(lists))
	for i, l := range lists {
		ids[i] = l.ids
	}
	hits := p.pos.eval(ids)
	if p.neg != nil {
		hits = difference(hits, p.neg.eval(ids))
	}
	var scored []int // the positive units
	idfs := make([]float64, len(p.units))
	for i, u := range p.units {
		if !u.negative {
			scored = append(scored, i)
			idfs[i] = idf(cs.docs, int64(len(ids[i])))
		}
	}
	avgdl := max(cs.avgdl, 1)
	cursor := make([]int, len(p.units))
	ms = make([]match, len(hits))
	for k, id := range hits {
		norm := bm25K1 * ((1 - bm25B) + bm25B*float64(ix.docs[id].dl)/avgdl)
		var s float64
		for _, u := range scored {
			list, c := ids[u], cursor[u]
			for c < len(list) && list[c] < id {
				c++
			}
			cursor[u] = c
			var t float64
			if c < len(list) && list[c] == id {
				t = lists[u].tf(c)
			}
			s += idfs[u] * t * (bm25K1 + 1) / math.Max(t+norm, 1e-9)
		}
		ms[k] = match{id: id, score: s}
	}
	return ms, true, nil
}

// scoredSQL matches and scores pos (without neg) in SQL, as the SQL
// path does, for plans that are not indexable, in tx's snapshot, which must
// hold docs documents.
func scoredSQL(ctx context.Context, tx pgx.Tx, c *compiler, pos, neg string, docs int64) ([]match, error) {
	idfs, avgdl, n, err := stats(ctx, tx, "off", c.units)
	if err != nil {
		return nil, err
	}
	if n != docs {
		return nil, errStale
	}
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	score, joins := scoreSQL(c.units, idfs, avgdl, arg)
	sql := `SELECT d.id, ` + score + ` FROM documents d` + joins + ` WHERE d.id = ANY(ARRAY(` + matchSQL(pos, neg, arg) + ` OFFSET 0))`
	rows, err := tx.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	var ms []match
	var id int64
	var sc float64
	_, err = pgx.ForEachRow(rows, []any{&id, &sc}, func() error {
		if id <= 0 || id >= maxIndexedID {
			return errNotIndexable
		}
		ms = append(ms, match{id: uint32(id), score: sc})
		return nil
	})
	return ms, err
}

// matchSQL returns the statement selecting the row ids (g.id) of the
// documents matching pos and not neg, through the GIN index.
func matchSQL(pos, neg string, arg func(any) string) string {
	m := `SELECT g.id FROM documents g WHERE g.tsv @@ ` + arg(pos) + `::text::tsquery`
	if neg != "" {
		m += ` EXCEPT SELECT n.id FROM documents n WHERE n.tsv @@ ` + arg(neg) + `::text::tsquery`
	}
	return m
}

// excludedSet returns the bitset of the documents matching the
// exclusions of p (neg in tsquery form).
func (ix *searchIndex) excludedSet(ctx context.Context, tx dbQuerier, p *plan, neg string) ([]uint64, error) {
	set := make([]uint64, len(ix.docs)/64+1)
	add := func(id int64) {
		if id > 0 && id < int64(len(ix.docs)) {
			set[id/64] |= 1 << (id % 64)
		}
	}
	if p.indexable() {
		lists, ok, err := ix.unitLists(ctx, tx, p)
		if err != nil {
			return nil, err
		}
		if ok {
			ids := make([][]uint32, len(lists))
			for i, l := range lists {
				ids[i] = l.ids
			}
			for _, id := range p.neg.eval(ids) {
				add(int64(id))
			}
			return set, nil
		}
	}
	rows, err := tx.Query(ctx, `SELECT id FROM documents WHERE tsv @@ $1::text::tsquery`, neg)
	if err != nil {
		return nil, err
	}
	var id int64
	_, err = pgx.ForEachRow(rows, []any{&id}, func() error {
		if ix.present(id) {
			add(id)
		}
		return nil
	})
	return set, err
}

// dbQuerier is what a search reads with: a transaction, or the pool
// (each statement its own snapshot) where every row read is checked
// against the search index.
type dbQuerier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
}

func hasBit(set []uint64, id int64) bool {
	return id >= 0 && id/64 < int64(len(set)) && set[id/64]&(1<<(id%64)) != 0
}

// recencyBoost returns the factor of Request.Recency for a publication
// day (yyyymmdd), nil without recency, as recencySQL computes it.
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
	days := req.Recency.Hours() / 24
	return func(day int32) float64 {
		if day == 0 {
			return 1
		}
		return 1 + math.Pow(2, -math.Max(0, float64(today-epochDay(day)))/days)
	}
}

// epochDay is the number of days from 1970-01-01 to day (yyyymmdd).
func epochDay(day int32) int64 {
	t := time.Date(int(day/10000), time.Month(day/100%100), int(day%100), 0, 0, 0, 0, time.UTC)
	return t.Unix() / 86400
}

// docFilter is a query's field filters, resolved in the search's
// snapshot, as filterSQL writes them.
type docFilter struct {
	ents       *store.FilterEntities
	placeNorms map[string]bool
	sources    map[string]bool // source_key values
	types      []uint64        // bitset of row ids with such an event; nil when not filtered
	said       []uint64        // bitset of row ids quoting such a speaker; nil when not filtered
	from, to   int32           // yyyymmdd, 0 when open
}

// resolveFilter reads what q's filters need from tx.
func resolveFilter(ctx context.Context, tx dbQuerier, q search.Query, ents *store.FilterEntities) (*docFilter, error) {
	f := &docFilter{ents: ents}
	if ents.HasPlaces {
		f.placeNorms = map[string]bool{}
		for _, n := range ents.PlaceNorms {
			f.placeNorms[clean(n)] = true
		}
	}
	if len(q.Sources) > 0 {
		f.sources = map[string]bool{}
		for _, v := range q.Sources {
			f.sources[asciiLower(clean(v))] = true
		}
	}
	set := func(sql string, arg any) ([]uint64, error) {
		rows, err := tx.Query(ctx, sql, arg)
		if err != nil {
			return nil, err
		}
		out := []uint64{}
		var id int64
		_, err = pgx.ForEachRow(rows, []any{&id}, func() error {
			if id > 0 && id < maxIndexedID {
				for int64(len(out)) <= id/64 {
					out = append(out, 0)
				}
				out[id/64] |= 1 << (id % 64)
			}
			return nil
		})
		return out, err
	}
	var err error
	if len(q.Types) > 0 {
		types := make([]string, len(q.Types))
		for i, t := range q.Types {
			types[i] = strings.ToUpper(clean(t))
		}
		if f.types, err = set(`SELECT DISTINCT doc FROM events WHERE type = ANY($1)`, types); err != nil {
			return nil, fmt.Errorf("type: %w", err)
		}
	}
	if ents.HasSaid {
		if f.said, err = set(`SELECT DISTINCT doc FROM quote_speakers WHERE entity = ANY($1::bigint[])`, nonNilIDs(ents.Said)); err != nil {
			return nil, fmt.Errorf("said: %w", err)
		}
	}
	if !q.From.IsZero() {
		f.from = int32(q.From.Year()*10000 + int(q.From.Month())*100 + q.From.Day())
	}
	if !q.To.IsZero() {
		f.to = int32(q.To.Year()*10000 + int(q.To.Month())*100 + q.To.Day())
	}
	return f, nil
}

func nonNilIDs(v []int64) []int64 {
	if v == nil {
		return []int64{}
	}
	return v
}

// compile returns the filter as a predicate on row ids of ix; the caller
// holds ix.mu for reading while it uses it.
func (f *docFilter) compile(ix *searchIndex) func(id uint32) bool {
	var sources, places []bool // by interned id
	if f.sources != nil {
		sources = make([]bool, len(ix.sources))
		for i, s := range ix.sources {
			sources[i] = f.sources[asciiLower(s)]
		}
	}
	if f.placeNorms != nil {
		places = make([]bool, len(ix.places))
		for i, p := range ix.places {
			places[i] = p != "" && f.placeNorms[p]
		}
	}
	e := f.ents
	if !e.HasEntities && !e.HasPlaces && sources == nil && f.types == nil && f.said == nil && f.from == 0 && f.to == 0 {
		return func(uint32) bool { return true }
	}
	bits := func(ids []int64) []uint64 {
		b := make([]uint64, (len(ix.entities)+63)/64)
		for _, id := range ids {
			if id > 0 && id < int64(len(ix.entities)) {
				b[id/64] |= 1 << (id % 64)
			}
		}
		return b
	}
	var entBits, placeBits []uint64
	if e.HasEntities {
		entBits = bits(e.Entities)
	}
	if e.HasPlaces {
		placeBits = bits(e.Places)
	}
	anyOf := func(ents []uint32, set []uint64) bool {
		for _, x := range ents {
			if set[x/64]&(1<<(x%64)) != 0 {
				return true
			}
		}
		return false
	}
	return func(id uint32) bool {
		d := &ix.docs[id]
		switch {
		case sources != nil && !sources[d.source]:
			return false
		case f.from != 0 && (d.day == 0 || d.day < f.from):
			return false
		case f.to != 0 && (d.day == 0 || d.day > f.to):
			return false
		case f.types != nil && !hasBit(f.types, int64(id)):
			return false
		case f.said != nil && !hasBit(f.said, int64(id)):
			return false
		case e.HasEntities && !anyOf(ix.entitiesOf(id), entBits):
			return false
		case e.HasPlaces && !places[d.place] && !anyOf(ix.entitiesOf(id), placeBits):
			return false
		}
		return true
	}
}
