package search

import (
	"strings"
	"unicode/utf8"

	"github.com/khabar/khabar/arabic"
)

// Matcher finds the words of a document that a query matched, for
// snippets. It holds the analyzed terms of the query's positive words
// and phrases (exclusions never match).
type Matcher struct {
	an       Analyzer
	terms    map[string]bool // analyzed terms
	exact    map[string]bool // exact forms, from phrases
	prefixes []string        // analyzed prefixes
	needles  []string        // folded terms: a chunk holding none of them is not analyzed
	noQuick  bool            // analyze whole chunks (tests compare with quickWindow)
}

// NewMatcher collects the terms of n as an would index them.
func NewMatcher(an Analyzer, n Node) *Matcher {
	m := &Matcher{an: an, terms: map[string]bool{}, exact: map[string]bool{}}
	m.add(n)
	for t := range m.terms {
		m.needles = append(m.needles, arabic.SearchFold.String(t))
	}
	for t := range m.exact {
		m.needles = append(m.needles, arabic.SearchFold.String(t))
	}
	for _, t := range m.prefixes {
		m.needles = append(m.needles, arabic.SearchFold.String(t))
	}
	return m
}

// mayMatch reports whether chunk can hold a match: analyzed terms are
// substrings of the words they come from once both are folded with
// arabic.SearchFold, so a chunk without any of them needs no analysis.
func (m *Matcher) mayMatch(chunk string) bool {
	for _, n := range m.needles {
		if strings.Contains(chunk, n) {
			return true // as written, without folding
		}
	}
	f := arabic.SearchFold.String(chunk)
	for _, n := range m.needles {
		if n == "" || strings.Contains(f, n) {
			return true
		}
	}
	return false
}

func (m *Matcher) add(n Node) {
	switch n := n.(type) {
	case *Word:
		toks := m.an.Analyze(n.Text, nil)
		for i, t := range toks {
			if n.Prefix && i == len(toks)-1 {
				m.prefixes = append(m.prefixes, t.Term)
			} else {
				m.terms[t.Term] = true
			}
		}
	case *Phrase:
		for _, w := range n.Words {
			runes := []rune(w)
			for _, t := range m.an.Analyze(w, nil) {
				if t.Start >= 0 && t.End <= len(runes) && t.Start < t.End {
					m.exact[ExactForm(string(runes[t.Start:t.End]))] = true
				}
			}
		}
	case *Or:
		for _, c := range n.Nodes {
			m.add(c)
		}
	case *And:
		for _, c := range n.Nodes {
			m.add(c)
		}
	}
}

// Empty reports whether the matcher has nothing to look for.
func (m *Matcher) Empty() bool {
	return len(m.terms) == 0 && len(m.exact) == 0 && len(m.prefixes) == 0
}

// matches reports whether token t, whose original word is
// runes[t.Start:t.End], matched the query.
func (m *Matcher) matches(t Token, runes []rune) bool {
	return m.matchesTerm(t.Term) || len(m.exact) > 0 && m.exact[ExactForm(string(runes[t.Start:t.End]))]
}

// matchesTerm reports whether an analyzed term matched the query's words.
func (m *Matcher) matchesTerm(term string) bool {
	if m.terms[term] {
		return true
	}
	for _, p := range m.prefixes {
		if strings.HasPrefix(term, p) {
			return true
		}
	}
	return false
}

// Snippet limits.
const (
	snippetChunk = 512      // bytes analyzed at a time
	snippetScan  = 64 << 10 // bytes scanned for a match before giving up
)

// Snippet returns about words words of text around the first place the
// query matched, with every matched original word highlighted, and "…"
// where text was cut. Only as much text is analyzed as needed to find the
// first match (at most 64 KB); without a match the snippet is the
// beginning of the text.
func (m *Matcher) Snippet(text string, words int) Snippet {
	if words <= 0 {
		words = 24
	}
	if !m.Empty() {
		for base := 0; base < len(text) && base < snippetScan; {
			end := chunkEnd(text, base)
			chunk := text[base:end]
			if m.mayMatch(chunk) {
				if sn, ok := m.quickWindow(chunk, words, base == 0); ok {
					return sn
				}
				toks := m.an.Analyze(chunk, nil)
				if sn, ok := m.window(chunk, toks, words, base == 0, end == len(text)); ok {
					return sn
				}
			}
			base = end
		}
	}
	// No match: the beginning of the text, from its first chunk with a term.
	plain := &Matcher{an: m.an}
	for base := 0; base < len(text) && base < snippetScan; {
		end := chunkEnd(text, base)
		chunk := text[base:end]
		if toks := m.an.Analyze(chunk, nil); len(toks) > 0 {
			sn, _ := plain.windowAt([]rune(chunk), toks, 0, words, true, len(chunk) == len(text))
			return sn
		}
		base = end
	}
	return Snippet{Text: cut(text, 200)}
}

