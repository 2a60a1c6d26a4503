package sqlite

import (
	"fmt"
	"math"
	"strings"

	"github.com/ncruces/go-sqlite3"
)

// A plain expression is an FTS5 expression made by translate of single
// terms (no prefix, no multi-term phrase) joined by AND, OR and NOT, in
// the shapes translate writes for the query language. Such a query is
// matched and scored in Go from the postings cache (postings.go).
//
// The scores are FTS5's only if the frequencies are: khabar_bm25 gets,
// for every phrase of the expression, its instances in the matching row
// as FTS5 reports them, which is all of them when FTS5's node of the
// phrase sits on that row, none otherwise. For a phrase under AND, under
// the left side of NOT or under OR (of phrases only) the node sits on
// every matching row that holds the term; a phrase on the right side of
// NOT (a phrase or an OR of phrases) never occurs in a matching row. In
// those shapes, which are all translate writes, a phrase's frequency in
// a matching row is its frequency in the row. Other shapes (an AND or a
// NOT below an OR or on the right of a NOT) are left to FTS5.

// plainNode is a node of a plain expression.
type plainNode struct {
	op     byte // 0: the phrase phrase; '&': AND; '|': OR; '-': kids[0] NOT kids[1]
	phrase int
	kids   []*plainNode
}

// parsePlain parses expr, whose phrases (as phrases lists them) are
// phr. ok is false when expr is not plain.
func parsePlain(expr string, phr []ftsPhrase) (n *plainNode, ok bool) {
	p := &plainParser{s: expr, phr: phr, ok: true}
	n = p.or()
	if !p.ok || p.i != len(p.s) || p.next != len(phr) || !n.positive() {
		return nil, false
	}
	return n, true
}

type plainParser struct {
	s    string
	i    int
	phr  []ftsPhrase
	next int // index of the next phrase
	ok   bool
}

// FTS5's precedence, loosest first: OR, AND, NOT.
func (p *plainParser) or() *plainNode  { return p.binary(" OR ", '|', p.and) }
func (p *plainParser) and() *plainNode { return p.binary(" AND ", '&', p.not) }

func (p *plainParser) not() *plainNode {
	n := p.primary()
	for p.ok && strings.HasPrefix(p.s[p.i:], " NOT ") {
		p.i += len(" NOT ")
		n = &plainNode{op: '-', kids: []*plainNode{n, p.primary()}}
	}
	return n
}

func (p *plainParser) binary(sep string, op byte, operand func() *plainNode) *plainNode {
	n := operand()
	if !p.ok || !strings.HasPrefix(p.s[p.i:], sep) {
		return n
	}
	n = &plainNode{op: op, kids: []*plainNode{n}}
	for p.ok && strings.HasPrefix(p.s[p.i:], sep) {
		p.i += len(sep)
		n.kids = append(n.kids, operand())
	}
	return n
}

func (p *plainParser) primary() *plainNode {
	if !p.ok || p.i >= len(p.s) {
		p.ok = false
		return nil
	}
	if p.s[p.i] == '(' {
		p.i++
		n := p.or()
		if !p.ok || p.i >= len(p.s) || p.s[p.i] != ')' {
			p.ok = false
			return nil
		}
		p.i++
		return n
	}
	if p.s[p.i] != '"' || p.next >= len(p.phr) {
		p.ok = false
		return nil
	}
	ph := p.phr[p.next]
	if !strings.HasPrefix(p.s[p.i:], ph.expr) || ph.prefix || len(ph.terms) != 1 {
		p.ok = false
		return nil
	}
	p.i += len(ph.expr)
	p.next++
	return &plainNode{phrase: p.next - 1}
}

// positive reports whether n is in a shape whose frequencies are known
// (see above) where it must match.
func (n *plainNode) positive() bool {
	switch n.op {
	case 0:
		return true
	case '&':
		for _, k := range n.kids {
			if !k.positive() {
				return false
			}
		}
		return true
	case '-':
		return n.kids[0].positive() && n.kids[1].phrasesOnly()
	}
	return n.phrasesOnly()
}

// phrasesOnly reports whether n is a phrase or an OR of phrases.
func (n *plainNode) phrasesOnly() bool {
	switch n.op {
	case 0:
		return true
	case '|':
		for _, k := range n.kids {
			if !k.phrasesOnly() {
				return false
			}
		}
		return true
	}
	return false
}

// eval returns the ascending row ids matching n, given every phrase's.
func (n *plainNode) eval(ids [][]uint32) []uint32 {
	switch n.op {
	case 0:
		return ids[n.phrase]
	case '-':
		return difference(n.kids[0].eval(ids), n.kids[1].eval(ids))
	}
	out := n.kids[0].eval(ids)
	for _, k := range n.kids[1:] {
		if n.op == '&' {
			out = intersect(out, k.eval(ids))
		} else {
			out = union(out, k.eval(ids))
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

// scoredPlain matches and scores the plain expression expr with the
// postings cache, as scored does with FTS5. ok is false when expr is not
// plain or its postings cannot be used; the caller then asks FTS5. The
// caller holds ix.mu for reading.
func scoredPlain(c *sqlite3.Conn, ix *docIndex, snap int64, expr string, phr []ftsPhrase) (ms []match, ok bool, err error) {
	if !ix.post.enabled() {
		return nil, false, nil
	}
	tree, ok := parsePlain(expr, phr)
	if !ok {
		return nil, false, nil
	}
	ids := make([][]uint32, len(phr))
	tfs := make([][]uint16, len(phr))
	for i, p := range phr {
		if ids[i], tfs[i], ok, err = postings(c, ix, snap, p); err != nil || !ok {
			return nil, false, err
		}
	}
	rows, total, ok, err := ftsTotals(c)
	if err != nil || !ok {
		return nil, false, err
	}
	hits := tree.eval(ids)
	sc := &scorer{ix: ix, maxID: snap, nPhrase: len(phr), started: true, rows: max(rows, 1)}
	sc.avgdl = math.Max(float64(total), 1) / float64(sc.rows)
	sc.ids = hits
	sc.dl = make([]float64, len(hits))
	sc.freq = make([]float64, len(hits)*len(phr))
	cursor := make([]int, len(phr))
	for i, id := range hits {
		if !ix.present(int64(id)) {
			return nil, false, nil // FTS5 knows its length: none in a sound store
		}
		sc.dl[i] = float64(ix.docs[id].length)
		for p := range phr {
			list, k := ids[p], cursor[p]
			for k < len(list) && list[k] < id {
				k++
			}
			if k < len(list) && list[k] == id {
				sc.freq[i*len(phr)+p] = float64(tfs[p][k])
			}
			cursor[p] = k
		}
	}
	or := disjunction(expr)
	df := make([]int64, len(phr))
	for p, need := range sc.needDF(or) {
		if !need {
			continue
		}
		if df[p], err = phraseDF(c, ix, snap, phr[p]); err != nil {
			return nil, false, fmt.Errorf("document frequency of %s: %w", phr[p].expr, err)
		}
		if df[p] != int64(len(ids[p])) {
			ix.post.drop(phr[p].expr) // FTS5 disagrees: trust it
			return nil, false, nil
		}
	}
	return sc.scores(df, or), true, nil
}
