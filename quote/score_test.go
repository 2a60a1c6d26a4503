package quote_test

import (
	"strings"
	"testing"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/quote"
)

func TestEvaluate(t *testing.T) {
	a := &khabar.Analysis{
		Entities: []khabar.Entity{
			{ID: "e1", Type: "PER", Name: "أحمد سالم", Mentions: []khabar.Mention{{Text: "سالم"}}},
			{ID: "e2", Type: "ORG", Name: "وزارة الخارجية", KB: &khabar.KBRef{NameEn: "Ministry of Foreign Affairs"}},
		},
		Quotes: []khabar.Quote{
			{Text: "إن الوضع مستقر تماما في العاصمة، وهو ما أكده الجميع", Speaker: "e1"},
			{Text: "«سنواصل العمل»", Speaker: "e2", Direct: true},
			{Text: "كلام آخر لا علاقة له", Speaker: "e1"},
		},
	}
	for _, c := range []struct {
		name string
		gold []quote.GoldQuote
		want quote.Score
	}{
		{"gold is a prefix of the found text",
			[]quote.GoldQuote{{Speaker: "سالم", Text: "إن الوضع مستقر تماما"}},
			quote.Score{Gold: 1, Found: 3, Matched: 1, Speaker: 1, Direct: 1}},
		{"marks and diacritics do not matter; speaker by KB name",
			[]quote.GoldQuote{{Speaker: "Ministry of Foreign Affairs", Text: "سَنواصل العمل", Direct: true}},
			quote.Score{Gold: 1, Found: 3, Matched: 1, Speaker: 1, Direct: 1}},
		{"wrong speaker and flag",
			[]quote.GoldQuote{{Speaker: "خالد", Text: "سنواصل العمل", Direct: false}},
			quote.Score{Gold: 1, Found: 3, Matched: 1, Speaker: 0, Direct: 0}},
		{"a miss",
			[]quote.GoldQuote{{Speaker: "سالم", Text: "لن نتراجع عن موقفنا أبدا"}},
			quote.Score{Gold: 1, Found: 3, Misses: []quote.GoldQuote{{Speaker: "سالم", Text: "لن نتراجع عن موقفنا أبدا"}}}},
		{"one found quote matches one gold quote",
			[]quote.GoldQuote{{Text: "سنواصل العمل"}, {Text: "سنواصل العمل"}},
			quote.Score{Gold: 2, Found: 3, Matched: 1, Direct: 0, Misses: []quote.GoldQuote{{Text: "سنواصل العمل"}}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := quote.Evaluate(a, c.gold)
			if got.Gold != c.want.Gold || got.Found != c.want.Found || got.Matched != c.want.Matched ||
				got.Speaker != c.want.Speaker || got.Direct != c.want.Direct || len(got.Misses) != len(c.want.Misses) {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
	var total quote.Score
	total.Add(quote.Score{Gold: 2, Found: 4, Matched: 1, Speaker: 1, Direct: 1})
	total.Add(quote.Score{Gold: 2, Found: 0})
	if total.Recall() != 0.25 || total.Precision() != 0.25 || total.SpeakerAccuracy() != 1 || (quote.Score{}).Recall() != 0 {
		t.Errorf("ratios of %+v wrong", total)
	}
}

func TestReadGold(t *testing.T) {
	g, err := quote.ReadGold(strings.NewReader(`{"file":"a.txt","quotes":[{"speaker":"x","text":"y","direct":true}]}`), "g")
	if err != nil || g.File != "a.txt" || len(g.Quotes) != 1 || !g.Quotes[0].Direct {
		t.Errorf("got %+v, %v", g, err)
	}
	if _, err := quote.ReadGold(strings.NewReader(`{"quotes": [`), "broken.json"); err == nil || !strings.Contains(err.Error(), "broken.json") {
		t.Errorf("broken gold: err = %v", err)
	}
}

func TestNormalize(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"«إنّ الوضعَ مستقرٌ»", "ان الوضع مستقر"},
		{"  قالــت   المدرسةُ: نعم. ", "قالت المدرسه نعم"},
		{"Hello, World", "hello world"},
		{"", ""},
	} {
		if got := quote.Normalize(c.in); got != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
