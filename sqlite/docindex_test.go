package sqlite

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// The indexed search (docIndex + khabar_bm25) must give exactly what the
// SQL path (searchSQL, FTS5's bm25 and joins) gives: same totals, hits,
// order, snippets, copies and facets, scores equal to rounding. These
// tests compare them on a generated corpus with entities, places,
// sources, dates, events and near-duplicate reprints.

// corpusWords are the words of generated texts: inflected and clitic
// forms, hamza variants, and words shared by many documents.
var corpusWords = strings.Fields(`اجتماع الاجتماعات اجتماعا واجتماع وزير الوزراء وزراء الخارجية خارجية
	الأطلسي الاطلسي النفط والنفط أسعار اسعار الاقتصاد اقتصادية الاقتصادي الطاقة الرياض بالرياض
	السعودية المملكة العربية اليمن الحوثي صالح إيران ايران الاتفاق النووي الأسهم السوق الحج
	مكة الملك سلمان مجلس الشورى الإرهاب داعش سوريا العراق مصر القاهرة قطر الكويت الخليج
	المنتخب الدوري مباراة الهلال النصر أمطار الشرطة خبر عاجل اليوم أمس قال أكد`)

var corpusEntities = []khabar.Entity{
	{ID: "p1", Type: "PER", Name: "سلمان بن عبدالعزيز", KB: &khabar.KBRef{ID: "Q1", Name: "سلمان بن عبدالعزيز"}},
	{ID: "p2", Type: "PER", Name: "محمد"},
	{ID: "p3", Type: "PER", Name: "المالكي"},
	{ID: "o1", Type: "ORG", Name: "أوبك", KB: &khabar.KBRef{ID: "OPEC", Name: "أوبك"}},
	{ID: "o2", Type: "ORG", Name: "حلف شمال الأطلسي"},
	{ID: "o3", Type: "ORG", Name: "مجلس الشورى"},
	{ID: "l1", Type: "LOC", Name: "الرياض", KB: &khabar.KBRef{ID: "RUH", Name: "الرياض", Country: "SA"}},
	{ID: "l2", Type: "LOC", Name: "قطر", KB: &khabar.KBRef{ID: "QA", Name: "قطر", Country: "QA"}},
	{ID: "l3", Type: "LOC", Name: "القاهرة"},
	{ID: "l4", Type: "LOC", Name: "اليمن"},
	{ID: "m1", Type: "MISC", Name: "دولار"},
}

var (
	corpusSources = []string{"qna", "QNA", "spa", "wam", "aawsat", ""}
	corpusPlaces  = []string{"", "", "الرياض", "جدة", "القاهرة", "الدوحة"}
	corpusTypes   = []string{"CONSULT", "PROTEST", "AGREE", "FIGHT"}
)

// generatedCorpus returns n documents made from seed; about one in six
// reprints an earlier one with a word added (a near-duplicate).
func generatedCorpus(seed uint64, prefix string, n int) []store.Document {
	r := rand.New(rand.NewPCG(seed, 7))
	docs := make([]store.Document, 0, n)
	for i := range n {
		var text, title string
		if i > 3 && r.IntN(6) == 0 {
			prev := docs[r.IntN(len(docs))].Analysis
			title, text = prev.Title.Text, prev.Text+" "+corpusWords[r.IntN(len(corpusWords))]
		} else {
			title = words(r, 3+r.IntN(4))
			text = title + "\n\n" + words(r, 40+r.IntN(60))
		}
		a := &khabar.Analysis{Schema: khabar.Schema, Text: text, Title: &khabar.Span{Text: title, End: utf8.RuneCountInString(title)}}
		if r.IntN(8) != 0 {
			a.Published = time.Date(2015+r.IntN(9), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		}
		if p := corpusPlaces[r.IntN(len(corpusPlaces))]; p != "" {
			a.Dateline = &khabar.Dateline{Place: p}
		}
		for _, e := range corpusEntities {
			if r.IntN(3) == 0 {
				e.Mentions = []khabar.Mention{{Text: e.Name, Start: 0, End: 1}}
				a.Entities = append(a.Entities, e)
			}
		}
		if r.IntN(3) == 0 {
			a.Events = append(a.Events, khabar.Event{Type: corpusTypes[r.IntN(len(corpusTypes))], Start: 0, End: 2})
		}
		docs = append(docs, store.Document{URL: fmt.Sprintf("https://example.test/%s/%d", prefix, i),
			Source: corpusSources[r.IntN(len(corpusSources))], Analysis: a})
	}
	return docs
}

func words(r *rand.Rand, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = corpusWords[r.IntN(len(corpusWords))]
	}
	return strings.Join(w, " ")
}

