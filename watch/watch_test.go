package watch_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/sqlite"
	"github.com/khabar/khabar/store"
	"github.com/khabar/khabar/watch"
)

func openStore(t *testing.T, path string) watch.Store {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// doc is a small document about word, published on day.
func doc(n int, word, day string) store.Document {
	// Numbers of their own keep the documents apart: no near
	// duplicates, no shared story.
	var b strings.Builder
	for i := range 12 {
		fmt.Fprintf(&b, "%d ", n*1000+i*37)
	}
	text := fmt.Sprintf("%s %s %d", b.String(), word, n)
	return store.Document{URL: fmt.Sprintf("https://example.test/%d", n), Source: "test", Title: fmt.Sprintf("خبر %d عن %s", n, word),
		Analysis: &khabar.Analysis{Schema: khabar.Schema, Text: text, Published: day}}
}

// receiver is a webhook that records what it is sent; fail makes it
// answer 500 to the next fail requests.
type receiver struct {
	secret string
	mu     sync.Mutex
	got    map[string]int // document ID → times received
	fail   int
	bad    int // requests with a wrong signature
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if !watch.Verify(rc.secret, body, r.Header.Get(watch.SignatureHeader)) {
		rc.bad++
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	if rc.fail > 0 {
		rc.fail--
		http.Error(w, "try later", http.StatusInternalServerError)
		return
	}
	var p watch.Payload
	if err := json.Unmarshal(body, &p); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	for _, m := range p.Matches {
		rc.got[m.DocID]++
	}
}

// TestWebhookAcrossRestarts stores documents, matches and delivers them
// with the store closed and opened again between rounds and a webhook
// that fails now and then: the receiver sees every match exactly once.
func TestWebhookAcrossRestarts(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "khabar.db")
	rc := &receiver{got: map[string]int{}}
	ts := httptest.NewServer(rc)
	defer ts.Close()

	db := openStore(t, path)
	w, err := db.AddWatch(ctx, store.Watch{Name: "النفط", Query: "النفط", Webhook: ts.URL})
	if err != nil {
		t.Fatal(err)
	}
	rc.secret = w.Secret
	want := map[string]bool{}
	n := 0
	for round := range 4 {
		var docs []store.Document
		for range 5 {
			n++
			word := "النفط"
			if n%3 == 0 {
				word = "الطقس"
			}
			docs = append(docs, doc(n, word, "2024-05-0"+fmt.Sprint(round+1)))
		}
		res, err := db.Put(ctx, docs)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range res {
			if strings.Contains(docs[i].Title, "النفط") {
				want[r.ID] = true
			}
		}
		m := &watch.Matcher{Store: db}
		if _, err := m.Run(ctx); err != nil {
			t.Fatal(err)
		}
		d := &watch.Deliverer{Store: db, Batch: 2}
		rc.mu.Lock()
		rc.fail = round % 2 // a failure in the middle of every other round
		rc.mu.Unlock()
		cur, _ := db.GetWatch(ctx, w.ID)
		if _, err := d.Deliver(ctx, *cur); round%2 == 1 && !errors.Is(err, watch.ErrRejected) {
			t.Errorf("round %d: %v, want the rejection", round, err)
		}
		// Restart: what was not acknowledged is sent by the next round.
		db.Close()
		db = openStore(t, path)
	}
	cur, _ := db.GetWatch(ctx, w.ID)
	if _, err := (&watch.Deliverer{Store: db}).Deliver(ctx, *cur); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if rc.bad != 0 {
		t.Errorf("%d requests with a bad signature", rc.bad)
	}
	if len(rc.got) != len(want) {
		t.Errorf("received %d documents, want %d", len(rc.got), len(want))
	}
	for id := range want {
		if rc.got[id] != 1 {
			t.Errorf("document %s received %d times, want once", id, rc.got[id])
		}
	}
}

// TestUnreachableWebhookDoesNotBlockPut holds every webhook request
// open: Puts and matching passes go on while a delivery waits.
func TestUnreachableWebhookDoesNotBlockPut(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	entered := make(chan struct{}, 1)
	release := make(chan struct{})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case entered <- struct{}{}:
		default:
		}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer ts.Close()
	defer close(release)
	db := openStore(t, filepath.Join(t.TempDir(), "khabar.db"))
	defer db.Close()
	w, _ := db.AddWatch(ctx, store.Watch{Name: "w", Query: "النفط", Webhook: ts.URL})
	if _, err := db.Put(ctx, []store.Document{doc(1, "النفط", "2024-05-01")}); err != nil {
		t.Fatal(err)
	}
	svc := &watch.Service{Matcher: &watch.Matcher{Store: db}, Deliverer: &watch.Deliverer{Store: db, Client: &http.Client{}}}
	svc.Pass(ctx)
	<-entered // the delivery is in flight, held by the receiver
	for i := 2; i < 6; i++ {
		if _, err := db.Put(ctx, []store.Document{doc(i, "النفط", "2024-05-02")}); err != nil {
			t.Fatal(err)
		}
		svc.Pass(ctx) // matches; does not start a second delivery of w
	}
	got, _ := db.GetWatch(ctx, w.ID)
	if got.Matches != 5 || got.Delivered != 0 {
		t.Errorf("while the webhook hangs: %d matches, delivered up to %d; want 5 and 0", got.Matches, got.Delivered)
	}
	cancel()
	svc.Wait()
}

