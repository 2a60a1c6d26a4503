package sqlite

import (
	"strings"

	"github.com/khabar/khabar/search"
)

// translate turns a query AST into FTS5 MATCH expressions: pos for the
// positive part, neg for the exclusions (joined with OR). Either may be
// "" (nothing searchable, e.g. only stop words). Every word goes through
// the analyzer here and reaches FTS5 as a quoted string of analyzed
// terms, so no user text is ever parsed as FTS5 syntax.
func (s *DB) translate(n search.Node) (pos, neg string) {
	syn := search.Syntax{And: " AND ", Or: " OR ", AndNot: " NOT ", Terms: s.terms, Unit: ftsUnit}
	return syn.Translate(n)
}

// ftsUnit writes a word or phrase as an FTS5 phrase: its terms quoted,
// " *" after a prefix.
func ftsUnit(terms []string, prefix, _, _ bool) string {
	var b strings.Builder
	quoteTerms(&b, terms)
	if prefix {
		b.WriteString(" *")
	}
	return b.String()
}

// terms analyzes a query word: analyzed terms, or exact forms of the
// original words (with search.ExactPrefix) for exact phrases.
func (s *DB) terms(word string, exact bool) []string {
	return search.QueryTerms(s.an, word, exact, maxTermBytes, dropNUL)
}

// dropNUL removes NUL bytes: FTS5 reads a query expression up to a NUL
// byte, so none may reach it inside a term. (Spaces, which separate
// terms, are removed by search.QueryTerms.)
func dropNUL(term string) string {
	if strings.IndexByte(term, 0) < 0 {
		return term
	}
	return strings.ReplaceAll(term, "\x00", "")
}
