package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// warcRec is one record for the test WARC generator.
type warcRec struct {
	typ, uri, date, contentType string
	block                       string
	badLength                   int // added to the true Content-Length
}

// httpResponse builds an HTTP response block.
func httpResponse(status string, headers map[string]string, body string) string {
	var b strings.Builder
	b.WriteString("HTTP/1.1 " + status + "\r\n")
	for k, v := range headers {
		b.WriteString(k + ": " + v + "\r\n")
	}
	if _, ok := headers["Transfer-Encoding"]; !ok {
		fmt.Fprintf(&b, "Content-Length: %d\r\n", len(body))
	}
	b.WriteString("\r\n")
	b.WriteString(body)
	return b.String()
}

// writeWARC encodes recs as a WARC file, gzipping each record when gz.
func writeWARC(t testing.TB, recs []warcRec, gz bool) []byte {
	t.Helper()
	var out bytes.Buffer
	for i, r := range recs {
		var b bytes.Buffer
		b.WriteString("WARC/1.1\r\n")
		fmt.Fprintf(&b, "WARC-Type: %s\r\n", r.typ)
		fmt.Fprintf(&b, "WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>\r\n", i)
		date := r.date
		if date == "" {
			date = "2024-03-05T10:11:12Z"
		}
		fmt.Fprintf(&b, "WARC-Date: %s\r\n", date)
		if r.uri != "" {
			fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", r.uri)
		}
		ct := r.contentType
		if ct == "" {
			ct = "application/http; msgtype=response"
		}
		fmt.Fprintf(&b, "Content-Type: %s\r\n", ct)
		fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(r.block)+r.badLength)
		b.WriteString(r.block)
		b.WriteString("\r\n\r\n")
		if !gz {
			out.Write(b.Bytes())
			continue
		}
		zw := gzip.NewWriter(&out)
		zw.Write(b.Bytes())
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return out.Bytes()
}

const arabicPage = `<!DOCTYPE html><html lang="ar"><head><title>اجتماع الوزراء</title></head>
<body><article><h1>اجتماع الوزراء</h1><p>عقد وزراء الخارجية اجتماعا في الرياض اليوم لبحث التعاون.</p></article></body></html>`

// sampleWARC is a WARC file with every kind of record ReadWARC meets.
func sampleWARC(t testing.TB) []warcRec {
	cp1256, err := charmap.Windows1256.NewEncoder().String(arabicPage)
	if err != nil {
		t.Fatal(err)
	}
	var gzBody bytes.Buffer
	zw := gzip.NewWriter(&gzBody)
	zw.Write([]byte(arabicPage))
	zw.Close()
	return []warcRec{
		{typ: "warcinfo", contentType: "application/warc-fields", block: "software: khabar-test\r\n"},
		{typ: "request", uri: "http://news.test/a", contentType: "application/http; msgtype=request",
			block: "GET /a HTTP/1.1\r\nHost: news.test\r\n\r\n"},
		{typ: "response", uri: "http://news.test/a", block: httpResponse("200 OK",
			map[string]string{"Content-Type": "text/html; charset=utf-8"}, arabicPage)},
		{typ: "response", uri: "http://news.test/cp1256", date: "2023-09-13T08:00:00Z", block: httpResponse("200 OK",
			map[string]string{"Content-Type": "text/html; charset=windows-1256"}, cp1256)},
		{typ: "response", uri: "http://news.test/img.png", block: httpResponse("200 OK",
			map[string]string{"Content-Type": "image/png"}, "\x89PNG....")},
		{typ: "response", uri: "http://news.test/moved", block: httpResponse("301 Moved Permanently",
			map[string]string{"Location": "/a", "Content-Type": "text/html"}, "<p>moved</p>")},
		{typ: "response", uri: "http://news.test/gz", block: httpResponse("200 OK",
			map[string]string{"Content-Type": "text/html", "Content-Encoding": "gzip"}, gzBody.String())},
		{typ: "response", uri: "http://news.test/chunked", block: httpResponse("200 OK",
			map[string]string{"Content-Type": "text/html", "Transfer-Encoding": "chunked"},
			fmt.Sprintf("%x\r\n%s\r\n0\r\n\r\n", len(arabicPage), arabicPage))},
		{typ: "response", uri: "http://news.test/brotli", block: httpResponse("200 OK",
			map[string]string{"Content-Type": "text/html", "Content-Encoding": "br"}, "xxxx")},
		{typ: "resource", uri: "file:///local.html", contentType: "text/html", block: arabicPage},
		{typ: "metadata", uri: "http://news.test/a", contentType: "application/warc-fields", block: "via: x\r\n"},
	}
}

type readResult struct {
	docs []Record
	bad  []Record
}