func TestMatcherGap(t *testing.T) {
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	fake := &gapStore{arr: []store.Arrival{
		{Seq: 1, ID: "a", Ingested: now}, {Seq: 2, ID: "b", Ingested: now},
		{Seq: 4, ID: "d", Ingested: now}, // 3 is held by a writer that has not committed
	}}
	m := &watch.Matcher{Store: fake, Grace: time.Minute, Now: func() time.Time { return now }}
	if _, err := m.Match(context.Background(), store.Watch{ID: "w", Query: "x"}); err != nil {
		t.Fatal(err)
	}
	if fake.cursor != 2 || len(fake.ms) != 3 {
		t.Errorf("cursor %d with %d matches, want 2 (before the gap) and all 3 matched", fake.cursor, len(fake.ms))
	}
	m.Now = func() time.Time { return now.Add(2 * time.Minute) }
	m.Match(context.Background(), store.Watch{ID: "w", Query: "x", Cursor: 2})
	if fake.cursor != 4 {
		t.Errorf("cursor %d after the grace, want 4", fake.cursor)
	}
}

// gapStore answers Arrivals from arr and finds every document.
type gapStore struct {
	watch.Store
	arr    []store.Arrival
	cursor int64
	ms     []store.WatchMatch
}

func (g *gapStore) Arrivals(_ context.Context, after int64, limit int) ([]store.Arrival, error) {
	var out []store.Arrival
	for _, a := range g.arr {
		if a.Seq > after && len(out) < limit {
			out = append(out, a)
		}
	}
	return out, nil
}

func (g *gapStore) Search(_ context.Context, _ search.Request) (*search.Result, error) {
	res := &search.Result{Total: len(g.arr)}
	for _, a := range g.arr {
		res.Hits = append(res.Hits, search.Hit{ID: a.ID})
	}
	return res, nil
}

func (g *gapStore) Get(_ context.Context, id string) (*store.Record, error) {
	return &store.Record{ID: id, Cluster: id}, nil
}

func (g *gapStore) AddWatchMatches(_ context.Context, _ string, cursor int64, ms []store.WatchMatch) ([]store.WatchMatch, error) {
	g.cursor = cursor
	g.ms = ms
	return ms, nil
}

func TestSign(t *testing.T) {
	body := []byte(`{"watch":{"id":"w1"}}`)
	sig := watch.Sign("secret", body)
	if !strings.HasPrefix(sig, "sha256=") || len(sig) != len("sha256=")+64 {
		t.Fatalf("signature %q", sig)
	}
	for _, tt := range []struct {
		secret string
		body   []byte
		sig    string
		ok     bool
	}{
		{"secret", body, sig, true},
		{"other", body, sig, false},
		{"secret", append(bytes.Clone(body), ' '), sig, false},
		{"secret", body, strings.ToUpper(sig), false},
		{"secret", body, "", false},
	} {
		if got := watch.Verify(tt.secret, tt.body, tt.sig); got != tt.ok {
			t.Errorf("Verify(%q, %q, %q) = %v", tt.secret, tt.body, tt.sig, got)
		}
	}
}

