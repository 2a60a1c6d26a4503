package evalnews

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"strings"
	"testing"
)

func gzipped(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadRecords(t *testing.T) {
	plain, err := os.ReadFile("testdata/news.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	noFinalNewline := bytes.TrimRight(plain, "\n")
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"plain", plain},
		{"gzip", gzipped(t, plain)},
		{"no final newline", noFinalNewline},
	} {
		t.Run(tc.name, func(t *testing.T) {
			recs, err := ReadRecords(context.Background(), bytes.NewReader(tc.data), "news", []int{3, 1})
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != 2 || recs[1].Source != "okaz" || recs[3].Source != "alyaum" || recs[3].Line != 3 {
				t.Fatalf("records %+v", recs)
			}
			if !strings.HasPrefix(recs[1].Title, "وزير الصحة") || !strings.Contains(recs[1].Content, "&quot;") {
				t.Errorf("record 1: title %q, content %q", recs[1].Title, recs[1].Content)
			}
			if !bytes.HasPrefix(recs[1].Raw, []byte(`{"source": "okaz"`)) {
				t.Errorf("raw line %q", recs[1].Raw)
			}
		})
	}
}

func TestReadRecordsErrors(t *testing.T) {
	plain, err := os.ReadFile("testdata/news.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		data  []byte
		lines []int
		want  string
	}{
		{"past the end", plain, []int{1, 5, 9}, "the corpus has 4 lines; gold lines [5 9] are missing"},
		{"past the end, gzip", gzipped(t, plain), []int{5}, "gold lines [5] are missing"},
		{"line 0", plain, []int{0}, "line numbers start at 1"},
		{"blank line", []byte("{}\n\n{}\n"), []int{2}, "news:2: blank line"},
		{"not JSON", []byte("{}\nnot json\n"), []int{2}, "news:2: record:"},
		{"no content", []byte(`{"title": "t"}` + "\n"), []int{1}, `no "content"`},
		{"bad gzip", []byte{0x1f, 0x8b, 0, 0}, []int{1}, "news:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadRecords(context.Background(), bytes.NewReader(tc.data), "news", tc.lines)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestRecordCheck(t *testing.T) {
	rec := &Record{Line: 2, Title: "عنوان", Content: "نص من عشرين حرفا تقريبا", Source: "okaz"}
	for _, tc := range []struct {
		name string
		g    Article
		want string
	}{
		{"ok", Article{Line: 2, Source: "okaz", Quotes: []Quote{{Start: 0, End: 23}, {Field: "title", Start: 0, End: 5}}}, ""},
		{"source", Article{Line: 2, Source: "sabq"}, `source is "okaz", the gold says "sabq"`},
		{"past content", Article{Line: 2, Source: "okaz", Quotes: []Quote{{Start: 3, End: 24}}}, "past the 23 code points of its content"},
		{"past title", Article{Line: 2, Source: "okaz", Quotes: []Quote{{Field: "title", Start: 0, End: 6}}}, "past the 5 code points of its title"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := rec.check(&tc.g)
			if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}
