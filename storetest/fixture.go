package storetest

import (
	"cmp"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/store"
)

// fixture is a small hand-made corpus. Each document is written as text
// with its entities named by surface strings; offsets are computed.
type fixtureDoc struct {
	name      string
	url       string
	source    string
	published string
	title     string
	body      string
	entities  []fixtureEntity
	quotes    []fixtureQuote
	events    []fixtureEvent
	dateline  string // place
}

type fixtureEntity struct {
	id, typ, name, kb, country string
	kbName                     string   // the KB entry's name when it is not name
	mentions                   []string // surface strings, each found in order
}

type fixtureQuote struct {
	text, speaker, cue  string
	speakers            []string // Quote.Speakers
	speakerText, source string
}

type fixtureEvent struct {
	typ, place, date string
	actors           []string
	evidence         string
}

var fixture = []fixtureDoc{
	{
		name: "nato", url: "https://example.test/nato", source: "qna", published: "2023-09-13", dateline: "بروكسل",
		title: "اجتماع وزراء خارجية حلف شمال الأطلسي",
		body: "عقد وزراء خارجية حلف شمال الأطلسي اجتماعا في بروكسل. وقال السفير المالكي إن قطر تدعم الحوار. " +
			"وأضاف المالكي: \"نعتقد أن هذه الشراكة مهمة\".",
		entities: []fixtureEntity{
			{id: "e1", typ: "ORG", name: "حلف شمال الأطلسي", kb: "NATO", mentions: []string{"حلف شمال الأطلسي", "حلف شمال الأطلسي"}},
			{id: "e2", typ: "LOC", name: "بروكسل", kb: "BRU", country: "BE", mentions: []string{"بروكسل"}},
			{id: "e3", typ: "PER", name: "المالكي", mentions: []string{"المالكي", "المالكي"}},
			{id: "e4", typ: "LOC", name: "قطر", kb: "QA", country: "QA", mentions: []string{"قطر"}},
		},
		quotes: []fixtureQuote{{text: "نعتقد أن هذه الشراكة مهمة", speaker: "e3", cue: "وأضاف"}},
		events: []fixtureEvent{{typ: "CONSULT", place: "e2", actors: []string{"e1", "e4"}, evidence: "عقد وزراء خارجية حلف شمال الأطلسي اجتماعا في بروكسل."}},
	},
	{
		name: "riyadh", url: "https://example.test/riyadh", source: "aawsat", published: "2015-07-21", dateline: "الرياض",
		title: "الاجتماعات الوزارية في الرياض",
		body:  "تناقش الاجتماعات الوزارية في الرياض اليوم ملفات الاقتصاد والطاقة.",
		entities: []fixtureEntity{
			{id: "e1", typ: "LOC", name: "الرياض", kb: "RUH", country: "SA", mentions: []string{"الرياض", "الرياض"}},
		},
	},
	{
		name: "qatar-kuwait", url: "https://example.test/qk", source: "QNA", published: "2015-08-01",
		title: "قطر توقع اتفاقية تعاون مع الكويت",
		body:  "وقعت دولة قطر ودولة الكويت اليوم اتفاقية للتعاون التجاري.",
		entities: []fixtureEntity{
			{id: "e1", typ: "LOC", name: "قطر", kb: "QA", country: "QA", mentions: []string{"قطر", "قطر"}},
			{id: "e2", typ: "LOC", name: "الكويت", kb: "KW", country: "KW", mentions: []string{"الكويت", "الكويت"}},
		},
		events: []fixtureEvent{{typ: "AGREE", actors: []string{"e1", "e2"}, date: "2015-07-31", evidence: "وقعت دولة قطر ودولة الكويت اليوم اتفاقية للتعاون التجاري."}},
	},
	{
		name: "cairo", url: "https://example.test/cairo", source: "alriyadh", published: "2023-01-05", dateline: "القاهرة",
		title: "مظاهرات في القاهرة",
		body:  "خرجت مظاهرات في القاهرة احتجاجا على ارتفاع الأسعار.",
		entities: []fixtureEntity{
			{id: "e1", typ: "LOC", name: "القاهرة", kb: "CAI", country: "EG", mentions: []string{"القاهرة", "القاهرة"}},
		},
		events: []fixtureEvent{{typ: "PROTEST", place: "e1", evidence: "خرجت مظاهرات في القاهرة احتجاجا على ارتفاع الأسعار."}},
	},
	{
		name: "elections-old", url: "https://example.test/el-old", source: "alwatan", published: "2010-03-01",
		title: "الانتخابات البلدية",
		body:  "بدأت الانتخابات البلدية وسط إقبال على الانتخابات في المدن.",
	},
	{
		name: "elections-new", url: "https://example.test/el-new", source: "alwatan", published: "2023-09-01",
		title: "نتائج فرز الأصوات",
		body:  "أعلنت اللجنة نتائج الانتخابات بعد فرز الأصوات.",
	},
}

