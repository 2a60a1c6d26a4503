package queue

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/internal/pgtest"
	"github.com/khabar/khabar/postgres"
	"github.com/khabar/khabar/store"
)

// TestScaleOut runs the whole path on a 3-node cluster: a publisher puts
// N documents and two poison ones on a replicated stream, 3 workers
// analyze and store them; mid-way one worker crashes (its connection
// drops with documents in flight) and the stream's leader is shut down
// and restarted. At the end every document is stored exactly once and
// the poison documents are dead letters.
func TestScaleOut(t *testing.T) {
	n := 5000
	if testing.Short() {
		n = 500
	}
	t.Run("sqlite", func(t *testing.T) { scaleOut(t, openStore(t), n) })
	t.Run("postgres", func(t *testing.T) {
		url := pgtest.New(t).NewDB(t) // skips without PostgreSQL
		db, err := postgres.Open(context.Background(), url, postgres.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		scaleOut(t, db, n/2) // half: the two runs share the CI budget
	})
}

func scaleOut(t *testing.T, db store.Store, n int) {
	c := startCluster(t, 3)
	conn := connect(t, c.URLs())
	p := testPipeline(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()

	st, err := conn.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Replicas != 3 || st.Cluster != "khabar-test" {
		t.Fatalf("stream on a 3-node cluster: %+v, want 3 replicas", st)
	}

	docs := synthDocs(t, n)
	poison := []khabar.RawDocument{
		{Name: "huge", Body: bytes.Repeat([]byte("كلمة "), 20000), URL: "https://example.test/huge"},
		{Name: "not-utf8", Body: []byte("نص \xff\xfe مكسور"), ContentType: "text/plain", URL: "https://example.test/bad"},
	}
	all := append([]khabar.RawDocument{}, docs[:n/2]...)
	all = append(all, poison...)
	all = append(all, docs[n/2:]...)

	// Publish while the workers run, through the leader's restart.
	pub, err := NewPublisher(conn, PublisherOptions{MaxInFlight: 64})
	if err != nil {
		t.Fatal(err)
	}
	// The last third is published while the stream leader is down.
	pubDone := make(chan error, 1)
	resume := make(chan struct{})
	go func() {
		for i, d := range all {
			if i == 2*len(all)/3 {
				<-resume
			}
			if err := pub.Publish(ctx, d); err != nil {
				pubDone <- err
				return
			}
		}
		pubDone <- pub.Flush(ctx)
	}()

	opt := WorkerOptions{Concurrency: 2, Batch: 32, MaxDeliver: 3, Backoff: 50 * time.Millisecond,
		AckWait: 3 * time.Second, DrainTimeout: 10 * time.Second}
	type running struct {
		w      *Worker
		conn   *Conn
		cancel context.CancelFunc
		done   chan struct{}
	}
	var mu sync.Mutex
	var workers []*running
	start := func() *running {
		wc := connect(t, c.URLs())
		wctx, wcancel := context.WithCancel(ctx)
		r := &running{w: NewWorker(wc, p, db, opt), conn: wc, cancel: wcancel, done: make(chan struct{})}
		go func() {
			defer close(r.done)
			if err := r.w.Run(wctx); err != nil {
				t.Errorf("worker: %v", err)
			}
		}()
		mu.Lock()
		workers = append(workers, r)
		mu.Unlock()
		return r
	}
	for range 3 {
		start()
	}
	stored := func() int {
		s, err := db.Stats(ctx)
		if err != nil {
			return -1
		}
		return s.Documents
	}
	waitFor(t, time.Minute, "a third of the documents", func() (bool, string) {
		select {
		case err := <-pubDone:
			t.Fatalf("publish: %v", err)
		default:
		}
		got := stored()
		return got >= n/3, fmt.Sprintf("%d stored", got)
	})

	// Crash a worker: its connection drops with documents in flight,
	// some of them stored but not acknowledged.
	victim := workers[0]
	victim.conn.NATS().Close()
	victim.cancel()
	<-victim.done
	// Shut the stream leader down and bring it back.
	info, err := conn.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	leader := c.index(info.Leader)
	if leader < 0 {
		t.Fatalf("no stream leader in %+v", info)
	}
	t.Logf("at %d stored: crashed a worker, shutting down the stream leader %s", stored(), info.Leader)
	c.stop(leader)
	close(resume)
	time.Sleep(2 * time.Second)
	c.start(leader)
	start() // the crashed worker comes back
	t.Logf("leader restarted at %d stored", stored())

	if err := <-pubDone; err != nil {
		t.Fatalf("publish: %v", err)
	}
	waitFor(t, 2*time.Minute, "all documents stored and the queue empty", func() (bool, string) {
		st, err := conn.Status(ctx)
		if err != nil {
			return false, err.Error()
		}
		got := stored()
		return got == n && st.Messages == 0 && st.DeadLetters == 2, fmt.Sprintf("%d stored, %+v", got, st)
	})
	var sum WorkerStats
	for _, r := range workers {
		r.cancel()
		<-r.done
		s := r.w.Stats()
		sum.Stored += s.Stored
		sum.Duplicates += s.Duplicates
		sum.Dead += s.Dead
		sum.Retried += s.Retried
	}
	t.Logf("publisher %+v; workers %+v", pub.Stats(), sum)
	if sum.Stored != int64(n) {
		t.Errorf("workers stored %d documents, want each of %d exactly once", sum.Stored, n)
	}
	for _, d := range docs {
		if _, err := db.Lookup(ctx, d.URL); err != nil {
			t.Fatalf("%s lost: %v", d.URL, err)
		}
	}
	dead, err := conn.DeadLetters(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, d := range dead {
		ids[d.ID] = d.Error != ""
	}
	if len(dead) != 2 || !ids["https://example.test/huge"] || !ids["https://example.test/bad"] {
		t.Errorf("dead letters %+v, want the two poison documents with their errors", dead)
	}
}