// corpusQueries exercise every part of the query language.
var corpusQueries = []string{
	`اجتماع`, `الاجتماعات`, `الاطلسي`, `"الاجتماعات"`, `"وزير الخارجية"`, `"الخارجية وزير"`,
	`اجتماع -الرياض`, `اجتماع -"اسعار النفط"`, `-الرياض -قطر`, `-النفط`, `النفط OR الطاقة`,
	`النفط OR "أسعار النفط" الاقتصاد`, `اقتصا*`, `-كلمةغيرموجودة`, `الحوثي صالح`, `وزير الخارجية -إيران`,
	`source:qna`, `source:QNA النفط`, `source:spa source:wam`, `entity:محمد`, `entity:OPEC`,
	`entity:Q1 اجتماع`, `entity:"حلف شمال الاطلسي"`, `place:الرياض`, `place:القاهرة النفط`, `place:المالكي`,
	`type:consult`, `type:protest type:agree النفط`, `from:2020`, `to:2016-06`, `from:2017-03-05 to:2019-12-31 اجتماع`,
	`entity:قطر entity:اليمن`, `كلمةغيرموجودة`, `النفط كلمةغيرموجودة`, `كلمةغيرموجودة OR النفط`,
}

func corpusRequests(q search.Query) []search.Request {
	now := time.Date(2023, 6, 1, 12, 0, 0, 0, time.UTC)
	return []search.Request{
		{Query: q},
		{Query: q, Facets: 5},
		{Query: q, Facets: 200, Limit: 1000},
		{Query: q, ShowCopies: true, Facets: 3, Limit: 7, Offset: 3},
		{Query: q, Offset: 25, Limit: 5, Facets: 2},
		{Query: q, Recency: 90 * 24 * time.Hour, Now: now, Facets: 4},
	}
}

func openCorpus(t testing.TB, docs []store.Document) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "c.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if len(docs) > 0 {
		if _, err := db.Put(context.Background(), docs); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// compareSearch runs req both ways and reports a difference.
func compareSearch(t testing.TB, db *DB, query string, req search.Request) {
	t.Helper()
	ctx := context.Background()
	got, err := db.Search(ctx, req)
	if err != nil {
		t.Fatalf("%s: indexed search: %v", query, err)
	}
	pos, neg := db.translate(req.Query.Text)
	want, err := db.searchSQL(ctx, req, pos, neg)
	if err != nil {
		t.Fatalf("%s: SQL search: %v", query, err)
	}
	for i := range min(len(got.Hits), len(want.Hits)) {
		g, w := got.Hits[i].Score, want.Hits[i].Score
		if math.Abs(g-w) <= 1e-9*math.Max(1, math.Abs(w)) {
			got.Hits[i].Score = w
		}
	}
	gj, _ := json.Marshal(got)
	wj, _ := json.Marshal(want)
	if string(gj) != string(wj) {
		t.Errorf("%s %+v:\nindexed %s\nSQL     %s", query, reqOptions(req), gj, wj)
	}
}

func reqOptions(r search.Request) string {
	return fmt.Sprintf("offset %d limit %d facets %d copies %v recency %v", r.Offset, r.Limit, r.Facets, r.ShowCopies, r.Recency)
}

