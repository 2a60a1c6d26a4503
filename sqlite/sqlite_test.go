package sqlite_test

import (
	"context"
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
