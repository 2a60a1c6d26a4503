package matchtext

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalizeTable(t *testing.T) {
	f, err := os.Open("testdata/normalize.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for line := 1; sc.Scan(); line++ {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		in, want, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			t.Fatalf("normalize.tsv:%d: no tab", line)
		}
		in = strings.ReplaceAll(in, `\n`, "\n")
		n++
		if got := Normalize(in); got != want {
			t.Errorf("normalize.tsv:%d: Normalize(%q) = %q, want %q", line, in, got, want)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 10 {
		t.Fatalf("only %d cases read", n)
	}
}

func TestTokenize(t *testing.T) {
	text := "قالَ: «نعم»\nالعدد 3.5."
	got := Tokenize([]rune(text), text)
	type tk struct {
		start, end int
		kind       Kind
		nl         bool
		norm       string
		r          rune
	}
	want := []tk{
		{0, 4, Word, false, "قال", 0},
		{4, 5, Punct, false, "", ':'},
		{6, 7, Punct, false, "", '«'},
		{7, 10, Word, false, "نعم", 0},
		{10, 11, Punct, false, "", '»'},
		{12, 17, Word, true, "العدد", 0},
		{18, 21, Word, false, "3.5", 0},
		{21, 22, Punct, false, "", '.'},
	}
	if len(got) != len(want) {
		t.Fatalf("Tokenize(%q): %d tokens, want %d: %+v", text, len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if (tk{g.Start, g.End, g.Kind, g.NL, g.Norm, g.R}) != w {
			t.Errorf("token %d = %+v, want %+v", i, g, w)
		}
	}
}

// TestTokenizeSource checks that passing the source text, "" or an
// invalid source gives the same tokens.
func TestTokenizeSource(t *testing.T) {
	for _, text := range []string{"أعلنت الوزارة، اليوم", "abc\xffقال", "", "\xff\xfe"} {
		rs := []rune(text)
		a, b := Tokenize(rs, text), Tokenize(rs, "")
		if len(a) != len(b) {
			t.Fatalf("%q: %d tokens with the source, %d without", text, len(a), len(b))
		}
		for i := range a {
			if a[i] != b[i] {
				t.Errorf("%q: token %d = %+v with the source, %+v without", text, i, a[i], b[i])
			}
		}
	}
}

func TestPredicates(t *testing.T) {
	cases := []struct {
		name string
		fn   func(rune) bool
		yes  string
		no   string
	}{
		{"IsQuoteMark", IsQuoteMark, "«»\"“”„″＂", "'،.:(-"},
		{"IsOpenGuillemet", IsOpenGuillemet, "«", "»\""},
		{"IsCloseGuillemet", IsCloseGuillemet, "»", "«\""},
		{"IsDoubleQuote", IsDoubleQuote, "\"“”„″＂", "«»'"},
		{"IsTerminal", IsTerminal, ".!?؟…۔", "،,:؛"},
		{"IsWordRune", IsWordRune, "aZ9٣قـ\u064eé", " .،«-"},
	}
	for _, c := range cases {
		for _, r := range c.yes {
			if !c.fn(r) {
				t.Errorf("%s(%q) = false", c.name, r)
			}
		}
		for _, r := range c.no {
			if c.fn(r) {
				t.Errorf("%s(%q) = true", c.name, r)
			}
		}
	}
}

func TestStripConj(t *testing.T) {
	cases := []struct {
		in, out string
		ok      bool
	}{
		{"وقال", "قال", true},
		{"فاكد", "اكد", true},
		{"وزير", "زير", true},
		{"وهو", "هو", true},
		{"وه", "وه", false},
		{"قال", "قال", false},
		{"", "", false},
	}
	for _, c := range cases {
		if out, ok := StripConj(c.in); out != c.out || ok != c.ok {
			t.Errorf("StripConj(%q) = %q, %v; want %q, %v", c.in, out, ok, c.out, c.ok)
		}
	}
}

func TestFoldWord(t *testing.T) {
	if got, want := FoldWord("أكّدَ، Ok"), "اكد، ok"; got != want {
		t.Errorf("FoldWord = %q, want %q", got, want)
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"قالَ: «نعم»\nالعدد 3.5.", "\xff", "1,2,3", "", "a\u200fb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rs := []rune(s)
		toks := Tokenize(rs, s)
		prev := 0
		for i, tk := range toks {
			if tk.Start < prev || tk.End <= tk.Start || tk.End > len(rs) {
				t.Fatalf("token %d [%d,%d) out of order (prev end %d, %d runes)", i, tk.Start, tk.End, prev, len(rs))
			}
			prev = tk.End
			if tk.Kind == Word && tk.Norm != string(AppendNorm(nil, rs[tk.Start:tk.End])) {
				t.Fatalf("token %d norm %q differs from AppendNorm", i, tk.Norm)
			}
		}
		n := Normalize(s)
		if !utf8.ValidString(n) {
			t.Fatalf("Normalize(%q) = %q: invalid UTF-8", s, n)
		}
		if Normalize(n) != n {
			t.Fatalf("Normalize not idempotent on %q: %q then %q", s, n, Normalize(n))
		}
	})
}

func TestAbbreviationStop(t *testing.T) {
	for _, tc := range []struct {
		text string
		ends []bool // Terminal() of each full stop, in order
	}{
		{"وقال د. سامي العمر إن العمل بدأ.", []bool{false, true}},
		{"المهندس م. خالد", []bool{false}},
		{"انتهى الاجتماع. وقال الوزير", []bool{true}},
		{"في الفئة أ.\nوقال", []bool{true}},
		{"الفئة ب. 2015", []bool{true}},
	} {
		var got []bool
		for _, tok := range Tokenize([]rune(tc.text), tc.text) {
			if tok.Kind == Punct && tok.R == '.' {
				got = append(got, tok.Terminal())
			}
		}
		if !slices.Equal(got, tc.ends) {
			t.Errorf("%q: full stops end a sentence %v, want %v", tc.text, got, tc.ends)
		}
	}
}
