package queue

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/khabar/khabar"
)

// TestExternalServer runs publish → workers → store against a NATS
// server started outside the test, such as Debian's nats-server:
//
//	nats-server -js -a 127.0.0.1 -p 4222 -sd /tmp/js &
//	KHABAR_NATS_URL=nats://127.0.0.1:4222 go test -run External ./queue
//
// Each run uses fresh document URLs, so it can be repeated on one server.
func TestExternalServer(t *testing.T) {
	urls := os.Getenv("KHABAR_NATS_URL")
	if urls == "" {
		t.Skip("KHABAR_NATS_URL not set: no external NATS server to test against")
	}
	conn := connect(t, urls)
	db := openStore(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	before, err := conn.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	run := time.Now().UnixNano()
	docs := synthDocs(t, 100)
	for i := range docs {
		docs[i].URL = fmt.Sprintf("https://example.test/%d/%d", run, i)
	}
	poisonURL := fmt.Sprintf("https://example.test/%d/poison", run)
	publishAll(t, ctx, conn, PublisherOptions{}, append(docs, khabar.RawDocument{Name: "poison", Body: []byte(strings.Repeat("كلمة ", 20000)), URL: poisonURL}))
	stop := runWorkers(t, urls, 2, testPipeline(t), db, WorkerOptions{Concurrency: 2, MaxDeliver: 2, Backoff: 50 * time.Millisecond})
	waitFor(t, 50*time.Second, "the documents stored and the poison dead", func() (bool, string) {
		st, err := conn.Status(ctx)
		if err != nil {
			return false, err.Error()
		}
		s, err := db.Stats(ctx)
		if err != nil {
			return false, err.Error()
		}
		return s.Documents == len(docs) && st.DeadLetters == before.DeadLetters+1 && st.Messages == 0,
			fmt.Sprintf("%d stored, %+v", s.Documents, st)
	})
	sum := stop()
	st, err := conn.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("workers %+v; status %+v", sum, st)
	if sum.Stored != int64(len(docs)) || sum.Dead != 1 {
		t.Errorf("workers %+v, want %d stored and 1 dead", sum, len(docs))
	}
	dead, err := conn.DeadLetters(ctx, int(st.DeadLetters))
	if err != nil {
		t.Fatal(err)
	}
	if d := dead[len(dead)-1]; d.ID != poisonURL || !strings.Contains(d.Error, "too large") {
		t.Errorf("last dead letter %+v, want %s", d, poisonURL)
	}
}
