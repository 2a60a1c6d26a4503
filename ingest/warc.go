package ingest

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/nlnwa/gowarc/v3"
	"golang.org/x/net/html/charset"

	"github.com/khabar/khabar"
)

// maxWARCErrors is the number of malformed records in a row after which
// ReadWARC gives up on a file: past it the input is not a WARC file.
const maxWARCErrors = 100

// ReadWARC reads a WARC file (WARC 1.0 or 1.1, each record optionally
// gzip-compressed, as .warc.gz files are) from r, named name in errors,
// and calls fn with a Record for every captured HTML page: a response
// record with a 2xx HTTP status and an HTML content type, or a resource
// record of an HTML type.
//
// The document's URL is the record's WARC-Target-URI and its date the
// WARC-Date. Bodies sent with Transfer-Encoding chunked or
// Content-Encoding gzip or deflate are decoded, and a body whose HTTP
// Content-Type names a charset is converted to UTF-8 (the document's
// ContentType then says charset=utf-8, overriding the page's own
// declaration); without one the page's <meta charset> decides later.
//
// Other records (warcinfo, request, metadata, revisit, redirects,
// errors, images...) are passed over silently. A malformed record is a
// bad Record whose Where is "name@offset" (the record's byte offset in
// the file) and reading resumes at the next record. The whole file
// gives up after 100 malformed records in a row.
func ReadWARC(ctx context.Context, r io.Reader, name string, opt Options, fn func(Record) error) error {
	wr, err := gowarc.NewWarcFileReaderFromStream(r, 0,
		gowarc.WithSkipParseBlock(),
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn),
		gowarc.WithSpecViolationPolicy(gowarc.ErrWarn), // caches each block so it can be read after parsing
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
		gowarc.WithBufferMaxMemBytes(4<<20))
	if err != nil {
		return fn(Record{Where: name, Err: fmt.Errorf("%s: %w", name, err)})
	}
	defer wr.Close()
	max := opt.maxBytes()
	bad := 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := wr.Next()
		where := fmt.Sprintf("%s@%d", name, rec.Offset)
		if errors.Is(err, io.EOF) && rec.WarcRecord == nil {
			return nil
		}
		if err != nil {
			rec.Close()
			if ferr := fn(Record{Where: where, Err: fmt.Errorf("%s: malformed WARC record: %w", where, err)}); ferr != nil {
				return ferr
			}
			bad++
			if rec.Size <= 0 || bad >= maxWARCErrors || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gowarc.ErrNoRecord) {
				if bad >= maxWARCErrors {
					return fn(Record{Where: name, Err: fmt.Errorf("%s: %d malformed WARC records in a row: giving up on the file", name, bad)})
				}
				return nil // no way forward from here
			}
			continue
		}
		bad = 0
		var doc khabar.RawDocument
		var ok bool
		derr := truncated(rec.Validation)
		if derr == nil {
			doc, ok, derr = warcDocument(rec.WarcRecord, where, max)
		}
		rec.Close()
		var out Record
		switch {
		case derr != nil:
			out = Record{Where: where, Err: fmt.Errorf("%s: %w", where, derr)}
		case ok:
			out = Record{Doc: doc, Where: where}
		default:
			continue
		}
		if err := fn(out); err != nil {
			return err
		}
	}
}

// truncated returns the Content-Length mismatch among a record's
// validation findings: a record cut short is malformed, not a page.
func truncated(validation []error) error {
	for _, v := range validation {
		var cl *gowarc.ContentLengthError
		if errors.As(v, &cl) {
			return fmt.Errorf("malformed WARC record: truncated: %w", cl)
		}
	}
	return nil
}

// warcDocument turns one WARC record into a document; ok is false for
// records that hold no HTML page.
func warcDocument(wr gowarc.WarcRecord, where string, max int) (doc khabar.RawDocument, ok bool, err error) {
	h := wr.WarcHeader()
	var header http.Header
	var body io.Reader
	switch wr.Type() {
	case gowarc.Response:
		if mt, _, _ := mime.ParseMediaType(h.Get(gowarc.ContentType)); mt != "application/http" {
			return doc, false, nil
		}
		raw, err := wr.Block().RawBytes()
		if err != nil {
			return doc, false, err
		}
		resp, err := http.ReadResponse(bufio.NewReader(raw), nil)
		if err != nil {
			return doc, false, fmt.Errorf("HTTP response: %w", err)
		}
		defer resp.Body.Close()
		if resp.StatusCode < 200 || resp.StatusCode > 299 {
			return doc, false, nil
		}
		header, body = resp.Header, resp.Body
	case gowarc.Resource:
		header = http.Header{"Content-Type": {h.Get(gowarc.ContentType)}}
		raw, err := wr.Block().RawBytes()
		if err != nil {
			return doc, false, err
		}
		body = raw
	default:
		return doc, false, nil
	}
	ct := header.Get("Content-Type")
	mt, params, _ := mime.ParseMediaType(ct)
	if mt != "text/html" && mt != "application/xhtml+xml" {
		return doc, false, nil
	}
	switch enc := strings.ToLower(strings.TrimSpace(header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(body)
		if err != nil {
			return doc, false, fmt.Errorf("gzip content encoding: %w", err)
		}
		defer zr.Close()
		body = zr
	case "deflate":
		body = flate.NewReader(body) // as sent by most servers: raw deflate
	default:
		return doc, false, fmt.Errorf("unsupported content encoding %q", enc)
	}
	data, err := io.ReadAll(io.LimitReader(body, int64(max)+1))
	if err != nil {
		return doc, false, fmt.Errorf("reading body: %w", err)
	}
	if len(data) > max {
		return doc, false, fmt.Errorf("body larger than %d bytes", max)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return doc, false, errors.New("empty body")
	}
	doc = khabar.RawDocument{Name: where, URL: strings.TrimSpace(h.Get(gowarc.WarcTargetURI)), ContentType: "text/html", Body: data}
	if cs := params["charset"]; cs != "" {
		if utf8, err := toUTF8(data, cs); err == nil {
			doc.Body, doc.ContentType = utf8, "text/html; charset=utf-8"
		}
	}
	if t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(h.Get(gowarc.WarcDate))); err == nil {
		doc.Date = t.UTC()
	}
	return doc, true, nil
}

// toUTF8 converts data from the named charset to UTF-8. An unknown
// charset is an error; invalid bytes become U+FFFD.
func toUTF8(data []byte, label string) ([]byte, error) {
	enc, name := charset.Lookup(label)
	if enc == nil {
		return nil, fmt.Errorf("unknown charset %q", label)
	}
	if name == "utf-8" {
		return bytes.ToValidUTF8(data, []byte("\uFFFD")), nil
	}
	return enc.NewDecoder().Bytes(data)
}
