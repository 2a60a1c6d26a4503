package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// quotesFixture has quotes by one speaker linked to the knowledge base
// (and one stored under the same name unlinked), a joint statement, an
// unnamed speaker reported through an agency, and a document that
// mentions the speaker without quoting him.
var quotesFixture = []fixtureDoc{
	{
		name: "jubeir-iran", url: "https://example.test/q/1", source: "spa", published: "2016-01-10",
		title: "الجبير يرفض تدخل إيران",
		body: "قال وزير الخارجية عادل الجبير إن المملكة ترفض تدخل إيران في شؤون المنطقة. " +
			"وأضاف الجبير أن الحوار هو السبيل.",
		entities: []fixtureEntity{
			{id: "e1", typ: "PER", name: "عادل الجبير", kb: "per:adel-al-jubeir", kbName: "عادل بن أحمد الجبير", country: "SA",
				mentions: []string{"عادل الجبير", "الجبير"}},
			{id: "e2", typ: "LOC", name: "إيران", kb: "IR", country: "IR", mentions: []string{"إيران", "إيران"}},
		},
		quotes: []fixtureQuote{
			{text: "المملكة ترفض تدخل إيران في شؤون المنطقة", speaker: "e1", cue: "قال"},
			{text: "الحوار هو السبيل", speaker: "e1", cue: "وأضاف"},
		},
	},
	{
		name: "joint", url: "https://example.test/q/2", source: "qna", published: "2015-12-01",
		title: "بيان مشترك",
		body:  "وقال الجبير ونظيره القطري خالد العطية في بيان مشترك: \"نؤكد وحدة الصف الخليجي\".",
		entities: []fixtureEntity{
			{id: "e1", typ: "PER", name: "الجبير", kb: "per:adel-al-jubeir", kbName: "عادل بن أحمد الجبير", country: "SA", mentions: []string{"الجبير"}},
			{id: "e2", typ: "PER", name: "خالد العطية", mentions: []string{"خالد العطية"}},
		},
		quotes: []fixtureQuote{{text: "نؤكد وحدة الصف الخليجي", speaker: "e1", speakers: []string{"e1", "e2"}, cue: "وقال"}},
	},
	{
		name: "unnamed", url: "https://example.test/q/3", source: "okaz", published: "2016-01-05",
		title: "مساعدات إلى اليمن",
		body:  "ونقلت وكالة رويترز عن مسؤولين في الأمم المتحدة قولهم إن المساعدات ستصل إلى اليمن.",
		entities: []fixtureEntity{
			{id: "e1", typ: "ORG", name: "الأمم المتحدة", mentions: []string{"الأمم المتحدة"}},
			{id: "e2", typ: "LOC", name: "اليمن", mentions: []string{"اليمن", "اليمن"}},
		},
		quotes: []fixtureQuote{{text: "المساعدات ستصل إلى اليمن", speakers: []string{"e1"}, cue: "قولهم",
			speakerText: "مسؤولين في الأمم المتحدة", source: "وكالة رويترز"}},
	},
	{
		name: "undated", url: "https://example.test/q/4", source: "sabq",
		title: "تصريح بلا تاريخ",
		body:  "قال عادل الجبير إن إيران تدعم الإرهاب.",
		entities: []fixtureEntity{
			{id: "e1", typ: "PER", name: "عادل الجبير", mentions: []string{"عادل الجبير"}},
			{id: "e2", typ: "LOC", name: "إيران", kb: "IR", country: "IR", mentions: []string{"إيران"}},
		},
		quotes: []fixtureQuote{{text: "إيران تدعم الإرهاب", speaker: "e1", cue: "قال"}},
	},
	{
		name: "no-quote", url: "https://example.test/q/5", source: "spa", published: "2016-02-01",
		title: "لقاء في واشنطن",
		body:  "التقى عادل الجبير نظيره الأمريكي في واشنطن.",
		entities: []fixtureEntity{
			{id: "e1", typ: "PER", name: "عادل الجبير", kb: "per:adel-al-jubeir", kbName: "عادل بن أحمد الجبير", country: "SA", mentions: []string{"عادل الجبير"}},
		},
	},
}

// loadDocs stores a fixture and returns the IDs by fixture name.
func loadDocs(t *testing.T, s store.Store, fx []fixtureDoc) *loaded {
	t.Helper()
	docs := make([]store.Document, len(fx))
	for i, f := range fx {
		docs[i] = f.build()
	}
	res, err := s.Put(context.Background(), docs)
	if err != nil {
		t.Fatalf("Put fixture: %v", err)
	}
	l := &loaded{s: s, ids: map[string]string{}, names: map[string]string{}}
	for i, r := range res {
		if r.Status != store.Stored {
			t.Fatalf("Put fixture %s: status %v, want stored", fx[i].name, r.Status)
		}
		l.ids[fx[i].name] = r.ID
		l.names[r.ID] = fx[i].name
	}
	return l
}

