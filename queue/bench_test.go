package queue

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/khabar/khabar/internal/pgtest"
	"github.com/khabar/khabar/postgres"
	"github.com/khabar/khabar/store"
)

// BenchmarkWorkers measures end-to-end throughput (queue → analysis →
// store → ack) of 1 and 2 workers, each analyzing one document at a
// time, on synthetic articles made of the example's sentences, with the
// SQLite store and, when PostgreSQL is installed, the PostgreSQL one.
// The documents are published before the timer starts.
func BenchmarkWorkers(b *testing.B) {
	stores := []struct {
		name string
		open func(b *testing.B) store.Store
	}{
		{"sqlite", func(b *testing.B) store.Store { return openStore(b) }},
		{"postgres", func(b *testing.B) store.Store {
			db, err := postgres.Open(context.Background(), pgtest.New(b).NewDB(b), postgres.Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { db.Close() })
			return db
		}},
	}
	for _, st := range stores {
		for _, workers := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/workers=%d", st.name, workers), func(b *testing.B) {
				benchWorkers(b, st.open(b), workers)
			})
		}
	}
}

func benchWorkers(b *testing.B, db store.Store, workers int) {
	c := startCluster(b, 1)
	conn := connect(b, c.URLs())
	p := testPipeline(b)
	docs := synthDocs(b, b.N)
	ctx := context.Background()
	var size int64
	for _, d := range docs {
		size += int64(len(d.Body))
	}
	publishAll(b, ctx, conn, PublisherOptions{}, docs)
	b.SetBytes(size / int64(len(docs)))
	wctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{}, workers)
	var ws []*Worker
	b.ResetTimer()
	start := time.Now()
	for range workers {
		w := NewWorker(connect(b, c.URLs()), p, db, WorkerOptions{Concurrency: 1})
		ws = append(ws, w)
		go func() { w.Run(wctx); done <- struct{}{} }()
	}
	for {
		var n int64
		for _, w := range ws {
			n += w.Stats().Stored
		}
		if n == int64(b.N) {
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	el := time.Since(start)
	b.StopTimer()
	cancel()
	for range workers {
		<-done
	}
	b.ReportMetric(float64(b.N)/el.Seconds(), "articles/s")
}
