package arabic

import "testing"

func TestIsKnownWord(t *testing.T) {
	tests := []struct {
		w    string
		want bool
	}{
		{"لبنان", true},
		{"بروكسل", true},
		{"كتاب", true},
		{"مرحله", true}, // the lexicon's مرحلة, Search-normalized
		{"والكتاب", false},
		{"", false},
		{"book", false},
	}
	for _, tt := range tests {
		if got := IsKnownWord(tt.w); got != tt.want {
			t.Errorf("IsKnownWord(%q) = %v, want %v", tt.w, got, tt.want)
		}
	}
	if n := LexiconSize(); n < 50000 {
		t.Errorf("LexiconSize() = %d, want at least 50000", n)
	}
}

// TestLexFilter checks that the lexicon's Bloom filter keeps every
// lexicon word (a false negative would change what the stemmer knows)
// and rules out most words that are not in it.
func TestLexFilter(t *testing.T) {
	lex := lexicon()
	for w := range lex {
		if !lexBloom.mayHave(w) {
			t.Fatalf("filter rules out lexicon word %q", w)
		}
	}
	// Absent words: each lexicon word with a letter added at both ends.
	passed, absent := 0, 0
	for w := range lex {
		x := "ق" + w + "ژ"
		if _, ok := lex[x]; ok {
			continue
		}
		absent++
		if lexBloom.mayHave(x) {
			passed++
		}
	}
	if rate := float64(passed) / float64(absent); rate > 0.1 {
		t.Errorf("filter lets %d of %d absent words through (%.1f%%), want under 10%%", passed, absent, 100*rate)
	} else {
		t.Logf("filter lets %.2f%% of %d absent words through", 100*rate, absent)
	}
}
