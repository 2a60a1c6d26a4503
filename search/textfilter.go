package search

import (
	"math"
	"strings"

	"github.com/khabar/khabar/arabic"
)

// TextFilter decides whether a short text, such as a quote, matches the
// full-text part of a query as a stored document would: a word matches
// its analyzed terms (a prefix the start of one), a quoted phrase the
// exact forms of its words next to each other, an OR group any of its
// parts, and an exclusion the texts it does not match. A backend's
// index and a TextFilter built with the same Analyzer agree, so every
// backend can filter quotes with it and give the same answer.
type TextFilter struct {
	an   Analyzer
	root *tfNode // nil: no word left to search for (see Searchable)
	// needles are folded terms of the positive part: a text that holds
	// none of them cannot match it (see Matcher.mayMatch).
	needles []string
	pos     bool // the query has a positive part
}

// tfNode is one node of a TextFilter's query, with its terms analyzed.
type tfNode struct {
	kind   byte     // 'w' word, 'p' phrase, '&' and, '|' or, '-' not
	terms  []string // of a word or phrase, in order
	prefix bool     // a word's last term is a prefix
	kids   []*tfNode
}

// NewTextFilter prepares n, a query's full-text part, for matching
// texts. A nil n matches every text.
func NewTextFilter(an Analyzer, n Node) *TextFilter {
	f := &TextFilter{an: an}
	f.root = f.compile(n, false)
	f.pos = f.root != nil && f.root.positive()
	return f
}

// Searchable reports whether the filter has something to match: false
// when every word of its query is one the analyzer leaves out (stop
// words), as for a backend with nothing to search (see Unsearchable).
// A filter made from a nil query is not searchable and matches all.
func (f *TextFilter) Searchable() bool { return f.root != nil }

func (f *TextFilter) compile(n Node, neg bool) *tfNode {
	switch n := n.(type) {
	case *Word:
		terms := QueryTerms(f.an, n.Text, false, math.MaxInt, nil)
		if len(terms) == 0 {
			return nil
		}
		if !neg {
			for _, t := range terms {
				f.needles = append(f.needles, arabic.SearchFold.String(t))
			}
		}
		return &tfNode{kind: 'w', terms: terms, prefix: n.Prefix}
	case *Phrase:
		var terms []string
		for _, w := range n.Words {
			terms = append(terms, QueryTerms(f.an, w, true, math.MaxInt, nil)...)
		}
		if len(terms) == 0 {
			return nil
		}
		if !neg {
			for _, t := range terms {
				f.needles = append(f.needles, arabic.SearchFold.String(strings.TrimPrefix(t, ExactPrefix)))
			}
		}
		return &tfNode{kind: 'p', terms: terms}
	case *Not:
		if k := f.compile(n.Node, true); k != nil {
			return &tfNode{kind: '-', kids: []*tfNode{k}}
		}
	case *And, *Or:
		kind, nodes := byte('&'), []Node(nil)
		if a, ok := n.(*And); ok {
			nodes = a.Nodes
		} else {
			kind, nodes = '|', n.(*Or).Nodes
		}
		out := &tfNode{kind: kind}
		for _, c := range nodes {
			if k := f.compile(c, neg); k != nil {
				out.kids = append(out.kids, k)
			}
		}
		if len(out.kids) > 0 {
			return out
		}
	}
	return nil
}

// positive reports whether x has a part that is not an exclusion.
func (x *tfNode) positive() bool {
	switch x.kind {
	case '-':
		return false
	case '&':
		for _, k := range x.kids {
			if k.positive() {
				return true
			}
		}
		return false
	}
	return true
}

// Match reports whether text matches the filter's query.
func (f *TextFilter) Match(text string) bool {
	if f.root == nil {
		return true
	}
	if f.pos && !f.mayMatch(text) {
		return false
	}
	toks := f.an.Analyze(text, nil)
	t := tfText{terms: make([]string, len(toks)), exact: make([]string, len(toks))}
	runes := []rune(text)
	for i, tok := range toks {
		t.terms[i] = strings.ReplaceAll(tok.Term, " ", "")
		start := max(0, min(tok.Start, len(runes)))
		end := max(start, min(tok.End, len(runes)))
		t.exact[i] = strings.ReplaceAll(ExactPrefix+ExactForm(string(runes[start:end])), " ", "")
	}
	return t.match(f.root)
}

// mayMatch reports whether text holds one of the needles, as written
// or folded.
func (f *TextFilter) mayMatch(text string) bool {
	for _, n := range f.needles {
		if strings.Contains(text, n) {
			return true
		}
	}
	folded := arabic.SearchFold.String(text)
	for _, n := range f.needles {
		if strings.Contains(folded, n) {
			return true
		}
	}
	return false
}

// tfText is an analyzed text: the analyzed term and the exact form of
// each of its tokens, by position.
type tfText struct {
	terms, exact []string
}

func (t tfText) match(x *tfNode) bool {
	switch x.kind {
	case 'w':
		return t.seq(t.terms, x.terms, x.prefix)
	case 'p':
		return t.seq(t.exact, x.terms, false)
	case '-':
		return !t.match(x.kids[0])
	case '|':
		for _, k := range x.kids {
			if t.match(k) {
				return true
			}
		}
		return false
	}
	for _, k := range x.kids { // '&'
		if !t.match(k) {
			return false
		}
	}
	return true
}

// seq reports whether want occurs in have at consecutive positions, its
// last term as a prefix when prefix.
func (t tfText) seq(have, want []string, prefix bool) bool {
	last := len(want) - 1
	for i := 0; i+len(want) <= len(have); i++ {
		ok := true
		for j, w := range want {
			if have[i+j] != w && !(prefix && j == last && strings.HasPrefix(have[i+j], w)) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
