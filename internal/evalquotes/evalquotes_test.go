package evalquotes_test

import (
	"strings"
	"testing"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/internal/evalquotes"
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
		gold []evalquotes.GoldQuote
		want evalquotes.Score
	}{
		{"gold is a prefix of the found text",
			[]evalquotes.GoldQuote{{Speaker: "سالم", Text: "إن الوضع مستقر تماما"}},
			evalquotes.Score{Gold: 1, Found: 3, Matched: 1, Speaker: 1, Direct: 1}},
		{"marks and diacritics do not matter; speaker by KB name",
			[]evalquotes.GoldQuote{{Speaker: "Ministry of Foreign Affairs", Text: "سَنواصل العمل", Direct: true}},
			evalquotes.Score{Gold: 1, Found: 3, Matched: 1, Speaker: 1, Direct: 1}},
		{"wrong speaker and flag",
			[]evalquotes.GoldQuote{{Speaker: "خالد", Text: "سنواصل العمل", Direct: false}},
			evalquotes.Score{Gold: 1, Found: 3, Matched: 1, Speaker: 0, Direct: 0}},
		{"a miss",
			[]evalquotes.GoldQuote{{Speaker: "سالم", Text: "لن نتراجع عن موقفنا أبدا"}},
			evalquotes.Score{Gold: 1, Found: 3, Misses: []evalquotes.GoldQuote{{Speaker: "سالم", Text: "لن نتراجع عن موقفنا أبدا"}}}},
		{"one found quote matches one gold quote",
			[]evalquotes.GoldQuote{{Text: "سنواصل العمل"}, {Text: "سنواصل العمل"}},
			evalquotes.Score{Gold: 2, Found: 3, Matched: 1, Direct: 0, Misses: []evalquotes.GoldQuote{{Text: "سنواصل العمل"}}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := evalquotes.Evaluate(a, c.gold)
			if got.Gold != c.want.Gold || got.Found != c.want.Found || got.Matched != c.want.Matched ||
				got.Speaker != c.want.Speaker || got.Direct != c.want.Direct || len(got.Misses) != len(c.want.Misses) {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
	var total evalquotes.Score
	total.Add(evalquotes.Score{Gold: 2, Found: 4, Matched: 1, Speaker: 1, Direct: 1})
	total.Add(evalquotes.Score{Gold: 2, Found: 0})
	if total.Recall() != 0.25 || total.Precision() != 0.25 || total.SpeakerAccuracy() != 1 || (evalquotes.Score{}).Recall() != 0 {
		t.Errorf("ratios of %+v wrong", total)
	}
}

func TestReadGold(t *testing.T) {
	g, err := evalquotes.ReadGold(strings.NewReader(`{"file":"a.txt","quotes":[{"speaker":"x","text":"y","direct":true}]}`), "g")
	if err != nil || g.File != "a.txt" || len(g.Quotes) != 1 || !g.Quotes[0].Direct {
		t.Errorf("got %+v, %v", g, err)
	}
	if _, err := evalquotes.ReadGold(strings.NewReader(`{"quotes": [`), "broken.json"); err == nil || !strings.Contains(err.Error(), "broken.json") {
		t.Errorf("broken gold: err = %v", err)
	}
}
