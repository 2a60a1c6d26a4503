package search

import (
	"bufio"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// fieldAnalyzer is a test Analyzer: terms are the lower-cased
// space-separated fields of the text but "the", a stop word.
type fieldAnalyzer struct{}

func (fieldAnalyzer) Analyze(text string, dst []Token) []Token {
	start := -1
	runes := []rune(text + " ")
	for i, r := range runes {
		switch {
		case r != ' ' && start < 0:
			start = i
		case r == ' ' && start >= 0:
			if w := strings.ToLower(string(runes[start:i])); w != "the" {
				dst = append(dst, Token{Term: w, Start: start, End: i})
			}
			start = -1
		}
	}
	return dst
}

// testSyntax writes units as [terms] (a prefix with *, an exact phrase
// with +), marks negative ones with ~, and joins with & | !.
func testSyntax() *Syntax {
	return &Syntax{
		And: " & ", Or: " | ", AndNot: " & !",
		Terms: func(word string, exact bool) []string {
			return QueryTerms(fieldAnalyzer{}, word, exact, 16, nil)
		},
		Unit: func(terms []string, prefix, exact, negative bool) string {
			s := "[" + strings.Join(terms, " ") + "]"
			if negative {
				s = "~" + s
			}
			if prefix {
				s += "*"
			}
			if exact {
				s += "+"
			}
			return s
		},
	}
}

func TestTranslate(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "translate.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		for len(fields) < 3 {
			fields = append(fields, "")
		}
		q, err := Parse(fields[0])
		if err != nil {
			t.Errorf("Parse(%q): %v", fields[0], err)
			continue
		}
		pos, neg := testSyntax().Translate(q.Text)
		if pos != fields[1] || neg != fields[2] {
			t.Errorf("Translate(%q) = %q, %q; want %q, %q", fields[0], pos, neg, fields[1], fields[2])
		}
		n++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 10 {
		t.Fatalf("only %d cases read", n)
	}
}

// TestTranslateNested covers ASTs that Parse does not make.
func TestTranslateNested(t *testing.T) {
	w := func(s string) Node { return &Word{Text: s} }
	tests := []struct {
		n        Node
		pos, neg string
	}{
		{nil, "", ""},
		{&Or{Nodes: []Node{w("a"), &And{Nodes: []Node{w("b"), &Not{Node: w("c")}}}}}, "([a] | ([b] & !~[c]))", ""},
		{&And{Nodes: []Node{&Not{Node: &Or{Nodes: []Node{w("a"), w("b")}}}, w("c")}}, "[c]", "([~a] | [~b])"},
		{&Not{Node: &And{Nodes: []Node{w("a"), &Not{Node: w("b")}}}}, "", "([~a] & !~[b])"},
		{&And{Nodes: []Node{w("the"), &Not{Node: w("the")}}}, "", ""},
		{&Or{Nodes: []Node{&And{Nodes: []Node{w("a"), &Not{Node: w("the")}}}}}, "[a]", ""},
	}
	for _, tc := range tests {
		pos, neg := testSyntax().Translate(tc.n)
		// Negative units are written ~[...]; normalize the expected form.
		want := strings.NewReplacer("[~", "~[").Replace(tc.neg)
		if pos != tc.pos || neg != want {
			t.Errorf("Translate(%v) = %q, %q; want %q, %q", tc.n, pos, neg, tc.pos, want)
		}
	}
}

func TestQueryTerms(t *testing.T) {
	dropX := func(s string) string {
		if strings.Contains(s, "x") {
			return ""
		}
		return s
	}
	tests := []struct {
		word  string
		exact bool
		max   int
		clean func(string) string
		want  []string
	}{
		{"Alpha beta", false, 16, nil, []string{"alpha", "beta"}},
		{"Alpha beta", true, 16, nil, []string{"=alpha", "=beta"}},
		{"الأطلسيّ", true, 64, nil, []string{"=الاطلسي"}},
		{"the end", false, 16, nil, []string{"end"}},
		{"short muchtoolong", false, 8, nil, []string{"short"}},
		{"ax b", false, 16, dropX, []string{"b"}},
		{"", false, 16, nil, []string{}},
	}
	for _, tc := range tests {
		got := QueryTerms(fieldAnalyzer{}, tc.word, tc.exact, tc.max, tc.clean)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("QueryTerms(%q, exact %v) = %q, want %q", tc.word, tc.exact, got, tc.want)
		}
	}
}

