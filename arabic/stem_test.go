package arabic

import (
	"strings"
	"testing"
)

func TestStem(t *testing.T) {
	modes := map[string]StemMode{"LuceneStem": LuceneStem, "LightStem": LightStem}
	for _, c := range readCases(t, "stem.tsv", 3) {
		m, ok := modes[c[0]]
		if !ok {
			t.Fatalf("unknown mode %q", c[0])
		}
		if got := Stem(c[1], m); got != c[2] {
			t.Errorf("Stem(%q, %v) = %q, want %q", c[1], m, got, c[2])
		}
	}
}

func TestStemModeString(t *testing.T) {
	for m, want := range map[StemMode]string{LuceneStem: "LuceneStem", LightStem: "LightStem", 7: "StemMode(7)"} {
		if got := m.String(); got != want {
			t.Errorf("StemMode(%d).String() = %q, want %q", m, got, want)
		}
	}
}

// TestLuceneStemUTF16 checks that length limits count UTF-16 units, as
// Lucene's char arrays do: a supplementary character counts twice.
func TestLuceneStemUTF16(t *testing.T) {
	// "و" + 2 runes is too short (3 < 4) unless one of them is outside
	// the BMP, which makes 4 UTF-16 units.
	if got := Stem("وا😀", LuceneStem); got != "ا😀" {
		t.Errorf("Stem(%q) = %q, want %q", "وا😀", got, "ا😀")
	}
	if got := Stem("واب", LuceneStem); got != "واب" {
		t.Errorf("Stem(%q) = %q, want unchanged", "واب", got)
	}
}

// BenchmarkStem stems the Search-normalized words of real news text.
// LightStem goes through its cache; LightStemUncached measures the
// lexicon analysis itself.
func BenchmarkStem(b *testing.B) {
	text := newsSample(b, 1<<20)
	var words []string
	size := 0
	for _, w := range strings.Fields(text) {
		words = append(words, Normalize(w, Search))
		size += len(w) + 1
	}
	IsKnownWord("") // load the lexicon outside the timing
	for _, bm := range []struct {
		name string
		stem func(string) string
	}{
		{"LuceneStem", func(w string) string { return Stem(w, LuceneStem) }},
		{"LightStem", func(w string) string { return Stem(w, LightStem) }},
		{"LightStemUncached", lightStem},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				for _, w := range words {
					_ = bm.stem(w)
				}
			}
		})
	}
}
