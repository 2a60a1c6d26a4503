package arabic

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/khabar/khabar/internal/shareddata"
)

// tokenCase is one line of testdata/tokens.jsonl: an input and its
// expected tokens written as "kind:text".
type tokenCase struct {
	Name string   `json:"name"`
	In   string   `json:"in"`
	Out  []string `json:"out"`
}

// sharedDataDir returns ../shared/data relative to the module root,
// skipping the test when it is absent.
func sharedDataDir(t testing.TB, sub string) string {
	t.Helper()
	return shareddata.Path(t, sub)
}

func readJSONL[T any](t testing.TB, path string) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s:%d: %v", path, line, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return out
}

func TestTokenize(t *testing.T) {
	for _, tc := range readJSONL[tokenCase](t, filepath.Join("testdata", "tokens.jsonl")) {
		t.Run(tc.Name, func(t *testing.T) {
			toks := Tokenize(tc.In)
			checkTokens(t, tc.In, toks)
			got := make([]string, len(toks))
			for i, tok := range toks {
				got[i] = tok.Kind.String() + ":" + tok.Text
			}
			if strings.Join(got, " ") != strings.Join(tc.Out, " ") || len(got) != len(tc.Out) {
				t.Errorf("Tokenize(%q)\n got: %q\nwant: %q", tc.In, got, tc.Out)
			}
		})
	}
}

// checkTokens verifies the tokenizer's invariants: offsets increasing and
// in bounds, Text equal to the code points at [Start, End) and to the
// bytes at ByteStart, no white space or invalid byte inside a token.
func checkTokens(t testing.TB, text string, toks []Token) {
	t.Helper()
	checkOffsets(t, text, toks)
	for k, tok := range toks {
		if tok.Kind == Word || tok.Kind == Latin || tok.Kind == Number {
			if !utf8.ValidString(tok.Text) {
				t.Fatalf("token %d %q: invalid UTF-8 inside a %v", k, tok.Text, tok.Kind)
			}
			if strings.ContainsAny(tok.Text, " \t\n\r") {
				t.Fatalf("token %d %q: white space inside a %v", k, tok.Text, tok.Kind)
			}
		}
	}
}

// checkOffsets verifies that the tokens' offsets increase, lie in bounds
// and match their Text.
func checkOffsets(t testing.TB, text string, toks []Token) {
	t.Helper()
	// byteAt[p] is the byte offset of code point p.
	var byteAt []int
	for i := range text {
		byteAt = append(byteAt, i)
	}
	byteAt = append(byteAt, len(text))
	n := len(byteAt) - 1
	prevEnd := 0
	for k, tok := range toks {
		if tok.Start < prevEnd || tok.End <= tok.Start || tok.End > n {
			t.Fatalf("token %d %q: bad offsets [%d,%d) after %d (len %d)", k, tok.Text, tok.Start, tok.End, prevEnd, n)
		}
		prevEnd = tok.End
		if got := text[byteAt[tok.Start]:byteAt[tok.End]]; got != tok.Text {
			t.Fatalf("token %d: Text %q but runes [%d,%d) are %q", k, tok.Text, tok.Start, tok.End, got)
		}
		if tok.ByteStart != byteAt[tok.Start] {
			t.Fatalf("token %d %q: ByteStart %d, want %d", k, tok.Text, tok.ByteStart, byteAt[tok.Start])
		}
	}
}

func TestTokenizeInvalidUTF8(t *testing.T) {
	text := "قط\xffر \xc3(x) \xd8"
	toks := Tokenize(text)
	checkTokens(t, text, toks)
	want := []Token{
		{Text: "قط", Start: 0, End: 2, ByteStart: 0, Kind: Word},
		{Text: "ر", Start: 3, End: 4, ByteStart: 5, Kind: Word},
		{Text: "(", Start: 6, End: 7, ByteStart: 9, Kind: Punct},
		{Text: "x", Start: 7, End: 8, ByteStart: 10, Kind: Latin},
		{Text: ")", Start: 8, End: 9, ByteStart: 11, Kind: Punct},
	}
	if len(toks) != len(want) {
		t.Fatalf("got %d tokens %+v, want %+v", len(toks), toks, want)
	}
	for i := range want {
		if toks[i] != want[i] {
			t.Errorf("token %d = %+v, want %+v", i, toks[i], want[i])
		}
	}
}

func TestAppendTokensReuses(t *testing.T) {
	buf := make([]Token, 0, 16)
	toks := AppendTokens(buf[:0], "قطر تشارك")
	if len(toks) != 2 || &toks[0] != &buf[:1][0] {
		t.Fatalf("AppendTokens did not append to dst: %+v", toks)
	}
	toks = AppendTokens(toks, "في")
	if len(toks) != 3 || toks[2].Text != "في" || toks[2].Start != 0 {
		t.Fatalf("second AppendTokens: %+v", toks)
	}
}

func TestIsDetachedConjunction(t *testing.T) {
	tests := []struct {
		text string
		kind TokenKind
		want bool
	}{
		{"و", Word, true},
		{"ف", Word, true},
		{"وَ", Word, true},
		{"و\u200f", Word, true},
		{"وأكد", Word, false},
		{"ب", Word, false},
		{"وو", Word, false},
		{"و", Punct, false},
		{"", Word, false},
	}
	for _, tc := range tests {
		if got := (Token{Text: tc.text, Kind: tc.kind}).IsDetachedConjunction(); got != tc.want {
			t.Errorf("IsDetachedConjunction(%q, %v) = %v, want %v", tc.text, tc.kind, got, tc.want)
		}
	}
}

func TestJoinDetached(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"و أكد ترحيب", []string{"و أكد", "ترحيب"}},
		{"و  تعزيز التعاون", []string{"و  تعزيز", "التعاون"}},
		{"و\nأكد", []string{"و", "أكد"}},
		{"و 5", []string{"و", "5"}},
		{"و و أكد", []string{"و", "و أكد"}},
		{"القطاع و", []string{"القطاع", "و"}},
		{"وCT", []string{"و", "CT"}},
	}
	for _, tc := range tests {
		toks := JoinDetached(tc.in, Tokenize(tc.in))
		checkOffsets(t, tc.in, toks)
		var got []string
		for _, tok := range toks {
			got = append(got, tok.Text)
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("JoinDetached(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTokenizeExampleArticle(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "examples", "qatar-nato-ici-2023-09-13.txt"))
	if err != nil {
		t.Skipf("example article not found: %v", err)
	}
	text := string(b)
	toks := Tokenize(text)
	checkTokens(t, text, toks)
	count := map[string]int{}
	for _, tok := range toks {
		count[tok.Kind.String()+":"+tok.Text]++
	}
	for _, want := range []string{"latin:NAC", "latin:PTEC", "number:٢٠٢٣", "number:2023", "word:حلف", "word:لافتاً", "punct:،"} {
		if count[want] == 0 {
			t.Errorf("example article: no token %q", want)
		}
	}
	joined := JoinDetached(text, Tokenize(text))
	found := false
	for _, tok := range joined {
		if tok.Text == "و أكد" {
			found = true
		}
	}
	if !found {
		t.Error(`example article: JoinDetached did not produce "و أكد"`)
	}
}
