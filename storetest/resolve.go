package storetest

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// namesFixture holds entities linked to entries of the embedded
// knowledge base (kb.Default) under names other than the ones searched,
// next to unlinked entities of the names searched, for the resolution
// of entity: and place: values.
var namesFixture = []fixtureDoc{
	{
		name: "isis-linked", url: "https://example.test/isis-1", source: "okaz", published: "2015-07-20",
		title: "هجوم يتبناه التنظيم",
		body:  "أعلن تنظيم داعش مسؤوليته عن الهجوم، وقال إن داعش سيواصل.",
		entities: []fixtureEntity{
			{id: "e1", typ: "ORG", name: "داعش", kb: "org:isis", kbName: "تنظيم الدولة الإسلامية", mentions: []string{"داعش", "داعش"}},
		},
	},
	{
		name: "isis-unlinked", url: "https://example.test/isis-2", source: "sabq", published: "2015-07-22",
		title: "خسائر التنظيم في العراق",
		body:  "قال مسؤول إن داعش يخسر مواقعه في العراق.",
		entities: []fixtureEntity{
			{id: "e1", typ: "ORG", name: "داعش", mentions: []string{"داعش"}},
		},
	},
	{
		name: "isis-undated", url: "https://example.test/isis-3", source: "sabq",
		title: "خبر بلا تاريخ",
		body:  "خبر عن داعش لا يحمل تاريخا.",
		entities: []fixtureEntity{
			{id: "e1", typ: "ORG", name: "داعش", mentions: []string{"داعش"}},
		},
	},
	{
		name: "salman-linked", url: "https://example.test/salman-1", source: "spa", published: "2015-07-25",
		title: "استقبال في جدة",
		body:  "استقبل سلمان بن عبدالعزيز ضيوفه في جدة.",
		entities: []fixtureEntity{
			{id: "e1", typ: "PER", name: "سلمان بن عبدالعزيز", kb: "per:salman-bin-abdulaziz", kbName: "سلمان بن عبدالعزيز آل سعود",
				country: "SA", mentions: []string{"سلمان بن عبدالعزيز"}},
			{id: "e2", typ: "LOC", name: "جدة", kb: "city:SA:jeddah", country: "SA", mentions: []string{"جدة"}},
		},
	},
	{
		name: "salman-unlinked", url: "https://example.test/salman-2", source: "alriyadh", published: "2015-07-23",
		title: "مكافأة للطلاب",
		body:  "وجه الملك سلمان بصرف مكافأة للطلاب.",
		entities: []fixtureEntity{
			{id: "e1", typ: "PER", name: "الملك سلمان", mentions: []string{"الملك سلمان"}},
		},
	},
	{
		name: "riyadh-dateline", url: "https://example.test/riyadh-2", source: "alyaum", published: "2015-07-24", dateline: "الرياض",
		title: "طقس حار",
		body:  "ارتفعت درجات الحرارة اليوم.",
	},
}

func loadNames(t *testing.T, s store.Store) *loaded {
	t.Helper()
	docs := make([]store.Document, len(namesFixture))
	for i, f := range namesFixture {
		docs[i] = f.build()
	}
	res, err := s.Put(context.Background(), docs)
	if err != nil {
		t.Fatalf("Put names fixture: %v", err)
	}
	l := &loaded{s: s, ids: map[string]string{}, names: map[string]string{}}
	for i, r := range res {
		if r.Status != store.Stored {
			t.Fatalf("Put names fixture %s: status %v, want stored", namesFixture[i].name, r.Status)
		}
		l.ids[namesFixture[i].name] = r.ID
		l.names[r.ID] = namesFixture[i].name
	}
	return l
}

