package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

func readFeedFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "feeds", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readFeedBytes(t *testing.T, data []byte, opt Options) (docs, bad []Record) {
	t.Helper()
	err := ReadFeed(context.Background(), bytes.NewReader(data), "feed.xml", opt, func(r Record) error {
		if r.Err != nil {
			bad = append(bad, r)
		} else {
			docs = append(docs, r)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("ReadFeed: %v", err)
	}
	return docs, bad
}

func TestReadFeed(t *testing.T) {
	cp1256, err := charmap.Windows1256.NewEncoder().Bytes(bytes.Replace(readFeedFile(t, "news.rss"),
		[]byte(`encoding="utf-8"`), []byte(`encoding="windows-1256"`), 1))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		data   []byte
		urls   []string
		titles []string
		source string
		bad    int
	}{
		{"rss", readFeedFile(t, "news.rss"),
			[]string{"https://news.test/1", "https://news.test/2"},
			[]string{"وزراء الخارجية يجتمعون في الرياض", "ارتفاع أسعار النفط"}, "أخبار الاختبار", 1},
		{"rss windows-1256", cp1256,
			[]string{"https://news.test/1", "https://news.test/2"},
			[]string{"وزراء الخارجية يجتمعون في الرياض", "ارتفاع أسعار النفط"}, "أخبار الاختبار", 1},
		{"atom", readFeedFile(t, "news.atom"),
			[]string{"https://atom.test/a"}, []string{"قمة في الدوحة"}, "وكالة الاختبار", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			docs, bad := readFeedBytes(t, tc.data, Options{})
			if len(bad) != tc.bad {
				t.Errorf("%d bad items, want %d: %v", len(bad), tc.bad, bad)
			}
			if len(docs) != len(tc.urls) {
				t.Fatalf("%d items, want %d", len(docs), len(tc.urls))
			}
			for i, r := range docs {
				d := r.Doc
				if d.URL != tc.urls[i] || d.Title != tc.titles[i] || d.Source != tc.source {
					t.Errorf("item %d: url %q title %q source %q; want %q %q %q", i, d.URL, d.Title, d.Source,
						tc.urls[i], tc.titles[i], tc.source)
				}
				if d.ContentType != "text/plain" || bytes.Contains(d.Body, []byte("<")) || len(d.Body) == 0 {
					t.Errorf("item %d: body %q", i, d.Body)
				}
				if d.Date.IsZero() {
					t.Errorf("item %d: no date", i)
				}
				if !strings.HasPrefix(r.Where, "feed.xml#") {
					t.Errorf("item %d: where %q", i, r.Where)
				}
			}
		})
	}
	docs, _ := readFeedBytes(t, readFeedFile(t, "news.rss"), Options{})
	if want := time.Date(2024, 3, 5, 9, 30, 0, 0, time.UTC); !docs[0].Doc.Date.Equal(want) {
		t.Errorf("pubDate: %v, want %v", docs[0].Doc.Date, want)
	}
	if !bytes.HasPrefix(docs[0].Doc.Body, []byte("عقد وزراء الخارجية اجتماعا في الرياض اليوم لبحث التعاون الاقتصادي.\n\nوقال")) {
		t.Errorf("content:encoded not preferred over description: %s", docs[0].Doc.Body)
	}
	if docs[0].Doc.Author != "سارة" {
		t.Errorf("author %q", docs[0].Doc.Author)
	}
}

func TestReadFeedHostile(t *testing.T) {
	rss := readFeedFile(t, "news.rss")
	tests := []struct {
		name string
		data []byte
		opt  Options
		want string
	}{
		{"empty", nil, Options{}, "empty feed"},
		{"huge", append(bytes.Repeat([]byte(" "), 2000), rss...), Options{MaxBytes: 1000}, "larger than 1000 bytes"},
		{"html page", []byte("<!DOCTYPE html><html><body><p>not a feed</p></body></html>"), Options{}, "not an RSS, Atom or JSON feed"},
		{"malformed xml", rss[:len(rss)/2], Options{}, "malformed feed"},
		{"bad utf-8", append(append([]byte{}, rss[:300]...), append([]byte{0xff, 0xfe, 0xc0}, rss[300:]...)...), Options{}, "malformed feed"},
		{"binary", bytes.Repeat([]byte{0, 1, 2, 0xff}, 100), Options{}, "not an RSS, Atom or JSON feed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			docs, bad := readFeedBytes(t, tc.data, tc.opt)
			if len(docs) != 0 || len(bad) != 1 {
				t.Fatalf("%d docs, %d bad; want one bad record for the feed", len(docs), len(bad))
			}
			if msg := bad[0].Err.Error(); !strings.Contains(msg, tc.want) || !strings.Contains(msg, "feed.xml") {
				t.Errorf("error %q; want it to name feed.xml and say %q", msg, tc.want)
			}
		})
	}
}

