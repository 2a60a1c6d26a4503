package store

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// contentHashRef is ContentHash written plainly, one rune at a time:
// stored documents are identified by its values, so ContentHash must
// never change them.
func contentHashRef(text string) string {
	h := sha256.New()
	var buf [utf8.UTFMax]byte
	space, wrote := false, false
	for _, r := range text {
		if unicode.IsSpace(r) {
			space = wrote
			continue
		}
		if refIsMark(r) {
			continue
		}
		if space {
			h.Write([]byte{' '})
			space = false
		}
		n := utf8.EncodeRune(buf[:], r)
		h.Write(buf[:n])
		wrote = true
	}
	return hex.EncodeToString(h.Sum(nil))
}

// refIsMark reports the runes ContentHash and NormalizeName drop, as
// they were when stores first kept their output: the Arabic marks
// U+064B–U+065F and U+0670, every nonspacing mark, and tatweel.
func refIsMark(r rune) bool {
	return (r >= 0x064B && r <= 0x065F) || r == 0x0670 || unicode.Is(unicode.Mn, r) || r == 'ـ'
}

func TestContentHashStable(t *testing.T) {
	// Every rune class ContentHash treats apart, and texts longer than
	// its chunk so that chunk boundaries fall everywhere.
	var all strings.Builder
	for r := rune(0); r < 0x700; r++ {
		all.WriteRune(r)
	}
	all.WriteString("\u00a0\u2028\u3000ـًٌٍَُِّْٰ\u200b\ufeff😀\xff\xfe")
	tests := []string{"", " ", "\n\t", "x", " a ", "اجتمـاع  الوزراء\n", all.String(),
		strings.Repeat("بيان وزارة الخارجية  ", 500), strings.Repeat("a\u00a0ـ", 3000)}
	for i := range 9 {
		tests = append(tests, strings.Repeat("ب", 4090+i)+" \u064bx")
	}
	for _, s := range tests {
		if got, want := ContentHash(s), contentHashRef(s); got != want {
			t.Errorf("ContentHash(%.40q…) = %s, reference %s", s, got, want)
		}
	}
}

func FuzzContentHash(f *testing.F) {
	f.Add("اجتماع  الوزراء\n")
	f.Add("a\u00a0ـًb\xff")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := ContentHash(s), contentHashRef(s); got != want {
			t.Fatalf("ContentHash(%q) = %s, reference %s", s, got, want)
		}
	})
}

func BenchmarkContentHash(b *testing.B) {
	text := strings.Repeat("أعلنت وزارة الخارجية اليوم عن اجتماع مشترك في بروكسل، 13 سبتمبر 2023.\n", 40)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		ContentHash(text)
	}
}

func BenchmarkContentHashRef(b *testing.B) {
	text := strings.Repeat("أعلنت وزارة الخارجية اليوم عن اجتماع مشترك في بروكسل، 13 سبتمبر 2023.\n", 40)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		contentHashRef(text)
	}
}
