package story

import (
	"testing"
	"time"

	"github.com/khabar/khabar"
)

// TestAnchors checks that an article naming a large story's event (its
// place and what happened there) in its headline or first words joins
// the story though its other words differ, and that it does not when
// anchors are off, when the place is not in its head, or when the story
// is too small to have anchors.
func TestAnchors(t *testing.T) {
	const abha = "kb:city:SA:abha"
	event := []Article{
		{ID: "e1", Title: "تفجير مسجد قوات الطوارئ في أبها", Text: "قتل انتحاري مصلين في تفجير مسجد قوات الطوارئ في أبها ظهر الخميس", Source: "p"},
		{ID: "e2", Title: "ارتفاع ضحايا تفجير مسجد الطوارئ بأبها", Text: "ارتفع عدد ضحايا تفجير مسجد قوات الطوارئ في أبها إلى خمسة عشر", Source: "q"},
		{ID: "e3", Title: "الداخلية تكشف هوية منفذ تفجير مسجد الطوارئ", Text: "كشفت وزارة الداخلية هوية منفذ تفجير مسجد قوات الطوارئ في أبها", Source: "r"},
		{ID: "e4", Title: "تشييع شهداء تفجير مسجد الطوارئ في أبها", Text: "شيع أهالي أبها شهداء تفجير مسجد قوات الطوارئ في جنازة مهيبة", Source: "s"},
	}
	reaction := Article{ID: "r1", Title: "البرلمان اللاتيني يبعث برقية إلى نظرائه في القارات",
		Text: "استنكر رئيس البرلمان اللاتيني في بيان تفجير مسجد قوات الطوارئ في أبها وبعث برقية إلى نظرائه في القارات الخمس " +
			"يدعو فيها إلى مؤتمر دولي عن حوار الحضارات والتسامح بين الشعوب وتبادل الخبرات التشريعية والثقافية والاقتصادية " +
			"وتعزيز التعاون البرلماني في مجالات التعليم والصحة والبيئة والطاقة المتجددة والزراعة والسياحة " +
			"والنقل البحري والاتصالات والرياضة والفنون والمسرح والموسيقى والآداب والترجمة والنشر والمعارض والمتاحف", Source: "t"}
	tests := []struct {
		name   string
		opt    Options
		events int // how many event articles come first
		head   bool
		join   bool
	}{
		// A stream this short gives its terms small inverse document
		// frequencies: the least anchor weight is lowered to match.
		{name: "anchors join", opt: Options{Anchor: 2}, events: 4, head: true, join: true},
		{name: "anchors off", opt: Options{Anchor: -1}, events: 4, head: true},
		{name: "place not in the head", opt: Options{Anchor: 2}, events: 4},
		{name: "story too small", opt: Options{Anchor: 2}, events: 2, head: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(tt.opt)
			for _, a := range background {
				a.Published = t0.Add(-time.Hour)
				if _, err := c.Add(a); err != nil {
					t.Fatal(err)
				}
			}
			stories := make(map[string]bool)
			var first string
			for i, a := range event[:tt.events] {
				a.Published = t0.Add(time.Duration(i) * time.Minute)
				a.Places, a.LeadPlaces = []string{abha}, []string{abha}
				as, err := c.Add(a)
				if err != nil {
					t.Fatal(err)
				}
				stories[as.Story] = true
				first = as.Story
			}
			if len(stories) != 1 {
				t.Fatalf("the event's articles in %d stories, want 1", len(stories))
			}
			r := reaction
			r.Published = t0.Add(time.Hour)
			if tt.head {
				r.LeadPlaces = []string{abha}
			}
			as, err := c.Add(r)
			if err != nil {
				t.Fatal(err)
			}
			if got := as.Story == first; got != tt.join {
				t.Errorf("reaction in story %s (event %s, score %.3f): joined %v, want %v", as.Story, first, as.Score, got, tt.join)
			}
		})
	}
}

// TestLeadPlaces checks which places FromAnalysis counts as named in an
// article's head: cities of the knowledge base in the headline or the
// first sentence, not countries, unlinked names, the dateline or later
// sentences.
func TestLeadPlaces(t *testing.T) {
	title := "عسير تودع الشهداء"
	body := "أبها - واس: شيعت أبها وعسير والسعودية والمملكة الشهداء. وزار الرياض وفد."
	text := title + "\n" + body
	runes := []rune(text)
	at := func(s string, from int) (int, int) {
		r := []rune(s)
		for i := from; i+len(r) <= len(runes); i++ {
			if string(runes[i:i+len(r)]) == s {
				return i, i + len(r)
			}
		}
		t.Fatalf("%q not in text", s)
		return 0, 0
	}
	tl := len([]rune(title))
	mention := func(s string, from int) []khabar.Mention {
		st, en := at(s, from)
		return []khabar.Mention{{Text: s, Start: st, End: en}}
	}
	dlStart, _ := at("أبها", tl)
	firstEnd, _ := at("وزار", tl)
	a := &khabar.Analysis{
		Text:      text,
		Title:     &khabar.Span{Text: title, Start: 0, End: tl},
		Dateline:  &khabar.Dateline{Place: "أبها", PlaceEntity: "T1", Start: dlStart, End: dlStart + len([]rune("أبها - واس:"))},
		Sentences: [][2]int{{0, tl}, {tl + 1, firstEnd - 1}, {firstEnd, len(runes)}},
		Entities: []khabar.Entity{
			{ID: "T1", Type: "LOC", Name: "أبها", KB: &khabar.KBRef{ID: "city:SA:abha"}, Mentions: mention("أبها", tl)},
			{ID: "T2", Type: "LOC", Name: "عسير", KB: &khabar.KBRef{ID: "city:SA:asir-province"}, Mentions: mention("عسير", 0)},
			{ID: "T3", Type: "LOC", Name: "السعودية", KB: &khabar.KBRef{ID: "country:SA"}, Mentions: mention("السعودية", tl)},
			{ID: "T4", Type: "LOC", Name: "المملكة", Mentions: mention("المملكة", tl)},
			{ID: "T5", Type: "LOC", Name: "الرياض", KB: &khabar.KBRef{ID: "city:SA:riyadh"}, Mentions: mention("الرياض", tl)},
		},
	}
	got := FromAnalysis("x", a, t0).LeadPlaces
	want := []string{"kb:city:SA:asir-province"}
	if len(got) != len(want) || got[0] != want[0] {
		t.Errorf("LeadPlaces %v, want %v", got, want)
	}
}
