// Package storetest is the conformance suite of store.Store: every
// backend's tests call Run, so that all backends behave the same way on
// identity, search semantics, facets, paging, entity, event and quote queries,
// concurrency and hostile queries.
package storetest

import (
	"context"
	"errors"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// Run runs the conformance suite. open must return a new, empty store
// for each call; Run closes it.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"PutGet", testPutGet},
		{"Idempotent", testIdempotent},
		{"Search", testSearch},
		{"Ranking", testRanking},
		{"Snippets", testSnippets},
		{"Facets", testFacets},
		{"Paging", testPaging},
		{"Entity", testEntity},
		{"Events", testEvents},
		{"Concurrent", testConcurrent},
		{"BadQueries", testBadQueries},
		{"Closed", testClosed},
		{"NearDuplicates", testNearDuplicates},
		{"EntityNames", testEntityNames},
		{"Order", testOrder},
		{"Operators", testOperators},
		{"QueryErrors", testQueryErrors},
		{"Said", testSaid},
		{"Quotes", testQuotes},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			defer s.Close()
			tc.fn(t, s)
		})
	}
}

// loaded is a store holding the fixture, with the IDs by fixture name.
type loaded struct {
	s     store.Store
	ids   map[string]string // fixture name → ID
	names map[string]string // ID → fixture name
}

func load(t *testing.T, s store.Store) *loaded {
	t.Helper()
	docs := make([]store.Document, len(fixture))
	for i, f := range fixture {
		docs[i] = f.build()
	}
	res, err := s.Put(context.Background(), docs)
	if err != nil {
		t.Fatalf("Put fixture: %v", err)
	}
	l := &loaded{s: s, ids: map[string]string{}, names: map[string]string{}}
	for i, r := range res {
		if r.Status != store.Stored {
			t.Fatalf("Put fixture %s: status %v, want stored", fixture[i].name, r.Status)
		}
		l.ids[fixture[i].name] = r.ID
		l.names[r.ID] = fixture[i].name
	}
	return l
}

// search parses query, runs it and returns the hit names (in rank order).
func (l *loaded) search(t *testing.T, query string, req search.Request) ([]string, *search.Result) {
	t.Helper()
	q, err := search.Parse(query)
	if err != nil {
		t.Fatalf("Parse(%q): %v", query, err)
	}
	req.Query = q
	if req.Limit == 0 {
		req.Limit = 100
	}
	res, err := l.s.Search(context.Background(), req)
	if err != nil {
		t.Fatalf("Search(%q): %v", query, err)
	}
	var names []string
	for _, h := range res.Hits {
		names = append(names, l.names[h.ID])
	}
	return names, res
}

