package scalebench

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/ingest"
	"github.com/khabar/khabar/pipeline"
	"github.com/khabar/khabar/store"
)

// ReadRecords reads up to n documents with text from an input that
// package ingest reads (a JSONL(.gz) file of records, a directory …),
// in order; n <= 0 reads them all.
func ReadRecords(ctx context.Context, path string, n int) ([]khabar.RawDocument, error) {
	var out []khabar.RawDocument
	stop := errors.New("enough")
	err := ingest.Walk(ctx, []string{path}, ingest.Options{}, func(r ingest.Record) error {
		if r.Err != nil || len(r.Doc.Body) == 0 {
			return nil // an unreadable record is passed over
		}
		if r.Doc.ContentType == "application/json" && !hasContent(r.Doc.Body) {
			return nil
		}
		out = append(out, r.Doc)
		if n > 0 && len(out) >= n {
			return stop
		}
		return nil
	})
	if err != nil && !errors.Is(err, stop) {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	return out, nil
}

// hasContent reports whether a JSON record has a non-blank "content"
// (or "text") field; the real corpus has a few hundred without.
func hasContent(body []byte) bool {
	var r struct{ Content, Text string }
	if json.Unmarshal(body, &r) != nil {
		return true // let the analyzer judge
	}
	return strings.TrimSpace(r.Content+r.Text) != ""
}

// cached is one line of the analysis cache.
type cached struct {
	Seq      int              `json:"seq"`
	URL      string           `json:"url,omitempty"`
	Source   string           `json:"source,omitempty"`
	Author   string           `json:"author,omitempty"`
	Title    string           `json:"title,omitempty"`
	Analysis *khabar.Analysis `json:"analysis"`
}

// Analyze returns the analyses of recs as store documents, in the order
// of recs, less those that failed. Analyses already in the cache file
// (gzip JSONL, by position in recs) are read from it instead of being
// made again, and new ones are added to it; an empty cache names no
// file. The cache is only valid for the same input and analyzers:
// delete it after changing either.
func Analyze(ctx context.Context, p *pipeline.Pipeline, recs []khabar.RawDocument, cache string, progress io.Writer) ([]store.Document, error) {
	have := map[int]store.Document{}
	if cache != "" {
		if err := readCache(cache, len(recs), have); err != nil {
			return nil, err
		}
	}
	var todo []int
	for i := range recs {
		if _, ok := have[i]; !ok {
			todo = append(todo, i)
		}
	}
	if len(todo) > 0 {
		if progress != nil {
			fmt.Fprintf(progress, "analyzing %d real articles (%d cached)\n", len(todo), len(have))
		}
		fresh, err := analyzeAll(ctx, p, recs, todo)
		if err != nil {
			return nil, err
		}
		for i, d := range fresh {
			have[i] = d
		}
		if cache != "" {
			if err := writeCache(cache, have); err != nil {
				return nil, err
			}
		}
	}
	out := make([]store.Document, 0, len(have))
	for i := range recs {
		if d, ok := have[i]; ok && d.Analysis != nil {
			out = append(out, d)
		}
	}
	return out, nil
}

// analyzeAll analyzes recs[todo] on all cores. A failed analysis is
// recorded as a document without one.
func analyzeAll(ctx context.Context, p *pipeline.Pipeline, recs []khabar.RawDocument, todo []int) (map[int]store.Document, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	in := make(chan khabar.RawDocument)
	go func() {
		defer close(in)
		for _, i := range todo {
			select {
			case in <- recs[i]:
			case <-ctx.Done():
				return
			}
		}
	}()
	out := map[int]store.Document{}
	for r := range p.Stream(ctx, in, 0) {
		i := todo[r.Seq]
		if r.Err != nil {
			out[i] = store.Document{}
			continue
		}
		out[i] = StoreDoc(r.Doc, r.Analysis)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// StoreDoc is the document that khabar ingest stores for an analysis.
func StoreDoc(doc khabar.RawDocument, a *khabar.Analysis) store.Document {
	if a.Published == "" && !doc.Date.IsZero() {
		a.Published = doc.Date.Format("2006-01-02")
	}
	return store.Document{URL: doc.URL, Source: doc.Source, Author: doc.Author, Title: doc.Title,
		ContentType: doc.ContentType, Analysis: a}
}

func readCache(path string, n int, into map[int]store.Document) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("analysis cache: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("analysis cache %s: %w", path, err)
	}
	dec := json.NewDecoder(bufio.NewReaderSize(zr, 1<<20))
	for {
		var c cached
		if err := dec.Decode(&c); errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return fmt.Errorf("analysis cache %s: %w (delete it to analyze again)", path, err)
		}
		if c.Seq >= 0 && c.Seq < n {
			into[c.Seq] = store.Document{URL: c.URL, Source: c.Source, Author: c.Author, Title: c.Title, Analysis: c.Analysis}
		}
	}
}

func writeCache(path string, docs map[int]store.Document) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("analysis cache: %w", err)
	}
	defer os.Remove(tmp)
	zw := gzip.NewWriter(f)
	bw := bufio.NewWriterSize(zw, 1<<20)
	enc := json.NewEncoder(bw)
	keys := slices.Sorted(maps.Keys(docs))
	for _, i := range keys {
		d := docs[i]
		if err := enc.Encode(cached{Seq: i, URL: d.URL, Source: d.Source, Author: d.Author, Title: d.Title, Analysis: d.Analysis}); err != nil {
			f.Close()
			return fmt.Errorf("analysis cache: %w", err)
		}
	}
	if err := errors.Join(bw.Flush(), zw.Close(), f.Close()); err != nil {
		return fmt.Errorf("analysis cache: %w", err)
	}
	return os.Rename(tmp, path)
}

// ReadParagraphs reads up to n paragraphs of minRunes to maxRunes code
// points from a text file, gzip-compressed when its name ends in .gz,
// one paragraph a line.
func ReadParagraphs(path string, n, minRunes, maxRunes int) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("paragraphs: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("paragraphs %s: %w", path, err)
		}
		r = zr
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	var out []string
	for len(out) < n && sc.Scan() {
		s := strings.TrimSpace(sc.Text())
		if k := len([]rune(s)); k >= minRunes && k <= maxRunes {
			out = append(out, s)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("paragraphs %s: %w", path, err)
	}
	return out, nil
}
