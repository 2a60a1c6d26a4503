package postgres_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/khabar/khabar/internal/pgtest"
	"github.com/khabar/khabar/pipeline"
	"github.com/khabar/khabar/postgres"
	khserver "github.com/khabar/khabar/server"
	"github.com/khabar/khabar/store"
)

// replicaToken is the API token of the test servers.
const replicaToken = "replica-test-token"

// apiAnswer is one response of a test server.
type apiAnswer struct {
	status int
	body   string
	header http.Header
}

// call sends one request to a test server.
func call(t *testing.T, method, u, body string) apiAnswer {
	t.Helper()
	a, err := send(method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// send is call for any goroutine.
func send(method, u, body string) (apiAnswer, error) {
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		return apiAnswer{}, err
	}
	req.Header.Set("Authorization", "Bearer "+replicaToken)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return apiAnswer{}, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return apiAnswer{}, err
	}
	return apiAnswer{res.StatusCode, string(b), res.Header}, nil
}

// errorCode returns the code of a JSON error body, or "" when the body
// is not one.
func errorCode(body string) string {
	var e khserver.APIError
	if json.Unmarshal([]byte(body), &e) != nil || e.Error.RequestID == "" {
		return ""
	}
	return e.Error.Code
}

// searchIDs returns the IDs of the hits of a 200 search answer.
func searchIDs(a apiAnswer) ([]string, error) {
	var res struct {
		Total int
		Hits  []struct{ ID string }
	}
	if err := json.Unmarshal([]byte(a.body), &res); err != nil {
		return nil, fmt.Errorf("search answer: %w: %s", err, a.body)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	if res.Total != len(ids) {
		return nil, fmt.Errorf("search answer with total %d and %d hits: %s", res.Total, len(ids), a.body)
	}
	return ids, nil
}

// postDoc stores one document through a test server and returns its ID.
func postDoc(t *testing.T, base, doc string) string {
	t.Helper()
	a := call(t, "POST", base+"/v1/documents", doc)
	var put struct {
		Results []struct{ ID, Status string }
	}
	if a.status != 200 || json.Unmarshal([]byte(a.body), &put) != nil || len(put.Results) != 1 || put.Results[0].Status != "stored" {
		t.Fatalf("POST /v1/documents: %d %s", a.status, a.body)
	}
	return put.Results[0].ID
}

// waitSearch searches through a test server until q finds exactly want,
// or fails after a minute.
func waitSearch(t *testing.T, base, q string, want ...string) time.Duration {
	t.Helper()
	start := time.Now()
	for {
		a := call(t, "GET", base+"/v1/search?q="+url.QueryEscape(q), "")
		if a.status == 200 {
			ids, err := searchIDs(a)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(ids, ",") == strings.Join(want, ",") {
				return time.Since(start)
			}
		}
		if time.Since(start) > time.Minute {
			t.Fatalf("search %q through the replica: %d %s; want %v", q, a.status, a.body, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// newAPI serves db over HTTP for one test.
func newAPI(t *testing.T, db store.Store, p *pipeline.Pipeline) string {
	t.Helper()
	h, err := khserver.New(khserver.Config{Store: db, Analyzer: p, Token: replicaToken,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts.URL
}

const (
	saffronDoc = `{"title":"مهرجان الزعفران","text":"افتتح في مدينة تالوين مهرجان الزعفران السنوي بمشاركة مزارعين من القرى المجاورة.","url":"https://example.test/saffron","source":"test"}`
	coffeeDoc  = `{"title":"معرض القهوة","text":"استقبل معرض القهوة المختصة في جدة زواراً من دول الخليج لتذوق أنواع البن اليمني.","url":"https://example.test/coffee","source":"test"}`
)

// TestReplica runs a server that reads a hot standby and writes to its
// primary (two real clusters, the standby made with pg_basebackup): a
// document posted to it is stored on the primary and found through the
// standby; watches go to the primary; a server on the standby alone
// refuses writes; while the standby restarts or is down, every answer is
// either the right one or a 503 JSON error, and the server recovers
// with what the primary stored meanwhile.
func TestReplica(t *testing.T) {
	if server == nil {
		t.Skip(skipReason)
	}
	ctx := context.Background()
	primary := pgtest.New(t)
	wurl := primary.NewDB(t)
	standby := primary.NewStandby(t)
	rurl := standby.SameDB(wurl)
	if err := standby.WaitReplay(ctx, primary); err != nil {
		t.Fatal(err)
	}
	// Before the primary has khabar's schema, the standby cannot serve.
	if _, err := postgres.OpenReplica(ctx, rurl, "", postgres.Options{}); err == nil || !strings.Contains(err.Error(), "no khabar schema") {
		t.Errorf("OpenReplica of a database without the schema: %v", err)
	}
	// Reads give up after 300 ms without the standby, so that its
	// absence shows as errors rather than waits.
	rep, err := postgres.OpenReplica(ctx, rurl, wurl, postgres.Options{RetryFor: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer rep.Close()
	if _, err := postgres.Open(ctx, rurl, postgres.Options{}); !errors.Is(err, postgres.ErrStandby) {
		t.Errorf("Open of the standby for writing: %v, want ErrStandby", err)
	}
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	api := newAPI(t, rep, p)

	// A document posted to the server is stored on the primary and
	// becomes searchable through the standby.
	saffron := postDoc(t, api, saffronDoc)
	onPrimary, err := postgres.Open(ctx, wurl, postgres.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer onPrimary.Close()
	if id, err := onPrimary.Lookup(ctx, "https://example.test/saffron"); err != nil || id != saffron {
		t.Fatalf("the posted document on the primary: %q, %v; want %s", id, err, saffron)
	}
	t.Logf("a posted document was found through the standby after %v", waitSearch(t, api, "الزعفران", saffron))
	if a := call(t, "GET", api+"/v1/documents/"+saffron, ""); a.status != 200 {
		t.Errorf("GET the document through the standby: %d %s", a.status, a.body)
	}

	// Watches live on the primary: one just added is found at once.
	a := call(t, "POST", api+"/v1/watches", `{"name":"قهوة","query":"القهوة"}`)
	var w store.Watch
	if a.status != 201 || json.Unmarshal([]byte(a.body), &w) != nil || w.ID == "" {
		t.Fatalf("POST /v1/watches: %d %s", a.status, a.body)
	}
	if a := call(t, "GET", api+"/v1/watches/"+w.ID, ""); a.status != 200 {
		t.Errorf("GET the watch just added: %d %s", a.status, a.body)
	}

	// A server on the standby alone reads it and refuses writes.
	alone, err := postgres.OpenReplica(ctx, rurl, "", postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer alone.Close()
	aloneAPI := newAPI(t, alone, p)
	waitSearch(t, aloneAPI, "الزعفران", saffron)
	for _, wr := range []struct{ path, body string }{{"/v1/documents", coffeeDoc}, {"/v1/watches", `{"name":"x","query":"x"}`}} {
		if a := call(t, "POST", aloneAPI+wr.path, wr.body); a.status != 403 || errorCode(a.body) != "read_only" {
			t.Errorf("POST %s to a server on the standby alone: %d %s; want 403 read_only", wr.path, a.status, a.body)
		}
	}
	if err := standby.WaitReplay(ctx, primary); err != nil { // the watch reaches the standby
		t.Fatal(err)
	}
	if a := call(t, "GET", aloneAPI+"/v1/watches/"+w.ID, ""); a.status != 200 {
		t.Errorf("GET the watch from the standby alone: %d %s", a.status, a.body)
	}

	// Through a restart of the standby, then while it is down, every
	// answer is the right one or a 503 JSON error.
	var mu sync.Mutex
	counts := map[int]int{}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			a, err := send("GET", api+"/v1/search?q="+url.QueryEscape("الزعفران"), "")
			if err != nil {
				t.Error(err)
				return
			}
			checkAnswer(t, a, saffron)
			mu.Lock()
			counts[a.status]++
			mu.Unlock()
		}
	}()
	if err := standby.Restart(ctx); err != nil {
		t.Fatal(err)
	}
	if err := standby.Halt(ctx); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/v1/search?q=" + url.QueryEscape("الزعفران"), "/v1/documents/" + saffron, "/healthz"} {
		a := call(t, "GET", api+path, "")
		if a.status != 503 || errorCode(a.body) != "unavailable" || path != "/healthz" && a.header.Get("Retry-After") == "" {
			t.Errorf("GET %s with the standby down: %d %v %s; want 503 unavailable with Retry-After", path, a.status, a.header, a.body)
		}
	}
	// Writes still go to the primary.
	coffee := postDoc(t, api, coffeeDoc)
	if err := standby.Resume(ctx); err != nil {
		t.Fatal(err)
	}
	// The server recovers, with what the primary stored meanwhile.
	waitSearch(t, api, "القهوة", coffee)
	close(stop)
	wg.Wait()
	t.Logf("answers during the restart and the stop: %v", counts)
	if counts[200] == 0 {
		t.Errorf("no right answer at all while searching through the restart: %v", counts)
	}
}

// checkAnswer marks the test failed unless a is a search answer finding exactly
// want, or a 503 JSON error with code unavailable.
func checkAnswer(t *testing.T, a apiAnswer, want string) {
	t.Helper()
	switch a.status {
	case 200:
		if ids, err := searchIDs(a); err != nil || len(ids) != 1 || ids[0] != want {
			t.Errorf("wrong answer through a restarting standby: %v (%v), want [%s]", ids, err, want)
		}
	case 503:
		if errorCode(a.body) != "unavailable" {
			t.Errorf("503 without the unavailable JSON error: %s", a.body)
		}
	default:
		t.Errorf("answer %d through a restarting standby: %s", a.status, a.body)
	}
}

// TestReplicaRefusals: a standby whose schema is older than the program
// and a primary of another cluster are refused with clear errors.
func TestReplicaRefusals(t *testing.T) {
	if server == nil {
		t.Skip(skipReason)
	}
	ctx := context.Background()
	primary := pgtest.New(t)
	wurl := primary.NewDB(t)
	db, err := postgres.Open(ctx, wurl, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	version, err := primary.Query(ctx, wurl, `DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations) RETURNING version`)
	if err != nil {
		t.Fatal(err)
	}
	standby := primary.NewStandby(t)
	if err := standby.WaitReplay(ctx, primary); err != nil {
		t.Fatal(err)
	}
	rurl := standby.SameDB(wurl)
	if _, err := postgres.OpenReplica(ctx, rurl, "", postgres.Options{}); err == nil || !strings.Contains(err.Error(), "older than this program's") {
		t.Errorf("OpenReplica of an older schema: %v", err)
	}
	// Once the primary is current again, the standby follows.
	if _, err := primary.Query(ctx, wurl, fmt.Sprintf(`INSERT INTO schema_migrations (version) VALUES (%s)`, version)); err != nil {
		t.Fatal(err)
	}
	rep, err := postgres.OpenReplica(ctx, rurl, wurl, postgres.Options{})
	if err != nil {
		t.Fatalf("OpenReplica once the primary is current: %v", err)
	}
	rep.Close()
	// The shared test server is another cluster.
	if _, err := postgres.OpenReplica(ctx, rurl, newDB(t), postgres.Options{}); err == nil || !strings.Contains(err.Error(), "not a copy") {
		t.Errorf("OpenReplica with another cluster's primary: %v", err)
	}
}
