package postgres_test

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/khabar/khabar/postgres"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
	"github.com/khabar/khabar/storetest"
)

// indexedAndSQL opens the database at url twice: with the search index
// and with SQL alone.
func indexedAndSQL(t *testing.T, url string) (ix, sql *postgres.DB) {
	t.Helper()
	ctx := context.Background()
	ix, err := postgres.Open(ctx, url, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	sql, err = postgres.Open(ctx, url, postgres.Options{NoSearchIndex: true, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sql.Close() })
	return ix, sql
}

// sameResult reports how a and b differ ("" when they do not): scores
// may differ in their last bits (a power computed in Go or in SQL).
func sameResult(a, b *search.Result) string {
	if len(a.Hits) != len(b.Hits) {
		return fmt.Sprintf("%d hits against %d", len(a.Hits), len(b.Hits))
	}
	for i := range a.Hits {
		x, y := a.Hits[i], b.Hits[i]
		if math.Abs(x.Score-y.Score) > 1e-9*math.Max(1, math.Abs(y.Score)) {
			return fmt.Sprintf("hit %d: score %v against %v", i, x.Score, y.Score)
		}
		x.Score = y.Score
		if !reflect.DeepEqual(x, y) {
			return fmt.Sprintf("hit %d:\n  %+v\nagainst\n  %+v", i, x, y)
		}
	}
	a2, b2 := *a, *b
	a2.Hits, b2.Hits = nil, nil
	if !reflect.DeepEqual(a2, b2) {
		return fmt.Sprintf("\n  %+v\nagainst\n  %+v", a2, b2)
	}
	return ""
}

// TestIndexedSearch runs every parity query, with several request
// options, through the search index and through SQL alone: the answers
// must be the same (hits, scores, copies, stories, facets, totals).
func TestIndexedSearch(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 400 articles")
	}
	ctx := context.Background()
	docs := storetest.SaudiDocs(t, 400)
	for i := 0; i < 400; i += 20 {
		docs = append(docs, storetest.Reprint(docs[i]))
	}
	url := newDB(t)
	ix, sql := indexedAndSQL(t, url)
	if _, err := ix.Put(ctx, docs[:300]); err != nil {
		t.Fatal(err)
	}
	queries := readQueries(t, filepath.Join("testdata", "parity-queries.txt"))
	queries = append(queries, "سعود*", `"المملكة العربية"`, "الرياض -جدة", "-الرياض", "source:sabq", "type:PROTEST",
		"from:2015-01-01 to:2015-06-30", "place:الرياض", "entity:السعودية الملك", "الملك OR الأمير -سلمان", "(الملك الأمير) OR وزير")
	// Prefixes and phrases of every shape: alone, with words, negated,
	// in OR groups, found nowhere, under filters.
	queries = append(queries, "الم*", "وزار* الصحة", "سعود* -الرياض", "الملك -سعود*", "-سعود*", "سعود* OR ملك*", "ظظظ*",
		"امير* source:sabq", `"الملك"`, `"وزير الخارجية"`, `"المملكة العربية السعودية" الرياض`, `الرياض -"وزير الخارجية"`,
		`-"المملكة العربية"`, `"وزير الخارجية" OR "ولي العهد"`, `"ظظظ ققق"`, `"في في"`, `"الملك" سلما*`,
		`"خادم الحرمين الشريفين" entity:السعودية`, `("ولي العهد" OR وزير*) -"الأمير محمد"`)
	now := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	reqs := []func(search.Query) search.Request{
		func(q search.Query) search.Request { return search.Request{Query: q, Facets: 5} },
		func(q search.Query) search.Request { return search.Request{Query: q, Limit: 50, ShowCopies: true} },
		func(q search.Query) search.Request {
			return search.Request{Query: q, Offset: 3, Limit: 20, GroupStories: true, Facets: 3}
		},
		func(q search.Query) search.Request {
			return search.Request{Query: q, Recency: 30 * 24 * time.Hour, Now: now, GroupStories: true, ShowCopies: true}
		},
	}
	compare := func(round string) {
		hits := 0
		for _, qs := range queries {
			q, err := search.Parse(qs)
			if err != nil {
				continue
			}
			for k, mk := range reqs {
				req := mk(q)
				a, errA := ix.Search(ctx, req)
				b, errB := sql.Search(ctx, req)
				if (errA == nil) != (errB == nil) {
					t.Errorf("%s %q request %d: indexed error %v, SQL error %v", round, qs, k, errA, errB)
					continue
				}
				if errA != nil {
					continue
				}
				hits += a.Total
				if d := sameResult(a, b); d != "" {
					t.Errorf("%s %q request %d: indexed and SQL answers differ: %s", round, qs, k, d)
				}
			}
		}
		if hits == 0 {
			t.Errorf("%s: no query found anything", round)
		}
	}
	compare("300 documents")
	// More documents, the index and the cached postings follow.
	if _, err := ix.Put(ctx, docs[300:]); err != nil {
		t.Fatal(err)
	}
	compare("420 documents")
	if st := ix.PostingsStats(); st.Terms == 0 || st.Phrases == 0 || st.Prefixes == 0 || st.Postings == 0 {
		t.Errorf("postings cache %+v: nothing cached", st)
	}
}

