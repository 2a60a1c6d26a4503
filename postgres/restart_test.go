package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/khabar/khabar/postgres"
	"github.com/khabar/khabar/store"
	"github.com/khabar/khabar/storetest"
)

// TestServerRestart restarts the server while batches are being put:
// every batch is stored whole or not at all, whatever Put returned, and
// Puts after the restart work.
func TestServerRestart(t *testing.T) {
	ctx := context.Background()
	db, err := postgres.Open(ctx, newDB(t), postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const batches, per = 40, 50
	type outcome struct {
		docs []store.Document
		err  error
	}
	results := make(chan outcome, batches)
	restarted := make(chan error, 1)
	go func() {
		time.Sleep(150 * time.Millisecond)
		restarted <- server.Restart(ctx)
	}()
	for b := 0; b < batches; b++ {
		docs := storetest.Generated(fmt.Sprintf("r%d", b), per)
		_, err := db.Put(ctx, docs)
		results <- outcome{docs, err}
	}
	if err := <-restarted; err != nil {
		t.Fatal(err)
	}
	close(results)
	failed := 0
	for o := range results {
		found := 0
		for _, d := range o.docs {
			_, err := db.Lookup(ctx, d.URL)
			switch {
			case err == nil:
				found++
			case !errors.Is(err, store.ErrNotFound):
				t.Fatalf("Lookup after restart: %v", err)
			}
		}
		if o.err != nil {
			failed++
			t.Logf("Put during restart: %v", o.err)
		}
		if found != 0 && found != len(o.docs) || o.err == nil && found == 0 {
			t.Errorf("batch %s: Put error %v, %d of %d documents stored", o.docs[0].URL, o.err, found, len(o.docs))
		}
	}
	t.Logf("%d of %d batches failed during the restart", failed, batches)
	res, err := db.Put(ctx, storetest.Generated("after", 5))
	if err != nil {
		t.Fatalf("Put after restart: %v", err)
	}
	for _, r := range res {
		if r.Status != store.Stored {
			t.Errorf("Put after restart: %v", r.Status)
		}
	}
}
