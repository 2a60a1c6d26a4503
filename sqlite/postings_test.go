package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ncruces/go-sqlite3"

	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

func TestParsePlain(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "plain-exprs.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	cases := 0
	for i, line := range strings.Split(string(raw), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		expr, want, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("plain-exprs.tsv:%d: no tab", i+1)
		}
		cases++
		got := "-"
		if n, ok := parsePlain(expr, phrases(expr)); ok {
			got = plainString(n)
		}
		if got != want {
			t.Errorf("parsePlain(%q) = %s, want %s", expr, got, want)
		}
	}
	if cases < 10 {
		t.Fatalf("only %d cases in plain-exprs.tsv", cases)
	}
}

func plainString(n *plainNode) string {
	if n.op == 0 {
		return fmt.Sprint(n.phrase)
	}
	parts := make([]string, len(n.kids))
	for i, k := range n.kids {
		parts[i] = plainString(k)
	}
	return string(n.op) + "(" + strings.Join(parts, " ") + ")"
}

func TestSetOperations(t *testing.T) {
	a, b := []uint32{1, 3, 5, 7, 9}, []uint32{2, 3, 4, 9, 10}
	if got := intersect(a, b); !slices.Equal(got, []uint32{3, 9}) {
		t.Errorf("intersect = %v", got)
	}
	if got := union(a, b); !slices.Equal(got, []uint32{1, 2, 3, 4, 5, 7, 9, 10}) {
		t.Errorf("union = %v", got)
	}
	if got := difference(a, b); !slices.Equal(got, []uint32{1, 5, 7}) {
		t.Errorf("difference = %v", got)
	}
	if got := difference(a, nil); !slices.Equal(got, a) {
		t.Errorf("difference with nothing = %v", got)
	}
}

// searchJSON runs req and returns the result as JSON.
func searchJSON(t testing.TB, db *DB, req search.Request) string {
	t.Helper()
	res, err := db.Search(context.Background(), req)
	if err != nil {
		t.Fatalf("%v: %v", req.Query.Text, err)
	}
	js, _ := json.Marshal(res)
	return string(js)
}

