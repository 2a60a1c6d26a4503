package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// runFeeds runs "khabar feeds ARGS..." and returns its output and error.
func runFeeds(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := cmdFeeds(context.Background(), &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}, args)
	return out.String() + errb.String(), err
}

func TestFeedsAddListRemove(t *testing.T) {
	data := t.TempDir()
	if out, err := runFeeds(t, "list", "--data", data); err != nil || !strings.Contains(out, "no feeds") {
		t.Fatalf("empty list: %v %q", err, out)
	}
	if out, err := runFeeds(t, "add", "--data", data, "https://a.test/rss", "http://b.test/atom"); err != nil || strings.Count(out, "added:") != 2 {
		t.Fatalf("add: %v %q", err, out)
	}
	if out, err := runFeeds(t, "add", "--data", data, "https://a.test/rss"); err != nil || !strings.Contains(out, "already listed") {
		t.Errorf("add twice: %v %q", err, out)
	}
	for _, bad := range []string{"ftp://x.test/feed", "not a url", "/local/path"} {
		if _, err := runFeeds(t, "add", "--data", data, bad); err == nil {
			t.Errorf("add %q accepted", bad)
		}
	}
	out, err := runFeeds(t, "list", "--data", data)
	if err != nil || !strings.Contains(out, "https://a.test/rss") || !strings.Contains(out, "http://b.test/atom") || !strings.Contains(out, "never polled") {
		t.Errorf("list: %v %q", err, out)
	}
	if _, err := runFeeds(t, "remove", "--data", data, "https://a.test/rss"); err != nil {
		t.Errorf("remove: %v", err)
	}
	if _, err := runFeeds(t, "remove", "--data", data, "https://a.test/rss"); err == nil {
		t.Errorf("removing an unlisted feed succeeded")
	}
	l, err := loadFeeds(data)
	if err != nil || len(l.Feeds) != 1 || l.Feeds[0].URL != "http://b.test/atom" {
		t.Errorf("after remove: %+v, %v", l, err)
	}
	if _, err := runFeeds(t, "frobnicate"); err == nil {
		t.Errorf("unknown subcommand accepted")
	}
	if _, err := runFeeds(t, "poll", "--data", data, "--every", "1s"); err == nil {
		t.Errorf("poll --every 1s accepted")
	}
}

const testFeed = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>وكالة الاختبار</title>
<item><title>وزراء الخارجية يجتمعون في الرياض</title><link>https://news.test/1</link>
<pubDate>Tue, 05 Mar 2024 09:30:00 +0000</pubDate>
<description>&lt;p&gt;عقد وزراء الخارجية اجتماعا في الرياض اليوم لبحث التعاون الاقتصادي بين الدول.&lt;/p&gt;</description></item>
<item><title>ارتفاع أسعار النفط</title><link>https://news.test/2</link>
<pubDate>Tue, 05 Mar 2024 08:00:00 +0000</pubDate>
<description>ارتفعت أسعار النفط في الأسواق العالمية اليوم بعد قرار أوبك.</description></item>
<item><title>بلا نص</title><link>https://news.test/3</link></item>
</channel></rss>`

func TestFeedsPoll(t *testing.T) {
	var failing atomic.Bool
	var requests, conditional atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if failing.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		if r.Header.Get("If-None-Match") == `"x1"` {
			conditional.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"x1"`)
		w.Write([]byte(testFeed))
	}))
	defer srv.Close()
	data := t.TempDir()
	feedURL := srv.URL + "/rss"
	if out, err := runFeeds(t, "add", "--data", data, feedURL); err != nil {
		t.Fatalf("add: %v %s", err, out)
	}
	out, err := runFeeds(t, "poll", "--data", data)
	if err != nil || !strings.Contains(out, "3 items, 2 new stored, 0 already stored, 1 skipped") {
		t.Fatalf("first poll: %v %q", err, out)
	}
	// Searchable after the poll.
	code, sout, serr := runCLI(t, "", "search", "--data", data, "النفط")
	if code != 0 || !strings.Contains(sout, "https://news.test/2") {
		t.Errorf("search after poll: exit %d %q %q", code, sout, serr)
	}
	out, err = runFeeds(t, "poll", "--data", data)
	if err != nil || !strings.Contains(out, "not modified") || conditional.Load() != 1 {
		t.Errorf("second poll: %v %q (conditional requests %d)", err, out, conditional.Load())
	}
	// The ETag is forgotten: the items come again and are known.
	if err := updateFeed(data, feedURL, func(f *feedEntry) { f.ETag = "" }); err != nil {
		t.Fatal(err)
	}
	if out, err = runFeeds(t, "poll", "--data", data); err != nil || !strings.Contains(out, "0 new stored, 2 already stored") {
		t.Errorf("poll without ETag: %v %q", err, out)
	}

	failing.Store(true)
	out, err = runFeeds(t, "poll", "--data", data)
	if err == nil || !strings.Contains(out, "HTTP status 503") {
		t.Errorf("failing poll: %v %q", err, out)
	}
	l, err := loadFeeds(data)
	if err != nil {
		t.Fatal(err)
	}
	f := l.Feeds[0]
	if f.Failures != 1 || f.Stored != 2 || f.ETag != `"x1"` || time.Until(f.NextPoll) < 10*time.Minute {
		t.Errorf("after a failure: %+v; want 1 failure, 2 stored, the ETag kept, next poll in about 15m", f)
	}
	// Backed off: the next poll does not ask the server.
	before := requests.Load()
	if out, err = runFeeds(t, "poll", "--data", data); err != nil || requests.Load() != before || !strings.Contains(out, "no feed due") {
		t.Errorf("poll during backoff: %v %q; %d requests", err, out, requests.Load()-before)
	}
	if out, err = runFeeds(t, "list", "--data", data); !strings.Contains(out, "failing (1 in a row") {
		t.Errorf("list: %v %q", err, out)
	}
}

