package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// outcome is one record, summarized for comparison.
type outcome struct {
	where string
	bad   bool
	url   string
}

func walkAll(t *testing.T, opt Options, paths ...string) []Record {
	t.Helper()
	var recs []Record
	err := Walk(context.Background(), paths, opt, func(r Record) error {
		recs = append(recs, r)
		return nil
	})
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	return recs
}

func TestWalk(t *testing.T) {
	dir := filepath.Join("testdata", "corpus")
	recs := walkAll(t, Options{}, dir)
	c := filepath.Join(dir, "c.jsonl")
	want := []outcome{
		{where: filepath.Join(dir, "a.txt")},
		{where: c + ":1", url: "http://example.test/1"},
		{where: c + ":3", bad: true}, // broken JSON
		{where: c + ":4", bad: true}, // no text
		{where: c + ":5", url: "http://example.test/3"},
		{where: c + ":6", bad: true}, // not an object
		{where: c + ":7", url: "http://example.test/4"},
		{where: c + ":8", bad: true},                    // not UTF-8
		{where: c + ":9", url: "http://example.test/5"}, // no final newline
		{where: filepath.Join(dir, "sub", "b.html")},
		{where: filepath.Join(dir, "sub", "d.jsonl.gz") + ":1", url: "http://example.test/gz/0"},
		{where: filepath.Join(dir, "sub", "d.jsonl.gz") + ":2", url: "http://example.test/gz/1"},
		{where: filepath.Join(dir, "sub", "d.jsonl.gz") + ":3", url: "http://example.test/gz/2"},
		{where: filepath.Join(dir, "sub", "latin1.txt"), bad: true},
	}
	if len(recs) != len(want) {
		for _, r := range recs {
			t.Logf("%s err=%v url=%s", r.Where, r.Err, r.Doc.URL)
		}
		t.Fatalf("%d records, want %d", len(recs), len(want))
	}
	for i, w := range want {
		r := recs[i]
		if r.Where != w.where || (r.Err != nil) != w.bad || (w.url != "" && r.Doc.URL != w.url) {
			t.Errorf("record %d = %s err=%v url=%q; want %s bad=%v url=%q", i, r.Where, r.Err, r.Doc.URL, w.where, w.bad, w.url)
		}
		if r.Err != nil && !strings.Contains(r.Err.Error(), filepath.Base(strings.Split(w.where, ":")[0])) {
			t.Errorf("error %q does not name the file", r.Err)
		}
		if r.Err == nil && r.Doc.Name != r.Where {
			t.Errorf("Doc.Name %q, want %q", r.Doc.Name, r.Where)
		}
	}
	first := recs[1].Doc
	if string(first.Body) != "عنوان\n\nنص المقال الأول." || first.Source != "aawsat" || first.Author != "لندن: فلان" ||
		!first.Date.Equal(time.Date(2015, 7, 21, 2, 51, 32, 0, time.UTC)) || first.ContentType != "text/plain" {
		t.Errorf("saudinewsnet-style record = %+v", first)
	}
	if recs[6].Doc.ContentType != "text/html" || recs[9].Doc.ContentType != "text/html" {
		t.Errorf("html records have content types %q, %q", recs[6].Doc.ContentType, recs[9].Doc.ContentType)
	}
	if !strings.HasPrefix(recs[0].Doc.URL, "file://") {
		t.Errorf("file record URL %q", recs[0].Doc.URL)
	}
}

func TestWalkErrors(t *testing.T) {
	recs := walkAll(t, Options{}, filepath.Join("testdata", "nope.txt"), filepath.Join("testdata", "corpus", "notes.md"),
		filepath.Join("testdata", "truncated.jsonl.gz"))
	var bad, good int
	for _, r := range recs {
		if r.Err != nil {
			bad++
		} else {
			good++
		}
	}
	// missing file, unsupported type, some good lines then a gzip error.
	if bad != 3 || good == 0 {
		t.Errorf("%d bad, %d good records; want 3 bad and some good", bad, good)
	}
	if !errors.Is(recs[1].Err, ErrUnsupported) {
		t.Errorf("unknown type error = %v", recs[1].Err)
	}
	last := recs[len(recs)-1]
	if last.Err == nil || !strings.Contains(last.Err.Error(), "truncated.jsonl.gz:") {
		t.Errorf("truncated gzip: last record %s %v", last.Where, last.Err)
	}
}

func TestMaxBytes(t *testing.T) {
	recs := walkAll(t, Options{MaxBytes: 40}, filepath.Join("testdata", "corpus", "c.jsonl"))
	var long int
	for _, r := range recs {
		if r.Err != nil && strings.Contains(r.Err.Error(), "longer than 40 bytes") {
			long++
		}
	}
	if long < 3 {
		t.Errorf("%d over-long lines reported, want at least 3", long)
	}
}

func TestWalkStops(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := Walk(context.Background(), []string{filepath.Join("testdata", "corpus")}, Options{}, func(Record) error {
		n++
		if n == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 2 {
		t.Errorf("Walk returned %v after %d records", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Walk(ctx, []string{filepath.Join("testdata", "corpus")}, Options{}, func(Record) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("Walk with a cancelled context = %v", err)
	}
}

// FuzzReadJSONL checks that no input makes ReadJSONL panic and that
// every good record has a body.
func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte("{\"content\":\"نص\",\"title\":\"t\"}\n{bad\n"))
	f.Add([]byte("\n\n{\"html\":\"<p>\"}"))
	f.Add([]byte("{\"text\":null}\n[]\n\"s\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		err := ReadJSONL(context.Background(), strings.NewReader(string(data)), "fuzz", Options{MaxBytes: 1 << 10}, func(r Record) error {
			if r.Err == nil && len(r.Doc.Body) == 0 {
				t.Fatalf("good record without body at %s", r.Where)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// TestInputSizeAndBytesRead checks that the bytes counted while walking
// the corpus add up to InputSize: every file Walk reads, compressed
// bytes for gzip, hidden and unknown files left out of both.
func TestInputSizeAndBytesRead(t *testing.T) {
	dir := filepath.Join("testdata", "corpus")
	var want int64
	for _, f := range []string{"a.txt", "c.jsonl", filepath.Join("sub", "b.html"), filepath.Join("sub", "d.jsonl.gz"), filepath.Join("sub", "latin1.txt")} {
		fi, err := os.Stat(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		want += fi.Size()
	}
	size, ok := InputSize([]string{dir})
	if !ok || size != want {
		t.Errorf("InputSize = %d, %v; want %d, true", size, ok, want)
	}
	var read atomic.Int64
	walkAll(t, Options{BytesRead: &read}, dir)
	if read.Load() != want {
		t.Errorf("BytesRead = %d after the walk, want %d", read.Load(), want)
	}
	one := filepath.Join(dir, "a.txt")
	if size, ok := InputSize([]string{one, one}); !ok || size <= 0 {
		t.Errorf("InputSize of a file twice = %d, %v", size, ok)
	}
	if _, ok := InputSize([]string{filepath.Join(dir, "missing.jsonl")}); ok {
		t.Error("InputSize of a missing file is known")
	}
}
