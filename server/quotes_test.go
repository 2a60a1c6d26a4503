package server

import (
	"encoding/json"
	"net/url"
	"testing"

	"github.com/khabar/khabar/store"
)

// TestQuotes checks GET /v1/quotes against the hand-made analysis of
// the test server, whose one quote المالكي said; every answer is also
// checked against openapi.json.
func TestQuotes(t *testing.T) {
	ts, _ := newTestServer(t, Config{})
	tests := []struct {
		query string
		found bool // the quote of المالكي is among the quotes
		total int  // -1: any number
	}{
		{"speaker=" + url.QueryEscape("المالكي"), true, 1},
		{"speaker=" + url.QueryEscape("PER:المالكي") + "&q=" + url.QueryEscape("الحوار"), true, 1},
		{"speaker=" + url.QueryEscape("المالكي") + "&q=" + url.QueryEscape("الاقتصاد"), false, 0},
		{"speaker=" + url.QueryEscape("المالكي") + "&from=2023-09&to=2023", true, 1},
		{"speaker=" + url.QueryEscape("المالكي") + "&from=2024", false, 0},
		{"q=" + url.QueryEscape("said:المالكي source:test"), true, 1},
		{"q=" + url.QueryEscape(`"قطر تدعم"`) + "&limit=5", true, -1},
		{"speaker=nobody-at-all", false, 0},
		{"speaker=" + url.QueryEscape("المالكي") + "&offset=1", false, 1},
		{"", true, -1},
	}
	for _, tc := range tests {
		r := do(t, "GET", ts.URL+"/v1/quotes?"+tc.query, "", "")
		if r.status != 200 {
			t.Errorf("%s: status %d %.300s", tc.query, r.status, r.body)
			continue
		}
		var res store.QuoteResult
		if err := json.Unmarshal([]byte(r.body), &res); err != nil {
			t.Fatalf("%s: %v", tc.query, err)
		}
		found := false
		for _, q := range res.Quotes {
			if q.Text == "قطر تدعم الحوار" {
				found = true
				if q.Speaker == nil || q.Speaker.Key != "PER:المالكي" || q.Article.Title != "اجتماع في بروكسل" ||
					q.Article.Source != "test" || q.Article.URL != "https://example.test/hand" || q.Article.Published != "2023-09-13" || q.Cue != "وقال" {
					t.Errorf("%s: quote %+v", tc.query, q)
				}
			}
		}
		if found != tc.found || (tc.total >= 0 && res.Total != tc.total) {
			t.Errorf("%s: found %v, total %d; want %v, %d", tc.query, found, res.Total, tc.found, tc.total)
		}
	}
	r := do(t, "GET", ts.URL+"/v1/quotes?speaker=nobody-at-all", "", "")
	var res store.QuoteResult
	if err := json.Unmarshal([]byte(r.body), &res); err != nil || len(res.Resolved) != 1 || res.Resolved[0].Field != "speaker" || res.Resolved[0].Note == "" {
		t.Errorf("unknown speaker: %s (%v); want a note on the speaker", r.body, err)
	}
	for _, qs := range []string{"limit=0", "limit=101", "offset=-1", "from=yesterday", "from=2020&to=2010",
		"q=" + url.QueryEscape("-source:x"), "q=" + url.QueryEscape("في"), "q=%FF", "speaker=%FF"} {
		r := do(t, "GET", ts.URL+"/v1/quotes?"+qs, "", "")
		if r.status != 400 {
			t.Errorf("quotes?%s: %d, want 400", qs, r.status)
			continue
		}
		errCode(t, r)
	}
}
