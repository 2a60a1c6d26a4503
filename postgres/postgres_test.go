package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing"

	"github.com/khabar/khabar/internal/pgtest"
	"github.com/khabar/khabar/postgres"
	"github.com/khabar/khabar/store"
	"github.com/khabar/khabar/storetest"
)

// server is the PostgreSQL server shared by the package's tests, or nil
// when none could be started (then tests skip with skipReason).
var (
	server     *pgtest.Server
	skipReason error
)

func TestMain(m *testing.M) {
	s, err := pgtest.Start(context.Background())
	if err != nil {
		if !errors.Is(err, pgtest.ErrUnavailable) {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		skipReason = err
	}
	server = s
	code := m.Run()
	if s != nil {
		if err := s.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
	os.Exit(code)
}

// newDB returns the URL of a fresh database, skipping without a server.
func newDB(tb testing.TB) string {
	tb.Helper()
	if server == nil {
		tb.Skip(skipReason)
	}
	return server.NewDB(tb)
}

func openTemp(t *testing.T) store.Store {
	t.Helper()
	db, err := postgres.Open(context.Background(), newDB(t), postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, openTemp)
}

func TestStoriesConformance(t *testing.T) {
	storetest.RunStories(t, func(t *testing.T) func(t *testing.T) store.Store {
		url := newDB(t)
		return func(t *testing.T) store.Store {
			t.Helper()
			db, err := postgres.Open(context.Background(), url, postgres.Options{})
			if err != nil {
				t.Fatal(err)
			}
			return db
		}
	})
}
