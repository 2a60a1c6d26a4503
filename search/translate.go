package search

import "strings"

// MaxNodes bounds the size of a query's AST, as NodeCount measures it:
// backends reject larger queries with ErrQueryTooLong.
const MaxNodes = 256

// NodeCount is the size of the AST n: one per node and one per word of
// a phrase. A nil n counts 0.
func NodeCount(n Node) int {
	switch n := n.(type) {
	case *And:
		c := 1
		for _, x := range n.Nodes {
			c += NodeCount(x)
		}
		return c
	case *Or:
		c := 1
		for _, x := range n.Nodes {
			c += NodeCount(x)
		}
		return c
	case *Not:
		return 1 + NodeCount(n.Node)
	case *Phrase:
		return 1 + len(n.Words)
	case nil:
		return 0
	}
	return 1
}

// HasFilters reports whether q has a field filter (entity, place, said,
// source, type or a date bound).
func (q Query) HasFilters() bool {
	return len(q.Entities) > 0 || len(q.Places) > 0 || len(q.Said) > 0 || len(q.Sources) > 0 || len(q.Types) > 0 ||
		!q.From.IsZero() || !q.To.IsZero()
}

// Syntax is a backend's full-text query language, for Translate. The
// backend decides how one word or phrase is written (Unit) and which
// terms it is made of (Terms); Translate writes the boolean structure
// around them, so that no user text is ever read as backend syntax.
type Syntax struct {
	And    string // between parts that must all match, e.g. " AND "
	Or     string // between alternatives, e.g. " OR "
	AndNot string // between a positive part and its exclusions: "(" + pos + AndNot + neg + ")"
	// Terms returns the index terms of one query word: analyzed terms,
	// or exact forms when exact (a word of a quoted phrase). See
	// QueryTerms.
	Terms func(word string, exact bool) []string
	// Unit writes the terms of one word (exact false; prefix for pre*)
	// or of one quoted phrase (exact true, prefix false). terms is never
	// empty. negative reports that the unit is inside an exclusion.
	Unit func(terms []string, prefix, exact, negative bool) string
}

// Translate writes the full-text query n in the syntax: pos is the
// positive part (its parts joined with And), neg the exclusions (joined
// with Or). Either may be "": nothing searchable, e.g. only stop words.
// Inside the positive part, an And with exclusions becomes
// "(" + pos + AndNot + neg + ")"; words without terms are left out.
func (s *Syntax) Translate(n Node) (pos, neg string) {
	t := translator{s: s}
	return t.translate(n)
}

// translator is one run of Translate: neg is the depth inside
// exclusions.
type translator struct {
	s   *Syntax
	neg int
}

func (t *translator) translate(n Node) (pos, neg string) {
	and, ok := n.(*And)
	if !ok {
		if not, isNot := n.(*Not); isNot {
			return "", t.negative(not.Node)
		}
		return t.match(n), ""
	}
	var ps, ns []string
	for _, x := range and.Nodes {
		if not, isNot := x.(*Not); isNot {
			if m := t.negative(not.Node); m != "" {
				ns = append(ns, m)
			}
		} else if m := t.match(x); m != "" {
			ps = append(ps, m)
		}
	}
	return join(ps, t.s.And), join(ns, t.s.Or)
}

func (t *translator) negative(n Node) string {
	t.neg++
	defer func() { t.neg-- }()
	return t.match(n)
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

// match translates one node.
func (t *translator) match(n Node) string {
	switch n := n.(type) {
	case *Word:
		return t.unit(t.s.Terms(n.Text, false), n.Prefix, false)
	case *Phrase:
		var terms []string
		for _, w := range n.Words {
			terms = append(terms, t.s.Terms(w, true)...)
		}
		return t.unit(terms, false, true)
	case *Or:
		var parts []string
		for _, x := range n.Nodes {
			if m := t.match(x); m != "" {
				parts = append(parts, m)
			}
		}
		return join(parts, t.s.Or)
	case *And:
		pos, neg := t.translate(n)
		if pos != "" && neg != "" {
			return "(" + pos + t.s.AndNot + neg + ")"
		}
		return pos
	}
	return ""
}

func (t *translator) unit(terms []string, prefix, exact bool) string {
	if len(terms) == 0 {
		return ""
	}
	return t.s.Unit(terms, prefix, exact, t.neg > 0)
}

// QueryTerms analyzes one query word with an, as a backend's index
// does: its analyzed terms or, when exact (a word of a quoted phrase),
// ExactPrefix+ExactForm of the original word of each term. White space
// is removed from every term; clean, when not nil, then rewrites a term
// for the backend, or returns "" to drop it. Terms that end up empty or
// longer than maxBytes are dropped.
func QueryTerms(an Analyzer, word string, exact bool, maxBytes int, clean func(string) string) []string {
	toks := an.Analyze(word, nil)
	out := make([]string, 0, len(toks))
	var runes []rune
	for _, t := range toks {
		term := t.Term
		if exact {
			if runes == nil {
				runes = []rune(word)
			}
			start := max(0, min(t.Start, len(runes)))
			end := max(start, min(t.End, len(runes)))
			term = ExactPrefix + ExactForm(string(runes[start:end]))
		}
		term = strings.ReplaceAll(term, " ", "")
		if clean != nil {
			term = clean(term)
		}
		if term != "" && len(term) <= maxBytes {
			out = append(out, term)
		}
	}
	return out
}
