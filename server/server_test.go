package server

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/pipeline"
	"github.com/khabar/khabar/sqlite"
	"github.com/khabar/khabar/store"
)

const testToken = "s3cret-token"

// handAnalysis is a small analysis written by hand, so that entity and
// event pages do not depend on the quality of the analysis stages.
func handAnalysis() *khabar.Analysis {
	text := "اجتماع في بروكسل\n\nعقد وزراء خارجية حلف شمال الأطلسي اجتماعا في بروكسل. وقال المالكي إن قطر تدعم الحوار."
	r := []rune(text)
	find := func(s string, from int) khabar.Mention {
		sr := []rune(s)
		for i := from; i+len(sr) <= len(r); i++ {
			if string(r[i:i+len(sr)]) == s {
				return khabar.Mention{Text: s, Start: i, End: i + len(sr)}
			}
		}
		panic("no " + s)
	}
	b1 := find("بروكسل", 0)
	return &khabar.Analysis{
		Schema: khabar.Schema, Text: text, Published: "2023-09-13",
		Title:      &khabar.Span{Text: "اجتماع في بروكسل", Start: 0, End: 16},
		Paragraphs: [][2]int{{18, len(r)}}, Sentences: [][2]int{{18, len(r)}},
		Entities: []khabar.Entity{
			{ID: "e1", Type: "ORG", Name: "حلف شمال الأطلسي", KB: &khabar.KBRef{ID: "Q7184", NameEn: "NATO", Wikidata: "Q7184"}, Mentions: []khabar.Mention{find("حلف شمال الأطلسي", 0)}},
			{ID: "e2", Type: "LOC", Name: "بروكسل", KB: &khabar.KBRef{ID: "Q239", NameEn: "Brussels", Country: "BE"}, Mentions: []khabar.Mention{b1, find("بروكسل", b1.End)}},
			{ID: "e3", Type: "PER", Name: "المالكي", Mentions: []khabar.Mention{find("المالكي", 0)}},
		},
		Quotes: []khabar.Quote{{Text: "قطر تدعم الحوار", Speaker: "e3", Cue: "وقال", Start: find("قطر تدعم الحوار", 0).Start, End: find("قطر تدعم الحوار", 0).End}},
		Events: []khabar.Event{{Type: "CONSULT", Mode: "multilateral", Date: "2023-09-13", Place: "e2", Actors: []string{"e1"}, Start: 18, End: 60}},
	}
}

// newTestServer starts a server over a fresh SQLite store holding the
// example article (through the real pipeline) and one hand-made analysis.
func newTestServer(t *testing.T, cfg Config) (*httptest.Server, store.Store) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "khabar.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	body, err := os.ReadFile(filepath.Join("..", "examples", "qatar-nato-ici-2023-09-13.txt"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := p.Analyze(ctx, khabar.RawDocument{Name: "example", Body: body})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Put(ctx, []store.Document{
		{URL: "https://example.test/qatar-nato", Source: "qna", Analysis: a},
		{URL: "https://example.test/hand", Source: "test", Analysis: handAnalysis()},
	}); err != nil {
		t.Fatal(err)
	}
	cfg.Store = db
	if cfg.Analyzer == nil {
		cfg.Analyzer = p
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts, db
}

type response struct {
	status int
	header http.Header
	body   string
}

func do(t *testing.T, method, u, ctype, body string, hdr ...string) response {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	sent := req.Header.Clone()
	res, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	r := response{res.StatusCode, res.Header, string(b)}
	checkSpec(t, method, u, sent, body, r)
	return r
}

// noRedirect is a client that shows redirects instead of following them.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// errCode extracts the error code of a JSON error body.
func errCode(t *testing.T, r response) string {
	t.Helper()
	var e APIError
	if err := json.Unmarshal([]byte(r.body), &e); err != nil || e.Error.RequestID == "" {
		t.Fatalf("not a structured error with a request id (%d): %s", r.status, r.body)
	}
	return e.Error.Code
}

