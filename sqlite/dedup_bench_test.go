package sqlite_test

import (
	"context"
	"testing"

	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/storetest"
)

// BenchmarkSearchCollapse measures what folding near-duplicates costs a
// search: the same queries with clusters collapsed (the default) and
// with every copy shown.
func BenchmarkSearchCollapse(b *testing.B) {
	db := loaded(b, storetest.SaudiDocs(b, 2000))
	queries := []string{`السعودية`, `الرياض`, `وزير`, `النفط OR الطاقة`, `اقتصا*`}
	for _, mode := range []struct {
		name string
		show bool
	}{{"collapsed", false}, {"show-copies", true}} {
		b.Run(mode.name, func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				q, err := search.Parse(queries[i%len(queries)])
				if err != nil {
					b.Fatal(err)
				}
				if _, err := db.Search(context.Background(), search.Request{Query: q, Facets: 5, ShowCopies: mode.show}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
