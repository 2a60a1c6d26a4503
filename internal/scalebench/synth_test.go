package scalebench

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/store"
)

// article builds an analyzed document: title, blank line, sentences
// joined by spaces, with an entity for every name of names (type by
// name) at each of its occurrences, and a date for every date text.
func article(title string, sents []string, names map[string]string, dates []string) store.Document {
	text := title + "\n\n" + strings.Join(sents, " ")
	runes := []rune(text)
	find := func(sub string) [][2]int {
		var out [][2]int
		s := []rune(sub)
		for i := 0; i+len(s) <= len(runes); i++ {
			if string(runes[i:i+len(s)]) == sub {
				out = append(out, [2]int{i, i + len(s)})
			}
		}
		return out
	}
	tn := utf8.RuneCountInString(title)
	a := &khabar.Analysis{Schema: khabar.Schema, Text: text, Title: &khabar.Span{Text: title, End: tn},
		Paragraphs: [][2]int{{0, tn}, {tn + 2, len(runes)}}, Published: "2015-07-21"}
	a.Sentences = append(a.Sentences, [2]int{0, tn})
	pos := tn + 2
	for _, s := range sents {
		n := utf8.RuneCountInString(s)
		a.Sentences = append(a.Sentences, [2]int{pos, pos + n})
		pos += n + 1
	}
	for name, typ := range names {
		e := khabar.Entity{ID: "e" + name, Type: typ, Name: name}
		for _, sp := range find(name) {
			e.Mentions = append(e.Mentions, khabar.Mention{Text: name, Start: sp[0], End: sp[1]})
		}
		a.Entities = append(a.Entities, e)
	}
	for _, d := range dates {
		for _, sp := range find(d) {
			a.Dates = append(a.Dates, khabar.Date{Text: d, Start: sp[0], End: sp[1], Value: "2015-07-21", Grain: "day"})
		}
	}
	return store.Document{URL: "https://example.com/" + title, Source: "okaz", Analysis: a}
}

func testPool() *Pool {
	p := NewPool([]store.Document{
		article("وزير الخارجية يلتقي نظيره في الرياض", []string{
			"التقى وزير الخارجية عادل الجبير نظيره الأمريكي في الرياض يوم 21 يوليو 2015 بحضور 40 مسؤولا.",
			"وناقش الجانبان 12 ملفا في مقدمتها الأزمة اليمنية.",
			"وقال الجبير إن العلاقات متينة.",
		}, map[string]string{"عادل الجبير": "PER", "الرياض": "LOC", "الجبير": "PER"}, []string{"21 يوليو 2015"}),
		article("ارتفاع أسعار النفط", []string{
			"ارتفعت أسعار النفط 3 في المئة اليوم.",
			"وأعلنت منظمة أوبك أن الإنتاج بلغ 30 مليون برميل.",
		}, map[string]string{"أوبك": "ORG"}, nil),
	})
	p.AddExtra([]string{"دابود قرية نوبية مصرية تقع جنوب السد العالي وفيها 400 منزل.", "  ", "\xff"})
	return p
}

func TestPool(t *testing.T) {
	p := testPool()
	titles, sents, extra, ents := p.Sizes()
	if titles != 2 || sents != 5 || extra != 1 || ents != 4 {
		t.Errorf("Sizes() = %d titles, %d sentences, %d extra, %d entities; want 2, 5, 1, 4", titles, sents, extra, ents)
	}
}

func TestGenerator(t *testing.T) {
	g := &Generator{Pool: testPool(), Seed: 3, DupRate: 0.1, ExtraRate: 0.2, Total: 2000,
		From: time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC),
		Sources: []string{"okaz", "agency01", "agency02"}}
	dups, extra := 0, 0
	prevDay := ""
	for i := range g.Total {
		d, dup := g.Doc(i)
		if dup {
			dups++
		}
		a := d.Analysis
		if err := store.Validate(&d); err != nil {
			t.Fatalf("doc %d: %v", i, err)
		}
		checkSpans(t, i, a)
		if strings.Contains(a.Text, "دابود") {
			extra++
		}
		if a.Published < "2005-01-01" || a.Published > "2025-12-31" {
			t.Errorf("doc %d published %s, outside 2005–2025", i, a.Published)
		}
		if i%500 == 0 {
			if a.Published < prevDay {
				t.Errorf("doc %d published %s before doc %d's %s: dates do not grow with the index", i, a.Published, i-500, prevDay)
			}
			prevDay = a.Published
		}
		again, _ := g.Doc(i)
		if again.Analysis.Text != a.Text || again.URL != d.URL {
			t.Fatalf("doc %d differs when made again", i)
		}
	}
	if dups < 120 || dups > 280 {
		t.Errorf("%d near-duplicate copies in 2,000 at a rate of 0.1", dups)
	}
	if extra == 0 {
		t.Error("no article took a paragraph of the other corpus")
	}
}

// checkSpans checks that every span of a lies in its text and that
// mentions, dates and the title say what the text says there.
func checkSpans(t *testing.T, i int, a *khabar.Analysis) {
	t.Helper()
	runes := []rune(a.Text)
	at := func(s, e int) string {
		if s < 0 || e > len(runes) || s > e {
			t.Fatalf("doc %d: span [%d, %d) outside a text of %d code points", i, s, e, len(runes))
		}
		return string(runes[s:e])
	}
	if got := at(a.Title.Start, a.Title.End); got != a.Title.Text {
		t.Errorf("doc %d: title span says %q, title %q", i, got, a.Title.Text)
	}
	for _, e := range a.Entities {
		if len(e.Mentions) == 0 {
			t.Errorf("doc %d: entity %s without mentions", i, e.Name)
		}
		for _, m := range e.Mentions {
			if got := at(m.Start, m.End); got != m.Text {
				t.Errorf("doc %d: mention of %s says %q, text %q", i, e.Name, m.Text, got)
			}
		}
	}
	for _, d := range a.Dates {
		if got := at(d.Start, d.End); got != d.Text {
			t.Errorf("doc %d: date says %q, text %q", i, d.Text, got)
		}
	}
	for _, p := range a.Paragraphs {
		at(p[0], p[1])
	}
	for _, s := range a.Sentences {
		at(s[0], s[1])
	}
}

func TestRedrawDigits(t *testing.T) {
	p := testPool()
	var pc *piece
	for i := range p.sentences {
		if strings.HasPrefix(p.sentences[i].text, "التقى") {
			pc = &p.sentences[i]
		}
	}
	if pc == nil {
		t.Fatal("no sentence with a date in the pool")
	}
	changed := false
	for seed := range uint64(20) {
		got := redrawDigits(pc, digitRand(seed))
		if utf8.RuneCountInString(got) != pc.runes {
			t.Fatalf("redrawn %q has %d code points, want %d", got, utf8.RuneCountInString(got), pc.runes)
		}
		if !strings.Contains(got, "21 يوليو 2015") {
			t.Errorf("the date was redrawn: %q", got)
		}
		if got != pc.text {
			changed = true
		}
	}
	if !changed {
		t.Error("no seed redrew a digit outside the date")
	}
}
