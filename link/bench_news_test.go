package link

import (
	"encoding/json"
	"testing"

	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/internal/shareddata"
	"github.com/khabar/khabar/ner"
)

// BenchmarkResolveNews links the entities of 200 SaudiNewsNet articles
// (title, blank line, content, as ingest builds them), tagged once
// beforehand; it skips when ../shared/data is absent.
func BenchmarkResolveNews(b *testing.B) {
	tagger, err := ner.Default()
	if err != nil {
		b.Fatal(err)
	}
	type doc struct {
		text  string
		toks  []arabic.Token
		spans []ner.Span
	}
	var docs []doc
	size := 0
	sc := shareddata.SaudiNewsNet(b)
	for len(docs) < 200 && sc.Scan() {
		var r struct{ Title, Content string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			b.Fatal(err)
		}
		text := r.Title + "\n\n" + r.Content
		toks := arabic.Tokenize(text)
		docs = append(docs, doc{text, toks, tagger.Tag(text, toks)})
		size += len(text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			Resolve(d.text, d.toks, d.spans, nil)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs)), "ns/article")
}
