package pipeline

import (
	"context"
	"encoding/json"
	"github.com/khabar/khabar"
	"github.com/khabar/khabar/internal/shareddata"
	"testing"
	"time"
)

// newsRecords reads the first n records of saudinewsnet, or skips.
func newsRecords(b *testing.B, n int) [][]byte {
	b.Helper()
	sc := shareddata.SaudiNewsNet(b)
	var out [][]byte
	for len(out) < n && sc.Scan() {
		out = append(out, append([]byte(nil), sc.Bytes()...))
	}
	return out
}

// BenchmarkAnalyze runs the whole pipeline over real news records and
// reports articles per second; MB/s counts the records' bytes.
func BenchmarkAnalyze(b *testing.B) {
	recs := newsRecords(b, 300)
	p, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	var size int64
	for _, r := range recs {
		size += int64(len(r))
	}
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		for _, r := range recs {
			if _, err := p.Analyze(context.Background(), khabar.RawDocument{Body: r, ContentType: "application/json"}); err != nil && err.Error() == "" {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(recs))*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkStructureIngest measures the article-structure stage on
// documents as ingest hands them over from JSONL: plain text with the
// title, source, author and date in metadata.
func BenchmarkStructureIngest(b *testing.B) {
	recs := newsRecords(b, 300)
	var docs []khabar.RawDocument
	var size int64
	for _, r := range recs {
		var jr struct {
			Title, Content, URL, Source, Author string
			Date                                string `json:"date_extracted"`
		}
		if err := json.Unmarshal(r, &jr); err != nil {
			b.Fatal(err)
		}
		d, _ := time.Parse("2006-01-02 15:04:05", jr.Date)
		docs = append(docs, khabar.RawDocument{Body: []byte(jr.Title + "\n\n" + jr.Content), ContentType: "text/plain", URL: jr.URL,
			Title: jr.Title, Source: jr.Source, Author: jr.Author, Date: d})
		size += int64(len(r))
	}
	p, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			if _, err := p.st.structure(d, p.opt); err != nil && err.Error() == "" {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs)), "ns/article")
}
