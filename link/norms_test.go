package link

import (
	"testing"

	"github.com/khabar/khabar/arabic"
)

// TestNorms checks the one-buffer normalization against norm token by token.
func TestNorms(t *testing.T) {
	for _, s := range []string{"", "الرياض - واس: أكّد صاحبُ السمو الملكي الأمير محمد بن سلمان.", "ﻻ إله، ٣٫٥ مليار «دولار» NATO",
		"a\xffb عبد الله", "ـــ\u200f\u0654ا"} {
		toks := arabic.Tokenize(s)
		got := norms(toks)
		if len(got) != len(toks) {
			t.Fatalf("norms(%q): %d norms for %d tokens", s, len(got), len(toks))
		}
		for i, tok := range toks {
			if want := norm(tok.Text); got[i] != want {
				t.Errorf("norms(%q)[%d] = %q, want norm(%q) = %q", s, i, got[i], tok.Text, want)
			}
		}
	}
}
