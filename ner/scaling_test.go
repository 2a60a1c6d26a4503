package ner_test

import (
	"testing"

	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/internal/scaletest"
	"github.com/khabar/khabar/ner"
)

// TestScaling checks that tagging does work in proportion to the text on
// texts that repeat one pattern (see internal/scaletest). The largest
// text stays under the token count past which a Tagger stops keeping its
// buffers between calls, which would add a step to the allocations.
func TestScaling(t *testing.T) {
	if testing.Short() {
		t.Skip("scaling: tags texts of up to 64 KB")
	}
	tg, err := ner.Default()
	if err != nil {
		t.Fatal(err)
	}
	type tokenized struct {
		text string
		toks []arabic.Token
	}
	prep := func(s string) (tokenized, error) { return tokenized{s, arabic.Tokenize(s)}, nil }
	for _, c := range scaletest.Pathological() {
		t.Run(c.Name, func(t *testing.T) {
			scaletest.CheckPrepared(t, c, 4<<10, prep, func(x tokenized) { tg.Tag(x.text, x.toks) })
		})
	}
}
