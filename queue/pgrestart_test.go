package queue

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/khabar/khabar/internal/pgtest"
	"github.com/khabar/khabar/postgres"
)

// TestPostgresRestart restarts the PostgreSQL server while workers store
// documents: the workers retry, and at the end every document is stored
// exactly once and none is lost or dead-lettered.
func TestPostgresRestart(t *testing.T) {
	srv := pgtest.New(t) // skips without PostgreSQL
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	db, err := postgres.Open(ctx, srv.NewDB(t), postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	c := startCluster(t, 1)
	conn := connect(t, c.URLs())
	n := 600
	if testing.Short() {
		n = 200
	}
	docs := synthDocs(t, n)
	publishAll(t, ctx, conn, PublisherOptions{MaxInFlight: 64}, docs)
	stop := runWorkers(t, c.URLs(), 2, testPipeline(t), db,
		WorkerOptions{Concurrency: 2, Batch: 16, MaxDeliver: 3, Backoff: 50 * time.Millisecond, AckWait: 5 * time.Second, DrainTimeout: 10 * time.Second})
	stored := func() int {
		s, err := db.Stats(ctx)
		if err != nil {
			return -1
		}
		return s.Documents
	}
	waitFor(t, time.Minute, "a quarter of the documents", func() (bool, string) {
		got := stored()
		return got >= n/4, fmt.Sprintf("%d stored", got)
	})
	t.Logf("restarting PostgreSQL at %d stored", stored())
	if err := srv.Restart(ctx); err != nil {
		t.Fatal(err)
	}
	waitFor(t, time.Minute, "every document stored and the queue empty", func() (bool, string) {
		st, err := conn.Status(ctx)
		if err != nil {
			return false, err.Error()
		}
		got := stored()
		return got == n && st.Messages == 0, fmt.Sprintf("%d stored, %+v", got, st)
	})
	sum := stop()
	t.Logf("workers %+v", sum)
	if sum.Dead != 0 {
		t.Errorf("%d documents dead-lettered; a store restart must not cost documents", sum.Dead)
	}
	for _, d := range docs {
		if _, err := db.Lookup(ctx, d.URL); err != nil {
			t.Fatalf("%s lost: %v", d.URL, err)
		}
	}
}
