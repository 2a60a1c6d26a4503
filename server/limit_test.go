package server

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/khabar/khabar"
)

// heldAnalyzer is an Analyzer whose analyses run until the test lets
// them go. It says on started when one begins. With obey set it stops
// when its context is done, like a pipeline stage that checks it;
// without, it runs on, like a stage that does not.
type heldAnalyzer struct {
	started chan struct{}
	release chan struct{}
	obey    bool
}

func newHeldAnalyzer(obey bool) *heldAnalyzer {
	return &heldAnalyzer{started: make(chan struct{}, 16), release: make(chan struct{}), obey: obey}
}

func (h *heldAnalyzer) Analyze(ctx context.Context, doc khabar.RawDocument) (*khabar.Analysis, error) {
	h.started <- struct{}{}
	if h.obey {
		select {
		case <-h.release:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	} else {
		<-h.release
	}
	return &khabar.Analysis{Schema: khabar.Schema, Text: string(doc.Body), Paragraphs: [][2]int{}, Sentences: [][2]int{}}, nil
}

func TestAnalyzeBusy(t *testing.T) {
	held := newHeldAnalyzer(false)
	ts, _ := newTestServer(t, Config{Analyzer: held, MaxAnalyses: 1, AnalyzeTimeout: time.Hour, Token: testToken})
	first := make(chan response)
	go func() { first <- do(t, "POST", ts.URL+"/v1/analyze", "text/plain", "نص أول") }()
	<-held.started // the only slot is taken
	r := do(t, "POST", ts.URL+"/v1/analyze", "text/plain", "نص ثان")
	if r.status != 503 || errCode(t, r) != "busy" || r.header.Get("Retry-After") == "" {
		t.Errorf("second analysis while the slot is taken: %d %s (Retry-After %q); want 503 busy with Retry-After",
			r.status, r.body, r.header.Get("Retry-After"))
	}
	r = do(t, "POST", ts.URL+"/paste", "application/x-www-form-urlencoded", "text=نص", "Accept", "text/html")
	if r.status != 503 || !strings.Contains(r.body, messages["err_busy"][0]) || r.header.Get("Retry-After") == "" {
		t.Errorf("paste while busy: %d; want 503 with the Arabic message and Retry-After", r.status)
	}
	close(held.release)
	if r := <-first; r.status != 200 {
		t.Errorf("first analysis: %d %s", r.status, r.body)
	}
}

func TestAnalyzeBudget(t *testing.T) {
	for _, obey := range []bool{false, true} {
		name := map[bool]string{false: "stage ignores ctx", true: "stage stops on ctx"}[obey]
		t.Run(name, func(t *testing.T) {
			held := newHeldAnalyzer(obey)
			ts, _ := newTestServer(t, Config{Analyzer: held, MaxAnalyses: 1, AnalyzeTimeout: 20 * time.Millisecond, Token: testToken})
			r := do(t, "POST", ts.URL+"/v1/analyze", "application/json", `{"text":"نص طويل"}`)
			if r.status != 504 || errCode(t, r) != "timeout" || !strings.Contains(r.body, "20ms") {
				t.Fatalf("analysis over its budget: %d %s; want 504 timeout naming the budget", r.status, r.body)
			}
			if !obey {
				// The abandoned analysis still holds the only slot.
				if r := do(t, "POST", ts.URL+"/v1/analyze", "text/plain", "نص"); r.status != 503 {
					t.Errorf("analysis while an abandoned one runs: %d; want 503", r.status)
				}
				<-held.started
			}
			close(held.release)
			// POST /v1/documents waits for the slot, then stores.
			r = do(t, "POST", ts.URL+"/v1/documents", "application/json", `{"text":"نص يحفظ","url":"https://example.test/budget"}`,
				"Authorization", "Bearer "+testToken)
			if r.status != 200 || !strings.Contains(r.body, `"stored"`) {
				t.Errorf("store after the slot is free: %d %s", r.status, r.body)
			}
		})
	}
}

func TestDocumentsBatchStatus(t *testing.T) {
	ts, _ := newTestServer(t, Config{Token: testToken})
	auth := []string{"Authorization", "Bearer " + testToken}
	tests := []struct {
		name, ctype, body string
		status            int
		lines             []string // status of each line
		errs              []string // text each line's error must hold
	}{
		{"every line fails", "application/x-ndjson", "{\"text\": broken\n{\"title\":\"no text\"}\n{\"text\":\"\xff\xfe\"}\n", 422,
			[]string{"failed", "failed", "failed"}, []string{"bad JSON", "no text", `field "text" is not valid UTF-8`}},
		{"one JSON document that fails", "application/json", `{"text":"نص","date":"yesterday"}`, 422,
			[]string{"failed"}, []string{"date"}},
		{"lone surrogate", "application/json", `{"title":"\ud800 عنوان","text":"نص عن الرياض"}`, 422,
			[]string{"failed"}, []string{`field "title" is not valid UTF-8`}},
		{"partial success", "application/x-ndjson", "{\"text\":\"خبر عن الاقتصاد السعودي.\",\"url\":\"https://example.test/p1\"}\n{\"url\":\"\xc3\"}\n", 200,
			[]string{"stored", "failed"}, []string{"", `field "url"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, "POST", ts.URL+"/v1/documents", tt.ctype, tt.body, auth...)
			var got putResponse
			if err := json.Unmarshal([]byte(r.body), &got); err != nil {
				t.Fatalf("%d %s: %v", r.status, r.body, err)
			}
			if r.status != tt.status || (tt.status == 422) != (got.Error != nil) {
				t.Errorf("status %d, error %v; want %d with an error only when nothing was stored", r.status, got.Error, tt.status)
			}
			if len(got.Results) != len(tt.lines) {
				t.Fatalf("results %+v; want %d", got.Results, len(tt.lines))
			}
			for i, res := range got.Results {
				if res.Line != i+1 || res.Status != tt.lines[i] || !strings.Contains(res.Error, tt.errs[i]) {
					t.Errorf("line %d: %+v; want %s with error containing %q", i+1, res, tt.lines[i], tt.errs[i])
				}
			}
		})
	}
}

func TestInvalidUTF8InJSONIsRefused(t *testing.T) {
	ts, db := newTestServer(t, Config{Token: testToken})
	before, err := db.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	body := "{\"title\":\"عنوان\",\"text\":\"وصل الوزير \xff إلى الرياض.\"}"
	r := do(t, "POST", ts.URL+"/v1/analyze", "application/json", body)
	if r.status != 422 || errCode(t, r) != "bad_encoding" || !strings.Contains(r.body, `field \"text\"`) {
		t.Errorf("analyze: %d %s; want 422 bad_encoding naming the text field", r.status, r.body)
	}
	r = do(t, "POST", ts.URL+"/v1/documents", "application/json", body, "Authorization", "Bearer "+testToken)
	if r.status != 422 || !strings.Contains(r.body, `field \"text\" is not valid UTF-8`) {
		t.Errorf("documents: %d %s; want 422 naming the text field", r.status, r.body)
	}
	after, err := db.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if after.Documents != before.Documents {
		t.Errorf("%d documents stored from invalid UTF-8", after.Documents-before.Documents)
	}
}

func TestCheckEncoding(t *testing.T) {
	tests := []struct {
		name, json, field string // field: "" when valid
	}{
		{"ascii", `{"text":"hello"}`, ""},
		{"arabic", `{"text":"مرحبا"}`, ""},
		{"escapes", `{"text":"a\"b\\c\n\u0041\u0627"}`, ""},
		{"surrogate pair", `{"text":"\ud83d\ude00"}`, ""},
		{"escaped backslash before u", `{"text":"\\ud800"}`, ""},
		{"replacement char written out", `{"text":"\ufffd �"}`, ""},
		{"bad byte", "{\"title\":\"ok\",\"text\":\"a\xffb\"}", "text"},
		{"truncated sequence", "{\"url\":\"\xd8\"}", "url"},
		{"overlong", "{\"author\":\"\xc0\xaf\"}", "author"},
		{"encoded surrogate", "{\"text\":\"\xed\xa0\x80\"}", "text"},
		{"lone high surrogate", `{"source":"\ud800x"}`, "source"},
		{"lone low surrogate", `{"text":"\udc00"}`, "text"},
		{"high then non-low", `{"text":"\ud800\u0041"}`, "text"},
		{"first bad field by name", "{\"url\":\"\xff\",\"author\":\"\xff\"}", "author"},
		{"not an object", `["\ud800"]`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkEncoding([]byte(tt.json))
			var ee *encodingError
			switch {
			case tt.field == "" && err != nil:
				t.Errorf("error %v; want none", err)
			case tt.field != "" && (!errors.As(err, &ee) || ee.field != tt.field):
				t.Errorf("error %v; want one naming %q", err, tt.field)
			}
		})
	}
}