var (
	jubeir = &search.ResolvedEntity{Key: "kb:per:adel-al-jubeir", Type: "PER", Name: "عادل بن أحمد الجبير", KBID: "per:adel-al-jubeir", Documents: 3}
	// quoted names the fixture's quotes by their text's first two words.
	quoted = map[string]string{
		"المملكة ترفض تدخل إيران في شؤون المنطقة": "iran", "الحوار هو السبيل": "dialogue",
		"نؤكد وحدة الصف الخليجي": "joint", "المساعدات ستصل إلى اليمن": "aid", "إيران تدعم الإرهاب": "terror",
	}
)

// testSaid checks the said: filter: documents quoting an entity as a
// speaker (alone or in a joint statement), its name resolved as for
// entity:.
func testSaid(t *testing.T, s store.Store) {
	l := loadDocs(t, s, quotesFixture)
	tests := []struct {
		query    string
		want     []string // in order
		resolved []search.Resolution
	}{
		{`said:"عادل الجبير"`, []string{"jubeir-iran", "joint", "undated"},
			[]search.Resolution{{Field: "said", Value: "عادل الجبير", Entity: jubeir, Via: "kb_alias", Also: []string{"PER:عادل الجبير"}}}},
		{`said:kb:per:adel-al-jubeir`, []string{"jubeir-iran", "joint"},
			[]search.Resolution{{Field: "said", Value: "kb:per:adel-al-jubeir", Entity: jubeir, Via: "key"}}},
		{`entity:"عادل الجبير"`, []string{"no-quote", "jubeir-iran", "joint", "undated"},
			[]search.Resolution{{Field: "entity", Value: "عادل الجبير", Entity: jubeir, Via: "kb_alias", Also: []string{"PER:عادل الجبير"}}}},
		{`said:"خالد العطية"`, []string{"joint"}, nil},
		{`said:"الأمم المتحدة"`, []string{"unnamed"}, nil},
		{`said:"خالد العطية" said:per:adel-al-jubeir`, []string{"jubeir-iran", "joint"}, nil},
		{`said:"عادل الجبير" source:sabq`, []string{"undated"}, nil},
		{`said:"عادل الجبير" from:2016`, []string{"jubeir-iran"}, nil},
		{`said:"لا أحد هنا"`, nil, []search.Resolution{{Field: "said", Value: "لا أحد هنا",
			Note: `no stored entity is named "لا أحد هنا", and the knowledge base does not know the name`}}},
	}
	for _, tc := range tests {
		got, res := l.search(t, tc.query, search.Request{})
		if !slices.Equal(got, tc.want) || res.Total != len(tc.want) {
			t.Errorf("%s → %v (total %d), want %v", tc.query, got, res.Total, tc.want)
		}
		if tc.resolved != nil && !reflect.DeepEqual(res.Resolved, tc.resolved) {
			t.Errorf("%s: resolved\n%+v\nwant\n%+v", tc.query, printable(res.Resolved), printable(tc.resolved))
		}
	}
	// With words, the said: filter restricts a ranked search.
	got, _ := l.search(t, `إيران said:"عادل الجبير"`, search.Request{})
	if slices.Sort(got); !slices.Equal(got, []string{"jubeir-iran", "undated"}) {
		t.Errorf(`إيران said:"عادل الجبير" → %v, want jubeir-iran and undated`, got)
	}
	// An entity page lists the quotes of joint statements too.
	p, err := s.Entity(context.Background(), "خالد العطية", store.EntityOptions{})
	if err != nil || len(p.Quotes) != 1 || p.Quotes[0].Text != "نؤكد وحدة الصف الخليجي" {
		t.Errorf("Entity(خالد العطية).Quotes = %+v, %v; want the joint statement", p, err)
	}
}

