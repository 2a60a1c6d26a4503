package story

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// TestDatelineEntities checks that FromAnalysis leaves out the outlet and
// the reporter a dateline names, and keeps a name the body repeats.
func TestDatelineEntities(t *testing.T) {
	title := "تحطم طائرة خاصة في بريطانيا"
	text := title + "\nإبراهيم الحذيفي – عين اليوم\nأعلنت هيئة الطيران المدني أن إبراهيم الحذيفي شاهد الحادث."
	runes := []rune(text)
	at := func(s string) khabar.Mention {
		r := []rune(s)
		for i := len([]rune(title)); i+len(r) <= len(runes); i++ {
			if string(runes[i:i+len(r)]) == s {
				return khabar.Mention{Text: s, Start: i, End: i + len(r)}
			}
		}
		t.Fatalf("%q not in text", s)
		return khabar.Mention{}
	}
	reporter, outlet, agency := at("إبراهيم الحذيفي"), at("عين اليوم"), at("هيئة الطيران المدني")
	again := reporter
	again.Start, again.End = at("أن إبراهيم").Start+3, at("أن إبراهيم").Start+3+len([]rune(reporter.Text))
	tests := []struct {
		name     string
		dateline *khabar.Dateline
		reporter []khabar.Mention
		want     []string
	}{
		{"dateline", &khabar.Dateline{Source: "عين اليوم", Start: reporter.Start, End: outlet.End},
			[]khabar.Mention{reporter}, []string{"ORG:هيئة الطيران المدني"}},
		{"named again in the body", &khabar.Dateline{Source: "عين اليوم", Start: reporter.Start, End: outlet.End},
			[]khabar.Mention{reporter, again}, []string{"PER:إبراهيم الحذيفي", "ORG:هيئة الطيران المدني"}},
		{"no dateline", nil,
			[]khabar.Mention{reporter}, []string{"PER:إبراهيم الحذيفي", "ORG:عين اليوم", "ORG:هيئة الطيران المدني"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &khabar.Analysis{
				Text:     text,
				Title:    &khabar.Span{Text: title, End: len([]rune(title))},
				Dateline: tt.dateline,
				Entities: []khabar.Entity{
					{ID: "T1", Type: "PER", Name: "إبراهيم الحذيفي", Mentions: tt.reporter},
					{ID: "T2", Type: "ORG", Name: "عين اليوم", Mentions: []khabar.Mention{outlet}},
					{ID: "T3", Type: "ORG", Name: "هيئة الطيران المدني", Mentions: []khabar.Mention{agency}},
				},
			}
			var want []string
			for _, w := range tt.want {
				typ, name, _ := strings.Cut(w, ":")
				want = append(want, store.EntityKey(typ, name, ""))
			}
			got := FromAnalysis("x", a, t0).Entities
			if !slices.Equal(got, want) {
				t.Errorf("Entities %v, want %v", got, want)
			}
		})
	}
}

// TestAnchorTermsLeavePlaceNames checks that an article's anchors pair
// its lead places with the words of its head, not with the names of its
// other lead places or of the countries it names.
func TestAnchorTermsLeavePlaceNames(t *testing.T) {
	const abha, asir, us = "kb:city:SA:abha", "kb:city:SA:asir-province", "kb:country:US"
	a := Article{
		ID: "x", Title: "مهرجان أبها في عسير يستقبل وفدا من الولايات المتحدة",
		Places: []string{abha, asir, us}, LeadPlaces: []string{abha, asir},
		Names: map[string]string{abha: "أبها", asir: "منطقة عسير", us: "الولايات المتحدة"},
	}
	p := New(Options{}).Prepare(a)
	an := search.DefaultAnalyzer()
	names := make(map[uint64]string)
	for _, n := range []string{"أبها", "عسير", "الولايات المتحدة"} {
		for _, tok := range an.Analyze(n, nil) {
			names[featureID(tok.Term)] = tok.Term
		}
	}
	festival := featureID(an.Analyze("مهرجان", nil)[0].Term)
	found := 0
	for _, k := range p.anchors {
		if name, ok := names[k.term]; ok {
			t.Errorf("an anchor pairs a place with %q, a word of a place's name", name)
		}
		if k.term == festival {
			found++
		}
	}
	if found != 2 {
		t.Errorf("%d anchors with %q, want one for each lead place", found, "مهرجان")
	}
}

// TestHeadline checks that articles whose headlines share most of their
// words join one story though their leads differ, and that they do not
// when headlines are off.
func TestHeadline(t *testing.T) {
	first := Article{ID: "h1", Title: "وفاة والد الرضيع الفلسطيني الذي قتل حرقا في الضفة الغربية",
		Text: "أعلنت مصادر طبية في مستشفى سوروكا أن الأب فارق الحياة متأثرا بحروق بالغة أصيب بها قبل أسبوع", Source: "p"}
	second := Article{ID: "h2", Title: "وفاة والد الرضيع الفلسطيني الذي قضى حرقا",
		Text: "شيع آلاف المواطنين في قرية دوما جثمان الشاب بعد صلاة الظهر وسط هتافات غاضبة ومواجهات مع الجنود", Source: "q"}
	for _, tt := range []struct {
		headline float64
		join     bool
	}{{0, true}, {-1, false}} {
		c := New(Options{Headline: tt.headline})
		for _, a := range background {
			a.Published = t0.Add(-time.Hour)
			if _, err := c.Add(a); err != nil {
				t.Fatal(err)
			}
		}
		first.Published, second.Published = t0, t0.Add(time.Hour)
		a1, err := c.Add(first)
		if err != nil {
			t.Fatal(err)
		}
		a2, err := c.Add(second)
		if err != nil {
			t.Fatal(err)
		}
		if got := a1.Story == a2.Story; got != tt.join {
			t.Errorf("Headline %v: joined %v, want %v (score %.3f)", tt.headline, got, tt.join, a2.Score)
		}
	}
}
