package article

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// viaJSON parses rec the long way: as the JSON object ParseFields stands for.
func viaJSON(rec Record, opt Options) (*Article, error) {
	m := map[string]string{"title": rec.Title, "content": rec.Body, "url": rec.URL, "source": rec.Source, "author": rec.Author}
	if rec.Lang != "" {
		m["lang"] = rec.Lang
	}
	if rec.Date != "" {
		m["date"] = rec.Date
	}
	data, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	return ParseRecord(data, opt)
}

func TestParseFieldsMatchesParseRecord(t *testing.T) {
	tests := []struct {
		name string
		rec  Record
	}{
		{"plain", Record{Title: "عنوان الخبر", Body: "الرياض - واس\nنص الخبر الأول.\n\nفقرة ثانية.", URL: "http://example.com/a", Source: "spa", Date: "2015-07-21T02:51:32Z"}},
		{"dateline author", Record{Title: "عنوان", Body: "نص الخبر.", Author: "لندن: رنيم حنوش", Date: "2015-07-21 02:51:32"}},
		{"entities and spaces", Record{Title: "  عنوان &amp; آخر ", Body: " نص&nbsp;الخبر &ndash; تتمة. ", Source: " aawsat "}},
		{"invalid UTF-8", Record{Title: "عنوان \xff\xfe", Body: "نص \xc3 الخبر."}},
		{"bad date", Record{Title: "عنوان", Body: "نص.", Date: "yesterday"}},
		{"title only", Record{Title: "عنوان وحده"}},
		{"empty", Record{}},
		{"blank body", Record{Title: "عنوان", Body: " \n\t "}},
		{"lang", Record{Title: "Title", Body: "Some English text.", Lang: "en"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, werr := viaJSON(tt.rec, Options{})
			got, gerr := ParseFields(tt.rec, Options{})
			if (werr == nil) != (gerr == nil) {
				t.Fatalf("ParseFields err = %v, ParseRecord err = %v", gerr, werr)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("ParseFields = %+v\nParseRecord = %+v", got, want)
			}
		})
	}
}

func TestParseFieldsTooLarge(t *testing.T) {
	if _, err := ParseFields(Record{Title: "t", Body: "0123456789"}, Options{MaxSize: 5}); err == nil {
		t.Fatal("no error for a record over MaxSize")
	}
}

func FuzzParseFields(f *testing.F) {
	f.Add("عنوان", "الرياض - واس\nنص الخبر.", "لندن: رنيم حنوش", "2015-07-21 02:51:32")
	f.Add("", "", "", "")
	f.Add("t\xff", "&amp;\x00", " ", "2015")
	f.Fuzz(func(t *testing.T, title, body, author, date string) {
		rec := Record{Title: title, Body: body, Author: author, Date: date}
		want, werr := viaJSON(rec, Options{})
		got, gerr := ParseFields(rec, Options{})
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("ParseFields err = %v, ParseRecord err = %v", gerr, werr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("ParseFields = %+v\nParseRecord = %+v", got, want)
		}
	})
}

func TestLineBreak(t *testing.T) {
	for _, s := range []string{"", "abc", "a\nb", "a\rb", "نص\u2028آخر", "نص\u2029", "\xe2\x80", "\xe2\x80\xa8", "\xe2\xe2\x80\xa9x",
		"\xff\n", "a\u2027b\u202a", "نص بلا فاصل", "\u2028"} {
		if got, want := lineBreak(s), strings.IndexAny(s, "\n\r\u2028\u2029"); got != want {
			t.Errorf("lineBreak(%q) = %d, want %d", s, got, want)
		}
	}
}

func FuzzLineBreak(f *testing.F) {
	f.Add("a\u2028b")
	f.Add("\xe2\x80\xa9")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := lineBreak(s), strings.IndexAny(s, "\n\r\u2028\u2029"); got != want {
			t.Errorf("lineBreak(%q) = %d, want %d", s, got, want)
		}
	})
}