// testQuotes checks Store.Quotes: speakers resolved as entity: values,
// words matched in the quote's text, the query's filters on its
// document, the order (newest document first, then the quote's order),
// the paging and what each quote carries.
func testQuotes(t *testing.T, s store.Store) {
	ctx := context.Background()
	l := loadDocs(t, s, quotesFixture)
	tests := []struct {
		speaker, query string
		offset, limit  int
		want           []string // quoted names, in order
		total          int      // when not len(want)
	}{
		{"", "", 0, 0, []string{"iran", "dialogue", "aid", "joint", "terror"}, 0},
		{"عادل الجبير", "", 0, 0, []string{"iran", "dialogue", "joint", "terror"}, 0},
		{"kb:per:adel-al-jubeir", "", 0, 0, []string{"iran", "dialogue", "joint"}, 0},
		{"per:adel-al-jubeir", "", 1, 2, []string{"dialogue", "joint"}, 3},
		{"خالد العطية", "", 0, 0, []string{"joint"}, 0},
		{"الأمم المتحدة", "", 0, 0, []string{"aid"}, 0},
		{"عادل الجبير", "إيران", 0, 0, []string{"iran", "terror"}, 0},
		{"عادل الجبير", "-إيران", 0, 0, []string{"dialogue", "joint"}, 0},
		{"عادل الجبير", "إيران from:2016", 0, 0, []string{"iran"}, 0},
		{"", `"تدخل إيران"`, 0, 0, []string{"iran"}, 0},
		{"", `"إيران تدخل"`, 0, 0, nil, 0},
		{"", "الحوار OR المساعدات", 0, 0, []string{"dialogue", "aid"}, 0},
		{"", "وحد*", 0, 0, []string{"joint"}, 0},
		{"", "source:okaz", 0, 0, []string{"aid"}, 0},
		{"", `said:"خالد العطية"`, 0, 0, []string{"joint"}, 0},
		{"", `entity:إيران`, 0, 0, []string{"iran", "dialogue", "terror"}, 0},
		{"", `to:2015`, 0, 0, []string{"joint"}, 0},
		{"", "الشراكة", 0, 0, nil, 0},
		{"لا أحد هنا", "", 0, 0, nil, 0},
		{"عادل الجبير", "", 10, 0, nil, 4},
	}
	for _, tc := range tests {
		f := store.QuoteFilter{Speaker: tc.speaker, Offset: tc.offset, Limit: tc.limit}
		if tc.query != "" {
			q, err := search.Parse(tc.query)
			if err != nil {
				t.Fatal(err)
			}
			f.Query = q
		}
		res, err := s.Quotes(ctx, f)
		if err != nil {
			t.Errorf("Quotes(%q, %q): %v", tc.speaker, tc.query, err)
			continue
		}
		var got []string
		for _, h := range res.Quotes {
			got = append(got, quoted[h.Text])
		}
		total := tc.total
		if total == 0 {
			total = len(tc.want)
		}
		if !slices.Equal(got, tc.want) || res.Total != total || res.Offset != tc.offset {
			t.Errorf("Quotes(%q, %q, %d, %d) = %v (total %d, offset %d), want %v (total %d)",
				tc.speaker, tc.query, tc.offset, tc.limit, got, res.Total, res.Offset, tc.want, total)
		}
		if res.Quotes == nil {
			t.Errorf("Quotes(%q, %q): nil quotes, want an empty list", tc.speaker, tc.query)
		}
		if tc.speaker != "" && (len(res.Resolved) == 0 || res.Resolved[0].Field != "speaker" || res.Resolved[0].Value != tc.speaker) {
			t.Errorf("Quotes(%q, %q): resolved %+v; want the speaker first", tc.speaker, tc.query, printable(res.Resolved))
		}
	}

	res, err := s.Quotes(ctx, store.QuoteFilter{Speaker: "عادل الجبير"})
	if err != nil {
		t.Fatal(err)
	}
	want := []search.Resolution{{Field: "speaker", Value: "عادل الجبير", Entity: jubeir, Via: "kb_alias", Also: []string{"PER:عادل الجبير"}}}
	if !reflect.DeepEqual(res.Resolved, want) {
		t.Errorf("speaker resolved\n%+v\nwant\n%+v", printable(res.Resolved), printable(want))
	}
	sp := store.QuoteSpeaker{Key: "kb:per:adel-al-jubeir", Type: "PER", Name: "عادل بن أحمد الجبير"}
	text := quotesFixture[0].title + "\n\n" + quotesFixture[0].body
	start, end := find(text, "المملكة ترفض تدخل إيران في شؤون المنطقة", 0)
	first := store.QuoteHit{Text: "المملكة ترفض تدخل إيران في شؤون المنطقة", Start: start, End: end, Cue: "قال", Direct: true,
		Speaker: &sp, Speakers: []store.QuoteSpeaker{sp},
		Article: store.QuoteArticle{ID: l.ids["jubeir-iran"], Title: quotesFixture[0].title, URL: quotesFixture[0].url,
			Published: "2016-01-10", Source: "spa"}}
	if len(res.Quotes) != 4 || !reflect.DeepEqual(res.Quotes[0], first) {
		t.Fatalf("first quote of عادل الجبير =\n%+v\nwant\n%+v", res.Quotes, first)
	}
	attiyah := store.QuoteSpeaker{Key: "PER:خالد العطيه", Type: "PER", Name: "خالد العطية"}
	if j := res.Quotes[2]; !reflect.DeepEqual(j.Speakers, []store.QuoteSpeaker{sp, attiyah}) || j.Article.Published != "2015-12-01" {
		t.Errorf("joint statement: speakers %+v, published %q", j.Speakers, j.Article.Published)
	}
	if u := res.Quotes[3]; u.Speaker == nil || u.Speaker.Key != "PER:عادل الجبير" || u.Article.Published != "" || u.Article.ID != l.ids["undated"] {
		t.Errorf("undated quote: %+v", u)
	}

	res, err = s.Quotes(ctx, store.QuoteFilter{Speaker: "الأمم المتحدة"})
	if err != nil || len(res.Quotes) != 1 {
		t.Fatalf("Quotes(الأمم المتحدة) = %+v, %v", res, err)
	}
	un := store.QuoteSpeaker{Key: "ORG:الامم المتحده", Type: "ORG", Name: "الأمم المتحدة"}
	if a := res.Quotes[0]; a.Speaker != nil || !reflect.DeepEqual(a.Speakers, []store.QuoteSpeaker{un}) ||
		a.SpeakerText != "مسؤولين في الأمم المتحدة" || a.Source != "وكالة رويترز" || a.Article.Source != "okaz" {
		t.Errorf("quote of an unnamed speaker: %+v", a)
	}

	res, err = s.Quotes(ctx, store.QuoteFilter{Speaker: "لا أحد هنا"})
	if err != nil || res.Total != 0 || len(res.Resolved) != 1 || res.Resolved[0].Entity != nil || res.Resolved[0].Note == "" {
		t.Errorf("Quotes(unknown speaker) = %+v, %v; want none and a note", res, err)
	}
	// Words that all fall away give an error, as a search does, unless
	// something else selects the quotes.
	q, err := search.Parse("في من")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Quotes(ctx, store.QuoteFilter{Query: q}); !errors.Is(err, search.ErrEmptyQuery) {
		t.Errorf("Quotes(stop words) error = %v, want ErrEmptyQuery", err)
	}
	if res, err := s.Quotes(ctx, store.QuoteFilter{Query: q, Speaker: "خالد العطية"}); err != nil || res.Total != 1 {
		t.Errorf("Quotes(stop words, a speaker) = %+v, %v; want the speaker's quote", res, err)
	}
	long := search.Query{Text: &search.Phrase{Words: strings.Fields(strings.Repeat("كلمة ", search.MaxNodes+1))}}
	if _, err := s.Quotes(ctx, store.QuoteFilter{Query: long}); !errors.Is(err, search.ErrQueryTooLong) {
		t.Errorf("Quotes(a query too long) error = %v, want ErrQueryTooLong", err)
	}
}

