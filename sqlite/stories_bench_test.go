package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/khabar/khabar/internal/cputime"
	"github.com/khabar/khabar/sqlite"
	"github.com/khabar/khabar/store"
	"github.com/khabar/khabar/storetest"
)

// BenchmarkPutStories measures what clustering into stories adds to
// Put: 2,000 distinct SaudiNewsNet articles stored in batches of 250
// into a new database, with and without Options.NoStories.
func BenchmarkPutStories(b *testing.B) {
	docs := storetest.SaudiDocs(b, 2000)
	for _, bc := range []struct {
		name string
		opt  sqlite.Options
	}{{"stories", sqlite.Options{}}, {"no-stories", sqlite.Options{NoStories: true}}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(storetest.TextBytes(docs))
			storetest.BenchPut(b, func(b *testing.B) store.Store {
				db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "b.db"), bc.opt)
				if err != nil {
					b.Fatal(err)
				}
				return db
			}, docs, 250, cputime.Process)
		})
	}
}