func TestAnalyzeEndpoint(t *testing.T) {
	ts, _ := newTestServer(t, Config{MaxBody: 64 << 10})
	example, _ := os.ReadFile(filepath.Join("..", "examples", "qatar-nato-ici-2023-09-13.txt"))
	r := do(t, "POST", ts.URL+"/v1/analyze", "text/plain; charset=utf-8", string(example))
	if r.status != 200 {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	var a khabar.Analysis
	if err := json.Unmarshal([]byte(r.body), &a); err != nil || a.Title == nil || !strings.Contains(a.Title.Text, "قطر تشارك") {
		t.Errorf("analysis without the example's title: %v %.200s", err, r.body)
	}
	r = do(t, "POST", ts.URL+"/v1/analyze", "application/json", `{"title":"عنوان","text":"وصل الوزير إلى الرياض أمس.","date":"2024-05-02"}`)
	if r.status != 200 || !strings.Contains(r.body, "2024-05-01") {
		t.Errorf("JSON document: %d %s; want أمس resolved to 2024-05-01", r.status, r.body)
	}
	bad := []struct {
		name, ctype, body string
		status            int
		code              string
	}{
		{"empty", "text/plain", "  ", 400, "empty_body"},
		{"broken JSON", "application/json", `{"text": `, 400, "bad_json"},
		{"unknown field", "application/json", `{"txet": "x"}`, 400, "bad_json"},
		{"two values", "application/json", `{"text":"a"} {"text":"b"}`, 400, "bad_json"},
		{"no text", "application/json", `{"title":"x"}`, 400, "bad_document"},
		{"bad date", "application/json", `{"text":"نص","date":"yesterday"}`, 400, "bad_document"},
		{"unsupported", "image/png", "PNG", 415, "unsupported_type"},
		{"too large", "text/plain", strings.Repeat("كلمة ", 20000), 413, "too_large"},
		{"invalid UTF-8", "text/plain", "abc \xff\xfe", 422, "unprocessable"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, "POST", ts.URL+"/v1/analyze", tt.ctype, tt.body)
			if r.status != tt.status || errCode(t, r) != tt.code {
				t.Errorf("status %d code %s; want %d %s (%s)", r.status, errCode(t, r), tt.status, tt.code, r.body)
			}
		})
	}
}

func TestDocumentsEndpoint(t *testing.T) {
	ts, _ := newTestServer(t, Config{Token: testToken})
	doc := `{"title":"افتتاح معرض الكتاب","text":"افتتح أمير منطقة الرياض اليوم معرض الرياض الدولي للكتاب.","url":"https://example.test/book","date":"2015-03-04","source":"spa"}`
	if r := do(t, "POST", ts.URL+"/v1/documents", "application/json", doc); r.status != 401 || errCode(t, r) != "unauthorized" {
		t.Errorf("no token: %d %s", r.status, r.body)
	}
	if r := do(t, "POST", ts.URL+"/v1/documents", "application/json", doc, "Authorization", "Bearer wrong"); r.status != 401 {
		t.Errorf("wrong token: %d", r.status)
	}
	auth := []string{"Authorization", "Bearer " + testToken}
	r := do(t, "POST", ts.URL+"/v1/documents", "application/json", doc, auth...)
	if r.status != 200 || !strings.Contains(r.body, `"status":"stored"`) {
		t.Fatalf("store: %d %s", r.status, r.body)
	}
	var put struct{ Results []putResult }
	json.Unmarshal([]byte(r.body), &put)
	id := put.Results[0].ID
	if r := do(t, "POST", ts.URL+"/v1/documents", "application/json", doc, auth...); !strings.Contains(r.body, "duplicate-url") {
		t.Errorf("second post: %s; want duplicate-url", r.body)
	}
	batch := `{"title":"أ","text":"خبر أول عن الاقتصاد السعودي ونمو الصادرات غير النفطية.","url":"https://example.test/1"}
{"text": broken
{"html":"<html><body><article><h1>عنوان</h1><p>فقرة أولى من مقال عن التعليم في المملكة العربية السعودية وتطوره خلال الأعوام الماضية.</p></article></body></html>","url":"https://example.test/2"}
`
	r = do(t, "POST", ts.URL+"/v1/documents", "application/x-ndjson", batch, auth...)
	if r.status != 200 {
		t.Fatalf("batch: %d %s", r.status, r.body)
	}
	json.Unmarshal([]byte(r.body), &put)
	if len(put.Results) != 3 || put.Results[0].Status != "stored" || put.Results[1].Status != "failed" || put.Results[1].Line != 2 || put.Results[2].Status != "stored" {
		t.Errorf("batch results %+v; want stored, failed (line 2), stored", put.Results)
	}
	r = do(t, "GET", ts.URL+"/v1/documents/"+id, "", "")
	if r.status != 200 || !strings.Contains(r.body, "معرض الرياض الدولي للكتاب") || !strings.Contains(r.body, `"analysis"`) {
		t.Errorf("get: %d %.300s", r.status, r.body)
	}
	if r := do(t, "GET", ts.URL+"/v1/documents/"+id+"?download=1", "", ""); !strings.Contains(r.header.Get("Content-Disposition"), "attachment") {
		t.Errorf("download has no attachment header")
	}
	if r := do(t, "GET", ts.URL+"/v1/documents/nope", "", ""); r.status != 404 || errCode(t, r) != "not_found" {
		t.Errorf("unknown id: %d %s", r.status, r.body)
	}
}

