package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/internal/jsonerr"
)

func newGzipReader(r io.Reader) (*gzip.Reader, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	return zr, nil
}

// jsonRecord is the shape of a JSONL record. Several common field names
// are accepted for each part (saudinewsnet uses content, date_extracted).
type jsonRecord struct {
	Text          *string `json:"text"`
	Content       *string `json:"content"`
	Body          *string `json:"body"`
	Title         string  `json:"title"`
	URL           string  `json:"url"`
	Link          string  `json:"link"`
	Source        string  `json:"source"`
	Author        string  `json:"author"`
	Date          string  `json:"date"`
	Published     string  `json:"published"`
	DateExtracted string  `json:"date_extracted"`
	HTML          *string `json:"html"`
}

// ReadJSONL reads one JSON object per line from r (named name in
// errors) and calls fn with a Record per non-blank line. A line that is
// not a JSON object, has no text, is not UTF-8 or is longer than
// Options.MaxBytes is a bad record; the rest goes on. A read error
// (e.g. a truncated gzip stream) is reported as a bad record and ends
// the file.
//
// The document text is the title, a blank line and the content; an
// "html" field instead of text makes an HTML document.
func ReadJSONL(ctx context.Context, r io.Reader, name string, opt Options, fn func(Record) error) error {
	br := bufio.NewReaderSize(r, 1<<20)
	max := opt.maxBytes()
	var line []byte
	for n := 1; ; n++ {
		if n%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		where := fmt.Sprintf("%s:%d", name, n)
		line = line[:0]
		tooLong := false
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			if !tooLong {
				if len(line)+len(chunk) > max+1 {
					tooLong = true
				} else {
					line = append(line, chunk...)
				}
			}
			if !errors.Is(err, bufio.ErrBufferFull) {
				break
			}
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return fn(Record{Where: where, Err: fmt.Errorf("%s: %w", where, err)})
		}
		var rec Record
		switch trimmed := bytes.TrimSpace(line); {
		case tooLong:
			rec = Record{Where: where, Err: fmt.Errorf("%s: line longer than %d bytes", where, max)}
		case len(trimmed) == 0:
			if err != nil {
				return nil // EOF
			}
			continue
		default:
			rec = parseRecord(trimmed, where)
		}
		if ferr := fn(rec); ferr != nil {
			return ferr
		}
		if err != nil {
			return nil // EOF after a last line without newline
		}
	}
}

// parseRecord turns one JSON line into a Record.
func parseRecord(line []byte, where string) Record {
	if !utf8.Valid(line) {
		return Record{Where: where, Err: fmt.Errorf("%s: not valid UTF-8", where)}
	}
	if err := jsonerr.Object(line); err != nil {
		return Record{Where: where, Err: fmt.Errorf("%s: %w", where, err)}
	}
	var jr jsonRecord
	if err := json.Unmarshal(line, &jr); err != nil {
		return Record{Where: where, Err: fmt.Errorf("%s: %w", where, jsonerr.Decode(line, err))}
	}
	doc := khabar.RawDocument{
		Name:   where,
		URL:    strings.TrimSpace(first(jr.URL, jr.Link)),
		Title:  strings.TrimSpace(jr.Title),
		Source: strings.TrimSpace(jr.Source),
		Author: strings.TrimSpace(jr.Author),
		Date:   parseDate(first(jr.Published, jr.Date, jr.DateExtracted)),
	}
	// The first field that holds more than white space wins, so a record
	// with an empty "text" and a full "html" is still read.
	var text string
	for _, f := range []*string{jr.Text, jr.Content, jr.Body} {
		if f != nil {
			if text = strings.TrimSpace(*f); text != "" {
				break
			}
		}
	}
	if text == "" {
		if jr.HTML != nil && strings.TrimSpace(*jr.HTML) != "" {
			doc.Body, doc.ContentType = []byte(*jr.HTML), "text/html"
			return Record{Doc: doc, Where: where}
		}
		return Record{Where: where, Err: fmt.Errorf("%s: record has no text (fields text, content, body or html)", where)}
	}
	if doc.Title != "" && !strings.HasPrefix(text, doc.Title) {
		text = doc.Title + "\n\n" + text
	}
	doc.Body, doc.ContentType = []byte(text), "text/plain"
	return Record{Doc: doc, Where: where}
}

func first(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

var dateLayouts = []string{time.RFC3339, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02", time.RFC1123Z, time.RFC1123}

// parseDate parses the common date forms of news metadata; zero if none fits.
func parseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t
		}
	}
	return time.Time{}
}