func TestFeedsBackoff(t *testing.T) {
	pl := &poller{}
	want := []time.Duration{15 * time.Minute, 30 * time.Minute, time.Hour, 2 * time.Hour}
	for i, w := range want {
		if got := pl.backoff(i + 1); got != w {
			t.Errorf("backoff(%d) = %v, want %v", i+1, got, w)
		}
	}
	if got := pl.backoff(50); got != maxBackoff {
		t.Errorf("backoff(50) = %v, want %v", got, maxBackoff)
	}
	pl.every = time.Hour
	if got := pl.backoff(2); got != 2*time.Hour {
		t.Errorf("backoff(2) every hour = %v", got)
	}
}

func TestFeedsCorruptList(t *testing.T) {
	data := t.TempDir()
	if err := os.WriteFile(filepath.Join(data, feedsFile), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := runFeeds(t, "list", "--data", data); err == nil || !strings.Contains(err.Error(), feedsFile) {
		t.Errorf("corrupt list: %v", err)
	}
}

// With --every the poller keeps polling until interrupted, and an
// interruption is a normal end.
func TestFeedsPollEvery(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		w.Write([]byte(testFeed))
	}))
	defer srv.Close()
	data := t.TempDir()
	if out, err := runFeeds(t, "add", "--data", data, srv.URL+"/rss"); err != nil {
		t.Fatalf("add: %v %s", err, out)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var out bytes.Buffer
	go func() {
		done <- cmdFeeds(ctx, &env{stdin: strings.NewReader(""), stdout: &out, stderr: &out}, []string{"poll", "--data", data, "--every", "1m"})
	}()
	polled := func() bool {
		l, err := loadFeeds(data)
		return err == nil && len(l.Feeds) == 1 && !l.Feeds[0].LastOK.IsZero()
	}
	for deadline := time.Now().Add(30 * time.Second); !polled() && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("poll --every ended with %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("poll --every did not stop when interrupted")
	}
	if requests.Load() != 1 {
		t.Errorf("%d requests within the first interval; want 1", requests.Load())
	}
	l, err := loadFeeds(data)
	if err != nil || l.Feeds[0].LastOK.IsZero() || time.Until(l.Feeds[0].NextPoll) < 30*time.Second {
		t.Errorf("after one round: %+v %v; want last_ok set and the next poll about a minute away", l.Feeds[0], err)
	}
}