func TestWritesDisabledWithoutToken(t *testing.T) {
	ts, _ := newTestServer(t, Config{})
	r := do(t, "POST", ts.URL+"/v1/documents", "application/json", `{"text":"نص"}`, "Authorization", "Bearer x")
	if r.status != 403 || errCode(t, r) != "writes_disabled" {
		t.Errorf("%d %s", r.status, r.body)
	}
}

func TestSearchEndpoint(t *testing.T) {
	ts, _ := newTestServer(t, Config{})
	r := do(t, "GET", ts.URL+"/v1/search?q="+url.QueryEscape("الاطلسي"), "", "")
	if r.status != 200 || !strings.Contains(r.body, `"total":2`) {
		t.Errorf("search الاطلسي: %d %.300s; want both documents", r.status, r.body)
	}
	hostile := []string{
		`"unbalanced`, strings.Repeat("كلمة ", 3000), `NEAR(a b)`, `*`, `title:x`, `a OR`, `-`, `((((`, "\x00", `from:2023-13-45`,
		`"` + strings.Repeat("(", 500), `col:"x" OR y*`, "\xff\xfe",
	}
	for _, q := range hostile {
		r := do(t, "GET", ts.URL+"/v1/search?q="+url.QueryEscape(q), "", "")
		if r.status >= 500 {
			t.Errorf("query %.40q: status %d %s", q, r.status, r.body)
		}
		if r.status == 400 {
			errCode(t, r)
		}
	}
	for _, qs := range []string{"q=x&limit=0", "q=x&limit=abc", "q=x&offset=-1", "q=x&recency=soon", "q=x&recency=NaNd", "q=x&recency=-3d", "q=x&recency=1e9d"} {
		if r := do(t, "GET", ts.URL+"/v1/search?"+qs, "", ""); r.status != 400 {
			t.Errorf("%s: status %d, want 400", qs, r.status)
		}
	}
}

