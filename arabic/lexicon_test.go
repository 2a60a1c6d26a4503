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
