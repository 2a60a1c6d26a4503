package article

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"strings"
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
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("article: JSON record: %w", err)
	}
	if m == nil {
		return nil, fmt.Errorf("article: JSON record: %w: null", ErrNoContent)
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
	in := input{
		body:    unescape(field(bodyFields)),
		title:   unescape(field(titleFields)),
		byline:  unescape(field(authorFields)),
		url:     field(urlFields),
		source:  unescape(field(sourceFields)),
		lang:    field(langFields),
		ref:     opt.Ref,
		noTitle: true,
	}
	if warn != "" {
		in.warnings = append(in.warnings, warn)
	}
	if in.body == "" && in.title == "" {
		return nil, fmt.Errorf("article: JSON record: %w: no title and no %s field", ErrNoContent, strings.Join(bodyFields[:3], "/"))
	}
	if ds := field(dateFields); ds != "" {
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
		return nil, fmt.Errorf("article: JSON record %s: %w", recordName(in), err)
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
