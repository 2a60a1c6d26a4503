package pgtest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/khabar/khabar/internal/pgtest"
)

func TestServer(t *testing.T) {
	s := pgtest.New(t)
	ctx := context.Background()
	u1, err := s.CreateDB(ctx)
	if err != nil {
		t.Fatal(err)
	}
	u2, err := s.CreateDB(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if u1 == u2 || !strings.HasPrefix(u1, "postgres://postgres@127.0.0.1:") {
		t.Errorf("URLs %q %q", u1, u2)
	}
	if err := s.Restart(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	if err := s.Stop(); err != nil {
		t.Errorf("second Stop: %v", err)
	}
}
