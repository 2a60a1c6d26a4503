package postgres_test

import (
	"context"
	"fmt"
	"log"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/postgres"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// A command picks the backend from its --db value.
func ExampleIsURL() {
	for _, db := range []string{"postgres://khabar@db.internal/news", "postgresql://localhost/khabar", "khabar-data"} {
		fmt.Println(db, postgres.IsURL(db))
	}
	// Output:
	// postgres://khabar@db.internal/news true
	// postgresql://localhost/khabar true
	// khabar-data false
}

// Storing a document and finding it (needs a PostgreSQL server, so it
// is compiled but not run; TestConformance runs the same against a
// throwaway server).
func ExampleDB_Search() {
	ctx := context.Background()
	db, err := postgres.Open(ctx, "postgres://khabar@localhost/khabar", postgres.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	text := "عقد وزراء الخارجية اجتماعا في الرياض"
	if _, err := db.Put(ctx, []store.Document{{URL: "https://example.test/1",
		Analysis: &khabar.Analysis{Schema: khabar.Schema, Text: text}}}); err != nil {
		log.Fatal(err)
	}
	q, err := search.Parse("الاجتماعات")
	if err != nil {
		log.Fatal(err)
	}
	res, err := db.Search(ctx, search.Request{Query: q})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Total) // 1
}
