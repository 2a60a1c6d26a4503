package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/khabar/khabar/sqlite"
	"github.com/khabar/khabar/store"
	"github.com/khabar/khabar/storetest"
)

func openTemp(t *testing.T) store.Store {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, openTemp)
}

// TestConformanceNoIndex runs the suite on the search done by SQL alone
// (the path of khabar search's one-shot queries).
func TestConformanceNoIndex(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		t.Helper()
		db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"), sqlite.Options{NoSearchIndex: true})
		if err != nil {
			t.Fatal(err)
		}
		return db
	})
}

func TestStoriesConformance(t *testing.T) {
	for _, noIndex := range []bool{false, true} {
		t.Run(fmt.Sprintf("NoSearchIndex=%v", noIndex), func(t *testing.T) {
			storetest.RunStories(t, func(t *testing.T) func(t *testing.T) store.Store {
				path := filepath.Join(t.TempDir(), "test.db")
				return func(t *testing.T) store.Store {
					t.Helper()
					db, err := sqlite.Open(context.Background(), path, sqlite.Options{NoSearchIndex: noIndex})
					if err != nil {
						t.Fatal(err)
					}
					return db
				}
			})
		})
	}
}
