package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/queue"
	"github.com/khabar/khabar/sqlite"
)

// startNATS runs a single JetStream server on a random loopback port.
func startNATS(t *testing.T) string {
	t.Helper()
	s, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: server.RANDOM_PORT, JetStream: true,
		StoreDir: t.TempDir(), JetStreamMaxMemory: 64 << 20, JetStreamMaxStore: 256 << 20, NoLog: true, NoSigs: true})
	if err != nil {
		t.Fatal(err)
	}
	go s.Start()
	if !s.ReadyForConnections(10 * time.Second) {
		t.Fatal("nats server not ready")
	}
	t.Cleanup(s.Shutdown)
	return s.ClientURL()
}

func TestQueueUsage(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--data", t.TempDir()}, "needs --queue"},
		{[]string{"--queue", "nats://127.0.0.1:1", "--db", "mysql://x"}, "postgres://"},
		{[]string{"--queue", "nats://127.0.0.1:1", "--concurrency", "0"}, "at least 1"},
		{[]string{"--queue", "nats://127.0.0.1:1", "extra"}, "no arguments"},
	}
	for _, tt := range tests {
		var errb bytes.Buffer
		err := cmdWorker(context.Background(), &env{stdout: io.Discard, stderr: &errb}, tt.args)
		if _, ok := err.(usageError); !ok || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("worker %q = %v, want a usage error containing %q", tt.args, err, tt.want)
		}
	}
	var errb bytes.Buffer
	for _, args := range [][]string{
		{"status"}, {"replay"}, {"replay", "--queue", "nats://127.0.0.1:1", "--max", "-1"},
		{"replay", "--queue", "nats://127.0.0.1:1", "extra"}, {"status", "--queue", "nats://127.0.0.1:1", "--dead", "-1"},
	} {
		err := cmdQueue(context.Background(), &env{stdout: io.Discard, stderr: &errb}, args)
		if _, ok := err.(usageError); !ok {
			t.Errorf("queue %q = %v, want a usage error", args, err)
		}
	}
}

func TestWorkerUnreachable(t *testing.T) {
	l := freePort(t)
	err := cmdWorker(context.Background(), &env{stdout: io.Discard, stderr: io.Discard},
		[]string{"--queue", l, "--data", t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "no servers available") || !strings.Contains(err.Error(), l) {
		t.Fatalf("worker with NATS down = %v, want a clear connection error naming %s", err, l)
	}
}

func freePort(t *testing.T) string {
	t.Helper()
	s, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: server.RANDOM_PORT, NoLog: true, NoSigs: true})
	if err != nil {
		t.Fatal(err)
	}
	go s.Start()
	if !s.ReadyForConnections(10 * time.Second) {
		t.Fatal("nats server not ready")
	}
	u := s.ClientURL()
	s.Shutdown()
	s.WaitForShutdown()
	return u
}