// TestIndexedEntitySearch compares the answers to entity:, place: and
// said: filters through the search index (which reads an entity's
// documents from its own lists, and their number from its counts) and
// through SQL alone, before and after more documents are stored.
func TestIndexedEntitySearch(t *testing.T) {
	ctx := context.Background()
	docs := storetest.QuoteDocs()
	url := newDB(t)
	ix, sql := indexedAndSQL(t, url)
	queries := []string{"entity:الجبير", `entity:"عادل الجبير"`, "entity:kb:per:adel-al-jubeir", `entity:"الأمم المتحدة"`,
		"entity:إيران", "entity:الجبير -إيران", "entity:الجبير entity:إيران", "entity:لاأحد", "place:إيران", "place:اليمن",
		"said:الجبير", "entity:الجبير source:spa", "entity:الجبير OR entity:اليمن"}
	compare := func(round string) {
		found := 0
		for _, qs := range queries {
			q, err := search.Parse(qs)
			if err != nil {
				t.Fatalf("%q: %v", qs, err)
			}
			for k, req := range []search.Request{{Query: q, Facets: 5}, {Query: q, GroupStories: true, ShowCopies: true}} {
				a, errA := ix.Search(ctx, req)
				b, errB := sql.Search(ctx, req)
				if errA != nil || errB != nil {
					t.Fatalf("%s %q request %d: indexed error %v, SQL error %v", round, qs, k, errA, errB)
				}
				found += a.Total
				if d := sameResult(a, b); d != "" {
					t.Errorf("%s %q request %d: indexed and SQL answers differ: %s", round, qs, k, d)
				}
			}
		}
		if found == 0 {
			t.Errorf("%s: no query found anything", round)
		}
	}
	if _, err := ix.Put(ctx, docs[:3]); err != nil {
		t.Fatal(err)
	}
	compare("3 documents")
	if _, err := ix.Put(ctx, docs[3:]); err != nil {
		t.Fatal(err)
	}
	compare("all documents")
	if st := ix.PostingsStats(); st.Entities == 0 {
		t.Errorf("postings cache %+v: no entity's documents cached", st)
	}
}

