package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/khabar/khabar"
)

// docInput is a document posted as JSON.
type docInput struct {
	Title  string `json:"title"`
	Text   string `json:"text"`
	HTML   string `json:"html"`
	URL    string `json:"url"`
	Date   string `json:"date"`
	Source string `json:"source"`
	Author string `json:"author"`
}

// toDocument turns a posted JSON document into a pipeline document.
func (in docInput) toDocument(name string) (khabar.RawDocument, error) {
	d := khabar.RawDocument{Name: name, URL: in.URL, Title: in.Title, Source: in.Source, Author: in.Author}
	switch {
	case in.Text != "" && in.HTML != "":
		return d, errors.New("give text or html, not both")
	case in.HTML != "":
		d.Body, d.ContentType = []byte(in.HTML), "text/html"
	case in.Text != "":
		d.Body, d.ContentType = []byte(in.Text), "text/plain"
	default:
		return d, errors.New("no text or html")
	}
	if in.Date != "" {
		t, err := parseDate(in.Date)
		if err != nil {
			return d, err
		}
		d.Date = t
	}
	return d, nil
}

func parseDate(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("date %q: want YYYY-MM-DD or RFC 3339", s)
}

// readBody reads a bounded request body; it writes the error response
// itself and returns ok=false when the body is unusable.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		s.fail(w, r, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("request body over %d bytes", s.cfg.MaxBody))
		return nil, false
	case err != nil:
		s.fail(w, r, http.StatusBadRequest, "bad_body", "reading body: "+err.Error())
		return nil, false
	case len(bytes.TrimSpace(body)) == 0:
		s.fail(w, r, http.StatusBadRequest, "empty_body", "empty request body")
		return nil, false
	}
	return body, true
}

func mediaType(r *http.Request) string {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return ""
	}
	return mt
}

func strictJSON(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("bad JSON: %w", err)
	}
	if dec.More() {
		return errors.New("bad JSON: more than one value (send JSON Lines as application/x-ndjson)")
	}
	return nil
}

// encodingError reports a JSON string field whose text is not valid
// UTF-8 (or is a lone UTF-16 surrogate written as \uXXXX): encoding/json
// would store U+FFFD in its place without a word.
type encodingError struct {
	field  string
	offset int // byte offset of the bad text in the field's JSON string literal
}

func (e *encodingError) Error() string {
	return fmt.Sprintf("field %s is not valid UTF-8 (bad byte or escape at byte %d of its JSON string); send UTF-8 text", strconv.Quote(e.field), e.offset)
}

// checkEncoding returns an *encodingError naming the first string field
// (by name) of the JSON object data whose raw text is not valid UTF-8.
// It looks at the raw bytes because the decoder has already replaced
// what it could not read. Data that is not a JSON object passes: the
// decoder reports that.
func checkEncoding(data []byte) error {
	if utf8.Valid(data) && !bytes.Contains(data, []byte(`\u`)) {
		return nil // the common case: nothing to replace
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return nil
	}
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if off := badStringOffset(fields[name]); off >= 0 {
			return &encodingError{field: name, offset: off}
		}
	}
	return nil
}

// badStringOffset returns the byte offset of the first invalid UTF-8
// sequence or lone surrogate escape in a raw JSON string literal, or -1
// when there is none or raw is not a string.
func badStringOffset(raw []byte) int {
	if len(raw) < 2 || raw[0] != '"' {
		return -1
	}
	for i := 1; i < len(raw)-1; {
		c := raw[i]
		switch {
		case c == '\\' && i+1 < len(raw) && raw[i+1] == 'u':
			r, ok := hex4(raw, i+2)
			if !ok {
				return i
			}
			if !utf16.IsSurrogate(r) {
				i += 6
				continue
			}
			// A high surrogate must be followed by an escaped low one.
			lo, ok := rune(0), false
			if r < 0xDC00 && i+7 < len(raw) && raw[i+6] == '\\' && raw[i+7] == 'u' {
				lo, ok = hex4(raw, i+8)
			}
			if !ok || utf16.DecodeRune(r, lo) == utf8.RuneError {
				return i
			}
			i += 12
		case c == '\\':
			i += 2
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRune(raw[i:])
			if r == utf8.RuneError && size == 1 {
				return i
			}
			i += size
		}
	}
	return -1
}

// hex4 reads the four hexadecimal digits at raw[i:i+4].
func hex4(raw []byte, i int) (rune, bool) {
	if i+4 > len(raw) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(raw[i:i+4]), 16, 16)
	return rune(n), err == nil
}