// TestQueueEndToEnd publishes files with the ingest adapter, checks the
// queue's status, runs `khabar worker` until the queue is empty and
// stops it as SIGTERM would.
func TestQueueEndToEnd(t *testing.T) {
	urls := startNATS(t)
	dir := t.TempDir()
	texts := []string{
		"الدوحة - ١٣ سبتمبر ٢٠٢٣\n\nشاركت دولة قطر في الاجتماع المشترك لمجلس حلف شمال الأطلسي في بروكسل.",
		"الرياض - ٢ مارس ٢٠٢٤\n\nأعلنت وزارة الصحة السعودية عن افتتاح مستشفى جديد في مدينة جدة.",
		"القاهرة - ٥ يناير ٢٠٢٤\n\nاستقبل الرئيس المصري وفدا من رجال الأعمال لبحث التعاون الاقتصادي.",
	}
	for i, s := range texts {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%d.txt", i)), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	sum, err := publishPaths(ctx, urls, []string{dir}, log)
	if err != nil || sum.Read != 3 || sum.Stored != 3 || sum.Duplicates != 0 {
		t.Fatalf("publish: %+v, %v", sum, err)
	}
	// Publishing again: the stream de-duplicates, and the summary says
	// queued, not stored.
	var out bytes.Buffer
	if err := ingestQueue(ctx, &env{stdout: &out, stderr: io.Discard}, urls, []string{dir}, false, false); err != nil ||
		!strings.HasPrefix(out.String(), "read 3, queued 0, duplicates 3, skipped 0 in ") {
		t.Fatalf("ingest --queue again: %v, %q; want 3 duplicates, 0 queued", err, out.String())
	}
	out.Reset()
	if err := ingestQueue(ctx, &env{stdout: &out, stderr: io.Discard}, urls, []string{dir}, false, true); err != nil ||
		!strings.Contains(out.String(), `"queued": 0`) || strings.Contains(out.String(), "stored") {
		t.Fatalf("ingest --queue --json: %v, %s", err, out.String())
	}
	// An input that cannot be read fails the ingest.
	out.Reset()
	missing := filepath.Join(dir, "missing.jsonl")
	if err := ingestQueue(ctx, &env{stdout: &out, stderr: io.Discard}, urls, []string{dir, missing}, false, false); err == nil ||
		err.Error() != "1 of 2 inputs failed entirely" || !strings.Contains(out.String(), "failed: "+missing+": ") {
		t.Errorf("ingest --queue with a missing input: %v, %q", err, out.String())
	}

	// A dead letter (a fourth article) goes back to the queue on replay;
	// a second replay finds nothing.
	conn, err := queue.Connect(ctx, urls, queue.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	doc := khabar.RawDocument{Name: "a3.txt", URL: "https://example.test/dead", ContentType: "text/plain",
		Body: []byte("جدة - ١ مايو ٢٠٢٤\n\nافتتح أمير المنطقة معرضا للكتاب في مدينة جدة.")}
	payload, err := queue.Encode(doc)
	if err != nil {
		t.Fatal(err)
	}
	dl := &nats.Msg{Subject: queue.DeadSubject, Data: payload, Header: nats.Header{}}
	dl.Header.Set(jetstream.MsgIDHeader, queue.ID(doc))
	dl.Header.Set(queue.HeaderError, "analysis failed")
	if _, err := conn.JetStream().PublishMsg(ctx, dl); err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{`"replayed": 1`, `"replayed": 0`} {
		out.Reset()
		if err := cmdQueue(ctx, &env{stdout: &out, stderr: io.Discard}, []string{"replay", "--queue", urls, "--json"}); err != nil ||
			!strings.Contains(out.String(), want) || !strings.Contains(out.String(), `"remaining": 0`) {
			t.Fatalf("replay %d: %v, %s; want %s", i, err, out.String(), want)
		}
	}

	out.Reset()
	if err := cmdQueue(ctx, &env{stdout: &out, stderr: io.Discard}, []string{"status", "--queue", urls}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "4 documents") || !strings.Contains(out.String(), "lag 4") || !strings.Contains(out.String(), "dead letters: 0") {
		t.Errorf("status before the worker:\n%s", out.String())
	}

	data := t.TempDir()
	wctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	var logs bytes.Buffer
	go func() {
		done <- cmdWorker(wctx, &env{stdout: io.Discard, stderr: &logs},
			[]string{"--queue", urls, "--data", data, "--concurrency", "2", "--progress", "200ms"})
	}()
	deadline := time.Now().Add(30 * time.Second)
	for {
		out.Reset()
		if err := cmdQueue(ctx, &env{stdout: &out, stderr: io.Discard}, []string{"status", "--queue", urls}); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(out.String(), ": 0 documents") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("queue not emptied:\n%s", out.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	stop() // as SIGTERM
	if err := <-done; err != nil {
		t.Fatalf("worker: %v", err)
	}
	db, err := openStore(ctx, data, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st, err := db.Stats(ctx)
	if err != nil || st.Documents != 4 {
		t.Fatalf("store holds %+v (%v), want 4 documents", st, err)
	}
	if !strings.Contains(logs.String(), "draining") || !strings.Contains(logs.String(), "stored=4") {
		t.Errorf("worker logs lack the drain or the count:\n%s", logs.String())
	}
}
