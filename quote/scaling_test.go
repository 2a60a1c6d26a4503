package quote_test

import (
	"context"
	"testing"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/internal/scaletest"
	"github.com/khabar/khabar/pipeline"
	"github.com/khabar/khabar/quote"
)

// TestScaling checks that finding quotes does work in proportion to the
// text on texts that repeat one pattern (see internal/scaletest): speech
// verbs by the thousand, in separate sentences and in one, quote marks
// that never close, headlines, anaphors. The analyses come from the whole
// pipeline; only quote finding is measured.
func TestScaling(t *testing.T) {
	if testing.Short() {
		t.Skip("scaling: analyzes texts of up to 64 KB")
	}
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	prep := func(s string) (*khabar.Analysis, error) {
		return p.Analyze(context.Background(), khabar.RawDocument{Name: "scaling", Body: []byte(s)})
	}
	cases := append(scaletest.Pathological(),
		scaletest.Repeat("speech verbs without a speaker", "وأضاف أن الأمر مهم وتابع: «سنواصل العمل معا» مؤكدا أن "),
		scaletest.Repeat("colons", "\nالوزير: : : المحادثات مثمرة: جدا"),
		// The look-backs of honorific pronouns, participles after a
		// clause joined by و, reports and a verb after a sentence.
		scaletest.Repeat("honorific pronouns", "وأشار سماحته إلى أن الأمر مهم. "),
		scaletest.Repeat("participles in one sentence", "، ويؤيد الرجل الرأي بأن الأمر مهم، مضيفا أن العمل مستمر"),
		scaletest.Repeat("reports", "وأضاف التقرير أن الأمر مهم. "),
	)
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			scaletest.CheckPrepared(t, c, 4<<10, prep, func(a *khabar.Analysis) { quote.Extract(a) })
		})
	}
}
