package server

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/store"
	"github.com/khabar/khabar/watch"
)

func TestWatchesEndpoints(t *testing.T) {
	ts, db := newTestServer(t, Config{Token: testToken})
	auth := []string{"Authorization", "Bearer " + testToken}
	body := `{"name":"بروكسل","query":"بروكسل -الطقس","webhook":"https://hooks.example/k"}`
	if r := do(t, "POST", ts.URL+"/v1/watches", "application/json", body); r.status != 401 {
		t.Errorf("no token: %d %s", r.status, r.body)
	}
	for _, bad := range []string{`{"name":"x"}`, `{"name":"x","query":"from:2015-13"}`, `{"name":"x","query":"y","webhook":"ftp://h"}`, `{"name":"x","query":"y","extra":1}`, `[`} {
		if r := do(t, "POST", ts.URL+"/v1/watches", "application/json", bad, auth...); r.status != 400 {
			t.Errorf("%s: %d %s, want 400", bad, r.status, r.body)
		}
	}
	r := do(t, "POST", ts.URL+"/v1/watches", "application/json", body, auth...)
	if r.status != 201 {
		t.Fatalf("add: %d %s", r.status, r.body)
	}
	var added struct {
		ID, Secret string
	}
	json.Unmarshal([]byte(r.body), &added)
	if added.ID == "" || len(added.Secret) < 32 || r.header.Get("Location") != "/v1/watches/"+added.ID {
		t.Fatalf("add: %s (Location %q)", r.body, r.header.Get("Location"))
	}
	if r := do(t, "GET", ts.URL+"/v1/watches", "", ""); r.status != 200 || !strings.Contains(r.body, added.ID) || strings.Contains(r.body, added.Secret) {
		t.Errorf("list: %d %s", r.status, r.body)
	}

	// A new document about Brussels arrives and the watch is matched.
	ctx := context.Background()
	a := handAnalysis()
	a.Text = strings.Replace(a.Text, "قطر تدعم الحوار", "قطر تدعم الحوار دائما", 1)
	if _, err := db.Put(ctx, []store.Document{{URL: "https://example.test/brussels-2", Source: "spa", Analysis: a},
		{URL: "https://example.test/other", Source: "spa", Analysis: &khabar.Analysis{Schema: khabar.Schema, Text: "خبر عن الطقس في جدة"}}}); err != nil {
		t.Fatal(err)
	}
	if n, err := (&watch.Matcher{Store: db.(watch.Store)}).Run(ctx); n != 1 || err != nil {
		t.Fatalf("matching: %d matches, %v; want 1", n, err)
	}
	feed := ts.URL + "/v1/watches/" + added.ID + "/feed.atom"
	r = do(t, "GET", feed, "", "")
	if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "application/atom+xml") || strings.Count(r.body, "<entry>") != 1 {
		t.Fatalf("feed: %d %s\n%s", r.status, r.header.Get("Content-Type"), r.body)
	}
	etag, modified := r.header.Get("ETag"), r.header.Get("Last-Modified")
	if etag == "" || modified == "" {
		t.Errorf("feed without ETag or Last-Modified: %v", r.header)
	}
	if r := do(t, "GET", feed, "", "", "If-None-Match", etag); r.status != 304 || r.body != "" {
		t.Errorf("If-None-Match: %d", r.status)
	}
	if r := do(t, "GET", feed, "", "", "If-Modified-Since", modified); r.status != 304 {
		t.Errorf("If-Modified-Since: %d", r.status)
	}
	if r := do(t, "GET", feed, "", "", "If-None-Match", `"other"`); r.status != 200 {
		t.Errorf("another ETag: %d", r.status)
	}
	if r := do(t, "GET", ts.URL+"/v1/watches/"+added.ID, "", ""); r.status != 200 || !strings.Contains(r.body, `"matches":[{`) {
		t.Errorf("get: %d %s", r.status, r.body)
	}
	if r := do(t, "DELETE", ts.URL+"/v1/watches/"+added.ID, "", ""); r.status != 401 {
		t.Errorf("delete without token: %d", r.status)
	}
	if r := do(t, "DELETE", ts.URL+"/v1/watches/"+added.ID, "", "", auth...); r.status != 204 {
		t.Errorf("delete: %d %s", r.status, r.body)
	}
	for _, u := range []string{ts.URL + "/v1/watches/" + added.ID, feed} {
		if r := do(t, "GET", u, "", ""); r.status != 404 || errCode(t, r) != "not_found" {
			t.Errorf("%s after delete: %d", u, r.status)
		}
	}
}
