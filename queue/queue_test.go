package queue

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/pipeline"
	"github.com/khabar/khabar/sqlite"
)

// sentences of the example article, the material of synthetic documents.
func sentences(tb testing.TB) []string {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("..", "examples", "qatar-nato-ici-2023-09-13.txt"))
	if err != nil {
		tb.Fatalf("example article: %v", err)
	}
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		for _, s := range strings.Split(line, ".") {
			if s = strings.TrimSpace(s); len([]rune(s)) > 30 {
				out = append(out, s+".")
			}
		}
	}
	if len(out) < 4 {
		tb.Fatalf("example article: only %d sentences", len(out))
	}
	return out
}

// synthDocs returns n distinct short articles made of the example's
// sentences; each has its own URL and text.
func synthDocs(tb testing.TB, n int) []khabar.RawDocument {
	ss := sentences(tb)
	docs := make([]khabar.RawDocument, n)
	for i := range docs {
		var b strings.Builder
		fmt.Fprintf(&b, "الدوحة - ١٣ سبتمبر ٢٠٢٣\n\nالخبر رقم %d من سلسلة الاختبار.\n\n", i)
		for k := range 3 {
			b.WriteString(ss[(i*3+k)%len(ss)])
			b.WriteString("\n\n")
		}
		docs[i] = khabar.RawDocument{
			Name:        fmt.Sprintf("synthetic-%d", i),
			Body:        []byte(b.String()),
			ContentType: "text/plain",
			URL:         fmt.Sprintf("https://example.test/news/%d", i),
			Title:       fmt.Sprintf("خبر تجريبي %d", i),
			Source:      "khabar-test",
			Date:        time.Date(2023, 9, 13, 0, 0, 0, 0, time.UTC),
		}
	}
	return docs
}

// flaky fails every attempt at documents whose name starts with
// "flaky", as a transient error would, and analyzes the others; once
// fixed is set (when not nil) it analyzes them all, as after a bug fix.
type flaky struct {
	p     *pipeline.Pipeline
	fixed *atomic.Bool
}

var errFlaky = errors.New("flaky analyzer")

func (f flaky) Analyze(ctx context.Context, doc khabar.RawDocument) (*khabar.Analysis, error) {
	if (f.fixed == nil || !f.fixed.Load()) && strings.HasPrefix(doc.Name, "flaky") {
		return nil, fmt.Errorf("%s: %w", doc.Name, errFlaky)
	}
	return f.p.Analyze(ctx, doc)
}

var (
	pipeOnce sync.Once
	pipe     *pipeline.Pipeline
	pipeErr  error
)

// testPipeline is shared by the tests; documents over 64 KiB are too large.
func testPipeline(tb testing.TB) *pipeline.Pipeline {
	pipeOnce.Do(func() { pipe, pipeErr = pipeline.New(pipeline.Options{MaxBytes: 64 << 10}) })
	if pipeErr != nil {
		tb.Fatal(pipeErr)
	}
	return pipe
}

func openStore(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.OpenDir(context.Background(), tb.TempDir(), sqlite.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func connect(tb testing.TB, urls string) *Conn {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := Connect(ctx, urls, Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { c.Close() })
	return c
}

// publishAll publishes docs with a new Publisher of conn, waits until
// the stream has them all and returns the Publisher for its Stats.
func publishAll(tb testing.TB, ctx context.Context, conn *Conn, opt PublisherOptions, docs []khabar.RawDocument) *Publisher {
	tb.Helper()
	pub, err := NewPublisher(conn, opt)
	if err != nil {
		tb.Fatal(err)
	}
	for _, d := range docs {
		if err := pub.Publish(ctx, d); err != nil {
			tb.Fatal(err)
		}
	}
	if err := pub.Flush(ctx); err != nil {
		tb.Fatal(err)
	}
	return pub
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(tb testing.TB, d time.Duration, what string, cond func() (bool, string)) {
	tb.Helper()
	deadline := time.Now().Add(d)
	for {
		ok, state := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			tb.Fatalf("timed out after %s waiting for %s (%s)", d, what, state)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestConnectErrors(t *testing.T) {
	port := freePorts(t, 1)[0]
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	tests := []struct {
		urls, want string
	}{
		{fmt.Sprintf("nats://127.0.0.1:%d", port), "no servers available"},
		{"", "no NATS URL"},
		{"http://127.0.0.1:4222", "scheme"},
		{"127.0.0.1:4222", "bad NATS URL"},
	}
	for _, tt := range tests {
		_, err := Connect(ctx, tt.urls, Options{ConnectTimeout: 500 * time.Millisecond})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Connect(%q) = %v, want an error containing %q", tt.urls, err, tt.want)
		}
	}
}

func TestNoJetStream(t *testing.T) {
	c := startCluster(t, 1)
	c.stop(0)
	c.opts[0].JetStream = false
	c.start(0)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := Connect(ctx, c.URLs(), Options{})
	if err == nil || !strings.Contains(err.Error(), "JetStream is not enabled") {
		t.Fatalf("Connect to a server without JetStream = %v", err)
	}
}
