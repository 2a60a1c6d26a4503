package queue

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/pipeline"
	"github.com/khabar/khabar/store"
)

// runWorkers starts n workers, each on its own connection, and returns a
// function that drains them (cancels and waits).
func runWorkers(t *testing.T, urls string, n int, a khabar.DocumentAnalyzer, db Putter, opt WorkerOptions) (stop func() WorkerStats) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var ws []*Worker
	for range n {
		w := NewWorker(connect(t, urls), a, db, opt)
		ws = append(ws, w)
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := w.Run(ctx); err != nil {
				t.Errorf("worker: %v", err)
			}
		}()
	}
	return func() WorkerStats {
		cancel()
		wg.Wait()
		var sum WorkerStats
		for _, w := range ws {
			s := w.Stats()
			sum.Stored += s.Stored
			sum.Duplicates += s.Duplicates
			sum.Retried += s.Retried
			sum.Dead += s.Dead
		}
		return sum
	}
}

func TestWorkerSingleServer(t *testing.T) {
	c := startCluster(t, 1)
	conn := connect(t, c.URLs())
	db := openStore(t)
	docs := synthDocs(t, 40)
	poison := []khabar.RawDocument{
		{Name: "huge", Body: bytes.Repeat([]byte("كلمة "), 20000), URL: "https://example.test/huge"}, // over 64 KiB
		{Name: "flaky-1", Body: []byte("نص لا يحلل أبدا"), URL: "https://example.test/flaky"},
		{Name: "not-utf8", Body: []byte("نص \xff\xfe مكسور"), ContentType: "text/plain", URL: "https://example.test/bad"},
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	pub := publishAll(t, ctx, conn, PublisherOptions{MaxInFlight: 8}, append(append(docs, poison...), docs[:10]...)) // the last 10 twice
	if s := pub.Stats(); s.Published != int64(len(docs)+len(poison)) || s.Duplicates != 10 {
		t.Errorf("publisher stats %+v, want %d published and 10 duplicates", s, len(docs)+len(poison))
	}
	st, err := conn.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Messages != uint64(len(docs)+len(poison)) || st.Lag != st.Messages || st.Replicas != 1 {
		t.Errorf("status before the workers: %+v", st)
	}

	opt := WorkerOptions{Concurrency: 2, MaxDeliver: 3, Backoff: 50 * time.Millisecond, AckWait: 3 * time.Second}
	stop := runWorkers(t, c.URLs(), 2, flaky{p: testPipeline(t)}, db, opt)
	waitFor(t, 45*time.Second, "the queue to empty", func() (bool, string) {
		st, err := conn.Status(ctx)
		if err != nil {
			return false, err.Error()
		}
		return st.Messages == 0 && st.DeadLetters >= 2, fmt.Sprintf("%+v", st)
	})
	sum := stop()
	stats, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	dead, err := conn.DeadLetters(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("workers %+v, store %d documents, dead letters %+v", sum, stats.Documents, dead)
	byID := map[string]DeadLetter{}
	for _, d := range dead {
		byID[d.ID] = d
	}
	if d, ok := byID["https://example.test/huge"]; !ok || d.Deliveries != "1" || !strings.Contains(d.Error, "too large") {
		t.Errorf("oversized document: dead letter %+v (found %v), want one after 1 attempt", d, ok)
	}
	if d, ok := byID["https://example.test/flaky"]; !ok || d.Deliveries != "3" || !strings.Contains(d.Error, "flaky") {
		t.Errorf("failing document: dead letter %+v (found %v), want one after 3 attempts", d, ok)
	}
	if d, ok := byID["https://example.test/bad"]; !ok || d.Deliveries != "3" || !strings.Contains(d.Error, "UTF-8") {
		t.Errorf("document with broken UTF-8: dead letter %+v (found %v), want one after 3 attempts", d, ok)
	}
	if stats.Documents != len(docs) || sum.Stored != int64(len(docs)) || sum.Dead != 3 {
		t.Errorf("stored %d documents (workers: %+v), want %d stored and 3 dead", stats.Documents, sum, len(docs))
	}
	for _, d := range docs {
		if _, err := db.Lookup(ctx, d.URL); err != nil {
			t.Errorf("%s: %v", d.URL, err)
		}
	}
	if sum.Retried != 4 {
		t.Errorf("retried %d, want 4 (the first two attempts of two failing documents)", sum.Retried)
	}
	st, err = conn.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.AckPending != 0 || st.Lag != 0 || st.DeadLetters != uint64(len(dead)) {
		t.Errorf("status after: %+v", st)
	}
}

// Compile-time checks: the pipeline and every store fit the worker.
var (
	_ khabar.DocumentAnalyzer = (*pipeline.Pipeline)(nil)
	_ Putter                  = store.Store(nil)
)

// slow takes longer than the ack deadline over every document.
type slow struct {
	p *pipeline.Pipeline
	d time.Duration
}

func (s slow) Analyze(ctx context.Context, doc khabar.RawDocument) (*khabar.Analysis, error) {
	time.Sleep(s.d)
	return s.p.Analyze(ctx, doc)
}

// TestWorkerInProgress checks that a worker busy with a document for
// longer than AckWait keeps it: no other worker gets it meanwhile.
func TestWorkerInProgress(t *testing.T) {
	c := startCluster(t, 1)
	conn := connect(t, c.URLs())
	db := openStore(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	publishAll(t, ctx, conn, PublisherOptions{}, synthDocs(t, 2))
	opt := WorkerOptions{Concurrency: 1, AckWait: time.Second}
	stop := runWorkers(t, c.URLs(), 2, slow{testPipeline(t), 2500 * time.Millisecond}, db, opt)
	maxRedelivered := 0
	waitFor(t, 20*time.Second, "both documents", func() (bool, string) {
		st, err := conn.Status(ctx)
		if err != nil {
			return false, err.Error()
		}
		maxRedelivered = max(maxRedelivered, st.Redelivered)
		return st.Messages == 0, fmt.Sprintf("%+v", st)
	})
	sum := stop()
	if sum.Stored != 2 || sum.Duplicates != 0 || maxRedelivered != 0 {
		t.Errorf("workers %+v, %d redelivered: want 2 stored, no redelivery", sum, maxRedelivered)
	}
}

// TestWorkerDrain stops a worker with documents in flight: it finishes,
// stores and acknowledges them, fetches no more, and returns nil.
func TestWorkerDrain(t *testing.T) {
	c := startCluster(t, 1)
	conn := connect(t, c.URLs())
	db := openStore(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	publishAll(t, ctx, conn, PublisherOptions{}, synthDocs(t, 6))
	w := NewWorker(connect(t, c.URLs()), slow{testPipeline(t), time.Second}, db, WorkerOptions{Concurrency: 2})
	wctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- w.Run(wctx) }()
	waitFor(t, 10*time.Second, "two documents in flight", func() (bool, string) {
		st, err := conn.Status(ctx)
		if err != nil {
			return false, err.Error()
		}
		return st.AckPending == 2, fmt.Sprintf("%+v", st)
	})
	stop() // as SIGTERM
	if err := <-done; err != nil {
		t.Fatalf("Run = %v, want nil after a drain", err)
	}
	st, err := conn.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ws := w.Stats(); ws.Stored != 2 || s.Documents != 2 || st.AckPending != 0 || st.Messages != 4 {
		t.Errorf("after the drain: worker %+v, store %d documents, queue %+v; want the 2 in flight stored and acknowledged, 4 left", ws, s.Documents, st)
	}
}
