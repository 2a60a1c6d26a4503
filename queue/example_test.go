package queue_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/nats-io/nats-server/v2/server"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/pipeline"
	"github.com/khabar/khabar/queue"
	"github.com/khabar/khabar/store"
)

// memStore is a tiny in-memory Putter keyed by URL.
type memStore map[string]bool

func (m memStore) Put(_ context.Context, docs []store.Document) ([]store.PutResult, error) {
	res := make([]store.PutResult, len(docs))
	for i, d := range docs {
		if m[d.URL] {
			res[i].Status = store.DuplicateURL
		}
		m[d.URL] = true
	}
	return res, nil
}

func Example() {
	// An embedded JetStream server stands in for a real deployment.
	dir, err := os.MkdirTemp("", "khabar-queue-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	srv, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: server.RANDOM_PORT,
		JetStream: true, StoreDir: dir, NoLog: true, NoSigs: true})
	if err != nil {
		log.Fatal(err)
	}
	go srv.Start()
	srv.ReadyForConnections(10 * time.Second)
	defer srv.Shutdown()

	ctx := context.Background()
	conn, err := queue.Connect(ctx, srv.ClientURL(), queue.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()

	// Publish: the second copy of the first article is dropped by the
	// stream's de-duplication window.
	pub, err := queue.NewPublisher(conn, queue.PublisherOptions{})
	if err != nil {
		log.Fatal(err)
	}
	for _, url := range []string{"https://example.test/1", "https://example.test/2", "https://example.test/1"} {
		doc := khabar.RawDocument{URL: url, Body: []byte("شاركت دولة قطر في الاجتماع المشترك في بروكسل.")}
		if err := pub.Publish(ctx, doc); err != nil {
			log.Fatal(err)
		}
	}
	if err := pub.Flush(ctx); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("published %+v\n", pub.Stats())

	// Work until the queue is empty, then drain.
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		log.Fatal(err)
	}
	db := memStore{}
	w := queue.NewWorker(conn, p, db, queue.WorkerOptions{})
	wctx, stop := context.WithCancel(ctx)
	done := make(chan error)
	go func() { done <- w.Run(wctx) }()
	for {
		st, err := conn.Status(ctx)
		if err != nil {
			log.Fatal(err)
		}
		if st.Messages == 0 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	stop()
	if err := <-done; err != nil {
		log.Fatal(err)
	}
	fmt.Printf("worker %+v\n", w.Stats())

	// Once the cause of failures is fixed, dead letters go back to the
	// workers (here there are none).
	rs, err := conn.Replay(ctx, 0)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("replay %+v\n", rs)
	// Output:
	// published {Published:2 Duplicates:1 Retried:0 Failed:0}
	// worker {Stored:2 Duplicates:0 Retried:0 Dead:0 StoreFails:0}
	// replay {Replayed:0 Duplicates:0 Remaining:0}
}