// testEntityNames checks that entity: and place: values are resolved
// through the knowledge base and the stored names, that the result says
// which entity was meant, and that a filter-only result lists the
// newest documents first.
func testEntityNames(t *testing.T, s store.Store) {
	l := loadNames(t, s)
	isis := &search.ResolvedEntity{Key: "kb:org:isis", Type: "ORG", Name: "تنظيم الدولة الإسلامية", KBID: "org:isis", Documents: 1}
	salman := &search.ResolvedEntity{Key: "kb:per:salman-bin-abdulaziz", Type: "PER", Name: "سلمان بن عبدالعزيز آل سعود",
		KBID: "per:salman-bin-abdulaziz", Documents: 1}
	jeddah := &search.ResolvedEntity{Key: "kb:city:SA:jeddah", Type: "LOC", Name: "جدة", KBID: "city:SA:jeddah", Documents: 1}
	tests := []struct {
		query    string
		want     []string // in order
		resolved []search.Resolution
	}{
		{`entity:داعش`, []string{"isis-unlinked", "isis-linked", "isis-undated"},
			[]search.Resolution{{Field: "entity", Value: "داعش", Entity: isis, Via: "kb_alias", Also: []string{"ORG:داعش"}}}},
		{`entity:ISIS`, []string{"isis-linked"},
			[]search.Resolution{{Field: "entity", Value: "ISIS", Entity: isis, Via: "kb_acronym"}}},
		{`entity:kb:org:isis`, []string{"isis-linked"},
			[]search.Resolution{{Field: "entity", Value: "kb:org:isis", Entity: isis, Via: "key"}}},
		{`entity:org:isis`, []string{"isis-linked"},
			[]search.Resolution{{Field: "entity", Value: "org:isis", Entity: isis, Via: "kb_id"}}},
		{`entity:"تنظيم الدولة الإسلامية"`, []string{"isis-linked"},
			[]search.Resolution{{Field: "entity", Value: "تنظيم الدولة الإسلامية", Entity: isis, Via: "kb_name"}}},
		{`entity:"الملك سلمان"`, []string{"salman-linked", "salman-unlinked"},
			[]search.Resolution{{Field: "entity", Value: "الملك سلمان", Entity: salman, Via: "kb_alias", Also: []string{"PER:الملك سلمان"}}}},
		{`place:Jeddah`, []string{"salman-linked"},
			[]search.Resolution{{Field: "place", Value: "Jeddah", Entity: jeddah, Via: "kb_english"}}},
		{`place:Riyadh`, []string{"riyadh-dateline"}, // by the dateline, through the KB's Arabic name
			[]search.Resolution{{Field: "place", Value: "Riyadh", Note: `the knowledge base knows "Riyadh" as الرياض (city:SA:riyadh), ` +
				`but no stored document mentions it; only datelines naming it are matched`}}},
		{`entity:"حلف شمال الأطلسي"`, nil,
			[]search.Resolution{{Field: "entity", Value: "حلف شمال الأطلسي",
				Note: `the knowledge base knows "حلف شمال الأطلسي" as حلف شمال الأطلسي (org:nato), but no stored document mentions it`}}},
		{`entity:"لا أحد هنا"`, nil,
			[]search.Resolution{{Field: "entity", Value: "لا أحد هنا",
				Note: `no stored entity is named "لا أحد هنا", and the knowledge base does not know the name`}}},
		{`entity:ISIS entity:"الملك سلمان" place:Jeddah`, []string{"salman-linked"}, []search.Resolution{
			{Field: "entity", Value: "ISIS", Entity: isis, Via: "kb_acronym"},
			{Field: "entity", Value: "الملك سلمان", Entity: salman, Via: "kb_alias", Also: []string{"PER:الملك سلمان"}},
			{Field: "place", Value: "Jeddah", Entity: jeddah, Via: "kb_english"}}},
	}
	for _, tc := range tests {
		got, res := l.search(t, tc.query, search.Request{})
		if !slices.Equal(got, tc.want) || res.Total != len(tc.want) {
			t.Errorf("%s → %v (total %d), want %v", tc.query, got, res.Total, tc.want)
		}
		if res.Order != search.OrderNewest {
			t.Errorf("%s: order %q, want %q", tc.query, res.Order, search.OrderNewest)
		}
		if !reflect.DeepEqual(res.Resolved, tc.resolved) {
			t.Errorf("%s: resolved\n%+v\nwant\n%+v", tc.query, printable(res.Resolved), printable(tc.resolved))
		}
	}
	// An entity page and an event filter resolve names the same way.
	for ref, key := range map[string]string{"داعش": "kb:org:isis", "الملك سلمان": "kb:per:salman-bin-abdulaziz", "Jeddah": "kb:city:SA:jeddah"} {
		p, err := s.Entity(context.Background(), ref, store.EntityOptions{})
		if err != nil || p.Entity.Key != key {
			t.Errorf("Entity(%s) = %+v, %v; want %s", ref, p, err, key)
		}
	}
}

// printable dereferences the entities of rs for error messages.
func printable(rs []search.Resolution) []string {
	var out []string
	for _, r := range rs {
		s := r.Field + ":" + r.Value + " →"
		if r.Entity != nil {
			s += " " + r.Entity.Key + " " + r.Entity.Type + " " + r.Entity.Name + " " + r.Entity.KBID
		}
		out = append(out, s+" via "+r.Via+" also "+strings.Join(r.Also, ",")+" note "+r.Note)
	}
	return out
}

