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
	and, ok := n.(*search.And)
	if !ok {
		if not, isNot := n.(*search.Not); isNot {
			return "", s.match(not.Node)
		}
		return s.match(n), ""
	}
	var ps, ns []string
	for _, c := range and.Nodes {
		if not, isNot := c.(*search.Not); isNot {
			if m := s.match(not.Node); m != "" {
				ns = append(ns, m)
			}
		} else if m := s.match(c); m != "" {
			ps = append(ps, m)
		}
	}
	return join(ps, " AND "), join(ns, " OR ")
}

func join(parts []string, op string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return "(" + strings.Join(parts, op) + ")"
}

// match translates one positive node.
func (s *DB) match(n search.Node) string {
	var b strings.Builder
	switch n := n.(type) {
	case *search.Word:
		terms := s.terms(n.Text, false)
		if len(terms) == 0 {
			return ""
		}
		quoteTerms(&b, terms)
		if n.Prefix {
			b.WriteString(" *")
		}
	case *search.Phrase:
		var terms []string
		for _, w := range n.Words {
			terms = append(terms, s.terms(w, true)...)
		}
		if len(terms) == 0 {
			return ""
		}
		quoteTerms(&b, terms)
	case *search.Or:
		var parts []string
		for _, c := range n.Nodes {
			if m := s.match(c); m != "" {
				parts = append(parts, m)
			}
		}
		return join(parts, " OR ")
	case *search.And:
		pos, neg := s.translate(n)
		if pos != "" && neg != "" {
			return "(" + pos + " NOT " + neg + ")"
		}
		return pos
	}
	return b.String()
}

var termCleaner = strings.NewReplacer(" ", "", "\x00", "")

// terms analyzes a query word: analyzed terms, or exact forms of the
// original words (with search.ExactPrefix) for exact phrases.
func (s *DB) terms(word string, exact bool) []string {
	toks := s.an.Analyze(word, nil)
	out := make([]string, 0, len(toks))
	var runes []rune
	for _, t := range toks {
		term := t.Term
		if exact {
			if runes == nil {
				runes = []rune(word)
			}
			term = search.ExactPrefix + search.ExactForm(runeSlice(runes, t.Start, t.End))
		}
		// FTS5 reads a query expression up to a NUL byte, and spaces
		// separate terms: neither may reach it inside a term.
		term = termCleaner.Replace(term)
		if term != "" && len(term) <= maxTermBytes {
			out = append(out, term)
		}
	}
	return out
}
