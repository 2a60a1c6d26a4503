package postgres

import (
	"fmt"
	"math"
	"strings"

	"github.com/khabar/khabar/search"
)

// unit is one scored part of a query (a phrase in FTS5's sense): a word
// (its analyzed terms, the last one a prefix for pre*) or an exact phrase.
type unit struct {
	terms  []string
	prefix bool
	exact  bool   // exact forms, from a quoted phrase
	query  string // the unit alone as a tsquery
}

// compiler translates a query AST into tsquery literals. Every word goes
// through the analyzer and reaches PostgreSQL as quoted lexemes, so no
// user text is ever parsed as tsquery syntax.
type compiler struct {
	an    search.Analyzer
	units []unit // positive units, for ranking
}

// translate turns n into tsquery expressions: pos for the positive part,
// neg for the exclusions (joined with |). Either may be "" (nothing
// searchable, e.g. only stop words).
func (c *compiler) translate(n search.Node) (pos, neg string) {
	syn := search.Syntax{And: " & ", Or: " | ", AndNot: " & !", Terms: c.terms, Unit: c.unit}
	return syn.Translate(n)
}

// unit writes terms as a tsquery phrase ('a' <-> 'b', the last one with
// :* for a prefix) and records it for ranking unless it is negative.
func (c *compiler) unit(terms []string, prefix, exact, negative bool) string {
	var b strings.Builder
	if len(terms) > 1 {
		b.WriteByte('(')
	}
	for i, t := range terms {
		if i > 0 {
			b.WriteString(" <-> ")
		}
		quoteLexeme(&b, t)
	}
	if prefix {
		b.WriteString(":*")
	}
	if len(terms) > 1 {
		b.WriteByte(')')
	}
	q := b.String()
	if !negative {
		c.units = append(c.units, unit{terms: terms, prefix: prefix, exact: exact, query: q})
	}
	return q
}

// terms analyzes a query word: analyzed terms, or exact forms of the
// original words (with search.ExactPrefix) for exact phrases. Terms
// that a text column cannot hold as they are (NUL, invalid UTF-8) are
// dropped.
func (c *compiler) terms(word string, exact bool) []string {
	return search.QueryTerms(c.an, word, exact, maxTermBytes, func(t string) string {
		if clean(t) != t {
			return ""
		}
		return t
	})
}

// BM25 parameters, FTS5's.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// idf is FTS5's BM25 inverse document frequency of a unit found in
// hits of n documents.
func idf(n, hits int64) float64 {
	v := math.Log((float64(n) - float64(hits) + 0.5) / (float64(hits) + 0.5))
	if v <= 0 {
		return 1e-6
	}
	return v
}

// phrase reports whether the unit is scored from positions: several
// terms, or an exact word.
func (u unit) phrase() bool { return len(u.terms) > 1 || u.exact }