func TestBackoff(t *testing.T) {
	b := watch.Backoff{Min: time.Second, Max: 10 * time.Second}
	for failures, want := range []time.Duration{0, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 10 * time.Second, 10 * time.Second} {
		if got := b.Delay(failures); got != want {
			t.Errorf("Delay(%d) = %v, want %v", failures, got, want)
		}
	}
	if got := b.Delay(1000); got != 10*time.Second {
		t.Errorf("Delay(1000) = %v", got)
	}
}

func TestValidate(t *testing.T) {
	for _, tt := range []struct {
		w  store.Watch
		ok bool
	}{
		{store.Watch{Name: "قطر", Query: "entity:قطر"}, true},
		{store.Watch{Name: "x", Query: "said:المالكي place:بروكسل", Webhook: "https://hooks.example/k"}, true},
		{store.Watch{Name: "", Query: "x"}, false},
		{store.Watch{Name: "x", Query: ""}, false},
		{store.Watch{Name: "x", Query: "from:2015-13"}, false},
		{store.Watch{Name: "x", Query: "x", Webhook: "ftp://h/x"}, false},
		{store.Watch{Name: "x", Query: "x", Webhook: "/relative"}, false},
		{store.Watch{Name: strings.Repeat("ن", 201), Query: "x"}, false},
	} {
		if err := watch.Validate(tt.w); (err == nil) != tt.ok {
			t.Errorf("Validate(%+v) = %v", tt.w, err)
		}
	}
}

func TestWriteAtom(t *testing.T) {
	matched := time.Date(2024, 5, 2, 9, 30, 0, 0, time.UTC)
	f := watch.Feed{Base: "https://khabar.example/", Watch: store.Watch{ID: "w1", Name: "قطر & الناتو", Query: `entity:قطر "<b>"`,
		Created: matched.Add(-time.Hour), LatestAt: matched, Latest: 9, Matches: 2},
		Matches: []store.WatchMatch{
			{Seq: 9, DocID: "d2", Title: "خبر\x01 جديد", URL: "https://news.example/2?a=1&b=2", Source: "qna", Published: "2024-05-02", Matched: matched},
			{Seq: 3, DocID: "d1", Matched: matched.Add(-time.Minute)},
		}}
	var b bytes.Buffer
	if err := watch.WriteAtom(&b, f); err != nil {
		t.Fatal(err)
	}
	var feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		ID      string   `xml:"id"`
		Title   string   `xml:"title"`
		Updated string   `xml:"updated"`
		Author  string   `xml:"author>name"`
		Links   []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Entries []struct {
			ID        string `xml:"id"`
			Title     string `xml:"title"`
			Updated   string `xml:"updated"`
			Published string `xml:"published"`
			Link      []struct {
				Rel  string `xml:"rel,attr"`
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(b.Bytes(), &feed); err != nil {
		t.Fatalf("not XML: %v\n%s", err, b.String())
	}
	if feed.ID != "https://khabar.example/v1/watches/w1/feed.atom" || feed.Title != "قطر & الناتو" || feed.Updated != "2024-05-02T09:30:00Z" || feed.Author != "khabar" {
		t.Errorf("feed head: %+v", feed)
	}
	if len(feed.Links) == 0 || feed.Links[0].Rel != "self" {
		t.Errorf("no self link: %+v", feed.Links)
	}
	if len(feed.Entries) != 2 {
		t.Fatalf("%d entries, want 2", len(feed.Entries))
	}
	e := feed.Entries[0]
	if e.ID != "https://khabar.example/doc/d2" || e.Title != "خبر جديد" || e.Published != "2024-05-02T00:00:00Z" ||
		e.Updated != "2024-05-02T09:30:00Z" || e.Link[0].Href != "https://news.example/2?a=1&b=2" {
		t.Errorf("first entry: %+v", e)
	}
	if e := feed.Entries[1]; e.Title != "d1" || e.Published != "" || e.Link[0].Href != "https://khabar.example/doc/d1" {
		t.Errorf("entry without title, date or URL: %+v", e)
	}
	// The entity tag changes with a new match and not otherwise.
	w2 := f.Watch
	if watch.ETag(w2) != watch.ETag(f.Watch) {
		t.Error("ETag not stable")
	}
	w2.Latest, w2.Matches = 10, 3
	if watch.ETag(w2) == watch.ETag(f.Watch) {
		t.Error("ETag unchanged by a new match")
	}
}