// testOrder checks the order of results: by relevance with words, the
// newest first with only filters or exclusions (whatever the recency).
func testOrder(t *testing.T, s store.Store) {
	l := load(t, s)
	now, _, err := search.ParseDate("2023-10-01")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query string
		req   search.Request
		order string
		want  []string
	}{
		{`from:2015`, search.Request{}, search.OrderNewest, []string{"nato", "elections-new", "cairo", "qatar-kuwait", "riyadh"}},
		{`from:2015`, search.Request{Recency: 30 * 24 * time.Hour, Now: now}, search.OrderNewest,
			[]string{"nato", "elections-new", "cairo", "qatar-kuwait", "riyadh"}},
		{`source:alwatan`, search.Request{}, search.OrderNewest, []string{"elections-new", "elections-old"}},
		{`-الاجتماعات -قطر`, search.Request{}, search.OrderNewest, []string{"elections-new", "cairo", "elections-old"}},
		{`الانتخابات`, search.Request{}, search.OrderRelevance, []string{"elections-old", "elections-new"}},
		{`الانتخابات source:alwatan`, search.Request{}, search.OrderRelevance, []string{"elections-old", "elections-new"}},
	}
	for _, tc := range tests {
		got, res := l.search(t, tc.query, tc.req)
		if !slices.Equal(got, tc.want) || res.Order != tc.order {
			t.Errorf("%s (recency %v) → %v, order %q; want %v, %q", tc.query, tc.req.Recency, got, res.Order, tc.want, tc.order)
		}
		if res.Order == search.OrderNewest {
			for i := 1; i < len(res.Hits); i++ {
				if res.Hits[i].Score > res.Hits[i-1].Score {
					t.Errorf("%s: scores rise along the newest-first order: %v", tc.query, res.Hits)
				}
			}
		}
	}
}

// testOperators checks AND as an operator: the same as writing nothing.
func testOperators(t *testing.T, s store.Store) {
	l := load(t, s)
	tests := []struct {
		query, same string
		want        []string
	}{
		{`اجتماع AND الرياض`, `اجتماع الرياض`, []string{"riyadh"}},
		{`القاهرة OR الكويت AND مظاهرات`, `القاهرة OR الكويت مظاهرات`, []string{"cairo"}},
		{`AND قطر AND`, `قطر`, []string{"nato", "qatar-kuwait"}},
	}
	for _, tc := range tests {
		got, res := l.search(t, tc.query, search.Request{})
		same, sameRes := l.search(t, tc.same, search.Request{})
		if !sameSet(got, tc.want) || !slices.Equal(got, same) || res.Total != sameRes.Total {
			t.Errorf("%s → %v, %s → %v; want %v for both", tc.query, got, tc.same, same, tc.want)
		}
	}
}

// testQueryErrors checks that queries a store cannot run are explained
// in the user's terms, without the backend's name.
func testQueryErrors(t *testing.T, s store.Store) {
	ctx := context.Background()
	load(t, s)
	stop, err := search.Parse(`في OR "من على"`)
	if err != nil {
		t.Fatal(err)
	}
	long := &search.Or{}
	for range search.MaxNodes {
		long.Nodes = append(long.Nodes, &search.Word{Text: "خبر"})
	}
	word, _ := search.Parse(`اجتماع`)
	tests := []struct {
		name string
		req  search.Request
		kind error
		want string
	}{
		{"stop words", search.Request{Query: stop}, search.ErrEmptyQuery,
			`nothing to search for: في is a word too common to be indexed; the phrase "من على" has only words too common to be indexed`},
		{"too many nodes", search.Request{Query: search.Query{Text: long}}, search.ErrQueryTooLong, "query too long"},
		{"negative recency", search.Request{Query: word, Recency: -time.Hour}, search.ErrBadRecency, "recency half-life"},
		{"absurd recency", search.Request{Query: word, Recency: search.MaxRecency + time.Hour}, search.ErrBadRecency, "recency half-life"},
	}
	// Hostile entity and place values are names like any other.
	for _, v := range []string{"\x00", "a\x00b", "\xff", "%", "_", "'", `"`, "kb:", ":", "ـــ", "\u064e", strings.Repeat("داعش ", 400)} {
		res, err := s.Search(ctx, search.Request{Query: search.Query{Entities: []string{v}, Places: []string{v}}})
		if err != nil || res.Total != 0 || len(res.Resolved) != 2 || res.Resolved[0].Entity != nil || res.Resolved[0].Note == "" {
			t.Errorf("entity: and place: %.20q: %+v, %v; want no hit and a note", v, res, err)
		}
	}
	for _, tc := range tests {
		_, err := s.Search(ctx, tc.req)
		var qe *search.QueryError
		if !errors.Is(err, tc.kind) || !errors.As(err, &qe) || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want a QueryError (%v) starting %q", tc.name, err, tc.kind, tc.want)
		}
	}
}