// window finds the first match in toks and returns the snippet around it.
func (m *Matcher) window(chunk string, toks []Token, words int, atStart, atEnd bool) (Snippet, bool) {
	var runes []rune // made when first needed: for exact forms or for the window
	for i, t := range toks {
		if len(m.exact) == 0 && !m.matchesTerm(t.Term) {
			continue // only an exact form could match it
		}
		if runes == nil {
			runes = []rune(chunk)
		}
		if t.Start < 0 || t.End > len(runes) || t.Start >= t.End {
			continue
		}
		if m.matches(t, runes) {
			return m.windowAt(runes, toks, max(0, i-words/4), words, atStart, atEnd)
		}
	}
	return Snippet{}, false
}

// Most matches are near the start of their chunk (in the title, in the
// first sentence), and analysis is the cost of a snippet: quickWindow
// first analyzes only the chunk's first quickBytes (up to a space). The
// terms of a prefix are those of the whole chunk except the last few,
// which may depend on the words after the cut (a conjunction written
// apart, "و أكد", is read with the next word), so a window is taken from
// the prefix only when it ends quickMargin terms before the prefix does;
// it is then the window of the whole chunk.
const (
	quickBytes  = 384
	quickMargin = 3
)

// quickWindow returns the window of chunk (see window) when its prefix
// is enough to tell it; ok is false otherwise.
func (m *Matcher) quickWindow(chunk string, words int, atStart bool) (Snippet, bool) {
	if m.noQuick || len(chunk) <= quickBytes+quickBytes/2 {
		return Snippet{}, false
	}
	cut := strings.IndexAny(chunk[quickBytes:], " \t\n")
	if cut < 0 || quickBytes+cut > len(chunk)-quickBytes/2 {
		return Snippet{}, false // not much shorter than the chunk
	}
	prefix := chunk[:quickBytes+cut]
	toks := m.an.Analyze(prefix, nil)
	safe := len(toks) - quickMargin
	var runes []rune
	for i := 0; i < safe; i++ {
		t := toks[i]
		if len(m.exact) == 0 && !m.matchesTerm(t.Term) {
			continue
		}
		if runes == nil {
			runes = []rune(prefix)
		}
		if t.Start < 0 || t.End > len(runes) || t.Start >= t.End || !m.matches(t, runes) {
			continue
		}
		first := max(0, i-words/4)
		if first+words > safe {
			return Snippet{}, false
		}
		// The window ends inside the prefix, before its end: whether
		// the chunk ends the text makes no difference.
		return m.windowAt(runes, toks, first, words, atStart, false)
	}
	return Snippet{}, false
}

// windowAt returns words tokens of a chunk (as runes) from token first,
// highlighting the matching ones.
func (m *Matcher) windowAt(runes []rune, toks []Token, first, words int, atStart, atEnd bool) (Snippet, bool) {
	last := min(len(toks), first+words) - 1
	from, to := toks[first].Start, toks[last].End
	if first == 0 && atStart {
		from = 0
	}
	if last == len(toks)-1 && atEnd {
		to = len(runes)
	}
	from, to = max(0, min(from, len(runes))), max(0, min(to, len(runes)))
	if to < from {
		to = from
	}
	var b strings.Builder
	shift := 0
	if from > 0 || !atStart {
		b.WriteString("…")
		shift = 1
	}
	b.WriteString(string(runes[from:to]))
	var hl [][2]int
	for _, t := range toks[first : last+1] {
		if t.Start < from || t.End > to || t.Start >= t.End {
			continue
		}
		if m.matches(t, runes) {
			hl = append(hl, [2]int{t.Start - from + shift, t.End - from + shift})
		}
	}
	if to < len(runes) || !atEnd {
		b.WriteString("…")
	}
	return Snippet{Text: b.String(), Highlights: hl}, true
}

// chunkEnd returns the end of the chunk starting at byte base: the first
// line break after snippetChunk bytes, or a rune boundary soon after.
func chunkEnd(text string, base int) int {
	end := base + snippetChunk
	if end >= len(text) {
		return len(text)
	}
	if i := strings.IndexByte(text[end:], '\n'); i >= 0 && i < snippetChunk {
		return end + i + 1
	}
	for end < len(text) && !utf8.RuneStart(text[end]) {
		end++
	}
	// Do not split a word: move to the next space.
	if i := strings.IndexAny(text[end:], " \t\n"); i >= 0 && i < 256 {
		end += i
	}
	return end
}

// cut returns at most n runes of s.
func cut(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j] + "…"
		}
		i++
	}
	return s
}
