package apiclient_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabar/khabar/pipeline"
	"github.com/khabar/khabar/server"
	"github.com/khabar/khabar/server/internal/apiclient"
	"github.com/khabar/khabar/sqlite"
)

const token = "client-test-token"

// newClient starts a khabar server over an empty SQLite store and
// returns a generated client for it.
func newClient(t *testing.T) *apiclient.ClientWithResponses {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "khabar.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := server.New(server.Config{Store: db, Analyzer: p, Token: token, MaxBody: 256 << 10,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	c, err := apiclient.NewClientWithResponses(ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// bearer adds the token, with the scheme in lower case.
func bearer(_ context.Context, r *http.Request) error {
	r.Header.Set("Authorization", "bearer "+token)
	return nil
}

func ptr[T any](v T) *T { return &v }

// TestGeneratedClient drives every operation of the API through the
// client that oapi-codegen generated from openapi.json, and reads each
// answer through the client's typed responses.
func TestGeneratedClient(t *testing.T) {
	c := newClient(t)
	ctx := context.Background()

	health, err := c.HealthWithResponse(ctx)
	if err != nil || health.JSON200 == nil || health.JSON200.Status != "ok" {
		t.Fatalf("health: %v %s", err, body(health.Body))
	}
	spec, err := c.GetOpenAPIWithResponse(ctx)
	if err != nil || spec.StatusCode() != 200 || !strings.Contains(string(spec.Body), `"operationId"`) {
		t.Fatalf("openapi: %v %d", err, spec.StatusCode())
	}

	an, err := c.AnalyzeWithResponse(ctx, apiclient.DocumentInput{Title: ptr("عنوان"), Text: ptr("وصل الوزير إلى الرياض أمس."), Date: ptr("2024-05-02")})
	if err != nil || an.JSON200 == nil || an.JSON200.Dates == nil || (*an.JSON200.Dates)[0].Value == nil || *(*an.JSON200.Dates)[0].Value != "2024-05-01" {
		t.Fatalf("analyze JSON: %v %s", err, body(an.Body))
	}
	an, err = c.AnalyzeWithTextBodyWithResponse(ctx, "استقبل وزير الخارجية في الرياض نظيره البلجيكي.")
	if err != nil || an.JSON200 == nil || an.JSON200.Text == "" {
		t.Fatalf("analyze text: %v %s", err, body(an.Body))
	}
	an, err = c.AnalyzeWithBodyWithResponse(ctx, "text/plain", strings.NewReader(strings.Repeat("كلمة ", 60000)))
	if err != nil || an.JSON413 == nil || an.JSON413.Error.Code != "too_large" {
		t.Fatalf("analyze too large: %v %d %s", err, an.StatusCode(), body(an.Body))
	}

	doc := apiclient.DocumentInput{Title: ptr("افتتاح معرض الكتاب"), Text: ptr("افتتح أمير منطقة الرياض اليوم معرض الرياض الدولي للكتاب بمشاركة دور نشر من قطر."),
		Url: ptr("https://example.test/book"), Date: ptr("2015-03-04"), Source: ptr("spa")}
	put, err := c.StoreDocumentsWithResponse(ctx, doc)
	if err != nil || put.JSON401 == nil || put.Headers401 == nil {
		t.Fatalf("store without a token: %v %d %s", err, put.StatusCode(), body(put.Body))
	}
	put, err = c.StoreDocumentsWithResponse(ctx, doc, bearer)
	if err != nil || put.JSON200 == nil || put.JSON200.Results[0].Status != apiclient.Stored || put.JSON200.Results[0].Id == nil {
		t.Fatalf("store: %v %d %s", err, put.StatusCode(), body(put.Body))
	}
	id := *put.JSON200.Results[0].Id
	put, err = c.StoreDocumentsWithBodyWithResponse(ctx, "application/json", strings.NewReader("{\"text\":\"\xff\"}"), bearer)
	if err != nil || put.JSON422 == nil || put.JSON422.Error == nil || put.JSON422.Results[0].Status != apiclient.Failed {
		t.Fatalf("store invalid UTF-8: %v %d %s", err, put.StatusCode(), body(put.Body))
	}

	got, err := c.GetDocumentWithResponse(ctx, id, nil)
	if err != nil || got.JSON200 == nil {
		t.Fatalf("get: %v %s", err, body(got.Body))
	}
	if d, err := got.JSON200.AsDocument(); err != nil || d.Id != id || d.Url == nil || *d.Url != "https://example.test/book" {
		t.Errorf("get: %+v %v", d, err)
	}
	if got, err := c.GetDocumentWithResponse(ctx, "nope", nil); err != nil || got.JSON404 == nil {
		t.Errorf("get unknown: %v %d", err, got.StatusCode())
	}

	found, err := c.SearchWithResponse(ctx, &apiclient.SearchParams{Q: ptr("معرض الكتاب"), Limit: ptr(5), Facets: ptr(5)})
	if err != nil || found.JSON200 == nil || found.JSON200.Total != 1 || (*found.JSON200.Hits)[0].Id != id {
		t.Fatalf("search: %v %s", err, body(found.Body))
	}
	if bad, err := c.SearchWithResponse(ctx, &apiclient.SearchParams{Q: ptr("x"), Limit: ptr(0)}); err != nil || bad.JSON400 == nil {
		t.Errorf("search limit=0: %v %d", err, bad.StatusCode())
	}
	if found.JSON200.Facets == nil || found.JSON200.Facets.Places == nil || len(*found.JSON200.Facets.Places) == 0 {
		t.Fatalf("search without place facets: %s", body(found.Body))
	}
	name := (*found.JSON200.Facets.Places)[0].Value
	ent, err := c.GetEntityWithResponse(ctx, name)
	if err != nil || ent.JSON200 == nil || ent.JSON200.Entity.Documents != 1 {
		t.Errorf("entity %q: %v %s", name, err, body(ent.Body))
	}
	evs, err := c.ListEventsWithResponse(ctx, &apiclient.ListEventsParams{Limit: ptr(10)})
	if err != nil || evs.JSON200 == nil {
		t.Errorf("events: %v %s", err, body(evs.Body))
	}
	qs, err := c.ListQuotesWithResponse(ctx, &apiclient.ListQuotesParams{Speaker: ptr("لا أحد هنا"), Q: ptr("معرض"), From: ptr("2015")})
	if err != nil || qs.JSON200 == nil || qs.JSON200.Total != 0 || qs.JSON200.Resolved == nil ||
		(*qs.JSON200.Resolved)[0].Field != apiclient.ResolutionFieldSpeaker || (*qs.JSON200.Resolved)[0].Note == nil {
		t.Errorf("quotes of an unknown speaker: %v %s", err, body(qs.Body))
	}
	if bad, err := c.ListQuotesWithResponse(ctx, &apiclient.ListQuotesParams{Limit: ptr(0)}); err != nil || bad.JSON400 == nil {
		t.Errorf("quotes limit=0: %v %d", err, bad.StatusCode())
	}
}

func body(b []byte) string {
	if len(b) > 300 {
		return string(b[:300]) + "…"
	}
	return string(b)
}
