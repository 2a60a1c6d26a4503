package ingest

import (
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
