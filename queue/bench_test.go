package queue

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// BenchmarkWorkers measures end-to-end throughput (queue → analysis →
// SQLite store → ack) of 1 and 2 workers, each analyzing one document at
// a time, on synthetic articles made of the example's sentences. The
// documents are published before the timer starts.
func BenchmarkWorkers(b *testing.B) {
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			c := startCluster(b, 1)
			conn := connect(b, c.URLs())
			db := openStore(b)
			p := testPipeline(b)
			docs := synthDocs(b, b.N)
			ctx := context.Background()
			pub, err := NewPublisher(conn, PublisherOptions{})
			if err != nil {
				b.Fatal(err)
			}
			var size int64
			for _, d := range docs {
				size += int64(len(d.Body))
				if err := pub.Publish(ctx, d); err != nil {
					b.Fatal(err)
				}
			}
			if err := pub.Flush(ctx); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(size / int64(len(docs)))
			wctx, cancel := context.WithCancel(ctx)
			done := make(chan struct{}, workers)
			b.ResetTimer()
			start := time.Now()
			for range workers {
				w := NewWorker(connect(b, c.URLs()), p, db, WorkerOptions{Concurrency: 1})
				go func() { w.Run(wctx); done <- struct{}{} }()
			}
			for {
				st, err := db.Stats(ctx)
				if err != nil {
					b.Fatal(err)
				}
				if st.Documents == b.N {
					break
				}
				time.Sleep(5 * time.Millisecond)
			}
			el := time.Since(start)
			b.StopTimer()
			cancel()
			for range workers {
				<-done
			}
			b.ReportMetric(float64(b.N)/el.Seconds(), "articles/s")
		})
	}
}
