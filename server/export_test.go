package server

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
)

func init() {
	openapi3filter.RegisterBodyDecoder("text/csv", stringBody)
	openapi3filter.RegisterBodyDecoder("application/atom+xml", stringBody)
}

func TestExportSearch(t *testing.T) {
	ts, _ := newTestServer(t, Config{})
	search := ts.URL + "/v1/search?q=" + url.QueryEscape("بروكسل")
	tests := []struct {
		name   string
		u      string
		accept string
		ctype  string // prefix of the Content-Type
		rows   int
	}{
		{"Accept text/csv", search, "text/csv", "text/csv", 2},
		{"format=csv", search + "&format=csv", "", "text/csv", 2},
		{"Accept ndjson", search, "application/x-ndjson", "application/x-ndjson", 2},
		{"format=jsonl beats Accept", search + "&format=jsonl", "text/csv", "application/x-ndjson", 2},
		{"format=json", search + "&format=json", "text/csv", "application/json", -1},
		{"JSON preferred by q", search, "text/csv;q=0.5, application/json", "application/json", -1},
		{"CSV preferred by q", search, "application/json;q=0.2, text/csv", "text/csv", 2},
		{"browser", search, "text/html,application/xhtml+xml,*/*;q=0.8", "application/json", -1},
		{"max", search + "&max=1", "text/csv", "text/csv", 1},
		{"nothing matches", ts.URL + "/v1/search?q=" + url.QueryEscape("كوالالمبور"), "text/csv", "text/csv", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, "GET", tt.u, "", "", "Accept", tt.accept)
			if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), tt.ctype) {
				t.Fatalf("%d %s, want 200 %s: %.300s", r.status, r.header.Get("Content-Type"), tt.ctype, r.body)
			}
			if !strings.Contains(r.header.Get("Vary"), "Accept") {
				t.Errorf("Vary %q, want Accept", r.header.Get("Vary"))
			}
			switch tt.ctype {
			case "text/csv":
				recs, err := csv.NewReader(strings.NewReader(r.body)).ReadAll()
				if err != nil || len(recs) != tt.rows+1 || recs[0][0] != "id" {
					t.Fatalf("want a header and %d rows: %v\n%s", tt.rows, err, r.body)
				}
				if tt.rows == 2 && !strings.Contains(r.body, "حلف شمال الأطلسي") {
					t.Errorf("no entity names:\n%s", r.body)
				}
				if !strings.Contains(r.header.Get("Content-Disposition"), "khabar-search.csv") {
					t.Errorf("Content-Disposition %q", r.header.Get("Content-Disposition"))
				}
			case "application/x-ndjson":
				lines := strings.Split(strings.TrimSpace(r.body), "\n")
				if len(lines) != tt.rows {
					t.Fatalf("%d lines, want %d:\n%s", len(lines), tt.rows, r.body)
				}
				var row struct {
					ID     string   `json:"id"`
					Places []string `json:"places"`
				}
				if err := json.Unmarshal([]byte(lines[0]), &row); err != nil || row.ID == "" || len(row.Places) == 0 {
					t.Errorf("line %q: %v", lines[0], err)
				}
			case "application/json":
				if !strings.HasPrefix(r.body, `{"total":`) {
					t.Errorf("not a search result: %.200s", r.body)
				}
			}
		})
	}

	r := do(t, "GET", search+"&bom=1", "", "", "Accept", "text/csv")
	if !strings.HasPrefix(r.body, "\uFEFFid,") {
		t.Errorf("bom: %.40q", r.body)
	}
	for _, tt := range []struct {
		name, u, code string
	}{
		{"bad format", search + "&format=xlsx", "bad_format"},
		{"bad query", ts.URL + "/v1/search?format=csv&q=" + url.QueryEscape("from:2015-13"), "bad_query"},
		{"bad max", search + "&format=csv&max=-3", "bad_query"},
	} {
		r := do(t, "GET", tt.u, "", "", "Accept", "text/csv")
		if r.status != http.StatusBadRequest || !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") || errCode(t, r) != tt.code {
			t.Errorf("%s: %d %s, want 400 %s", tt.name, r.status, r.body, tt.code)
		}
	}
}