func testPutGet(t *testing.T, s store.Store) {
	ctx := context.Background()
	l := load(t, s)
	for _, f := range fixture {
		want := f.build()
		r, err := s.Get(ctx, l.ids[f.name])
		if err != nil {
			t.Fatalf("Get(%s): %v", f.name, err)
		}
		if r.URL != f.url || r.Source != f.source || r.Published != f.published || r.Title != f.title {
			t.Errorf("Get(%s) = url %q source %q published %q title %q; want %q %q %q %q",
				f.name, r.URL, r.Source, r.Published, r.Title, f.url, f.source, f.published, f.title)
		}
		if r.Analysis == nil || r.Analysis.Text != want.Analysis.Text {
			t.Fatalf("Get(%s): analysis text does not round-trip", f.name)
		}
		if len(r.Analysis.Entities) != len(want.Analysis.Entities) || len(r.Analysis.Events) != len(want.Analysis.Events) ||
			len(r.Analysis.Quotes) != len(want.Analysis.Quotes) {
			t.Errorf("Get(%s): annotations do not round-trip", f.name)
		}
		if r.Hash != store.ContentHash(want.Analysis.Text) {
			t.Errorf("Get(%s): hash %q, want %q", f.name, r.Hash, store.ContentHash(want.Analysis.Text))
		}
		id, err := s.Lookup(ctx, f.url)
		if err != nil || id != l.ids[f.name] {
			t.Errorf("Lookup(%s) = %q, %v; want %q", f.url, id, err, l.ids[f.name])
		}
	}
	if _, err := s.Get(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Get(unknown) error = %v, want ErrNotFound", err)
	}
	if _, err := s.Lookup(ctx, "https://example.test/none"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Lookup(unknown) error = %v, want ErrNotFound", err)
	}
	if _, err := s.Put(ctx, []store.Document{{URL: "x"}}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("Put(no analysis) error = %v, want ErrInvalid", err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != len(fixture) || st.Events != 3 || st.Quotes != 1 || st.Entities != 7 {
		t.Errorf("Stats = %+v; want %d documents, 3 events, 1 quote, 7 entities", st, len(fixture))
	}
}

func testIdempotent(t *testing.T, s store.Store) {
	ctx := context.Background()
	l := load(t, s)
	again := make([]store.Document, len(fixture))
	for i, f := range fixture {
		again[i] = f.build()
	}
	res, err := s.Put(ctx, again)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if r.Status != store.DuplicateURL || r.ID != l.ids[fixture[i].name] {
			t.Errorf("re-put %s = %v %s; want duplicate-url %s", fixture[i].name, r.Status, r.ID, l.ids[fixture[i].name])
		}
	}
	// Same text (modulo white space and diacritics) under a new URL.
	copyDoc := fixture[0].build()
	copyDoc.URL = "https://mirror.test/copy"
	copyDoc.Analysis.URL = copyDoc.URL
	copyDoc.Analysis.Text = "  " + copyDoc.Analysis.Text + "\n"
	// Two new documents that are the same within one batch.
	batch := Generated("dup", 1)
	twin := Generated("dup", 1)[0]
	twin.URL = "https://example.test/twin"
	batch = append(batch, twin, copyDoc)
	res, err = s.Put(ctx, batch)
	if err != nil {
		t.Fatal(err)
	}
	want := []store.Status{store.Stored, store.DuplicateContent, store.DuplicateContent}
	for i, r := range res {
		if r.Status != want[i] {
			t.Errorf("batch[%d] status %v, want %v", i, r.Status, want[i])
		}
	}
	if res[1].ID != res[0].ID || res[2].ID != l.ids["nato"] {
		t.Errorf("duplicates point at %s and %s; want %s and %s", res[1].ID, res[2].ID, res[0].ID, l.ids["nato"])
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != len(fixture)+1 {
		t.Errorf("Stats.Documents = %d, want %d", st.Documents, len(fixture)+1)
	}
}

func testSearch(t *testing.T, s store.Store) {
	l := load(t, s)
	tests := []struct {
		query string
		want  []string
	}{
		{`اجتماع`, []string{"nato", "riyadh"}},                                // الاجتماعات, اجتماعا
		{`الاجتماعات`, []string{"nato", "riyadh"}},                            // inflected query
		{`الاطلسي`, []string{"nato"}},                                         // hamza variant
		{`وبالاقتصاد`, []string{"riyadh"}},                                    // clitics
		{`"الاجتماعات"`, []string{"riyadh"}},                                  // exact
		{`"حلف شمال الاطلسي"`, []string{"nato"}},                              // exact phrase, hamza folded
		{`"شمال حلف"`, nil},                                                   // word order
		{`اجتماع -الرياض`, []string{"nato"}},                                  // exclusion
		{`اجتماع -"الاجتماعات الوزارية"`, []string{"nato"}},                   // excluded phrase
		{`-الرياض -قطر`, []string{"cairo", "elections-old", "elections-new"}}, // only exclusions
		{`القاهرة OR الكويت`, []string{"qatar-kuwait", "cairo"}},
		{`القاهرة | الكويت مظاهرات`, []string{"cairo"}},
		{`اجتما*`, []string{"nato", "riyadh"}},
		{`source:qna`, []string{"nato", "qatar-kuwait"}},
		{`source:QNA اتفاقية`, []string{"qatar-kuwait"}},
		{`entity:قطر`, []string{"nato", "qatar-kuwait"}},
		{`entity:NATO`, []string{"nato"}},
		{`entity:"حلف شمال الاطلسي"`, []string{"nato"}},
		{`place:بروكسل`, []string{"nato"}},
		{`place:الرياض`, []string{"riyadh"}},
		{`place:المالكي`, nil}, // a person is not a place
		{`type:protest`, []string{"cairo"}},
		{`from:2023`, []string{"nato", "cairo", "elections-new"}},
		{`to:2015-07`, []string{"riyadh", "elections-old"}},
		{`from:2015-07-21 to:2015-08-01`, []string{"riyadh", "qatar-kuwait"}},
		{`الانتخابات from:2020`, []string{"elections-new"}},
		{`entity:قطر entity:الرياض`, []string{"nato", "qatar-kuwait", "riyadh"}},
		{`كلمةغيرموجودة`, nil},
	}
	for _, tc := range tests {
		got, res := l.search(t, tc.query, search.Request{})
		if !sameSet(got, tc.want) {
			t.Errorf("%s → %v, want %v", tc.query, got, tc.want)
		}
		if res.Total != len(tc.want) {
			t.Errorf("%s: Total %d, want %d", tc.query, res.Total, len(tc.want))
		}
	}
}

func testRanking(t *testing.T, s store.Store) {
	l := load(t, s)
	got, res := l.search(t, `الانتخابات`, search.Request{})
	if !slices.Equal(got, []string{"elections-old", "elections-new"}) {
		t.Errorf("BM25 order %v, want elections-old (two occurrences and title) first", got)
	}
	for i := 1; i < len(res.Hits); i++ {
		if res.Hits[i].Score > res.Hits[i-1].Score {
			t.Errorf("scores not descending: %v", res.Hits)
		}
	}
	now, _, err := search.ParseDate("2023-09-02")
	if err != nil {
		t.Fatal(err)
	}
	got, _ = l.search(t, `الانتخابات`, search.Request{Recency: 30 * 24 * time.Hour, Now: now})
	if !slices.Equal(got, []string{"elections-new", "elections-old"}) {
		t.Errorf("recency order %v, want elections-new first", got)
	}
}

func testSnippets(t *testing.T, s store.Store) {
	l := load(t, s)
	for _, query := range []string{`اجتماع`, `"الاجتماعات"`} {
		_, res := l.search(t, query+` place:الرياض`, search.Request{})
		if len(res.Hits) != 1 {
			t.Fatalf("%s: %d hits, want 1", query, len(res.Hits))
		}
		sn := res.Hits[0].Snippet
		if len(sn.Highlights) == 0 {
			t.Fatalf("%s: snippet %q has no highlight", query, sn.Text)
		}
		runes := []rune(sn.Text)
		for _, h := range sn.Highlights {
			if h[0] < 0 || h[1] > len(runes) || h[0] >= h[1] {
				t.Fatalf("%s: highlight %v out of snippet %q", query, h, sn.Text)
			}
			if w := string(runes[h[0]:h[1]]); w != "الاجتماعات" {
				t.Errorf("%s: highlight %q, want the original word الاجتماعات", query, w)
			}
		}
	}
}

func testFacets(t *testing.T, s store.Store) {
	l := load(t, s)
	_, res := l.search(t, `from:2015 to:2023-12-31`, search.Request{Facets: 10})
	f := res.Facets
	if f == nil {
		t.Fatal("no facets")
	}
	if v := facet(f.Sources, "qna"); v != 1 || facet(f.Sources, "QNA") != 1 || facet(f.Sources, "aawsat") != 1 {
		t.Errorf("sources facet %v", f.Sources)
	}
	if v := facet(f.Places, "قطر"); v != 2 {
		t.Errorf("places facet قطر = %d, want 2 (%v)", v, f.Places)
	}
	if v := facet(f.Entities, "المالكي"); v != 1 {
		t.Errorf("entities facet المالكي = %d, want 1 (%v)", v, f.Entities)
	}
	if facet(f.Entities, "قطر") != 0 {
		t.Errorf("a place in the entities facet: %v", f.Entities)
	}
	if v := facet(f.Months, "2023-09"); v != 2 || facet(f.Months, "2015-07") != 1 {
		t.Errorf("months facet %v", f.Months)
	}
	_, res = l.search(t, `اجتماع`, search.Request{Facets: 1})
	if len(res.Facets.Months) != 1 {
		t.Errorf("Facets: 1 gave %d months", len(res.Facets.Months))
	}
	_, res = l.search(t, `اجتماع`, search.Request{})
	if res.Facets != nil {
		t.Errorf("facets without asking: %+v", res.Facets)
	}
}

func facet(vs []search.FacetValue, v string) int {
	for _, x := range vs {
		if x.Value == v {
			return x.Count
		}
	}
	return 0
}

func testPaging(t *testing.T, s store.Store) {
	ctx := context.Background()
	if _, err := s.Put(ctx, Generated("page", 23)); err != nil {
		t.Fatal(err)
	}
	q, err := search.Parse("خبر")
	if err != nil {
		t.Fatal(err)
	}
	all, err := s.Search(ctx, search.Request{Query: q, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if all.Total != 23 || len(all.Hits) != 23 {
		t.Fatalf("Total %d, %d hits; want 23", all.Total, len(all.Hits))
	}
	var paged []string
	for off := 0; off < 30; off += 5 {
		res, err := s.Search(ctx, search.Request{Query: q, Offset: off, Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 23 || res.Offset != off {
			t.Errorf("page at %d: Total %d Offset %d", off, res.Total, res.Offset)
		}
		for _, h := range res.Hits {
			paged = append(paged, h.ID)
		}
	}
	var want []string
	for _, h := range all.Hits {
		want = append(want, h.ID)
	}
	if !slices.Equal(paged, want) {
		t.Errorf("pages do not add up to the full list:\n%v\n%v", paged, want)
	}
	res, err := s.Search(ctx, search.Request{Query: q, Offset: -4, Limit: 1 << 30})
	if err != nil || len(res.Hits) != 23 {
		t.Errorf("out-of-range paging: %v, %v", res, err)
	}
}

func testEntity(t *testing.T, s store.Store) {
	ctx := context.Background()
	load(t, s)
	for _, ref := range []string{"قطر", "QA", "kb:QA"} {
		p, err := s.Entity(ctx, ref, store.EntityOptions{})
		if err != nil {
			t.Fatalf("Entity(%s): %v", ref, err)
		}
		if p.Entity.Key != "kb:QA" || p.Entity.Documents != 2 || p.Entity.Mentions != 3 || p.Entity.Country != "QA" {
			t.Errorf("Entity(%s) = %+v", ref, p.Entity)
		}
		wantDays := []store.DayCount{{Day: "2023-09-13", Count: 1}, {Day: "2015-08-01", Count: 2}}
		if !slices.Equal(p.PerDay, wantDays) {
			t.Errorf("Entity(%s).PerDay = %v, want %v", ref, p.PerDay, wantDays)
		}
		var co []string
		for _, c := range p.CoOccurring {
			co = append(co, c.Entity.Name)
		}
		if !sameSet(co, []string{"حلف شمال الأطلسي", "بروكسل", "المالكي", "الكويت"}) {
			t.Errorf("Entity(%s).CoOccurring = %v", ref, co)
		}
	}
	p, err := s.Entity(ctx, "المالكي", store.EntityOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Quotes) != 1 || p.Quotes[0].Text != "نعتقد أن هذه الشراكة مهمة" || p.Quotes[0].Cue != "وأضاف" {
		t.Errorf("quotes of المالكي = %+v", p.Quotes)
	}
	if _, err := s.Entity(ctx, "لا أحد", store.EntityOptions{}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Entity(unknown) error = %v, want ErrNotFound", err)
	}
}

func testEvents(t *testing.T, s store.Store) {
	ctx := context.Background()
	l := load(t, s)
	from, _, _ := search.ParseDate("2015")
	_, to, _ := search.ParseDate("2015")
	tests := []struct {
		name string
		f    store.EventFilter
		want []string // fixture names of the events' documents, newest first
	}{
		{"all", store.EventFilter{}, []string{"nato", "cairo", "qatar-kuwait"}},
		{"type", store.EventFilter{Type: "agree"}, []string{"qatar-kuwait"}},
		{"actor", store.EventFilter{Actor: "قطر"}, []string{"nato", "qatar-kuwait"}},
		{"actor kb", store.EventFilter{Actor: "KW"}, []string{"qatar-kuwait"}},
		{"place", store.EventFilter{Place: "القاهرة"}, []string{"cairo"}},
		{"dates", store.EventFilter{From: from, To: to}, []string{"qatar-kuwait"}},
		{"unknown actor", store.EventFilter{Actor: "لا أحد"}, nil},
		{"limit", store.EventFilter{Limit: 1, Offset: 1}, []string{"cairo"}},
	}
	for _, tc := range tests {
		evs, err := s.Events(ctx, tc.f)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		var got []string
		for _, e := range evs {
			got = append(got, l.names[e.DocID])
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	evs, err := s.Events(ctx, store.EventFilter{Type: "AGREE"})
	if err != nil || len(evs) != 1 {
		t.Fatalf("AGREE: %v %v", evs, err)
	}
	e := evs[0]
	if e.Date != "2015-07-31" || !slices.Equal(e.Actors, []string{"kb:KW", "kb:QA"}) ||
		e.Evidence != "وقعت دولة قطر ودولة الكويت اليوم اتفاقية للتعاون التجاري." {
		t.Errorf("AGREE event = %+v", e)
	}
	evs, err = s.Events(ctx, store.EventFilter{Type: "PROTEST"})
	if err != nil || len(evs) != 1 || evs[0].Place != "kb:CAI" || evs[0].Date != "2023-01-05" {
		t.Errorf("PROTEST event = %+v, %v; want place kb:CAI, date from the document", evs, err)
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	sort.Strings(a)
	sort.Strings(b)
	return slices.Equal(a, b)
}
