package sqlite_test

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/pipeline"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/sqlite"
	"github.com/khabar/khabar/store"
)

// saudiDocs reads up to n saudinewsnet articles as store documents with
// a minimal Analysis (text, title, date), so that the benchmarks measure
// the store alone. It skips when the shared data is absent.
func saudiDocs(tb testing.TB, n int) []store.Document {
	tb.Helper()
	path := filepath.Join("..", "..", "shared", "data", "saudinewsnet", "saudinewsnet.jsonl.gz")
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("saudinewsnet not available (%v); it lives in ../shared/data beside the module", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 16<<20)
	var docs []store.Document
	for sc.Scan() && len(docs) < n {
		var r struct{ Title, Content, URL, Source, Date_extracted string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil || strings.TrimSpace(r.Content) == "" {
			continue
		}
		text := r.Title + "\n\n" + r.Content
		nt := utf8.RuneCountInString(r.Title)
		published := ""
		if len(r.Date_extracted) >= 10 {
			published = r.Date_extracted[:10]
		}
		docs = append(docs, store.Document{URL: r.URL, Source: r.Source, Analysis: &khabar.Analysis{
			Schema: khabar.Schema, Text: text, Published: published, Title: &khabar.Span{Text: r.Title, End: nt},
			Paragraphs: [][2]int{{0, utf8.RuneCountInString(text)}}}})
	}
	return docs
}

func BenchmarkPut(b *testing.B) {
	docs := saudiDocs(b, 500)
	var bytes int64
	for _, d := range docs {
		bytes += int64(len(d.Analysis.Text))
	}
	b.SetBytes(bytes)
	benchPut(b, docs, 250)
}

// benchPut stores docs in batches into a new database per iteration and
// reports documents per second of wall time and of CPU time (user and
// system, all threads): on a shared machine the wall clock also counts
// the time other processes held the cores.
func benchPut(b *testing.B, docs []store.Document, batch int) {
	var cpu time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "b.db"), sqlite.Options{})
		if err != nil {
			b.Fatal(err)
		}
		c0 := cpuTime()
		b.StartTimer()
		for j := 0; j < len(docs); j += batch {
			if _, err := db.Put(context.Background(), docs[j:min(j+batch, len(docs))]); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		cpu += cpuTime() - c0
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "docs/s")
	if cpu > 0 {
		b.ReportMetric(float64(len(docs)*b.N)/cpu.Seconds(), "docs/cpu-s")
	}
}

func BenchmarkSearch(b *testing.B) {
	docs := saudiDocs(b, 2000)
	db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "b.db"), sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Put(context.Background(), docs); err != nil {
		b.Fatal(err)
	}
	queries := []string{`الاجتماعات`, `"وزير الخارجية"`, `السعودية -اليمن`, `النفط OR الطاقة`, `اقتصا*`, `الرياض from:2015-07`}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		qs := queries[i%len(queries)]
		q, err := search.Parse(qs)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.Search(context.Background(), search.Request{Query: q, Facets: 5}); err != nil {
			b.Fatal(fmt.Errorf("%s: %w", qs, err))
		}
	}
}

// BenchmarkPutAnalyzed stores real articles with their full analysis
// (entities, mentions, dates, quotes, events), the write path of
// khabar ingest; the analysis itself is done before the timer starts.
func BenchmarkPutAnalyzed(b *testing.B) {
	recs := saudiRecords(b, 300)
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var docs []store.Document
	var bytes int64
	for _, r := range recs {
		a, err := p.Analyze(context.Background(), pipeline.Document{Body: r, ContentType: "application/json"})
		if err != nil {
			continue
		}
		docs = append(docs, store.Document{URL: a.URL, Source: a.Source, Analysis: a})
		bytes += int64(len(a.Text))
	}
	b.SetBytes(bytes)
	benchPut(b, docs, 100)
}

// saudiRecords reads the first n saudinewsnet records as raw JSON lines.
func saudiRecords(tb testing.TB, n int) [][]byte {
	tb.Helper()
	f, err := os.Open(filepath.Join("..", "..", "shared", "data", "saudinewsnet", "saudinewsnet.jsonl.gz"))
	if err != nil {
		tb.Skipf("saudinewsnet not available (%v); it lives in ../shared/data beside the module", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 16<<20)
	var out [][]byte
	for len(out) < n && sc.Scan() {
		out = append(out, append([]byte(nil), sc.Bytes()...))
	}
	return out
}
