package postgres

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/khabar/khabar/search"
)

// words is an analyzer for tests: every space-separated word is a term,
// lower-cased; the word "stop" gives none.
type words struct{}

func (words) Analyze(text string, dst []search.Token) []search.Token {
	r, start := 0, -1
	var w strings.Builder
	flush := func() {
		if start >= 0 && w.String() != "stop" {
			dst = append(dst, search.Token{Term: strings.ToLower(w.String()), Start: start, End: r})
		}
		start = -1
		w.Reset()
	}
	for _, c := range text {
		if c == ' ' {
			flush()
		} else {
			if start < 0 {
				start = r
			}
			w.WriteRune(c)
		}
		r++
	}
	flush()
	return dst
}

func TestIndex(t *testing.T) {
	tests := []struct {
		title, text string
		tsv         string
		tf          map[string]int
		dl          int
	}{
		{"", "a b a", `'a':1,3 '=a':1,3 'b':2 '=b':2`, map[string]int{"a": 2, "b": 1}, 3},
		{"T x", "t stop y", `'t':1A,4 '=t':1A,4 'x':2A '=x':2A 'y':5 '=y':5`,
			map[string]int{"t": 3, "x": 2, "y": 1}, 4},
		{"", `it's a\b`, `'it''s':1 '=it''s':1 'a\\b':2 '=a\\b':2`, map[string]int{"it's": 1, `a\b`: 1}, 2},
		{"", "x\x00y", ``, map[string]int{}, 1},
		{"", "", ``, map[string]int{}, 0},
	}
	for _, tc := range tests {
		x := newIndexer(words{})
		got := x.index(tc.title, tc.text)
		if got.tsv != tc.tsv {
			t.Errorf("index(%q, %q).tsv = %s, want %s", tc.title, tc.text, got.tsv, tc.tsv)
		}
		tf := tfMap(got)
		if len(tf) != len(tc.tf) {
			t.Errorf("index(%q, %q).tf = %v, want %v", tc.title, tc.text, tf, tc.tf)
		}
		for k, v := range tc.tf {
			if tf[k] != v {
				t.Errorf("index(%q, %q).tf[%s] = %d, want %d", tc.title, tc.text, k, tf[k], v)
			}
		}
		if got.dl != tc.dl {
			t.Errorf("index(%q, %q).dl = %d, want %d", tc.title, tc.text, got.dl, tc.dl)
		}
	}
}

func TestIndexLimits(t *testing.T) {
	x := newIndexer(words{})
	text := strings.Repeat("w ", 20000) + "last"
	ix := x.index("", text)
	lex := parseTSV(t, ix.tsv)
	if n := len(lex["w"]); n != maxPosPerLex {
		t.Errorf("%d positions of w, want %d", n, maxPosPerLex)
	}
	if p := lex["last"]; len(p) != 1 || p[0] != maxPos {
		t.Errorf("positions of last = %v, want [%d]", p, maxPos)
	}
	var b strings.Builder
	for i := range 200000 {
		b.WriteString("t" + strconv.Itoa(i) + " ")
	}
	ix = x.index("", b.String())
	if len(ix.tsv) > 2*maxTSVBytes {
		t.Errorf("tsvector literal of %d bytes", len(ix.tsv))
	}
	lex = parseTSV(t, ix.tsv)
	if _, ok := lex["t0"]; !ok {
		t.Error("first term not indexed")
	}
	if _, ok := lex["t199999"]; ok {
		t.Error("last term indexed past the tsvector limit")
	}
	if tf := tfMap(ix); tf["t199999"] != 1 {
		t.Errorf("tf of an unindexed term = %d, want 1", tf["t199999"])
	}
}

// tfMap returns the postings of ix as a map.
func tfMap(ix docIndex) map[string]int {
	tf := make(map[string]int, len(ix.terms))
	for i, term := range ix.terms {
		tf[term] = int(ix.tfs[i])
	}
	return tf
}

func TestCompile(t *testing.T) {
	tests := []struct {
		query    string
		pos, neg string
		units    int
	}{
		{`a`, `'a'`, ``, 1},
		{`a b`, `('a' & 'b')`, ``, 2},
		{`a OR b c`, `(('a' | 'b') & 'c')`, ``, 3},
		{`"A b"`, `('=a' <-> '=b')`, ``, 1},
		{`pre*`, `'pre':*`, ``, 1},
		{`a -b -"c d"`, `'a'`, `('b' | ('=c' <-> '=d'))`, 1},
		{`-b`, ``, `'b'`, 0},
		{`stop`, ``, ``, 0},
		{`a stop b`, `('a' & 'b')`, ``, 2},
		{`it's`, `'it''s'`, ``, 1},
	}
	for _, tc := range tests {
		q, err := search.Parse(tc.query)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tc.query, err)
		}
		c := &compiler{an: words{}}
		pos, neg := c.translate(q.Text)
		if pos != tc.pos || neg != tc.neg || len(c.units) != tc.units {
			t.Errorf("%s → %q, %q, %d units; want %q, %q, %d", tc.query, pos, neg, len(c.units), tc.pos, tc.neg, tc.units)
		}
	}
}

func TestIDF(t *testing.T) {
	if v := idf(6, 2); v < 0.58 || v > 0.59 { // ln(4.5/2.5)
		t.Errorf("idf(6, 2) = %v", v)
	}
	if v := idf(10, 9); v != 1e-6 {
		t.Errorf("idf of a common term = %v, want 1e-6", v)
	}
}

