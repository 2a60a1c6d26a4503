package arabic

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// The functions below are a frozen copy of package ner's own feature
// fold (norm, appendNorm and foldRune in ner/text.go at commit c4b0efb),
// before ner called FeatureFold. The NER model hashes the strings this
// fold produces, so FeatureFold must reproduce it byte for byte. Do not
// edit them.

func frozenNERNorm(s string) string {
	same := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			same = false
			break
		}
		if 'A' <= c && c <= 'Z' {
			same = false
			break
		}
	}
	if !same {
		same = true
		for _, r := range s {
			if frozenNERFoldRune(r) != r {
				same = false
				break
			}
		}
	}
	if same {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if m := frozenNERFoldRune(r); m >= 0 {
			b.WriteRune(m)
		}
	}
	return b.String()
}

func frozenNERAppendNorm(dst []byte, s string) []byte {
	for _, r := range s {
		if m := frozenNERFoldRune(r); m >= 0 {
			dst = utf8.AppendRune(dst, m)
		}
	}
	return dst
}

func frozenNERFoldRune(r rune) rune {
	switch {
	case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640,
		r == 0x200C, r == 0x200D, r == 0x200E, r == 0x200F, r == 0xFEFF:
		return -1
	case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
		return 'ا'
	case r == 'ى' || r == 'ئ':
		return 'ي'
	case r == 'ة':
		return 'ه'
	case r == 'ؤ':
		return 'و'
	case r >= '٠' && r <= '٩':
		return '0' + (r - '٠')
	case r >= '۰' && r <= '۹':
		return '0' + (r - '۰')
	case r == utf8.RuneError:
		return -1
	case r < 0x80 && 'A' <= r && r <= 'Z':
		return r + ('a' - 'A')
	}
	return r
}

// checkFrozen reports where FeatureFold and the frozen ner fold differ
// on s.
func checkFrozen(t *testing.T, s string) {
	t.Helper()
	want := frozenNERNorm(s)
	if got := FeatureFold.String(s); got != want {
		t.Errorf("FeatureFold.String(%+q) = %+q, ner's fold gives %+q", s, got, want)
	}
	wantApp := string(frozenNERAppendNorm([]byte("x"), s))
	if got := string(FeatureFold.Append([]byte("x"), s)); got != wantApp {
		t.Errorf("FeatureFold.Append(x, %+q) = %+q, ner's fold gives %+q", s, got, wantApp)
	}
}

// TestFeatureFoldFrozen compares FeatureFold with the frozen ner fold on
// every code point (on its own and between two letters), on every byte
// that cannot start a UTF-8 sequence, on the fold test cases and on
// random strings drawn from the code points where the folds' rules lie.
func TestFeatureFoldFrozen(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if got, want := FeatureFold.Rune(r), frozenNERFoldRune(r); got != want {
			t.Errorf("FeatureFold.Rune(%U) = %U, ner's fold gives %U", r, got, want)
		}
		if r >= 0xD800 && r <= 0xDFFF {
			continue // not encodable: string(r) is U+FFFD
		}
		checkFrozen(t, string(r))
		checkFrozen(t, "ب"+string(r)+"A")
	}
	for c := 0x80; c <= 0xFF; c++ {
		checkFrozen(t, "ا"+string([]byte{byte(c)})+"ب")
	}
	for _, c := range readCases(t, "fold.tsv", 3) {
		checkFrozen(t, c[1])
	}
	// Random strings over the interesting code points: the Arabic block,
	// the format characters, presentation forms, Latin, combining marks
	// of other scripts, U+FFFD and stray bytes.
	pool := []string{"\xff", "\xd8", "\xe0\x80", "\ufffd", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff",
		"\ufefb", "\ufe8d", "\u0301", "\u0654", "\u0670", "\u06d6", "\u06de", "\u06cc", "\u06a9", "A", "Z", "a", "É", " ", "1"}
	for r := rune(0x0600); r <= 0x06FF; r++ {
		pool = append(pool, string(r))
	}
	rng := rand.New(rand.NewPCG(16, 16))
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(12) {
			b.WriteString(pool[rng.IntN(len(pool))])
		}
		checkFrozen(t, b.String())
	}
}

// TestFeatureFoldNoChangeNoAlloc checks that a word FeatureFold leaves
// alone comes back without allocating, as ner's fold did.
func TestFeatureFoldNoChangeNoAlloc(t *testing.T) {
	for _, s := range []string{"reuters", "الوزير", "2015", "كريمي"} {
		if n := testing.AllocsPerRun(100, func() { _ = FeatureFold.String(s) }); n != 0 {
			t.Errorf("FeatureFold.String(%q): %v allocs, want 0", s, n)
		}
	}
}

func FuzzFeatureFold(f *testing.F) {
	for _, s := range []string{"", "مُحَمَّدٌ", "المسؤولين المسئولين", "a\xffb\ufffd", "ال\u200cرياض\ufeff", "Reuters ١٤٣٦"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkFrozen(t, s)
	})
}

// BenchmarkFeatureFold folds the words of a news paragraph one at a time,
// as the tagger does, with FeatureFold and with the frozen ner fold it
// replaced.
func BenchmarkFeatureFold(b *testing.B) {
	words := strings.Fields("أعلنت وزارة الصحة السعودية، اليوم الأحد، تسجيل ١٢ إصابة جديدة بفيروس كورونا في مدينة الرياض، " +
		"وقال المسئول إن الحالات مستقرة. وأكد مُدير المستشفى أن الفرق الطبية تعمل على مدار الساعة (Reuters) AFP 2015")
	n := 0
	for _, w := range words {
		n += len(w)
	}
	for _, c := range []struct {
		name string
		fold func(string) string
	}{{"FeatureFold", FeatureFold.String}, {"frozen", frozenNERNorm}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(n))
			for b.Loop() {
				for _, w := range words {
					_ = c.fold(w)
				}
			}
		})
	}
}
