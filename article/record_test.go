package article

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

func TestParseRecord(t *testing.T) {
	tests := []struct {
		name                          string
		rec                           string
		opt                           Options
		title, published, url, source string
		place, dlSource, author       string
		paragraphs                    int
		firstPara                     string
	}{
		{
			name: "newspaper record with author dateline",
			rec: `{"source": "paper", "url": "http://example.com/a/1", "date_extracted": "2015-07-21 02:51:32",
				"title": "عنوان الخبر", "author": "لندن: سالم المطيري",
				"content": "أعلنت الحكومة اليوم خطة جديدة.\n\n وقالت إن التنفيذ يبدأ الشهر المقبل."}`,
			title: "عنوان الخبر", published: "2015-07-21", url: "http://example.com/a/1", source: "paper",
			place: "لندن", author: "سالم المطيري", paragraphs: 2, firstPara: "أعلنت الحكومة اليوم خطة جديدة.",
		},
		{
			name: "agency wire with its own dateline line",
			rec: `{"source": "wire", "date_extracted": "2015-08-10 20:27:03", "title": "عنوان", "author": "",
				"content": " بريدة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس\n يواصل المهرجان فعالياته.\n // انتهى //\n 20:26 ت م \n "}`,
			title: "عنوان", published: "2015-08-10", source: "wire",
			place: "بريدة", dlSource: "واس", paragraphs: 1, firstPara: "يواصل المهرجان فعالياته.",
		},
		{
			name: "entities in fields, text and published fields",
			rec: `{"headline": "عنوان", "text": "جدة - واس: افتتح المعرض.", "published": "2021-03-04T10:00:00Z",
				"author": "&nbsp;سالم المطيري (جدة)"}`,
			title: "عنوان", published: "2021-03-04",
			place: "جدة", dlSource: "واس", author: "سالم المطيري", paragraphs: 1, firstPara: "افتتح المعرض.",
		},
		{
			name:  "title only",
			rec:   `{"title": "عنوان وحيد", "date": "2020-01-02"}`,
			title: "عنوان وحيد", published: "2020-01-02",
		},
		{
			name:      "no date: reference date is the published date of last resort",
			rec:       `{"body": "نص الخبر."}`,
			opt:       Options{Ref: time.Date(2022, 2, 3, 0, 0, 0, 0, time.UTC)},
			published: "2022-02-03", paragraphs: 1, firstPara: "نص الخبر.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseRecord([]byte(tt.rec), tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, a)
			if spanText(a.Title) != tt.title || a.Published != tt.published || a.URL != tt.url || a.Source != tt.source {
				t.Errorf("title %q published %q url %q source %q, want %q %q %q %q",
					spanText(a.Title), a.Published, a.URL, a.Source, tt.title, tt.published, tt.url, tt.source)
			}
			var d Dateline
			if a.Dateline != nil {
				d = *a.Dateline
			}
			if d.Place != tt.place || d.Source != tt.dlSource || d.Author != tt.author {
				t.Errorf("dateline %+v, want place %q source %q author %q", d, tt.place, tt.dlSource, tt.author)
			}
			if len(a.Paragraphs) != tt.paragraphs {
				t.Fatalf("%d paragraphs, want %d", len(a.Paragraphs), tt.paragraphs)
			}
			if tt.paragraphs > 0 {
				if got := slice(a.Text, a.Paragraphs[0][0], a.Paragraphs[0][1]); got != tt.firstPara {
					t.Errorf("first paragraph %q, want %q", got, tt.firstPara)
				}
			}
		})
	}
}