func TestIndexedSearchMatchesSQL(t *testing.T) {
	db := openCorpus(t, generatedCorpus(1, "a", 300))
	for _, qs := range corpusQueries {
		q, err := search.Parse(qs)
		if err != nil {
			t.Fatalf("%s: %v", qs, err)
		}
		for _, req := range corpusRequests(q) {
			compareSearch(t, db, qs, req)
		}
	}
	// The corpus must exercise what is compared.
	q, _ := search.Parse(`-كلمةغيرموجودة`)
	res, err := db.Search(context.Background(), search.Request{Query: q, Facets: 3, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var copies int
	for _, h := range res.Hits {
		copies += h.Copies
	}
	if copies == 0 || len(res.Facets.Entities) == 0 || len(res.Facets.Places) == 0 ||
		len(res.Facets.Sources) == 0 || len(res.Facets.Months) == 0 {
		t.Errorf("the corpus does not exercise copies and facets: %+v", res)
	}
}

func TestIndexRefresh(t *testing.T) {
	ctx := context.Background()
	db := openCorpus(t, generatedCorpus(2, "a", 120))
	queries := []string{`النفط`, `اجتماع OR النفط -الرياض`, `entity:محمد`, `place:الرياض from:2018`, `source:qna OR`}
	check := func() {
		t.Helper()
		for _, qs := range queries {
			q, err := search.Parse(qs)
			if err != nil {
				t.Fatal(err)
			}
			compareSearch(t, db, qs, search.Request{Query: q, Facets: 20})
		}
	}
	check()
	loaded := db.ix.maxDoc
	if loaded == 0 {
		t.Fatal("the first search loaded nothing")
	}
	// New documents, one of which renames an entity: Put keeps the
	// longest spelling of an entity's name.
	if _, err := db.Put(ctx, generatedCorpus(3, "b", 80)); err != nil {
		t.Fatal(err)
	}
	longer := "مُحَمَّد" // normalizes like محمد
	rename := store.Document{URL: "https://example.test/rename", Analysis: &khabar.Analysis{Schema: khabar.Schema,
		Text: "قال مُحَمَّد اليوم إن الاجتماع انتهى", Entities: []khabar.Entity{{ID: "px", Type: "PER", Name: longer,
			Mentions: []khabar.Mention{{Text: longer, Start: 4, End: 12}}}}}}
	if _, err := db.Put(ctx, []store.Document{rename}); err != nil {
		t.Fatal(err)
	}
	check()
	if db.ix.maxDoc <= loaded {
		t.Errorf("index at row %d after new documents; was %d", db.ix.maxDoc, loaded)
	}
	q, _ := search.Parse(`entity:محمد`)
	res, err := db.Search(ctx, search.Request{Query: q, Facets: 50})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, v := range res.Facets.Entities {
		names = append(names, v.Value)
	}
	if !strings.Contains(strings.Join(names, "|"), longer) {
		t.Errorf("renamed entity not in facets: %v", names)
	}
}

// searchWhileStoring runs each query rounds times in a goroutine of its
// own, with facets, while batches are stored; a search must not fail
// and, as documents are only added, a query's total must never go down.
func searchWhileStoring(t *testing.T, db *DB, queries []search.Query, rounds, facets int, batches [][]store.Document) {
	t.Helper()
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, len(queries))
	for i, q := range queries {
		wg.Add(1)
		go func() {
			defer wg.Done()
			last := 0
			for range rounds {
				res, err := db.Search(ctx, search.Request{Query: q, ShowCopies: true, Facets: facets})
				if err != nil {
					errs <- err
					return
				}
				if res.Total < last {
					errs <- fmt.Errorf("query %d: total went down from %d to %d", i, last, res.Total)
					return
				}
				last = res.Total
			}
		}()
	}
	for _, b := range batches {
		if _, err := db.Put(ctx, b); err != nil {
			t.Error(err)
			break
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestIndexConcurrent searches while documents are stored; every search
// must see a consistent snapshot, and the index must end up complete.
func TestIndexConcurrent(t *testing.T) {
	ctx := context.Background()
	db := openCorpus(t, generatedCorpus(4, "a", 50))
	batches := [][]store.Document{generatedCorpus(5, "b", 40), generatedCorpus(6, "c", 40), generatedCorpus(7, "d", 40)}
	q, _ := search.Parse(`-كلمةغيرموجودة`)
	searchWhileStoring(t, db, []search.Query{q, q, q}, 15, 3, batches)
	compareSearch(t, db, `-كلمةغيرموجودة`, search.Request{Query: q, Facets: 10, Limit: 1000})
	st, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var present int
	for id := range db.ix.docs {
		if db.ix.present(int64(id)) {
			present++
		}
	}
	if present != st.Documents {
		t.Errorf("index holds %d documents, store %d", present, st.Documents)
	}
}

func TestNoSearchIndex(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "n.db"), Options{NoSearchIndex: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Put(ctx, generatedCorpus(8, "a", 20)); err != nil {
		t.Fatal(err)
	}
	if err := db.Warm(ctx); err != nil {
		t.Fatal(err)
	}
	q, _ := search.Parse(`-كلمةغيرموجودة`)
	res, err := db.Search(ctx, search.Request{Query: q, Facets: 2})
	if err != nil || res.Total == 0 || res.Facets == nil {
		t.Fatalf("search without index: %+v, %v", res, err)
	}
	if db.ix != nil {
		t.Error("an index was made")
	}
}

// FuzzIndexedSearch compares the two search paths on arbitrary queries.
func FuzzIndexedSearch(f *testing.F) {
	for _, q := range corpusQueries {
		f.Add(q)
	}
	f.Add(`"" OR -* "a""b" (x) AND NOT`)
	db := openCorpus(f, generatedCorpus(9, "a", 60))
	f.Fuzz(func(t *testing.T, qs string) {
		q, err := search.Parse(qs)
		if err != nil {
			return
		}
		req := search.Request{Query: q, Facets: 3, Limit: 5}
		_, err = db.Search(context.Background(), req)
		if errors.Is(err, search.ErrEmptyQuery) || errors.Is(err, search.ErrQueryTooLong) {
			return
		}
		if err != nil {
			t.Fatalf("%q: %v", qs, err)
		}
		compareSearch(t, db, qs, req)
	})
}

// BenchmarkSearchPaths compares the indexed search with the SQL path on
// the generated corpus (2,000 documents), with facets.
func BenchmarkSearchPaths(b *testing.B) {
	db := openCorpus(b, generatedCorpus(12, "a", 2000))
	ctx := context.Background()
	var reqs []search.Request
	for _, qs := range corpusQueries {
		q, err := search.Parse(qs)
		if err != nil {
			b.Fatal(err)
		}
		reqs = append(reqs, search.Request{Query: q, Facets: 5})
	}
	if err := db.Warm(ctx); err != nil {
		b.Fatal(err)
	}
	b.Run("indexed", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := db.Search(ctx, reqs[i%len(reqs)]); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "queries/s")
	})
	b.Run("sql", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			req := reqs[i%len(reqs)]
			pos, neg := db.translate(req.Query.Text)
			if _, err := db.searchSQL(ctx, req, pos, neg); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "queries/s")
	})
}

// BenchmarkIndexLoad measures loading the search index of 2,000
// generated documents.
func BenchmarkIndexLoad(b *testing.B) {
	db := openCorpus(b, generatedCorpus(13, "a", 2000))
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		db.ix = newDocIndex()
		if err := db.Warm(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(2000*b.N)/b.Elapsed().Seconds(), "docs/s")
}

// TestWarmEmptyStore warms and searches a store that holds no document,
// as `khabar serve` does on a fresh data directory.
func TestWarmEmptyStore(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "e.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Warm(ctx); err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"الرياض", "\"مجلس الوزراء\"", "الرياض OR جدة"} {
		q, err := search.Parse(text)
		if err != nil {
			t.Fatal(err)
		}
		res, err := db.Search(ctx, search.Request{Query: q, Limit: 10, Facets: 5})
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		if res.Total != 0 {
			t.Errorf("%s: %d results in an empty store", text, res.Total)
		}
	}
}
