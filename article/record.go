package article

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"strings"
	"unicode/utf8"

	"github.com/khabar/khabar/internal/jsonerr"
)

// Field names read from JSON records, in order of preference.
var (
	bodyFields   = []string{"content", "text", "body", "article", "description"}
	dateFields   = []string{"published", "date", "published_at", "pubdate", "date_published", "date_extracted"}
	urlFields    = []string{"url", "link", "canonical_url"}
	titleFields  = []string{"title", "headline"}
	sourceFields = []string{"source", "site", "publisher"}
	authorFields = []string{"author", "byline", "dateline"}
	langFields   = []string{"lang", "language"}
)

// ParseRecord parses one JSON object holding an article, such as
//
//	{"title": "...", "content": "...", "url": "...", "date_extracted": "2015-07-21 02:51:32",
//	 "source": "aawsat", "author": "لندن: رنيم حنوش"}
//
// The body is read from content, text or body; the date from published,
// date or date_extracted (it becomes the published date and, unless
// opt.Ref is set, the reference date); an author field that reads as a
// dateline ("لندن: رنيم حنوش") gives the place and the author. HTML
// entities in the fields (&nbsp;, &ndash;) are decoded. The body has no
// headline line of its own: the title comes from the title field.
func ParseRecord(data []byte, opt Options) (*Article, error) {
	if int64(len(data)) > opt.maxSize() {
		return nil, fmt.Errorf("%w: record of %d bytes, limit %d", ErrTooLarge, len(data), opt.maxSize())
	}
	_, warn, err := checkUTF8(string(data), "JSON record", opt.Repair)
	if err != nil {
		return nil, err
	}
	if err := jsonerr.Object(data); err != nil {
		if string(bytes.TrimSpace(data)) == "null" {
			return nil, fmt.Errorf("article: JSON record: %w: %w", ErrNoContent, err)
		}
		return nil, fmt.Errorf("article: JSON record: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("article: JSON record: %w", jsonerr.Decode(data, err))
	}
	field := func(names []string) string {
		for _, n := range names {
			if v, ok := m[n]; ok {
				switch v := v.(type) {
				case string:
					if s := strings.TrimSpace(v); s != "" {
						return s
					}
				case json.Number:
					return v.String()
				}
			}
		}
		return ""
	}
	return fromFields(fields{
		body:   field(bodyFields),
		title:  field(titleFields),
		byline: field(authorFields),
		url:    field(urlFields),
		source: field(sourceFields),
		lang:   field(langFields),
		date:   field(dateFields),
	}, "JSON record", warn, opt)
}

// Record is an article given as separate fields, such as a feed item or
// a JSONL record that the caller has already decoded.
type Record struct {
	Title  string
	Body   string // the article text, without the title
	URL    string
	Source string
	Author string // byline or dateline, as in ParseRecord
	Lang   string
	Date   string // publication date in one of the forms ParseRecord reads (RFC 3339, "2006-01-02 15:04:05", ...)
}

// ParseFields builds an article from rec exactly as ParseRecord does
// from the JSON object {"title": rec.Title, "content": rec.Body,
// "url": rec.URL, ...}, without encoding and decoding that object.
// Invalid UTF-8 bytes in a field become U+FFFD, as they would in JSON.
func ParseFields(rec Record, opt Options) (*Article, error) {
	if n := len(rec.Title) + len(rec.Body) + len(rec.URL) + len(rec.Source) + len(rec.Author) + len(rec.Lang) + len(rec.Date); int64(n) > opt.maxSize() {
		return nil, fmt.Errorf("%w: record of %d bytes, limit %d", ErrTooLarge, n, opt.maxSize())
	}
	return fromFields(fields{
		body:   cleanField(rec.Body),
		title:  cleanField(rec.Title),
		byline: cleanField(rec.Author),
		url:    cleanField(rec.URL),
		source: cleanField(rec.Source),
		lang:   cleanField(rec.Lang),
		date:   cleanField(rec.Date),
	}, "record", "", opt)
}

// cleanField is what a string field becomes once encoded as JSON,
// decoded and trimmed: each invalid UTF-8 byte becomes U+FFFD.
func cleanField(s string) string {
	if !utf8.ValidString(s) {
		var b strings.Builder
		for i := 0; i < len(s); {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				b.WriteRune(utf8.RuneError)
			} else {
				b.WriteString(s[i : i+n])
			}
			i += n
		}
		s = b.String()
	}
	return strings.TrimSpace(s)
}

// fields are the trimmed string fields of a record.
type fields struct{ body, title, byline, url, source, lang, date string }

// fromFields builds the article of a record; what names the record kind
// in errors, warn is a warning to keep.
func fromFields(f fields, what, warn string, opt Options) (*Article, error) {
	in := input{
		body:    unescape(f.body),
		title:   unescape(f.title),
		byline:  unescape(f.byline),
		url:     f.url,
		source:  unescape(f.source),
		lang:    f.lang,
		ref:     opt.Ref,
		noTitle: true,
	}
	if warn != "" {
		in.warnings = append(in.warnings, warn)
	}
	if in.body == "" && in.title == "" {
		return nil, fmt.Errorf("article: %s: %w: no title and no %s field", what, ErrNoContent, strings.Join(bodyFields[:3], "/"))
	}
	if ds := f.date; ds != "" {
		t, err := parseISODate(ds)
		if err != nil {
			in.warnings = append(in.warnings, fmt.Sprintf("record date: %v", err))
		} else {
			in.published = dateOnly(t)
			if in.ref.IsZero() {
				in.ref = t
			}
		}
	}
	a, err := build(in)
	if err != nil {
		return nil, fmt.Errorf("article: %s %s: %w", what, recordName(in), err)
	}
	return a, nil
}

// unescape decodes HTML entities, which scraped records often keep.
func unescape(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return html.UnescapeString(s)
}

func recordName(in input) string {
	if in.url != "" {
		return fmt.Sprintf("%q", in.url)
	}
	return fmt.Sprintf("%q", in.title)
}