func TestParseRecordErrors(t *testing.T) {
	tests := []struct {
		name, rec string
		opt       Options
		want      error
	}{
		{"null", `null`, Options{}, ErrNoContent},
		{"no body or title", `{"url": "http://example.com/"}`, Options{}, ErrNoContent},
		{"invalid UTF-8", "{\"title\": \"\xff\"}", Options{}, ErrInvalidUTF8},
		{"too large", `{"title": "` + strings.Repeat("x", 100) + `"}`, Options{MaxSize: 50}, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ParseRecord([]byte(tt.rec), tt.opt); !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
	for _, bad := range []struct{ rec, want string }{
		{``, "a record must be a JSON object, got nothing"},
		{`{`, "not valid JSON: the text ends before the value is complete"},
		{`[1,2]`, "a record must be a JSON object, got an array"},
		{`"text"`, "a record must be a JSON object, got a string"},
		{`{"title": 5`, "not valid JSON: the text ends before the value is complete"},
		{`{"title": 5 x}`, "not valid JSON at line 1, column 13: invalid character 'x' after object key:value pair"},
	} {
		_, err := ParseRecord([]byte(bad.rec), Options{})
		if err == nil || err.Error() != "article: JSON record: "+bad.want {
			t.Errorf("%q: err = %v, want %q", bad.rec, err, bad.want)
		}
	}
}

// TestSaudiNewsNet runs ParseRecord over the first articles of the
// SaudiNewsNet corpus and checks that no body text is lost: every word of
// the record's content is in Text or in the dropped boilerplate, and Text
// holds nothing else but the title.
func TestSaudiNewsNet(t *testing.T) {
	path := sharedData(t, "saudinewsnet", "saudinewsnet.jsonl.gz")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<24)
	limit := 1500
	if testing.Short() {
		limit = 300
	}
	var n, withDateline, errs, titled, titleOK int
	for sc.Scan() && n < limit {
		n++
		var rec struct{ Title, Content string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("record %d: %v", n, err)
		}
		a, err := ParseRecord(sc.Bytes(), Options{})
		if err != nil {
			if !errors.Is(err, ErrNoContent) {
				t.Fatalf("record %d: %v", n, err)
			}
			errs++
			continue
		}
		checkInvariants(t, a)
		// The same article as plain text, headline first: the headline
		// must come back as the title.
		if title := fieldsJoin(rec.Title); title != "" && strings.TrimSpace(rec.Content) != "" {
			titled++
			at, err := ParseText(strings.NewReader(rec.Title+"\n\n"+rec.Content), Options{})
			if err != nil {
				t.Fatalf("record %d as text: %v", n, err)
			}
			checkInvariants(t, at)
			if at.Title != nil && fieldsJoin(at.Title.Text) == title {
				titleOK++
			}
		}
		if a.Dateline != nil && (a.Dateline.Place != "" || a.Dateline.Source != "") {
			withDateline++
		}
		want := wordCounts(unescape(rec.Content))
		got := wordCounts(a.Text)
		for _, b := range a.Boilerplate {
			for w, c := range wordCounts(b.Text) {
				got[w] += c
			}
		}
		if a.Title != nil {
			for w, c := range wordCounts(a.Title.Text) {
				got[w] -= c
			}
		}
		for w, c := range want {
			if got[w] != c {
				t.Fatalf("record %d (%q): word %q %d times in content, %d in text+boilerplate", n, rec.Title, w, c, got[w])
			}
		}
		for w, c := range got {
			if c != 0 && want[w] == 0 {
				t.Fatalf("record %d (%q): word %q in text but not in content", n, rec.Title, w)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d records, %d with a dateline place or source, %d without content; as text, %d of %d titles recovered",
		n, withDateline, errs, titleOK, titled)
	if titleOK*100 < titled*98 {
		t.Errorf("only %d of %d titles recovered from plain text", titleOK, titled)
	}
	if withDateline*2 < n {
		t.Errorf("only %d of %d records have a dateline place or source", withDateline, n)
	}
}

func wordCounts(s string) map[string]int {
	m := map[string]int{}
	for _, w := range strings.Fields(s) {
		// Invisible marks at line edges are trimmed with the white space.
		if w = strings.TrimFunc(w, func(r rune) bool { return isBlank(r) || (r >= 0x202a && r <= 0x202e) }); w != "" {
			m[w]++
		}
	}
	return m
}

// fieldsJoin normalizes white space and invisible marks.
func fieldsJoin(s string) string {
	return strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if isBlank(r) || (r >= 0x202a && r <= 0x202e) {
			return ' '
		}
		return r
	}, s)), " ")
}