// build turns a fixture document into a store.Document with offsets.
func (f fixtureDoc) build() store.Document {
	text := f.title + "\n\n" + f.body
	a := &khabar.Analysis{Schema: khabar.Schema, Lang: "ar", URL: f.url, Source: f.source, Text: text, Published: f.published}
	n := utf8.RuneCountInString(f.title)
	a.Title = &khabar.Span{Text: f.title, Start: 0, End: n}
	a.Paragraphs = [][2]int{{0, n}, {n + 2, utf8.RuneCountInString(text)}}
	a.Sentences = a.Paragraphs
	if f.dateline != "" {
		a.Dateline = &khabar.Dateline{Place: f.dateline}
	}
	for _, fe := range f.entities {
		e := khabar.Entity{ID: fe.id, Type: fe.typ, Name: fe.name}
		if fe.kb != "" {
			e.KB = &khabar.KBRef{ID: fe.kb, Name: cmp.Or(fe.kbName, fe.name), Country: fe.country}
		}
		from := 0
		for _, m := range fe.mentions {
			s, e2 := find(text, m, from)
			if s < 0 {
				panic(fmt.Sprintf("storetest fixture %s: mention %q not found", f.name, m))
			}
			e.Mentions = append(e.Mentions, khabar.Mention{Text: m, Start: s, End: e2})
			from = e2
		}
		a.Entities = append(a.Entities, e)
	}
	for _, q := range f.quotes {
		s, e := find(text, q.text, 0)
		a.Quotes = append(a.Quotes, khabar.Quote{Text: q.text, Start: s, End: e, Speaker: q.speaker, Cue: q.cue, Direct: true,
			Speakers: q.speakers, SpeakerText: q.speakerText, Source: q.source})
	}
	for _, ev := range f.events {
		s, e := find(text, ev.evidence, 0)
		a.Events = append(a.Events, khabar.Event{Type: ev.typ, Place: ev.place, Date: ev.date, Actors: ev.actors, Start: s, End: e})
	}
	return store.Document{URL: f.url, Source: f.source, Title: f.title, ContentType: "text/plain", Analysis: a}
}

// find returns the rune offsets of the first occurrence of sub in text at
// or after rune offset from, or -1.
func find(text, sub string, from int) (int, int) {
	runes := []rune(text)
	if from > len(runes) {
		return -1, -1
	}
	i := strings.Index(string(runes[from:]), sub)
	if i < 0 {
		return -1, -1
	}
	s := from + utf8.RuneCountInString(string(runes[from:])[:i])
	return s, s + utf8.RuneCountInString(sub)
}

// Generated returns n distinct one-sentence documents for load tests:
// their URLs are https://example.test/PREFIX/i and their texts differ
// by prefix and i, so that every one is stored.
func Generated(prefix string, n int) []store.Document {
	docs := make([]store.Document, n)
	for i := range docs {
		text := fmt.Sprintf("خبر عاجل %s رقم %d عن الاقتصاد والطاقة في المنطقة", prefix, i)
		docs[i] = store.Document{
			URL:    fmt.Sprintf("https://example.test/%s/%d", prefix, i),
			Source: "gen",
			Analysis: &khabar.Analysis{Schema: khabar.Schema, Text: text, Published: "2020-01-02",
				Paragraphs: [][2]int{{0, utf8.RuneCountInString(text)}}},
		}
	}
	return docs
}
