package arabic

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/khabar/khabar/internal/shareddata"
)

// unescape decodes the \uXXXX and \xXX escapes of a testdata field.
func unescape(t testing.TB, s string) string {
	t.Helper()
	if !strings.Contains(s, `\`) {
		return s
	}
	u, err := strconv.Unquote(`"` + strings.ReplaceAll(s, `"`, `\"`) + `"`)
	if err != nil {
		t.Fatalf("bad escape in %q: %v", s, err)
	}
	return u
}

// readCases reads a tab-separated testdata file, skipping # comments,
// and checks that every row has n fields.
func readCases(t testing.TB, name string, n int) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		row := strings.Split(sc.Text(), "\t")
		for len(row) < n && len(row) > 1 { // trailing empty fields
			row = append(row, "")
		}
		if len(row) != n {
			t.Fatalf("%s:%d: %d fields, want %d", name, line, len(row), n)
		}
		for i := range row {
			row[i] = unescape(t, row[i])
		}
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

func parseProfile(t testing.TB, s string) Profile {
	switch s {
	case "Search":
		return Search
	case "Match":
		return Match
	}
	t.Fatalf("unknown profile %q", s)
	return 0
}

func TestNormalize(t *testing.T) {
	for _, c := range readCases(t, "normalize.tsv", 3) {
		p := parseProfile(t, c[0])
		if got := Normalize(c[1], p); got != c[2] {
			t.Errorf("Normalize(%+q, %v) = %+q, want %+q", c[1], p, got, c[2])
		}
		if got := string(AppendNormalized([]byte("x"), c[1], p)); got != "x"+c[2] {
			t.Errorf("AppendNormalized(x, %+q, %v) = %+q, want %+q", c[1], p, got, "x"+c[2])
		}
	}
}

func TestNormalizeNoChangeNoAlloc(t *testing.T) {
	s := "قال الرئيس في بيان اليوم إن Reuters"
	s = Normalize(s, Search) // now nothing changes
	if n := testing.AllocsPerRun(100, func() { _ = Normalize(s, Search) }); n != 0 {
		t.Errorf("Normalize of normalized text: %v allocs, want 0", n)
	}
	buf := make([]byte, 0, 256)
	in := "أعلنت الوزارة ١٢ قراراً"
	if n := testing.AllocsPerRun(100, func() { buf = AppendNormalized(buf[:0], in, Search) }); n != 0 {
		t.Errorf("AppendNormalized into a large buffer: %v allocs, want 0", n)
	}
}

func TestProfileString(t *testing.T) {
	for p, want := range map[Profile]string{Search: "Search", Match: "Match", 9: "Profile(9)"} {
		if got := p.String(); got != want {
			t.Errorf("Profile(%d).String() = %q, want %q", p, got, want)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"", "أحمد", "ﻻ", "ا\u0640\u0653", "\u0671", "abc", "\xff", "ﷺ", "ﹰ", "١٢", "e\u0301", "\u1100\u1161", "«نص»"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range []Profile{Search, Match} {
			out := Normalize(s, p)
			if !utf8.ValidString(out) {
				t.Fatalf("Normalize(%+q, %v) = %+q: invalid UTF-8", s, p, out)
			}
			if again := Normalize(out, p); again != out {
				t.Fatalf("Normalize(%+q, %v) not idempotent: %+q then %+q", s, p, out, again)
			}
			if isPrintableASCII(s) && out != s {
				t.Fatalf("Normalize(%+q, %v) = %+q: ASCII text changed", s, p, out)
			}
			if !needsNFKC([]byte(s)) && !norm.NFKC.IsNormalString(s) {
				t.Fatalf("needsNFKC(%+q) = false, but it is not in NFKC", s)
			}
			if utf8.ValidString(s) {
				if got, want := appendNFKC(nil, []byte(s)), norm.NFKC.String(s); string(got) != want {
					t.Fatalf("appendNFKC(%+q) = %+q, want %+q", s, got, want)
				}
			}
			if got := string(AppendNormalized(nil, s, p)); got != out {
				t.Fatalf("AppendNormalized(%+q, %v) = %+q, Normalize = %+q", s, p, got, out)
			}
		}
	})
}

func isPrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

// newsSample returns up to n bytes of article text from the shared
// saudinewsnet corpus, skipping the benchmark when it is absent.
func newsSample(b *testing.B, n int) string {
	b.Helper()
	path := shareddata.Path(b, shareddata.SaudiNewsNetName)
	f, err := os.Open(path)
	if err != nil {
		b.Skipf("news sample not available: %v", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatalf("%s: %v", path, err)
	}
	var sb strings.Builder
	dec := json.NewDecoder(zr)
	for sb.Len() < n {
		var a struct{ Title, Content string }
		if err := dec.Decode(&a); err != nil {
			break
		}
		sb.WriteString(a.Title)
		sb.WriteByte('\n')
		sb.WriteString(a.Content)
		sb.WriteByte('\n')
	}
	if sb.Len() == 0 {
		b.Skipf("%s: no articles", path)
	}
	return sb.String()
}

func benchmarkNormalize(b *testing.B, p Profile) {
	text := newsSample(b, 1<<20)
	buf := make([]byte, 0, len(text)+1024)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		buf = AppendNormalized(buf[:0], text, p)
	}
}

func BenchmarkNormalizeSearch(b *testing.B) { benchmarkNormalize(b, Search) }
func BenchmarkNormalizeMatch(b *testing.B)  { benchmarkNormalize(b, Match) }

// BenchmarkNormalizeWords normalizes word by word, as an analyzer does.
func BenchmarkNormalizeWords(b *testing.B) {
	text := newsSample(b, 1<<20)
	words := strings.Fields(text)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, w := range words {
			_ = Normalize(w, Search)
		}
	}
}

// TestSearchFastPath checks the table-driven path for the Arabic block
// against the per-rune mapping, at the start, middle and end of a word.
func TestSearchFastPath(t *testing.T) {
	for r := rune(0x600); r <= 0x6FF; r++ {
		want := string(r)
		if out, ok := mapRune(r, Search); ok {
			want = ""
			if out >= 0 {
				want = string(out)
			}
		}
		for _, f := range []string{"%s", "ب%sب", "x%s"} {
			in := fmt.Sprintf(f, string(r))
			exp := fmt.Sprintf(f, want)
			if got := Normalize(in, Search); got != exp {
				t.Errorf("Normalize(%+q) = %+q, want %+q", in, got, exp)
			}
		}
	}
	// A lead byte of the block followed by no continuation byte.
	if got := Normalize("\xd8", Search); got != "\ufffd" {
		t.Errorf("Normalize(\\xd8) = %+q, want U+FFFD", got)
	}
	if got := Normalize("\xd8a", Search); got != "\ufffda" {
		t.Errorf("Normalize(\\xd8a) = %+q, want U+FFFD a", got)
	}
}
