package storetest_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/khabar/khabar/sqlite"
	"github.com/khabar/khabar/store"
	"github.com/khabar/khabar/storetest"
)

// A backend's test file runs the whole suite against fresh stores.
func ExampleRun() {
	_ = func(t *testing.T) { // func TestConformance(t *testing.T)
		storetest.Run(t, func(t *testing.T) store.Store {
			db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"), sqlite.Options{})
			if err != nil {
				t.Fatal(err)
			}
			return db
		})
	}
}