// usesPostings reports whether the search of q is matched and scored
// from the postings cache.
func usesPostings(t testing.TB, db *DB, q search.Query) bool {
	t.Helper()
	pos, neg := db.translate(q.Text)
	if pos == "" {
		return false
	}
	expr := pos
	if neg != "" {
		expr = "(" + pos + ") NOT " + neg
	}
	var ok bool
	err := db.readTx(context.Background(), func(c *sqlite3.Conn) error {
		snap, err := scalarInt64(c, `SELECT coalesce(max(id), 0) FROM documents`)
		if err != nil {
			return err
		}
		if err := db.ix.sync(c, snap); err != nil {
			return err
		}
		db.ix.mu.RLock()
		defer db.ix.mu.RUnlock()
		_, ok, err = scoredPlain(c, db.ix, snap, expr, phrases(expr))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

// TestPostingsMatchFTS5 compares the searches scored from the postings
// cache with those scored by FTS5 (khabar_bm25, the cache disabled):
// they must be identical, scores to the last bit, cold and warm. The
// indexed search must also still match the SQL path.
func TestPostingsMatchFTS5(t *testing.T) {
	db := openCorpus(t, generatedCorpus(1, "a", 300))
	plain := 0
	for _, qs := range corpusQueries {
		q, err := search.Parse(qs)
		if err != nil {
			t.Fatalf("%s: %v", qs, err)
		}
		for _, req := range corpusRequests(q) {
			db.SetPostingsOptions(PostingsOptions{Budget: -1})
			want := searchJSON(t, db, req)
			db.SetPostingsOptions(PostingsOptions{})
			for _, state := range []string{"cold", "warm"} {
				if got := searchJSON(t, db, req); got != want {
					t.Errorf("%s %s (%s cache):\npostings %s\nFTS5     %s", qs, reqOptions(req), state, got, want)
				}
				compareSearch(t, db, qs, req)
			}
		}
		if usesPostings(t, db, q) {
			plain++
		}
	}
	if plain < len(corpusQueries)/3 {
		t.Errorf("only %d of %d queries use the postings cache", plain, len(corpusQueries))
	}
	for _, qs := range []string{`اجتماع`, `النفط OR الطاقة`, `اجتماع -الرياض`, `"الاجتماعات"`} {
		q, _ := search.Parse(qs)
		if !usesPostings(t, db, q) {
			t.Errorf("%s does not use the postings cache", qs)
		}
	}
	if st := db.PostingsStats(); st.Terms == 0 || st.Postings == 0 || st.Bytes <= 0 {
		t.Errorf("nothing cached: %+v", st)
	}
}

// TestPostingsExtend stores documents after the cache is filled: the
// lists are extended with the new rows, and a search of an older
// snapshot still sees only its own rows.
func TestPostingsExtend(t *testing.T) {
	ctx := context.Background()
	db := openCorpus(t, generatedCorpus(2, "a", 120))
	queries := []string{`النفط`, `اجتماع OR النفط -الرياض`, `الحوثي صالح`, `source:qna النفط`}
	check := func() {
		t.Helper()
		for _, qs := range queries {
			q, err := search.Parse(qs)
			if err != nil {
				t.Fatal(err)
			}
			for _, req := range corpusRequests(q) {
				db.SetPostingsOptions(PostingsOptions{Budget: -1})
				want := searchJSON(t, db, req)
				db.SetPostingsOptions(PostingsOptions{})
				if got := searchJSON(t, db, req); got != want {
					t.Errorf("%s %s:\npostings %s\nFTS5     %s", qs, reqOptions(req), got, want)
				}
				compareSearch(t, db, qs, req)
			}
		}
	}
	// The cache is kept across the checks: fill it at the first snapshot.
	for _, qs := range queries {
		q, _ := search.Parse(qs)
		searchJSON(t, db, search.Request{Query: q})
	}
	term := db.terms("النفط", false)
	if len(term) != 1 {
		t.Fatalf("النفط analyzes to %q", term)
	}
	var b strings.Builder
	quoteTerms(&b, term)
	key := b.String()
	before := db.ix.post.get(key)
	if before == nil {
		t.Fatal("النفط not cached")
	}
	snap1 := before.upTo
	if _, err := db.Put(ctx, generatedCorpus(3, "b", 80)); err != nil {
		t.Fatal(err)
	}
	// Searches with the cache kept: the lists are extended.
	for _, qs := range queries {
		q, _ := search.Parse(qs)
		compareSearch(t, db, qs, search.Request{Query: q, Facets: 3})
	}
	after := db.ix.post.get(key)
	if after == nil || after.upTo <= snap1 || len(after.ids) <= len(before.ids) ||
		!slices.Equal(after.ids[:len(before.ids)], before.ids) {
		t.Fatalf("list not extended: before %d rows up to %d, after %+v", len(before.ids), snap1, after)
	}
	// A search of the first snapshot uses the prefix of the list.
	err := db.readTx(ctx, func(c *sqlite3.Conn) error {
		db.ix.mu.RLock()
		defer db.ix.mu.RUnlock()
		p := ftsPhrase{expr: key, terms: term}
		ids, tf, ok, err := postings(c, db.ix, snap1, p)
		if err != nil || !ok {
			return fmt.Errorf("postings: %v %v", ok, err)
		}
		wantIDs, wantTF, _, err := loadPostings(c, db.ix, key, 0, snap1)
		if err != nil {
			return err
		}
		if !slices.Equal(ids, wantIDs) || !slices.Equal(tf, wantTF) {
			t.Errorf("postings up to %d: %v %v, want %v %v", snap1, ids, tf, wantIDs, wantTF)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	check()
}

// TestPostingsBudget keeps the cache within a small budget.
func TestPostingsBudget(t *testing.T) {
	db := openCorpus(t, generatedCorpus(10, "a", 200))
	const budget = 2000
	db.SetPostingsOptions(PostingsOptions{Budget: budget})
	for _, qs := range corpusQueries {
		q, _ := search.Parse(qs)
		compareSearch(t, db, qs, search.Request{Query: q, Facets: 3})
		if st := db.PostingsStats(); st.Bytes > budget {
			t.Fatalf("after %s: %d bytes cached, budget %d", qs, st.Bytes, budget)
		}
	}
	if st := db.PostingsStats(); st.Terms == 0 {
		t.Error("nothing cached within the budget")
	}
	db.SetPostingsOptions(PostingsOptions{Budget: -1})
	if st := db.PostingsStats(); st.Terms != 0 || st.Bytes != 0 {
		t.Errorf("disabled cache holds %+v", st)
	}
}

// TestPostingsPreload preloads the frequent terms in Warm.
func TestPostingsPreload(t *testing.T) {
	ctx := context.Background()
	db := openCorpus(t, generatedCorpus(11, "a", 200))
	db.SetPostingsOptions(PostingsOptions{PreloadDF: 50})
	if err := db.Warm(ctx); err != nil {
		t.Fatal(err)
	}
	st := db.PostingsStats()
	if st.Terms < 10 {
		t.Fatalf("preloaded %+v", st)
	}
	for _, qs := range corpusQueries {
		q, _ := search.Parse(qs)
		compareSearch(t, db, qs, search.Request{Query: q, Facets: 3})
	}
	if after := db.PostingsStats(); after.Terms < st.Terms {
		t.Errorf("cache shrank from %+v to %+v", st, after)
	}

	none := openCorpus(t, generatedCorpus(11, "a", 50))
	none.SetPostingsOptions(PostingsOptions{PreloadDF: -1})
	if err := none.Warm(ctx); err != nil {
		t.Fatal(err)
	}
	if st := none.PostingsStats(); st.Terms > 1 { // the one word Warm searches for
		t.Errorf("preloaded with PreloadDF -1: %+v", st)
	}
}

// TestIndexConcurrentPostings searches plain queries from the postings
// cache while documents are stored (go test -race runs it in CI): every
// search sees one snapshot, totals never go down, and at the end the
// cache agrees with FTS5 and the SQL path.
func TestIndexConcurrentPostings(t *testing.T) {
	db := openCorpus(t, generatedCorpus(4, "a", 50))
	batches := [][]store.Document{generatedCorpus(5, "b", 40), generatedCorpus(6, "c", 40), generatedCorpus(7, "d", 40)}
	queries := []string{`النفط`, `اجتماع OR النفط`, `الحوثي صالح -الرياض`}
	var parsed []search.Query
	for _, qs := range queries {
		q, _ := search.Parse(qs)
		parsed = append(parsed, q)
	}
	searchWhileStoring(t, db, parsed, 20, 2, batches)
	for _, qs := range queries {
		q, _ := search.Parse(qs)
		req := search.Request{Query: q, Facets: 10, Limit: 1000}
		got := searchJSON(t, db, req)
		db.SetPostingsOptions(PostingsOptions{Budget: -1})
		want := searchJSON(t, db, req)
		db.SetPostingsOptions(PostingsOptions{})
		if got != want {
			t.Errorf("%s after concurrent writes:\npostings %s\nFTS5     %s", qs, got, want)
		}
		compareSearch(t, db, qs, req)
	}
}

// BenchmarkPostings compares the plain queries of the generated corpus
// (2,000 documents) scored from the postings cache and by FTS5.
func BenchmarkPostings(b *testing.B) {
	db := openCorpus(b, generatedCorpus(12, "a", 2000))
	ctx := context.Background()
	var reqs []search.Request
	for _, qs := range corpusQueries {
		q, err := search.Parse(qs)
		if err != nil {
			b.Fatal(err)
		}
		if usesPostings(b, db, q) {
			reqs = append(reqs, search.Request{Query: q})
		}
	}
	if err := db.Warm(ctx); err != nil {
		b.Fatal(err)
	}
	for _, mode := range []string{"postings", "fts5"} {
		b.Run(mode, func(b *testing.B) {
			if mode == "fts5" {
				db.SetPostingsOptions(PostingsOptions{Budget: -1})
				defer db.SetPostingsOptions(PostingsOptions{})
			}
			for i := 0; i < b.N; i++ {
				if _, err := db.Search(ctx, reqs[i%len(reqs)]); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "queries/s")
		})
	}
}

// FuzzParsePlain parses arbitrary expressions: no panic, and a plain
// tree names each phrase once, in order.
func FuzzParsePlain(f *testing.F) {
	for _, s := range []string{`"a"`, `(("a" OR "b") AND "c") NOT "d"`, `("a" AND "b *")`, `(((`, `"a""`, `"" NOT ""`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		phr := phrases(expr)
		n, ok := parsePlain(expr, phr)
		if !ok {
			return
		}
		var seen []int
		var walk func(*plainNode)
		walk = func(n *plainNode) {
			if n.op == 0 {
				seen = append(seen, n.phrase)
			}
			for _, k := range n.kids {
				walk(k)
			}
		}
		walk(n)
		for i, p := range seen {
			if p != i || len(phr[p].terms) != 1 || phr[p].prefix {
				t.Fatalf("%q: phrases %v of %+v", expr, seen, phr)
			}
		}
		if len(seen) != len(phr) {
			t.Fatalf("%q: %d phrases in the tree, %d in the expression", expr, len(seen), len(phr))
		}
	})
}