func TestFeedFile(t *testing.T) {
	n := 0
	err := File(context.Background(), filepath.Join("testdata", "feeds", "news.rss"), Options{}, func(r Record) error {
		if r.Err == nil {
			n++
		}
		return nil
	})
	if err != nil || n != 2 {
		t.Errorf("File(news.rss): %d items, err %v; want 2", n, err)
	}
}

func TestFetchFeed(t *testing.T) {
	rss := readFeedFile(t, "news.rss")
	const etag = `"v1"`
	lastMod := time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC).Format(http.TimeFormat)
	var hits, notModified atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.Header.Get("User-Agent") != FeedUserAgent {
			t.Errorf("User-Agent %q", r.Header.Get("User-Agent"))
		}
		if r.Header.Get("If-None-Match") == etag || r.Header.Get("If-Modified-Since") == lastMod {
			notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(rss)
	})
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "oops", http.StatusInternalServerError)
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Write(bytes.Repeat([]byte("<rss>"), 1<<12))
	})
	mux.HandleFunc("/html", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<html><body>hello</body></html>"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	ctx := context.Background()
	client := NewFeedClient()

	items, st, err := FetchFeed(ctx, client, srv.URL+"/feed", FeedState{}, Options{})
	if err != nil || len(items) != 3 {
		t.Fatalf("first fetch: %d items, %v; want 3 (one bad)", len(items), err)
	}
	if st.ETag != etag || st.LastModified != lastMod {
		t.Errorf("state %+v", st)
	}
	_, st2, err := FetchFeed(ctx, client, srv.URL+"/feed", st, Options{})
	if !errors.Is(err, ErrNotModified) || st2 != st {
		t.Errorf("conditional fetch: %v, state %+v; want ErrNotModified and the same state", err, st2)
	}
	if _, _, err := FetchFeed(ctx, client, srv.URL+"/feed", FeedState{LastModified: lastMod}, Options{}); !errors.Is(err, ErrNotModified) {
		t.Errorf("If-Modified-Since alone: %v; want ErrNotModified", err)
	}
	if hits.Load() != 3 || notModified.Load() != 2 {
		t.Errorf("server saw %d requests, %d answered 304; want 3 and 2", hits.Load(), notModified.Load())
	}
	for path, want := range map[string]string{
		"/broken": "HTTP status 500", "/huge": "larger than 1000 bytes", "/html": "not an RSS",
		"/missing": "HTTP status 404",
	} {
		_, _, err := FetchFeed(ctx, client, srv.URL+path, FeedState{}, Options{MaxBytes: 1000})
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), srv.URL+path) {
			t.Errorf("FetchFeed(%s): %v; want an error naming the URL and saying %q", path, err, want)
		}
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, _, err := FetchFeed(cctx, client, srv.URL+"/feed", FeedState{}, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled fetch: %v", err)
	}
}

func FuzzParseFeed(f *testing.F) {
	for _, name := range []string{"news.rss", "news.atom"} {
		b, err := os.ReadFile(filepath.Join("testdata", "feeds", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "content_html": "<p>x</p>"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, err := ParseFeed(data, "fuzz.rss", 1<<16)
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.rss") {
				t.Errorf("error %q does not name the feed", err)
			}
			return
		}
		for _, r := range recs {
			if r.Err == nil && len(r.Doc.Body) == 0 {
				t.Errorf("item %s without a body", r.Where)
			}
		}
	})
}

func BenchmarkParseFeed(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>`)
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&sb, "<item><title>عنوان %d</title><link>https://news.test/%d</link><pubDate>Tue, 05 Mar 2024 09:30:00 +0000</pubDate>"+
			"<description>%s</description></item>", i, i, strings.Repeat("&lt;p&gt;ارتفعت أسعار النفط في الأسواق العالمية اليوم.&lt;/p&gt;", 10))
	}
	sb.WriteString("</channel></rss>")
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		recs, err := ParseFeed(data, "b.rss", 0)
		if err != nil || len(recs) != 50 {
			b.Fatalf("%d items, %v", len(recs), err)
		}
	}
}
