package store_test

import (
	"fmt"

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
