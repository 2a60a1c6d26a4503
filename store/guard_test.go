package store

import (
	"errors"
	"testing"
	"time"
)

func TestGuard(t *testing.T) {
	var g Guard
	end, err := g.Begin()
	if err != nil {
		t.Fatalf("Begin on an open guard: %v", err)
	}
	released := make(chan struct{})
	closed := make(chan error)
	go func() {
		closed <- g.Close(func() error { close(released); return errors.New("release failed") })
	}()
	select {
	case <-released:
		t.Fatal("Close ran release while a call was in progress")
	case <-time.After(20 * time.Millisecond):
	}
	end()
	if err := <-closed; err == nil || err.Error() != "release failed" {
		t.Errorf("Close = %v, want release's error", err)
	}
	if _, err := g.Begin(); !errors.Is(err, ErrClosed) {
		t.Errorf("Begin after Close = %v, want ErrClosed", err)
	}
	if err := g.Close(func() error { t.Error("release ran twice"); return nil }); err != nil {
		t.Errorf("second Close = %v", err)
	}
}