func TestEntityAndEvents(t *testing.T) {
	ts, _ := newTestServer(t, Config{})
	r := do(t, "GET", ts.URL+"/v1/entities/"+url.PathEscape("kb:Q7184"), "", "")
	if r.status != 200 || !strings.Contains(r.body, "حلف شمال الأطلسي") {
		t.Errorf("entity: %d %.300s", r.status, r.body)
	}
	if r := do(t, "GET", ts.URL+"/v1/entities/nobody-at-all", "", ""); r.status != 404 {
		t.Errorf("unknown entity: %d", r.status)
	}
	r = do(t, "GET", ts.URL+"/v1/events?type=consult", "", "")
	if r.status != 200 || !strings.Contains(r.body, "CONSULT") {
		t.Errorf("events: %d %.300s", r.status, r.body)
	}
	for _, qs := range []string{"from=13/09/2023", "to=x", "limit=100000"} {
		if r := do(t, "GET", ts.URL+"/v1/events?"+qs, "", ""); r.status != 400 {
			t.Errorf("events?%s: %d, want 400", qs, r.status)
		}
	}
}

func TestUIPages(t *testing.T) {
	ts, _ := newTestServer(t, Config{})
	get := func(path string, want ...string) string {
		t.Helper()
		r := do(t, "GET", ts.URL+path, "", "")
		if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
			t.Fatalf("GET %s: %d %s", path, r.status, r.header.Get("Content-Type"))
		}
		for _, w := range want {
			if !strings.Contains(r.body, w) {
				t.Errorf("GET %s: page lacks %q", path, w)
			}
		}
		return r.body
	}
	get("/", `dir="rtl"`, `lang="ar"`, "/static/style.css")
	get("/?lang=en", `dir="ltr"`, "Search")
	body := get("/?q="+url.QueryEscape("الناتو"), "<mark>")
	i := strings.Index(body, `href="/doc/`)
	if i < 0 {
		t.Fatal("no result link")
	}
	link := body[i+6 : i+6+strings.Index(body[i+6:], `"`)]
	get(link, "قطر تشارك", `class="title"`)
	get("/entity/"+url.PathEscape("kb:Q7184"), "حلف شمال الأطلسي", "<svg")
	get("/entity/"+url.PathEscape("PER:المالكي"), `class="quotes"`, "«قطر تدعم الحوار»", "اجتماع في بروكسل", "2023-09-13")
	get("/paste", `enctype="multipart/form-data"`)
	r := do(t, "POST", ts.URL+"/paste", "application/x-www-form-urlencoded", "text="+url.QueryEscape("قال وزير الخارجية في الرياض أمس إن المحادثات ناجحة.")+"&date=2024-02-10")
	if r.status != 200 || !strings.Contains(r.body, "2024-02-09") {
		t.Errorf("paste: %d; want the analysis with أمس → 2024-02-09", r.status)
	}
	if r := do(t, "POST", ts.URL+"/paste", "application/x-www-form-urlencoded", "text="); r.status != 400 {
		t.Errorf("empty paste: %d", r.status)
	}
	if r := do(t, "GET", ts.URL+"/doc/nope", "", ""); r.status != 404 {
		t.Errorf("unknown doc page: %d", r.status)
	}
	if r := do(t, "GET", ts.URL+"/no/such/page", "", ""); r.status != 404 || errCode(t, r) != "not_found" {
		t.Errorf("unknown route: %d %s", r.status, r.body)
	}
}

func TestCORSAndProtectedReads(t *testing.T) {
	ts, _ := newTestServer(t, Config{})
	if r := do(t, "GET", ts.URL+"/v1/search?q=x", "", "", "Origin", "https://app.example"); r.header.Get("Access-Control-Allow-Origin") != "" {
		t.Error("CORS headers sent although CORS is off")
	}
	ts2, _ := newTestServer(t, Config{CORSOrigins: []string{"https://app.example"}, Token: testToken, ProtectReads: true})
	r := do(t, "OPTIONS", ts2.URL+"/v1/search", "", "", "Origin", "https://app.example")
	if r.status != 204 || r.header.Get("Access-Control-Allow-Origin") != "https://app.example" {
		t.Errorf("preflight: %d %v", r.status, r.header)
	}
	if r := do(t, "GET", ts2.URL+"/v1/search?q=x", "", ""); r.status != 401 {
		t.Errorf("protected read without token: %d", r.status)
	}
	if r := do(t, "GET", ts2.URL+"/v1/search?q=x", "", "", "Authorization", "Bearer "+testToken); r.status != 200 {
		t.Errorf("protected read with token: %d", r.status)
	}
	if r := do(t, "GET", ts2.URL+"/healthz", "", ""); r.status != 200 {
		t.Errorf("healthz must stay public: %d", r.status)
	}
}

