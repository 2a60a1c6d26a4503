package event_test

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/event"
	"github.com/khabar/khabar/internal/matchtext"
	"github.com/khabar/khabar/internal/shareddata"
	"github.com/khabar/khabar/pipeline"
	"github.com/khabar/khabar/quote"
	"github.com/khabar/khabar/quote/quotetest"
)

// benchTexts returns the example article and up to 200 SaudiNewsNet
// articles (read at test time only; skipped when the data is absent).
func benchTexts(b *testing.B) []string {
	b.Helper()
	_, txt, err := quotetest.Load(filepath.Join("..", "examples", "qatar-nato-ici-2023-09-13.gold.json"))
	if err != nil {
		b.Fatal(err)
	}
	texts := []string{txt}
	dir, err := shareddata.Dir()
	var f *os.File
	if err == nil {
		f, err = os.Open(filepath.Join(dir, filepath.FromSlash(shareddata.SaudiNewsNetName)))
	}
	if err != nil {
		b.Logf("SaudiNewsNet not found, benchmarking the example only: %v", err)
		return texts
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 8<<20)
	for len(texts) < 201 && sc.Scan() {
		var r struct{ Title, Content string }
		if json.Unmarshal(sc.Bytes(), &r) == nil && r.Content != "" {
			texts = append(texts, r.Title+"\n\n"+r.Content)
		}
	}
	return texts
}

// benchAnalyses builds realistic Analyses: the example with its gold
// entities, the other articles with paragraphs and sentences only.
func benchAnalyses(b *testing.B, texts []string) []*khabar.Analysis {
	g, _, err := quotetest.Load(filepath.Join("..", "examples", "qatar-nato-ici-2023-09-13.gold.json"))
	if err != nil {
		b.Fatal(err)
	}
	as := []*khabar.Analysis{quotetest.Analysis(texts[0], g)}
	for _, t := range texts[1:] {
		a := &khabar.Analysis{Text: t}
		a.Paragraphs, a.Sentences = quotetest.Split([]rune(t))
		as = append(as, a)
	}
	return as
}

// textBytes is the size of texts, for b.SetBytes.
func textBytes(texts []string) int64 {
	n := 0
	for _, t := range texts {
		n += len(t)
	}
	return int64(n)
}

// BenchmarkFind measures the quote and event stages together, per article.
func BenchmarkFind(b *testing.B) {
	texts := benchTexts(b)
	as := benchAnalyses(b, texts)
	b.SetBytes(textBytes(texts))
	b.ResetTimer()
	for b.Loop() {
		for _, a := range as {
			a.Quotes = quote.Find(a)
			a.Events = event.Find(a)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(as)), "ns/article")
}

// BenchmarkAnalyzeBaseline measures the analysis pipeline on the same
// articles, the base the quote and event stages are compared with.
func BenchmarkAnalyzeBaseline(b *testing.B) {
	texts := benchTexts(b)
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(textBytes(texts))
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		for _, t := range texts {
			if _, err := p.Analyze(ctx, khabar.RawDocument{Name: "bench", Body: []byte(t)}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(texts)), "ns/article")
}

// BenchmarkFindPrepared measures the quote and event stages as the
// pipeline runs them, sharing one tokenization, per article.
func BenchmarkFindPrepared(b *testing.B) {
	texts := benchTexts(b)
	as := benchAnalyses(b, texts)
	b.SetBytes(textBytes(texts))
	b.ResetTimer()
	for b.Loop() {
		for _, a := range as {
			mt := matchtext.Prepare(a.Text)
			a.Quotes = quote.FindPrepared(a, mt)
			a.Events = event.FindPrepared(a, mt)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(as)), "ns/article")
}
