package sqlite_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/sqlite"
	"github.com/khabar/khabar/store"
)

// A server loads the search index once at start with Warm; every search
// then ranks, filters and counts facets in memory over the full-text
// matches.
func ExampleDB_Warm() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "khabar-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	db, err := sqlite.OpenDir(ctx, dir, sqlite.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	doha := khabar.Entity{ID: "e1", Type: "LOC", Name: "الدوحة", Mentions: []khabar.Mention{{Text: "الدوحة", Start: 0, End: 6}}}
	docs := []store.Document{
		{URL: "https://example.test/1", Source: "qna", Analysis: &khabar.Analysis{Schema: khabar.Schema, Published: "2023-09-13",
			Text: "الدوحة تستضيف اجتماعا لوزراء الطاقة", Entities: []khabar.Entity{doha}}},
		{URL: "https://example.test/2", Source: "spa", Analysis: &khabar.Analysis{Schema: khabar.Schema, Published: "2023-10-02",
			Text: "اجتماعات أوبك تناقش أسعار النفط والطاقة"}},
	}
	if _, err := db.Put(ctx, docs); err != nil {
		log.Fatal(err)
	}
	if err := db.Warm(ctx); err != nil {
		log.Fatal(err)
	}
	q, err := search.Parse(`اجتماع الطاقة`)
	if err != nil {
		log.Fatal(err)
	}
	res, err := db.Search(ctx, search.Request{Query: q, Facets: 5})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Total, "hits")
	fmt.Println("places:", res.Facets.Places)
	fmt.Println("sources:", res.Facets.Sources)
	fmt.Println("months:", res.Facets.Months)
	// Output:
	// 2 hits
	// places: [{الدوحة 1}]
	// sources: [{qna 1} {spa 1}]
	// months: [{2023-10 1} {2023-09 1}]
}

// The postings cache answers searches of words joined by AND, OR and NOT
// from memory, with FTS5's scores. A server may give it a larger budget
// and have Warm preload the terms found in at least 2 documents.
func ExampleDB_SetPostingsOptions() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "khabar-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	db, err := sqlite.OpenDir(ctx, dir, sqlite.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	docs := []store.Document{
		{URL: "https://example.test/1", Analysis: &khabar.Analysis{Schema: khabar.Schema, Text: "أسعار النفط ترتفع"}},
		{URL: "https://example.test/2", Analysis: &khabar.Analysis{Schema: khabar.Schema, Text: "اجتماع أوبك يبحث أسعار النفط"}},
		{URL: "https://example.test/3", Analysis: &khabar.Analysis{Schema: khabar.Schema, Text: "النفط والغاز في الخليج"}},
	}
	if _, err := db.Put(ctx, docs); err != nil {
		log.Fatal(err)
	}
	db.SetPostingsOptions(sqlite.PostingsOptions{Budget: 256 << 20, PreloadDF: 2})
	if err := db.Warm(ctx); err != nil {
		log.Fatal(err)
	}
	st := db.PostingsStats()
	fmt.Println(st.Postings, "postings preloaded") // of النفط (3 documents) and أسعار (2)
	q, err := search.Parse(`النفط -اوبك`)
	if err != nil {
		log.Fatal(err)
	}
	res, err := db.Search(ctx, search.Request{Query: q})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Total, "hits")
	// Output:
	// 5 postings preloaded
	// 2 hits
}