func TestRoutesDocumented(t *testing.T) {
	var doc struct {
		Paths map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(openapiJSON, &doc); err != nil {
		t.Fatal(err)
	}
	s := &Server{}
	routed := map[string]bool{}
	for _, r := range s.table() {
		if !r.api {
			continue
		}
		method, path, _ := strings.Cut(r.pattern, " ")
		routed[strings.ToLower(method)+" "+path] = true
		if _, ok := doc.Paths[path][strings.ToLower(method)]; !ok {
			t.Errorf("route %s is not in openapi.json", r.pattern)
		}
	}
	for path, ops := range doc.Paths {
		for m := range ops {
			if !routed[m+" "+path] {
				t.Errorf("openapi.json documents %s %s, which is not routed", m, path)
			}
		}
	}
}

func TestTimelineSVG(t *testing.T) {
	if got := timelineSVG(nil); got != "" {
		t.Errorf("empty timeline = %q", got)
	}
	svg := string(timelineSVG([]store.DayCount{{Day: "2023-09-13", Count: 4}, {Day: "2023-09-01", Count: 2}, {Day: "bad", Count: 9}}))
	if strings.Count(svg, "<rect") != 2 || !strings.Contains(svg, "2023-08-15") || !strings.Contains(svg, "2023-09-13: 4") {
		t.Errorf("timeline: %s", svg)
	}
}

func TestNearDuplicatesCollapsed(t *testing.T) {
	ts, db := newTestServer(t, Config{})
	rec, err := db.Get(context.Background(), firstHit(t, ts.URL, "مبادرة"))
	if err != nil {
		t.Fatal(err)
	}
	copyA := *rec.Analysis
	copyA.Text = "الدوحة - قنا:\n\n" + copyA.Text // a reprint under another dateline
	copyA.Title, copyA.Paragraphs, copyA.Sentences = nil, [][2]int{{0, len([]rune(copyA.Text))}}, nil
	copyA.Entities, copyA.Dates, copyA.Quotes, copyA.Events, copyA.Dateline, copyA.Places = nil, nil, nil, nil, nil, nil
	if _, err := db.Put(context.Background(), []store.Document{{URL: "https://example.test/reprint", Source: "paper", Analysis: &copyA}}); err != nil {
		t.Fatal(err)
	}
	r := do(t, "GET", ts.URL+"/v1/search?q="+url.QueryEscape("مبادرة"), "", "")
	if !strings.Contains(r.body, `"copies":1`) {
		t.Errorf("API: reprint not folded into the original's hit: %.400s", r.body)
	}
	if r := do(t, "GET", ts.URL+"/v1/search?copies=1&q="+url.QueryEscape("مبادرة"), "", ""); !strings.Contains(r.body, `"total":2`) {
		t.Errorf("API with copies=1: %.300s; want both documents", r.body)
	}
	if r := do(t, "GET", ts.URL+"/?q="+url.QueryEscape("مبادرة"), "", ""); !strings.Contains(r.body, "١ نسخ أخرى") {
		t.Errorf("search page does not say و ١ نسخ أخرى")
	}
}

// firstHit returns the ID of the first API search hit for q.
func firstHit(t *testing.T, base, q string) string {
	t.Helper()
	r := do(t, "GET", base+"/v1/search?q="+url.QueryEscape(q), "", "")
	var res struct{ Hits []struct{ ID string } }
	if err := json.Unmarshal([]byte(r.body), &res); err != nil || len(res.Hits) == 0 {
		t.Fatalf("search %q: %s", q, r.body)
	}
	return res.Hits[0].ID
}
