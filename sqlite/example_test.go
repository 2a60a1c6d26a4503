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

func Example() {
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

	doc := store.Document{URL: "https://example.test/1", Source: "qna", Analysis: &khabar.Analysis{
		Schema: khabar.Schema, Published: "2023-09-13",
		Text: "عقدت الاجتماعات الوزارية لحلف شمال الأطلسي في بروكسل.",
	}}
	res, err := db.Put(ctx, []store.Document{doc, doc})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res[0].Status, res[1].Status)

	q, err := search.Parse(`اجتماع الاطلسي`)
	if err != nil {
		log.Fatal(err)
	}
	found, err := db.Search(ctx, search.Request{Query: q})
	if err != nil {
		log.Fatal(err)
	}
	sn := found.Hits[0].Snippet
	runes := []rune(sn.Text)
	for _, h := range sn.Highlights {
		fmt.Println(string(runes[h[0]:h[1]]))
	}
	// Output:
	// stored duplicate-url
	// الاجتماعات
	// الأطلسي
}
