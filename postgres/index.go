package postgres

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/khabar/khabar/search"
)

// Limits of PostgreSQL's tsvector and of what is indexed.
const (
	maxTermBytes = 256     // longer terms (hostile input) are not indexed, as in sqlite
	maxPos       = 16383   // tsvector positions are 1..16383; later ones share the last
	maxPosPerLex = 256     // tsvector keeps at most 256 positions of a lexeme
	maxTSVBytes  = 900_000 // tsvector literals must stay under 1 MB of lexemes and positions
)

// docIndex is what the full-text index stores for one document.
type docIndex struct {
	tsv string // tsvector literal
	// terms are the document's distinct analyzed terms (its rows of the
	// postings table), tfs their frequencies: 2×title occurrences +
	// text occurrences.
	terms []string
	tfs   []int32
	dl    int // analyzed terms in title and text (BM25 document length)
}

// lexeme is one distinct term of a document while its index is built.
type lexeme struct {
	term string
	pos  []int // positions, ascending; title positions are ≤ titleEnd
	tf   int
	// analyzed lexemes are analyzer terms (the others are only exact
	// forms); only they have postings, as exact phrases are counted
	// from positions.
	analyzed bool
	// dropped lexemes came after the tsvector was full: they have
	// postings but are not in the tsvector.
	dropped bool
}

// indexer builds document indexes; one per Put, not safe for concurrent use.
type indexer struct {
	an   search.Analyzer
	toks []search.Token
	lex  map[string]int // term → index in list
	list []lexeme
}

func newIndexer(an search.Analyzer) *indexer { return &indexer{an: an, lex: map[string]int{}} }

// index analyzes title and text as sqlite's tokenizer does: for every
// analyzed term, at the same position, search.ExactPrefix plus the exact
// form of the original word. Title positions come first, weighted A;
// the text's start two positions later, so that no phrase spans both.
func (x *indexer) index(title, text string) docIndex {
	clear(x.lex)
	x.list = x.list[:0]
	var size int // bytes the tsvector will take, roughly
	pos, titleEnd, dl := 0, 0, 0
	for field, s := range []string{title, text} {
		weight := 2 - field // title counts twice
		if field == 1 {
			titleEnd = pos
			if pos > 0 {
				pos++
			}
		}
		x.toks = x.an.Analyze(s, x.toks[:0])
		c := runeCursor{s: s}
		for _, tk := range x.toks {
			if tk.Term == "" || len(tk.Term) > maxTermBytes || tk.End <= tk.Start {
				continue
			}
			pos++
			dl++
			start, end := c.byteAt(tk.Start), c.byteAt(tk.End)
			size += x.add(tk.Term, pos, weight, size, true)
			if exact := search.ExactPrefix + search.ExactForm(s[start:end]); len(exact) <= maxTermBytes {
				size += x.add(exact, pos, weight, size, false)
			}
		}
	}
	terms, tfs := x.postings()
	return docIndex{tsv: x.literal(titleEnd), terms: terms, tfs: tfs, dl: dl}
}

// add records one occurrence and returns how many bytes it adds to the
// tsvector. A new lexeme is dropped when the tsvector is full; its
// occurrences still count in tf.
func (x *indexer) add(term string, pos, weight, size int, analyzed bool) int {
	if strings.IndexByte(term, 0) >= 0 || !utf8.ValidString(term) {
		return 0
	}
	i, ok := x.lex[term]
	if !ok {
		i = len(x.list)
		x.lex[term] = i
		x.list = append(x.list, lexeme{term: term})
	}
	l := &x.list[i]
	l.tf += weight
	l.analyzed = l.analyzed || analyzed
	if !ok && size > maxTSVBytes {
		l.dropped = true
	}
	if l.dropped {
		return 0
	}
	pos = min(pos, maxPos)
	if n := len(l.pos); n >= maxPosPerLex || (n > 0 && l.pos[n-1] == pos) {
		return 0
	}
	l.pos = append(l.pos, pos)
	if len(l.pos) == 1 {
		return len(term) + 10
	}
	return 2
}

// literal writes the tsvector literal: 'term':1A,2,... with quotes and
// backslashes escaped. Positions up to titleEnd are weighted A.
func (x *indexer) literal(titleEnd int) string {
	var b strings.Builder
	for _, l := range x.list {
		if l.dropped {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		quoteLexeme(&b, l.term)
		for i, p := range l.pos {
			if i == 0 {
				b.WriteByte(':')
			} else {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(p))
			if p <= titleEnd {
				b.WriteByte('A')
			}
		}
	}
	return b.String()
}

// postings returns the analyzed terms and their frequencies. Terms
// are valid UTF-8 without NUL (add drops the others).
func (x *indexer) postings() ([]string, []int32) {
	n := 0
	for _, l := range x.list {
		if l.analyzed {
			n++
		}
	}
	terms, tfs := make([]string, 0, n), make([]int32, 0, n)
	for _, l := range x.list {
		if l.analyzed {
			terms, tfs = append(terms, l.term), append(tfs, int32(min(l.tf, 1<<30)))
		}
	}
	return terms, tfs
}

// quoteLexeme writes term as a quoted tsvector or tsquery lexeme.
func quoteLexeme(b *strings.Builder, term string) {
	b.WriteByte('\'')
	for i := 0; i < len(term); i++ {
		switch c := term[i]; c {
		case '\'':
			b.WriteString("''")
		case '\\':
			b.WriteString(`\\`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('\'')
}

// runeCursor converts increasing rune offsets of s to byte offsets; it
// restarts from 0 if an analyzer ever goes back.
type runeCursor struct {
	s    string
	r, b int
}

func (c *runeCursor) byteAt(r int) int {
	if r < c.r {
		c.r, c.b = 0, 0
	}
	for c.r < r && c.b < len(c.s) {
		_, n := utf8.DecodeRuneInString(c.s[c.b:])
		c.b += n
		c.r++
	}
	return c.b
}