// likePrefix returns the LIKE pattern of the strings starting with p.
func likePrefix(p string) string {
	var b strings.Builder
	for _, c := range p {
		if c == '\\' || c == '%' || c == '_' {
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	b.WriteByte('%')
	return b.String()
}

// scoreSQL returns the BM25 expression over documents d for the units,
// and the joins it needs after "FROM documents d", with arg adding a
// parameter: FTS5's formula, the sum over units of
// idf · tf·(k1+1) / (tf + k1·(1 − b + b·dl/avgdl)), where tf is the
// unit's weighted frequency (title occurrences count twice). A
// one-word unit's tf comes from its posting (for a prefix, the sum over
// the postings of the terms with that prefix); a phrase's occurrences,
// and an exact word's, are counted from the tsvector's positions. Each
// tf is a joined column, so that it is computed once per document.
func scoreSQL(units []unit, idfs []float64, avgdl float64, arg func(any) string) (expr, joins string) {
	if len(units) == 0 {
		return "0.0", ""
	}
	norm := fmt.Sprintf("(%g * (%g + %g * d.dl / %s::float8))", bm25K1, 1-bm25B, bm25B, arg(max(avgdl, 1)))
	parts := make([]string, len(units))
	var j strings.Builder
	for i, u := range units {
		switch {
		case u.phrase():
			fmt.Fprintf(&j, ` CROSS JOIN LATERAL (SELECT %s AS tf OFFSET 0) u%d`, phraseTF(u, arg), i)
		case u.prefix:
			fmt.Fprintf(&j, ` LEFT JOIN (SELECT doc, sum(tf) AS tf FROM postings WHERE term LIKE %s GROUP BY doc) u%d ON u%d.doc = d.id`,
				arg(likePrefix(u.terms[0])), i, i)
		default:
			fmt.Fprintf(&j, ` LEFT JOIN postings u%d ON u%d.term = %s AND u%d.doc = d.id`, i, i, arg(u.terms[0]), i)
		}
		t := fmt.Sprintf("coalesce(u%d.tf, 0)::float8", i)
		parts[i] = fmt.Sprintf("(%s::float8 * %s * %g / greatest(%s + %s, 1e-9))", arg(idfs[i]), t, bm25K1+1, t, norm)
	}
	return "(" + strings.Join(parts, " + ") + ")", j.String()
}

// phraseTF counts the occurrences of a phrase unit in d.tsv, a title one
// (weight A) twice: positions p of the first term such that term i is
// at p+i. The positions of the phrase's terms are taken from the
// tsvector reduced to them (setweight marks them, ts_filter keeps
// them), once for the whole document and once for its title; a phrase
// ending in a prefix reads every lexeme.
func phraseTF(u unit, arg func(any) string) string {
	last := len(u.terms) - 1
	if u.prefix {
		return prefixPhraseTF(u, arg)
	}
	terms := arg(u.terms)
	var b strings.Builder
	b.WriteString(`(WITH p AS MATERIALIZED (
		SELECT x.lexeme, z.pos, false AS title FROM unnest(ts_filter(setweight(d.tsv, 'B', ` + terms + `), '{B}')) x, unnest(x.positions) z(pos)
		UNION ALL
		SELECT x.lexeme, z.pos, true FROM unnest(ts_filter(setweight(ts_filter(d.tsv, '{A}'), 'B', ` + terms + `), '{B}')) x,
			unnest(x.positions) z(pos))
		SELECT count(*) FROM p p0 WHERE p0.lexeme = ` + arg(u.terms[0]))
	for i := 1; i <= last; i++ {
		a := fmt.Sprintf("p%d", i)
		fmt.Fprintf(&b, ` AND EXISTS (SELECT 1 FROM p %s WHERE %s.lexeme = %s AND %s.pos = p0.pos + %d AND %s.title = p0.title)`,
			a, a, arg(u.terms[i]), a, i, a)
	}
	b.WriteString(`)`)
	return b.String()
}

// prefixPhraseTF is phraseTF for a phrase whose last term is a prefix.
func prefixPhraseTF(u unit, arg func(any) string) string {
	last := len(u.terms) - 1
	lexCond := func(alias string, i int) string {
		if i == last {
			return `starts_with(` + alias + `.lexeme, ` + arg(u.terms[i]) + `)`
		}
		return alias + `.lexeme = ` + arg(u.terms[i])
	}
	var b strings.Builder
	b.WriteString(`(CASE WHEN d.tsv @@ ` + arg(u.query) + `::text::tsquery THEN (WITH p AS MATERIALIZED (
		SELECT u.lexeme, z.pos, z.w FROM unnest(d.tsv) u, unnest(u.positions, u.weights) AS z(pos, w) WHERE u.lexeme = ANY(` + arg(u.terms) + `)`)
	b.WriteString(` OR ` + lexCond("u", last))
	b.WriteString(`) SELECT coalesce(sum(CASE WHEN p0.w = 'A' THEN 2 ELSE 1 END), 0)::float8 FROM p p0 WHERE ` + lexCond("p0", 0))
	for i := 1; i <= last; i++ {
		a := fmt.Sprintf("p%d", i)
		fmt.Fprintf(&b, ` AND EXISTS (SELECT 1 FROM p %s WHERE %s AND %s.pos = p0.pos + %d)`, a, lexCond(a, i), a, i)
	}
	b.WriteString(`) ELSE 0 END)`)
	return b.String()
}
