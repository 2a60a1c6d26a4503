package evalnews

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/khabar/khabar"
)

func TestKey(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"الرياض", "الرياض"},
		{"وبالرياض", "الرياض"},
		{"للرياض", "الرياض"},
		{"فالرياض", "الرياض"},
		{"وزارة الصحة", "وزاره الصحه"},              // و of the name stays: no ال after it
		{"  عبد الله   بن  علي ", "عبدالله بن علي"}, // spaces, عبد joined
		{"«سي إن إن»", "سي ان ان"},                  // quotation marks trimmed, hamza folded
		{"أحمد", "احمد"},
		{"ال", "ال"},
		{"", ""},
	} {
		if got := key(tc.in); got != tc.want {
			t.Errorf("key(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// The record of the scoring tests: a title and a content with a double
// space and HTML entities, as scraped records have them.
const (
	testTitle   = "الأمير خالد يزور جدة"
	testContent = "زار الأمير خالد الفيصل  مدينة جدة أمس. وقال سموه إن &quot;المشروع يخدم أهالي المنطقة&quot;. وأكدت وزارة الصحة أن المستشفى سيفتح قريبا."
)

// analysisText is the text khabar makes of the test record: single
// spaces, entities decoded.
var analysisText = testTitle + "\n\n" + strings.NewReplacer("  ", " ", "&quot;", `"`).Replace(testContent)

// at returns the code-point span of the nth (0-based) occurrence of sub
// in text.
func at(t *testing.T, text, sub string, nth int) (int, int) {
	t.Helper()
	from := 0
	for k := 0; ; k++ {
		i := strings.Index(text[from:], sub)
		if i < 0 {
			t.Fatalf("%q: occurrence %d not found", sub, nth)
		}
		if k == nth {
			s := utf8.RuneCountInString(text[:from+i])
			return s, s + utf8.RuneCountInString(sub)
		}
		from += i + len(sub)
	}
}

// ment is a mention written as (text, occurrence).
type ment struct {
	text string
	nth  int
}

type predEntity struct {
	id, typ, name string
	ments         []ment
}

type predQuote struct {
	text        string // a span of the analysis text
	speaker     string
	speakerText string
}

func analysis(t *testing.T, text string, ents []predEntity, quotes []predQuote) *khabar.Analysis {
	t.Helper()
	a := &khabar.Analysis{Text: text}
	for _, e := range ents {
		ke := khabar.Entity{ID: e.id, Type: e.typ, Name: e.name}
		for _, m := range e.ments {
			if m.nth < 0 { // outside the text, as a dateline from metadata
				ke.Mentions = append(ke.Mentions, khabar.Mention{Text: m.text, Start: -1, End: -1})
				continue
			}
			s, en := at(t, text, m.text, m.nth)
			ke.Mentions = append(ke.Mentions, khabar.Mention{Text: m.text, Start: s, End: en})
		}
		a.Entities = append(a.Entities, ke)
	}
	for _, q := range quotes {
		s, e := at(t, text, q.text, 0)
		a.Quotes = append(a.Quotes, khabar.Quote{Text: q.text, Start: s, End: e, Speaker: q.speaker, SpeakerText: q.speakerText})
	}
	return a
}

// goldQuote is a gold quote of the test content.
func goldQuote(t *testing.T, sub, speaker, speakerText, source string) Quote {
	s, e := at(t, testContent, sub, 0)
	return Quote{Start: s, End: e, Speaker: speaker, SpeakerText: speakerText, Source: source}
}

func TestScore(t *testing.T) {
	goldEntities := []Entity{
		{"PER", "خالد", 1}, {"PER", "خالد الفيصل", 1}, {"LOC", "جدة", 2}, {"ORG", "وزارة الصحة", 1},
	}
	goldQuotes := []Quote{
		goldQuote(t, "المشروع يخدم أهالي المنطقة", "خالد الفيصل", "", ""),
		goldQuote(t, "المستشفى سيفتح قريبا", "وزارة الصحة", "", ""),
	}
	right := []predEntity{
		{"e1", "PER", "خالد الفيصل", []ment{{"خالد", 0}, {"خالد الفيصل", 0}, {"سموه", 0}}},
		{"e2", "LOC", "جدة", []ment{{"جدة", 0}, {"جدة", 1}}},
		{"e3", "ORG", "وزارة الصحة", []ment{{"وزارة الصحة", 0}}},
	}
	rightQuotes := []predQuote{{"المشروع يخدم أهالي المنطقة", "e1", ""}, {"المستشفى سيفتح قريبا", "e3", ""}}
	twice := testTitle + "\n\n" + analysisText // the title written twice
	for _, tc := range []struct {
		name       string
		quotesOnly bool // the gold annotates quotes only
		text       string
		ents       []predEntity
		quotes     []predQuote
		gold       []Quote
		entities   Counts
		quoteC     Counts
		speaker    Tally // over matched quotes
		all        Tally // over gold quotes
		source     Tally
		errors     []string          // kinds and texts
		notes      map[string]string // error (as in errors) → its note
	}{
		{
			name: "all right", text: analysisText, ents: right, quotes: rightQuotes, gold: goldQuotes,
			entities: Counts{TP: 5}, quoteC: Counts{TP: 2}, speaker: Tally{2, 2}, all: Tally{2, 2},
		},
		{
			name: "title twice, mention outside the text", text: twice,
			ents: []predEntity{
				{"e1", "PER", "خالد الفيصل", []ment{{"خالد", 0}, {"خالد", 1}, {"خالد الفيصل", 0}, {"سالم", -1}}},
				{"e2", "LOC", "جدة", []ment{{"جدة", 0}, {"جدة", 1}, {"جدة", 2}}},
				{"e3", "ORG", "وزارة الصحة", []ment{{"وزارة الصحة", 0}}},
			},
			quotes: rightQuotes, gold: goldQuotes,
			entities: Counts{TP: 5}, quoteC: Counts{TP: 2}, speaker: Tally{2, 2}, all: Tally{2, 2},
		},
		{
			name: "errors", text: analysisText,
			ents: []predEntity{
				{"e1", "PER", "خالد الفيصل", []ment{{"خالد الفيصل", 0}}},
				{"e4", "ORG", "خالد", []ment{{"خالد", 0}}},
				{"e2", "LOC", "جدة", []ment{{"جدة", 0}, {"مدينة جدة", 0}}},
				{"e3", "ORG", "وزارة الصحة", []ment{{"وزارة الصحة", 0}}},
			},
			quotes: []predQuote{{"المشروع", "e1", ""}, {"المستشفى سيفتح قريبا", "", "المستشفى"}}, gold: goldQuotes,
			// مدينة جدة and جدة name the same place: the head noun is not scored.
			entities: Counts{TP: 4, FP: 1, FN: 1}, quoteC: Counts{TP: 1, FP: 1, FN: 1}, speaker: Tally{0, 1}, all: Tally{0, 2},
			errors: []string{
				"extra ORG خالد", "missed PER خالد",
				"missed-quote المشروع يخدم أهالي المنطقة", "speaker المستشفى سيفتح قريبا", "extra-quote المشروع",
			},
			notes: map[string]string{
				"missed PER خالد": "found as ORG", "extra ORG خالد": "gold PER",
				"missed-quote المشروع يخدم أهالي المنطقة": "a predicted quote holds 1 of its 4 words",
				"extra-quote المشروع":                     "holds 1 words of a gold quote",
			},
		},
		{
			name: "half the words match; unnamed speaker; source", text: analysisText, ents: right,
			quotes: []predQuote{{"المشروع يخدم", "e1", ""}, {"المستشفى سيفتح قريبا", "", "مصدر"}},
			gold: []Quote{
				goldQuote(t, "المشروع يخدم أهالي المنطقة", "خالد الفيصل", "", ""),
				goldQuote(t, "المستشفى سيفتح قريبا", "", "مصدر", "وزارة الصحة"),
			},
			entities: Counts{TP: 5}, quoteC: Counts{TP: 2}, speaker: Tally{2, 2}, all: Tally{2, 2}, source: Tally{0, 1},
			errors: []string{"source المستشفى سيفتح قريبا"},
		},
		{
			// The same wrong entities as "errors", with no entity gold:
			// no mention counts, right or wrong; quotes are scored.
			name: "quotes only", quotesOnly: true, text: analysisText,
			ents: []predEntity{
				{"e1", "PER", "خالد الفيصل", []ment{{"خالد الفيصل", 0}}},
				{"e4", "ORG", "خالد", []ment{{"خالد", 0}}},
				{"e3", "ORG", "وزارة الصحة", []ment{{"وزارة الصحة", 0}}},
			},
			quotes: rightQuotes, gold: goldQuotes,
			quoteC: Counts{TP: 2}, speaker: Tally{2, 2}, all: Tally{2, 2},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := analysis(t, tc.text, tc.ents, tc.quotes)
			rec := &Record{Line: 7, Title: testTitle, Content: testContent, Source: "test"}
			g := &Article{Line: 7, Source: "test", Entities: goldEntities, Quotes: tc.gold}
			if tc.quotesOnly {
				g.Entities, g.QuotesOnly = nil, true
			}
			s := Score(a, rec, g)
			if s.QuotesOnly != tc.quotesOnly {
				t.Errorf("QuotesOnly %v, want %v", s.QuotesOnly, tc.quotesOnly)
			}
			if s.Entities != tc.entities {
				t.Errorf("entities %+v, want %+v", s.Entities, tc.entities)
			}
			if s.Quotes != tc.quoteC {
				t.Errorf("quotes %+v, want %+v", s.Quotes, tc.quoteC)
			}
			if s.SpeakerMatched != tc.speaker || s.SpeakerAll != tc.all || s.QuoteSource != tc.source {
				t.Errorf("speaker %+v / %+v, source %+v; want %+v / %+v, %+v", s.SpeakerMatched, s.SpeakerAll, s.QuoteSource,
					tc.speaker, tc.all, tc.source)
			}
			var sum Counts
			for _, c := range s.ByType {
				sum.Add(c)
			}
			if sum != s.Entities {
				t.Errorf("by type sums to %+v, all is %+v", sum, s.Entities)
			}
			var errs []string
			for _, e := range s.Errors {
				k := strings.Join(strings.Fields(e.Kind+" "+e.Type+" "+strings.TrimSuffix(e.Text, " …")), " ")
				errs = append(errs, k)
				if note, ok := tc.notes[k]; ok && e.Note != note {
					t.Errorf("%s: note %q, want %q", k, e.Note, note)
				}
			}
			if !reflect.DeepEqual(errs, tc.errors) {
				t.Errorf("errors\n%q\nwant\n%q", errs, tc.errors)
			}
		})
	}
}

func TestCorefMention(t *testing.T) {
	per := &khabar.Entity{Type: "PER", Name: "سالم العتيبي", Title: "سفير دولة الكويت لدى المملكة"}
	org := &khabar.Entity{Type: "ORG", Name: "حلف شمال الأطلسي"}
	for _, tc := range []struct {
		e    *khabar.Entity
		text string
		want bool
	}{
		{per, "سعادته", true},
		{per, "وسعادته", true},
		{per, "سموه", true},
		{per, "سفير دولة الكويت لدى المملكة", true},
		{per, "العتيبي", false},
		{per, "سالم العتيبي", false},
		{org, "الحلف", true},
		{org, "حلف", true},
		{org, "حلف شمال الأطلسي", false},
	} {
		if got := corefMention(tc.e, khabar.Mention{Text: tc.text}); got != tc.want {
			t.Errorf("corefMention(%s, %q) = %v, want %v", tc.e.Name, tc.text, got, tc.want)
		}
	}
}

func TestKeyHeadNounsAndElidedArticle(t *testing.T) {
	for _, c := range [][2]string{
		{"مدينة جدة", "جدة"}, {"نادي الهلال", "الهلال"}, {"محافظة المخواة", "المخواة"},
	} {
		if key(c[0]) != key(c[1]) {
			t.Errorf("key(%q) = %q, key(%q) = %q: want equal", c[0], key(c[0]), c[1], key(c[1]))
		}
	}
	if key("مدينة") == "" || key("وزارة الصحة") == key("الصحة") {
		t.Error("a head noun alone or a ministry's name lost a word")
	}
	text := []rune("قالت للأمم المتحدة")
	if got := articleElided(text, khabar.Mention{Text: "أمم المتحدة", Start: 7, End: 18}); got != "الأمم المتحدة" {
		t.Errorf("articleElided = %q", got)
	}
	if got := articleElided(text, khabar.Mention{Text: "قالت", Start: 0, End: 4}); got != "قالت" {
		t.Errorf("articleElided at the start = %q", got)
	}
}

func TestDropTitle(t *testing.T) {
	per := &khabar.Entity{Type: "PER", Title: "وزير الخارجية", Honorific: "الأمير"}
	for _, c := range [][2]string{
		{"النائب دوري شمعون", "دوري شمعون"},
		{"الرئيس تمام سلام", "تمام سلام"},
		{"وزير الخارجية فيصل بن فرحان", "فيصل بن فرحان"},
		{"الأمير فيصل", "فيصل"},
		{"فيصل بن فرحان", "فيصل بن فرحان"},
		{"الرئيس", "الرئيس"},
	} {
		if got := dropTitle(per, c[0]); got != c[1] {
			t.Errorf("dropTitle(%q) = %q, want %q", c[0], got, c[1])
		}
	}
	if got := dropTitle(&khabar.Entity{Type: "ORG"}, "الرئيس التنفيذي"); got != "الرئيس التنفيذي" {
		t.Errorf("an organization's name lost a word: %q", got)
	}
}
