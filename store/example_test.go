package store_test

import (
	"fmt"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/store"
)

func ExampleEntityKey() {
	// Linked entities are keyed by their knowledge-base id, others by
	// type and normalized name, so spelling variants meet.
	fmt.Println(store.EntityKey("LOC", "قطر", "QA"))
	fmt.Println(store.EntityKey("ORG", "حلف شمال الأطلسي", ""))
	fmt.Println(store.EntityKey("ORG", "حلف شمال الاطلسي", "") == store.EntityKey("ORG", "حلف شمال الأطلسي", ""))
	// Output:
	// kb:QA
	// ORG:حلف شمال الاطلسي
	// true
}

func ExampleContentHash() {
	a := store.ContentHash("اجتماع  الوزراء\n")
	b := store.ContentHash("اجْتِمَاع الوزراء")
	fmt.Println(a == b, store.DocID(a) == store.DocID(b))
	// Output: true true
}

func ExampleRowOf() {
	d := &store.Document{Source: "qna", Analysis: &khabar.Analysis{
		URL: "https://example.test/a", Title: &khabar.Span{Text: "اجتماع"},
		Published: "2023-09-13T09:30:00Z", Dateline: &khabar.Dateline{Place: "الدوحة"},
	}}
	r := store.RowOf(d)
	fmt.Println(r.URL, r.Source, r.Title, r.Published, r.Place)
	// Output: https://example.test/a qna اجتماع 2023-09-13 الدوحه
}
