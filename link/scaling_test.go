package link_test

import (
	"testing"

	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/internal/scaletest"
	"github.com/khabar/khabar/kb"
	"github.com/khabar/khabar/link"
	"github.com/khabar/khabar/ner"
)

// TestScaling checks that linking and coreference do work in proportion
// to the text on texts that repeat one pattern (see internal/scaletest):
// one name many times, anaphors (سعادته) with and without an antecedent,
// a title written alone after the titled person.
func TestScaling(t *testing.T) {
	if testing.Short() {
		t.Skip("scaling: links the entities of texts of up to 64 KB")
	}
	tg, err := ner.Default()
	if err != nil {
		t.Fatal(err)
	}
	k := kb.Default()
	type tagged struct {
		text  string
		toks  []arabic.Token
		spans []ner.Span
	}
	prep := func(s string) (tagged, error) {
		toks := arabic.Tokenize(s)
		return tagged{s, toks, tg.Tag(s, toks)}, nil
	}
	cases := append(scaletest.Pathological(),
		scaletest.Repeat("anaphors with no antecedent", "زار محمد بن سلمان الرياض. وأوضح سعادته أن الأمر مهم. "),
		scaletest.Repeat("alliance anaphors", "زار محمد بن سلمان الرياض. وأوضح الحلف أن الأمر مهم. "),
		scaletest.Repeat("acronyms", "أعلنت منظمة الصحة العالمية (WHO) أن WHO تتابع الوضع. "),
	)
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			scaletest.CheckPrepared(t, c, 4<<10, prep, func(x tagged) { link.Resolve(x.text, x.toks, x.spans, k) })
		})
	}
}
