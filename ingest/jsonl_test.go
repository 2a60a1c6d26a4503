package ingest

import (
	"context"
	"strings"
	"testing"
)

func TestParseRecordFields(t *testing.T) {
	tests := []struct {
		line, body, ctype string // empty body: the record must be an error
	}{
		{line: `{"text":"نص"}`, body: "نص", ctype: "text/plain"},
		{line: `{"text":"","content":"  محتوى "}`, body: "محتوى", ctype: "text/plain"},
		{line: `{"text":" ","html":"<p>خبر</p>"}`, body: "<p>خبر</p>", ctype: "text/html"},
		{line: `{"title":"عنوان","body":"نص"}`, body: "عنوان\n\nنص", ctype: "text/plain"},
		{line: `{"title":"عنوان","body":"عنوان ثم نص"}`, body: "عنوان ثم نص", ctype: "text/plain"},
		{line: `{"html":""}`},
		{line: `{"html":" \n "}`},
		{line: `{"text":null,"content":null}`},
		{line: `{"title":"عنوان فقط"}`},
	}
	for _, tt := range tests {
		r := parseRecord([]byte(tt.line), "f:1")
		if tt.body == "" {
			if r.Err == nil || !strings.Contains(r.Err.Error(), "f:1") {
				t.Errorf("%s: got body %q err %v, want an error naming f:1", tt.line, r.Doc.Body, r.Err)
			}
			continue
		}
		if r.Err != nil || string(r.Doc.Body) != tt.body || r.Doc.ContentType != tt.ctype {
			t.Errorf("%s: got %q %q err %v, want %q %q", tt.line, r.Doc.Body, r.Doc.ContentType, r.Err, tt.body, tt.ctype)
		}
	}
}

// TestReadJSONLErrors checks that a bad line is reported in the terms
// of the JSON it holds, with its file and line, never in Go's types.
func TestReadJSONLErrors(t *testing.T) {
	lines := []struct{ line, want string }{
		{`{"text":"نص سليم"}`, ""},
		{`[{"text":"نص"}]`, "in.jsonl:2: a record must be a JSON object, got an array"},
		{`"نص"`, "in.jsonl:3: a record must be a JSON object, got a string"},
		{`null`, "in.jsonl:4: a record must be a JSON object, got null"},
		{`{"text": 17}`, `in.jsonl:5: field "text" must be a string, got a number`},
		{`{"title": {"ar": "عنوان"}, "text": "نص"}`, `in.jsonl:6: field "title" must be a string, got an object`},
		{`{"text": "نص",}`, "in.jsonl:7: not valid JSON at line 1, column 15: invalid character '}' looking for beginning of object key string"},
		{`{"text": "نص"`, "in.jsonl:8: not valid JSON: the text ends before the value is complete"},
		{`{"url": "http://x"}`, "in.jsonl:9: record has no text (fields text, content, body or html)"},
	}
	var in strings.Builder
	for _, l := range lines {
		in.WriteString(l.line + "\n")
	}
	var got []Record
	err := ReadJSONL(context.Background(), strings.NewReader(in.String()), "in.jsonl", Options{}, func(r Record) error {
		got = append(got, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(lines) {
		t.Fatalf("%d records, want %d", len(got), len(lines))
	}
	for i, l := range lines {
		msg := ""
		if got[i].Err != nil {
			msg = got[i].Err.Error()
		}
		if msg != l.want {
			t.Errorf("line %d %s:\n got %q\nwant %q", i+1, l.line, msg, l.want)
		}
		if strings.Contains(msg, "Go ") || strings.Contains(msg, "jsonRecord") {
			t.Errorf("line %d: error %q names Go types", i+1, msg)
		}
	}
}