// parseTSV parses a tsvector literal as PostgreSQL does (quoted lexemes
// with ” and \ escapes, positions with optional weights) and checks its
// limits.
func parseTSV(t testing.TB, s string) map[string][]int {
	t.Helper()
	out := map[string][]int{}
	i := 0
	for i < len(s) {
		if s[i] == ' ' {
			i++
			continue
		}
		if s[i] != '\'' {
			t.Fatalf("tsvector %.80q: lexeme at %d not quoted", s, i)
		}
		i++
		var lex strings.Builder
		for {
			if i >= len(s) {
				t.Fatalf("tsvector %.80q: unterminated lexeme", s)
			}
			c := s[i]
			if c == '\\' && i+1 < len(s) {
				lex.WriteByte(s[i+1])
				i += 2
				continue
			}
			if c == '\'' {
				if i+1 < len(s) && s[i+1] == '\'' {
					lex.WriteByte('\'')
					i += 2
					continue
				}
				i++
				break
			}
			lex.WriteByte(c)
			i++
		}
		if i >= len(s) || s[i] != ':' {
			t.Fatalf("tsvector %.80q: lexeme %q without positions", s, lex.String())
		}
		i++
		var pos []int
		for {
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			p, err := strconv.Atoi(s[i:j])
			if err != nil || p < 1 || p > maxPos {
				t.Fatalf("tsvector %.80q: position %q of %q", s, s[i:j], lex.String())
			}
			if len(pos) > 0 && p <= pos[len(pos)-1] {
				t.Fatalf("tsvector %.80q: positions of %q not increasing", s, lex.String())
			}
			pos = append(pos, p)
			if j < len(s) && s[j] == 'A' {
				j++
			}
			i = j
			if i < len(s) && s[i] == ',' {
				i++
				continue
			}
			break
		}
		if len(pos) > maxPosPerLex {
			t.Fatalf("tsvector: %d positions of %q", len(pos), lex.String())
		}
		if _, dup := out[lex.String()]; dup {
			t.Fatalf("tsvector: lexeme %q twice", lex.String())
		}
		out[lex.String()] = pos
	}
	return out
}

// FuzzIndex checks that any title and text give a well-formed tsvector
// literal holding the analyzer's terms (those that fit) and exact forms,
// and that tf counts the terms.
func FuzzIndex(f *testing.F) {
	f.Add("عنوان", "نص الخبر")
	f.Add("", `it's a\b 'x' \\`)
	f.Add("\xff", "a\x00b")
	f.Fuzz(func(t *testing.T, title, text string) {
		x := newIndexer(words{})
		ix := x.index(title, text)
		lex := parseTSV(t, ix.tsv)
		if len(ix.terms) != len(ix.tfs) {
			t.Fatalf("%d terms, %d frequencies", len(ix.terms), len(ix.tfs))
		}
		tf := tfMap(ix)
		if len(tf) != len(ix.terms) {
			t.Errorf("repeated terms in %q", ix.terms)
		}
		for l := range lex {
			if tf[l] == 0 && !strings.HasPrefix(l, search.ExactPrefix) {
				t.Errorf("lexeme %q has no tf", l)
			}
		}
		for term := range tf {
			if _, ok := lex[term]; !ok && utf8.ValidString(term) {
				t.Errorf("term %q not in the tsvector", term)
			}
		}
	})
}

// FuzzCompile checks that every parsed query compiles to tsquery text
// with balanced quotes and parentheses.
func FuzzCompile(f *testing.F) {
	for _, s := range []string{`a`, `"a b" -c`, `a OR b*`, `it's \`, `(((`, `'`, `a:* & !b`} {
		f.Add(s)
	}
	an := search.DefaultAnalyzer()
	f.Fuzz(func(t *testing.T, s string) {
		q, err := search.Parse(s)
		if err != nil {
			return
		}
		for _, a := range []search.Analyzer{words{}, an} {
			c := &compiler{an: a}
			pos, neg := c.translate(q.Text)
			for _, tq := range []string{pos, neg} {
				checkTSQuery(t, tq)
			}
		}
	})
}

func checkTSQuery(t *testing.T, s string) {
	depth, operand := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\'':
			i++
			for ; i < len(s); i++ {
				if s[i] == '\\' {
					i++
				} else if s[i] == '\'' {
					if i+1 < len(s) && s[i+1] == '\'' {
						i++
						continue
					}
					break
				}
			}
			if i >= len(s) {
				t.Fatalf("tsquery %q: unterminated lexeme", s)
			}
			operand = true
		case '(':
			depth++
		case ')':
			depth--
			if depth < 0 {
				t.Fatalf("tsquery %q: unbalanced )", s)
			}
		case ' ', '&', '|', '!', '<', '-', '>', ':', '*':
		default:
			t.Fatalf("tsquery %q: unquoted %q at %d", s, c, i)
		}
	}
	if depth != 0 || (s != "" && !operand) {
		t.Fatalf("tsquery %q: unbalanced or empty", s)
	}
}

func TestLikePrefix(t *testing.T) {
	tests := []struct{ prefix, want string }{
		{`اقتصا`, `اقتصا%`},
		{`a_b`, `a\_b%`},
		{`100%`, `100\%%`},
		{`a\b`, `a\\b%`},
		{``, `%`},
	}
	for _, tc := range tests {
		if got := likePrefix(tc.prefix); got != tc.want {
			t.Errorf("likePrefix(%q) = %q, want %q", tc.prefix, got, tc.want)
		}
	}
}
