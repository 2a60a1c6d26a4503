package server

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/khabar/khabar/pipeline"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// failingStore answers every read and write with err.
type failingStore struct {
	store.Store
	err error
}

func (f failingStore) Get(context.Context, string) (*store.Record, error) { return nil, f.err }
func (f failingStore) Search(context.Context, search.Request) (*search.Result, error) {
	return nil, f.err
}
func (f failingStore) Put(context.Context, []store.Document) ([]store.PutResult, error) {
	return nil, f.err
}
func (f failingStore) Entity(context.Context, string, store.EntityOptions) (*store.EntityPage, error) {
	return nil, f.err
}

// TestStoreErrors checks the answers to a store that cannot be reached
// (503 with Retry-After) and to a write to one that takes no writes
// (403 read_only), in the API and the UI.
func TestStoreErrors(t *testing.T) {
	_, db := newTestServer(t, Config{})
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	unavailable := fmt.Errorf("postgres: khabar: search: %w", store.ErrUnavailable)
	readOnly := fmt.Errorf("postgres: khabar: put: %w", store.ErrReadOnly)
	doc := `{"title":"خبر","text":"افتتح أمير منطقة الرياض اليوم معرض الرياض الدولي للكتاب.","url":"https://example.test/x"}`
	auth := []string{"Authorization", "Bearer " + testToken}
	for _, tc := range []struct {
		err          error
		method, path string
		body         string
		html         bool
		status       int
		code         string // JSON error code; "" for a UI page
	}{
		{unavailable, "GET", "/v1/search?q=الرياض", "", false, 503, "unavailable"},
		{unavailable, "GET", "/v1/documents/d1", "", false, 503, "unavailable"},
		{unavailable, "GET", "/v1/entities/Q239", "", false, 503, "unavailable"},
		{unavailable, "POST", "/v1/documents", doc, false, 503, "unavailable"},
		{readOnly, "POST", "/v1/documents", doc, false, 403, "read_only"},
		{unavailable, "GET", "/?q=الرياض", "", true, 503, ""},
		{unavailable, "GET", "/doc/d1", "", true, 503, ""},
	} {
		t.Run(tc.method+tc.path, func(t *testing.T) {
			s, err := New(Config{Store: failingStore{db, tc.err}, Analyzer: p, Token: testToken,
				Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
			if err != nil {
				t.Fatal(err)
			}
			ts := httptest.NewServer(s)
			defer ts.Close()
			hdr := auth
			if tc.html {
				hdr = append(hdr, "Accept", "text/html")
			}
			r := do(t, tc.method, ts.URL+tc.path, "application/json", tc.body, hdr...)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d: %.300s", r.status, tc.status, r.body)
			}
			if tc.code != "" {
				if c := errCode(t, r); c != tc.code {
					t.Errorf("error code %q, want %q", c, tc.code)
				}
			}
			if ra := r.header.Get("Retry-After"); (tc.status == 503) != (ra != "") {
				t.Errorf("Retry-After %q with status %d", ra, tc.status)
			}
		})
	}
}