func readWARCBytes(t testing.TB, data []byte, opt Options) readResult {
	t.Helper()
	var res readResult
	err := ReadWARC(context.Background(), bytes.NewReader(data), "test.warc", opt, func(r Record) error {
		if r.Err != nil {
			res.bad = append(res.bad, r)
		} else {
			res.docs = append(res.docs, r)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("ReadWARC: %v", err)
	}
	return res
}

func TestReadWARC(t *testing.T) {
	for _, gz := range []bool{false, true} {
		t.Run(fmt.Sprintf("gzip=%v", gz), func(t *testing.T) {
			res := readWARCBytes(t, writeWARC(t, sampleWARC(t), gz), Options{})
			wantURLs := []string{"http://news.test/a", "http://news.test/cp1256", "http://news.test/gz",
				"http://news.test/chunked", "file:///local.html"}
			if len(res.docs) != len(wantURLs) {
				t.Fatalf("%d documents, want %d: %+v", len(res.docs), len(wantURLs), res.docs)
			}
			for i, r := range res.docs {
				d := r.Doc
				if d.URL != wantURLs[i] {
					t.Errorf("doc %d URL %q, want %q", i, d.URL, wantURLs[i])
				}
				if string(d.Body) != arabicPage {
					t.Errorf("doc %d (%s) body not decoded to the page: %q", i, d.URL, d.Body)
				}
				if !strings.HasPrefix(d.ContentType, "text/html") {
					t.Errorf("doc %d content type %q", i, d.ContentType)
				}
				if d.Name != r.Where || !strings.HasPrefix(r.Where, "test.warc@") {
					t.Errorf("doc %d: Where %q Name %q", i, r.Where, d.Name)
				}
			}
			if got := res.docs[1].Doc.Date; !got.Equal(time.Date(2023, 9, 13, 8, 0, 0, 0, time.UTC)) {
				t.Errorf("WARC-Date: got %v", got)
			}
			if ct := res.docs[1].Doc.ContentType; ct != "text/html; charset=utf-8" {
				t.Errorf("converted page content type %q", ct)
			}
			if len(res.bad) != 1 || !strings.Contains(res.bad[0].Err.Error(), `unsupported content encoding "br"`) {
				t.Errorf("bad records: %v", res.bad)
			}
		})
	}
}

func TestReadWARCMalformed(t *testing.T) {
	good := warcRec{typ: "response", uri: "http://news.test/ok", block: httpResponse("200 OK",
		map[string]string{"Content-Type": "text/html"}, arabicPage)}
	good2 := good
	good2.uri = "http://news.test/ok2"
	broken := warcRec{typ: "response", uri: "http://news.test/broken", block: "not an HTTP response at all"}
	for _, gz := range []bool{false, true} {
		t.Run(fmt.Sprintf("gzip=%v", gz), func(t *testing.T) {
			first := writeWARC(t, []warcRec{good}, gz)
			data := append([]byte{}, first...)
			data = append(data, writeWARC(t, []warcRec{broken}, gz)...)
			data = append(data, "garbage between records\r\n"...)
			data = append(data, writeWARC(t, []warcRec{good2}, gz)...)
			res := readWARCBytes(t, data, Options{})
			if len(res.docs) != 2 || res.docs[0].Doc.URL != good.uri || res.docs[1].Doc.URL != good2.uri {
				t.Fatalf("docs %+v; want the two good records", res.docs)
			}
			if len(res.bad) != 1 {
				t.Fatalf("bad records %v; want 1", res.bad)
			}
			want := fmt.Sprintf("test.warc@%d", len(first))
			if res.bad[0].Where != want || !strings.Contains(res.bad[0].Err.Error(), want) {
				t.Errorf("bad record at %q (%v); want %s", res.bad[0].Where, res.bad[0].Err, want)
			}
		})
	}
}

func TestReadWARCHostile(t *testing.T) {
	page := strings.Repeat("<p>كلمة</p>", 200)
	tests := []struct {
		name     string
		data     []byte
		opt      Options
		docs     int
		badMatch string // substring of the last bad record's error; "" for none
	}{
		{"empty", nil, Options{}, 0, ""},
		{"not WARC", []byte("hello, this is not a WARC file at all"), Options{}, 0, "no WARC record"},
		{"truncated", writeWARC(t, []warcRec{{typ: "response", uri: "u", badLength: 500, block: httpResponse("200 OK",
			map[string]string{"Content-Type": "text/html"}, page)}}, false), Options{}, 0, "malformed"},
		{"too large", writeWARC(t, []warcRec{{typ: "response", uri: "u", block: httpResponse("200 OK",
			map[string]string{"Content-Type": "text/html"}, page)}}, false), Options{MaxBytes: 100}, 0, "larger than 100 bytes"},
		{"empty body", writeWARC(t, []warcRec{{typ: "response", uri: "u", block: httpResponse("200 OK",
			map[string]string{"Content-Type": "text/html"}, "  ")}}, false), Options{}, 0, "empty body"},
		{"bad gzip", writeWARC(t, []warcRec{{typ: "response", uri: "u", block: httpResponse("200 OK",
			map[string]string{"Content-Type": "text/html", "Content-Encoding": "gzip"}, "not gzip")}}, false), Options{}, 0, "gzip"},
		{"truncated gzip member", writeWARC(t, []warcRec{{typ: "response", uri: "u", block: httpResponse("200 OK",
			map[string]string{"Content-Type": "text/html"}, page)}}, true)[:60], Options{}, 0, "malformed"},
		{"unknown charset", writeWARC(t, []warcRec{{typ: "response", uri: "u", block: httpResponse("200 OK",
			map[string]string{"Content-Type": "text/html; charset=x-nonsense"}, page)}}, false), Options{}, 1, ""},
		{"many gzip magics", bytes.Repeat([]byte{0x1f, 0x8b, 0, 0, 0, 0}, 1000), Options{}, 0, "giving up"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readWARCBytes(t, tc.data, tc.opt)
			if len(res.docs) != tc.docs {
				t.Errorf("%d documents, want %d", len(res.docs), tc.docs)
			}
			if tc.badMatch == "" {
				if len(res.bad) != 0 {
					t.Errorf("unexpected bad records: %v", res.bad)
				}
				return
			}
			if len(res.bad) == 0 {
				t.Fatalf("no bad record; want one matching %q", tc.badMatch)
			}
			if last := res.bad[len(res.bad)-1].Err.Error(); !strings.Contains(last, tc.badMatch) {
				t.Errorf("last bad record %q; want it to mention %q", last, tc.badMatch)
			}
		})
	}
}

func TestReadWARCCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	data := writeWARC(t, sampleWARC(t), false)
	n := 0
	err := ReadWARC(ctx, bytes.NewReader(data), "test.warc", Options{}, func(Record) error {
		n++
		cancel()
		return nil
	})
	if err != context.Canceled || n != 1 {
		t.Errorf("after cancel: err %v after %d records; want context.Canceled after 1", err, n)
	}
}

func TestWARCFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "crawl.warc.gz")
	if err := os.WriteFile(path, writeWARC(t, sampleWARC(t), true), 0o644); err != nil {
		t.Fatal(err)
	}
	if k, _ := KindOf(path); k != WARC {
		t.Fatalf("KindOf(%s) = %v, want WARC", path, k)
	}
	n := 0
	if err := Walk(context.Background(), []string{dir}, Options{}, func(r Record) error {
		if r.Err == nil {
			n++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if n != 5 {
		t.Errorf("Walk over a .warc.gz found %d documents, want 5", n)
	}
}

func FuzzReadWARC(f *testing.F) {
	f.Add(writeWARC(f, sampleWARC(f), false))
	f.Add(writeWARC(f, sampleWARC(f)[2:4], true))
	f.Add([]byte("WARC/1.1\r\nContent-Length: 5\r\n\r\nabc"))
	f.Fuzz(func(t *testing.T, data []byte) {
		err := ReadWARC(context.Background(), bytes.NewReader(data), "fuzz.warc", Options{MaxBytes: 1 << 16}, func(r Record) error {
			if r.Err == nil && len(r.Doc.Body) == 0 {
				t.Errorf("document with no body at %s", r.Where)
			}
			if r.Err != nil && !strings.Contains(r.Err.Error(), "fuzz.warc") {
				t.Errorf("error %q does not name the file", r.Err)
			}
			return nil
		})
		if err != nil {
			t.Errorf("ReadWARC: %v", err)
		}
	})
}

func BenchmarkReadWARC(b *testing.B) {
	page := strings.Repeat("<p>عقد وزراء الخارجية اجتماعا في الرياض اليوم لبحث التعاون الاقتصادي بين الدول.</p>\n", 150)
	var recs []warcRec
	for i := 0; i < 100; i++ {
		recs = append(recs, warcRec{typ: "response", uri: fmt.Sprintf("http://news.test/%d", i), block: httpResponse("200 OK",
			map[string]string{"Content-Type": "text/html; charset=utf-8"}, page)})
	}
	for _, gz := range []bool{false, true} {
		data := writeWARC(b, recs, gz)
		b.Run(fmt.Sprintf("gzip=%v", gz), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				n := 0
				ReadWARC(context.Background(), bytes.NewReader(data), "b.warc", Options{}, func(r Record) error {
					if r.Err == nil {
						n++
					}
					return nil
				})
				if n != len(recs) {
					b.Fatalf("%d documents, want %d", n, len(recs))
				}
			}
			b.ReportMetric(float64(len(recs)*b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}
