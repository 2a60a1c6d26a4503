package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/store"
)

const header = "id,published,source,title,url,places,entities,people,organizations,cluster,story,copies\r\n"

func TestWriterCSV(t *testing.T) {
	tests := []struct {
		name string
		bom  bool
		row  Row
		want string // the line after the header
	}{
		{"plain", false, Row{ID: "a1", Published: "2015-03-04", Source: "spa", Title: "t", URL: "https://x.test/1", Cluster: "a1"},
			"a1,2015-03-04,spa,t,https://x.test/1,,,,,a1,,0\r\n"},
		{"comma and quotes", false, Row{ID: "a2", Title: `قال "الوزير", اليوم`, Cluster: "a1", Story: "s9", Copies: 2},
			`a2,,,"قال ""الوزير"", اليوم",,,,,,a1,s9,2` + "\r\n"},
		{"newline in a cell", false, Row{ID: "a3", Title: "سطر أول\nسطر ثان"},
			"a3,,,\"سطر أول\r\nسطر ثان\",,,,,,,,0\r\n"},
		{"Arabic lists", false, Row{ID: "a4", Places: []string{"الرياض", "جدة"}, Entities: []string{"الرياض", "جدة", "محمد بن سلمان"},
			People: []string{"محمد بن سلمان"}, Organizations: []string{}},
			"a4,,,,,الرياض; جدة,الرياض; جدة; محمد بن سلمان,محمد بن سلمان,,,,0\r\n"},
		{"invalid UTF-8", false, Row{ID: "a5", Title: "ab\xffc"}, "a5,,,ab\uFFFDc,,,,,,,,0\r\n"},
		{"formula kept without BOM", false, Row{ID: "a6", Title: "=1+1"}, "a6,,,=1+1,,,,,,,,0\r\n"},
		{"formula defused with BOM", true, Row{ID: "a7", Title: "=HYPERLINK(\"x\")", Source: "@src", URL: "-1"},
			"a7,,'@src,\"'=HYPERLINK(\"\"x\"\")\",'-1,,,,,,,0\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			w := NewWriter(&b, Options{Format: CSV, BOM: tt.bom})
			if err := w.Write(tt.row); err != nil {
				t.Fatal(err)
			}
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			want := header + tt.want
			if tt.bom {
				want = "\uFEFF" + want
			}
			if got := b.String(); got != want {
				t.Errorf("got\n%q\nwant\n%q", got, want)
			}
			// Whatever was written reads back as the same cells.
			recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\uFEFF"))).ReadAll()
			if err != nil || len(recs) != 2 || len(recs[1]) != len(Columns) {
				t.Fatalf("does not read back as CSV: %v %q", err, recs)
			}
			if !tt.bom && strings.ToValidUTF8(tt.row.Title, "\uFFFD") != strings.ReplaceAll(recs[1][3], "\r\n", "\n") {
				t.Errorf("title read back as %q, want %q", recs[1][3], tt.row.Title)
			}
		})
	}
}

func TestWriterEmpty(t *testing.T) {
	for _, tt := range []struct {
		opt  Options
		want string
	}{
		{Options{}, header},
		{Options{BOM: true}, "\uFEFF" + header},
		{Options{Format: JSONL}, ""},
	} {
		var b bytes.Buffer
		if err := NewWriter(&b, tt.opt).Flush(); err != nil || b.String() != tt.want {
			t.Errorf("%+v: %q, %v; want %q", tt.opt, b.String(), err, tt.want)
		}
	}
}

func TestWriterJSONL(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b, Options{Format: JSONL, BOM: true})
	rows := []Row{
		{ID: "a1", Title: "<b>قطر</b> \"و\" الناتو", Places: []string{"بروكسل"}},
		{ID: "a2", Title: "x\xffy"},
	}
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 2 || strings.HasPrefix(b.String(), "\uFEFF") || strings.Contains(lines[0], `\u003c`) {
		t.Fatalf("want two lines, no BOM, no HTML escapes: %q", b.String())
	}
	var got []map[string]any
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		got = append(got, m)
	}
	if got[0]["title"] != rows[0].Title || got[1]["title"] != "x\uFFFDy" {
		t.Errorf("titles %q %q", got[0]["title"], got[1]["title"])
	}
	for _, c := range Columns {
		if _, ok := got[1][c]; !ok {
			t.Errorf("line without %q: %s", c, lines[1])
		}
	}
	if p, ok := got[1]["people"].([]any); !ok || len(p) != 0 {
		t.Errorf("people of a row without any: %v, want []", got[1]["people"])
	}
}

func TestRowOf(t *testing.T) {
	rec := &store.Record{ID: "d2", URL: "https://x.test", Source: "spa", Cluster: "d1", Story: "d0", Analysis: &khabar.Analysis{
		Title:     &khabar.Span{Text: "عنوان"},
		Published: "2015-03-04",
		Dateline:  &khabar.Dateline{Place: "جدة"},
		Entities: []khabar.Entity{
			{Type: "LOC", Name: "الرياض"}, {Type: "PER", Name: "سلمان"}, {Type: "ORG", Name: "أوبك"},
			{Type: "LOC", Name: "الرياض"}, {Type: "MISC", Name: "رمضان"}, {Type: "PER", Name: " "},
		},
	}}
	r := RowOf(rec)
	if r.Title != "عنوان" || r.Published != "2015-03-04" || r.Cluster != "d1" || r.Story != "d0" {
		t.Errorf("title/date/cluster/story: %+v", r)
	}
	for _, c := range []struct {
		name      string
		got, want []string
	}{
		{"places", r.Places, []string{"الرياض", "جدة"}},
		{"entities", r.Entities, []string{"الرياض", "سلمان", "أوبك", "رمضان"}},
		{"people", r.People, []string{"سلمان"}},
		{"organizations", r.Organizations, []string{"أوبك"}},
	} {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if r := RowOf(&store.Record{ID: "x"}); r.Cluster != "x" {
		t.Errorf("a record without analysis or cluster: %+v", r)
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"csv": CSV, "CSV": CSV, "jsonl": JSONL, "ndjson": JSONL, "xlsx": "", "": ""} {
		got, err := ParseFormat(in)
		if got != want || (err != nil) != (want == "") {
			t.Errorf("ParseFormat(%q) = %q, %v", in, got, err)
		}
	}
}