// TestIndexOutOfOrderCommits stores a document whose row id was taken
// before those of documents committed earlier (concurrent writers commit
// in any order): the search index, which had seen the later row ids,
// finds it once it commits, and its postings join the cached lists.
func TestIndexOutOfOrderCommits(t *testing.T) {
	ctx := context.Background()
	url := newDB(t)
	docs := storetest.StoryDocs()
	if len(docs) < 6 {
		t.Fatalf("%d story fixture documents, want 6 or more", len(docs))
	}
	reader, err := postgres.Open(ctx, url, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	put, err := reader.Put(ctx, docs[:2])
	if err != nil {
		t.Fatal(err)
	}
	found := func(qs string) map[string]bool {
		t.Helper()
		var q search.Query
		if qs != "" {
			var err error
			if q, err = search.Parse(qs); err != nil {
				t.Fatal(err)
			}
		}
		q.From = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
		res, err := reader.Search(ctx, search.Request{Query: q, Limit: 100, ShowCopies: true})
		if err != nil {
			t.Fatal(err)
		}
		ids := map[string]bool{}
		for _, h := range res.Hits {
			ids[h.ID] = true
		}
		return ids
	}
	// A writer takes a row id and stays open while a later Put commits.
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	var early, src int64
	if err := tx.QueryRow(ctx, `SELECT nextval('documents_id_seq'), (SELECT id FROM documents WHERE uid = $1)`, put[0].ID).Scan(&early, &src); err != nil {
		t.Fatal(err)
	}
	// A word of the document the open writer copies, cached before.
	word := "اليوم"
	if len(found(word)) == 0 {
		t.Skipf("no fixture document has %s", word)
	}
	if _, err := reader.Put(ctx, docs[2:6]); err != nil {
		t.Fatal(err)
	}
	mid := found("")
	if len(mid) != 6 {
		t.Fatalf("%d documents found after the later Put, want 6", len(mid))
	}
	withWord := len(found(word))
	if st := reader.IndexStats(); st.Gaps != 1 || st.Documents != 6 {
		t.Errorf("index %+v, want 6 documents and 1 gap", st)
	}
	// The open writer stores a copy of the first document under its
	// early row id, as Put would, and commits.
	for _, q := range []string{
		`INSERT INTO documents (id, uid, url, hash, source, source_key, author, title, published, place_norm, ingested, content_type, dl, tsv)
			SELECT $1, uid || '-early', url || '-early', hash || '-early', source, source_key, author, title, published, place_norm,
			ingested, content_type, dl, tsv FROM documents WHERE id = $2`,
		`INSERT INTO bodies (id, text, analysis, raw) SELECT $1, text, analysis, raw FROM bodies WHERE id = $2`,
		`INSERT INTO postings (term, doc, tf) SELECT term, $1, tf FROM postings WHERE doc = $2`,
		`INSERT INTO clusters (doc, cluster, sig) SELECT $1, $1, sig FROM clusters WHERE doc = $2`,
		`INSERT INTO doc_entities (doc, entity, mentions) SELECT $1, entity, mentions FROM doc_entities WHERE doc = $2`,
		`UPDATE corpus_shards SET docs = docs + 1, terms = terms + (SELECT dl FROM documents WHERE id = $1) WHERE shard = 0 AND $2::bigint > 0`,
	} {
		if _, err := tx.Exec(ctx, q, early, src); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	after := found("")
	if len(after) != 7 || !after[put[0].ID+"-early"] {
		t.Errorf("%d documents found after the early writer committed, want 7 with %s-early", len(after), put[0].ID)
	}
	if got := found(word); len(got) != withWord+1 || !got[put[0].ID+"-early"] {
		t.Errorf("%q: %d documents found, want %d with the early one", word, len(got), withWord+1)
	}
	if st := reader.IndexStats(); st.Gaps != 0 || st.Documents != 7 || st.Reloads != 0 {
		t.Errorf("index %+v, want 7 documents, no gap, no reload", st)
	}
	// The same answers as SQL alone.
	_, sql := indexedAndSQL(t, url)
	for _, qs := range []string{"", word, "-" + word} {
		var q search.Query
		if qs != "" {
			q, _ = search.Parse(qs)
		}
		q.From = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
		req := search.Request{Query: q, Limit: 100, Facets: 5, GroupStories: true}
		a, errA := reader.Search(ctx, req)
		b, errB := sql.Search(ctx, req)
		if errA != nil || errB != nil {
			t.Fatalf("%q: %v, %v", qs, errA, errB)
		}
		if d := sameResult(a, b); d != "" {
			t.Errorf("%q: indexed and SQL answers differ: %s", qs, d)
		}
	}
}

var _ store.Store = (*postgres.DB)(nil)