// QuoteDocs returns the documents of the quote suite: quotes by a
// speaker linked to the knowledge base and by one stored under the same
// name unlinked, a joint statement, an unnamed speaker reported through
// an agency, and a document mentioning the speaker without a quote. For
// backends' upgrade tests, with QuoteAnswers.
func QuoteDocs() []store.Document {
	docs := make([]store.Document, len(quotesFixture))
	for i, f := range quotesFixture {
		docs[i] = f.build()
	}
	return docs
}

// QuoteAnswers returns, as JSON, what s answers to quote searches and
// said: searches over QuoteDocs, so that a store can be compared before
// and after a schema upgrade.
func QuoteAnswers(tb testing.TB, s store.Store) []string {
	tb.Helper()
	ctx := context.Background()
	var out []string
	for _, sp := range []string{"", "عادل الجبير", "خالد العطية", "الأمم المتحدة", "kb:per:adel-al-jubeir"} {
		res, err := s.Quotes(ctx, store.QuoteFilter{Speaker: sp})
		if err != nil {
			tb.Fatalf("Quotes(%s): %v", sp, err)
		}
		js, _ := json.Marshal(res)
		out = append(out, string(js))
	}
	for _, query := range []string{`said:"عادل الجبير"`, `said:"خالد العطية"`, `said:"الأمم المتحدة"`, `إيران said:الجبير`} {
		q, err := search.Parse(query)
		if err != nil {
			tb.Fatal(err)
		}
		res, err := s.Search(ctx, search.Request{Query: q, Facets: 3})
		if err != nil {
			tb.Fatalf("Search(%s): %v", query, err)
		}
		js, _ := json.Marshal(res)
		out = append(out, string(js))
	}
	return out
}