// TestQueryTermsOffsets: an analyzer's offsets outside the word are
// clamped, never a panic.
func TestQueryTermsOffsets(t *testing.T) {
	got := QueryTerms(badOffsets{}, "ab", true, 16, nil)
	if !reflect.DeepEqual(got, []string{"=b", "="}) {
		t.Errorf("QueryTerms with bad offsets = %q", got)
	}
}

type badOffsets struct{}

func (badOffsets) Analyze(text string, dst []Token) []Token {
	return append(dst, Token{Term: "x", Start: 1, End: 99}, Token{Term: "y", Start: 5, End: 2})
}

func TestNodeCount(t *testing.T) {
	tests := []struct {
		q    string
		want int
	}{
		{"", 0},
		{"a", 1},
		{"a b", 3},
		{`"a b c" -d`, 1 + 4 + 2},
		{"a OR b c", 1 + 3 + 1},
	}
	for _, tc := range tests {
		q, err := Parse(tc.q)
		if err != nil && tc.q != "" {
			t.Fatalf("Parse(%q): %v", tc.q, err)
		}
		if got := NodeCount(q.Text); got != tc.want {
			t.Errorf("NodeCount(%q) = %d, want %d", tc.q, got, tc.want)
		}
	}
}

func TestHasFilters(t *testing.T) {
	for q, want := range map[string]bool{"a": false, "a source:qna": true, "from:2020": true, "type:protest": true, "b -c": false} {
		p, err := Parse(q)
		if err != nil {
			t.Fatal(err)
		}
		if p.HasFilters() != want {
			t.Errorf("Parse(%q).HasFilters() = %v, want %v", q, !want, want)
		}
	}
}

func BenchmarkTranslate(b *testing.B) {
	an := DefaultAnalyzer()
	syn := &Syntax{And: " AND ", Or: " OR ", AndNot: " NOT ",
		Terms: func(word string, exact bool) []string { return QueryTerms(an, word, exact, 256, nil) },
		Unit:  func(terms []string, _, _, _ bool) string { return strings.Join(terms, " ") }}
	q, err := Parse(`"وزير الخارجية" الاجتماعات OR اللقاءات -اليمن اقتصا*`)
	if err != nil {
		b.Fatal(err)
	}
	syn.Translate(q.Text) // the analyzer builds its tables on first use
	b.ResetTimer()
	for b.Loop() {
		syn.Translate(q.Text)
	}
}

// FuzzTranslate: any parsed query translates without panic, and every
// unit Translate writes has terms that are non-empty, short enough and
// free of spaces, as QueryTerms promises.
func FuzzTranslate(f *testing.F) {
	for _, s := range []string{`"وزير الخارجية" اجتماع* -الرياض`, "a OR b -c", `-"x y" z*`, "\x00 \xff", "ـــ ً"} {
		f.Add(s)
	}
	an := DefaultAnalyzer()
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err != nil {
			return
		}
		syn := &Syntax{And: " & ", Or: " | ", AndNot: " & !",
			Terms: func(word string, exact bool) []string { return QueryTerms(an, word, exact, 64, nil) },
			Unit: func(terms []string, prefix, exact, negative bool) string {
				if len(terms) == 0 {
					t.Errorf("%q: Unit called without terms", s)
				}
				for _, term := range terms {
					if term == "" || len(term) > 64 || strings.Contains(term, " ") {
						t.Errorf("%q: bad term %q", s, term)
					}
				}
				return "[" + strings.Join(terms, " ") + "]"
			}}
		pos, neg := syn.Translate(q.Text)
		if pos2, neg2 := syn.Translate(q.Text); pos2 != pos || neg2 != neg {
			t.Errorf("%q: Translate is not deterministic", s)
		}
	})
}
