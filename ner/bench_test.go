package ner

import (
	"encoding/json"
	"testing"

	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/internal/cputime"
	"github.com/khabar/khabar/internal/shareddata"
)

// BenchmarkTagNews tags the first 300 saudinewsnet articles as the
// pipeline does (one Tag call per article): a vocabulary far larger than
// ANERcorp's test split, so that per-word caches are exercised honestly.
func BenchmarkTagNews(b *testing.B) {
	sc := shareddata.SaudiNewsNet(b)
	type doc struct {
		text string
		toks []arabic.Token
	}
	var docs []doc
	tokens, size := 0, 0
	for len(docs) < 300 && sc.Scan() {
		var rec struct{ Title, Content string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			b.Fatal(err)
		}
		text := rec.Title + "\n\n" + rec.Content
		d := doc{text, arabic.Tokenize(text)}
		docs = append(docs, d)
		tokens += len(d.toks)
		size += len(text)
	}
	tg, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cputime.Process().Seconds()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			tg.Tag(d.text, d.toks)
		}
	}
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	if c := cputime.Process().Seconds() - cpu; c > 0 {
		b.ReportMetric(float64(tokens)*float64(b.N)/c, "tokens/cpu-s")
	}
}

// BenchmarkTagNewsStream tags a stream of distinct saudinewsnet articles
// (one Tag call per article, after a warm-up of 200 others), as a server
// sees them: no article is tagged twice unless b.N exceeds the 6,000
// loaded, so word caches are not flattered by repetition.
func BenchmarkTagNewsStream(b *testing.B) {
	sc := shareddata.SaudiNewsNet(b)
	type doc struct {
		text string
		toks []arabic.Token
	}
	var docs []doc
	for len(docs) < 6200 && sc.Scan() {
		var rec struct{ Title, Content string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			b.Fatal(err)
		}
		if rec.Content == "" {
			continue
		}
		text := rec.Title + "\n\n" + rec.Content
		docs = append(docs, doc{text, arabic.Tokenize(text)})
	}
	tg, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	warm, stream := docs[:200], docs[200:]
	for _, d := range warm {
		tg.Tag(d.text, d.toks)
	}
	tokens, size := 0, 0
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cputime.Process().Seconds()
	for i := 0; i < b.N; i++ {
		d := stream[i%len(stream)]
		tg.Tag(d.text, d.toks)
		tokens += len(d.toks)
		size += len(d.text)
	}
	b.ReportMetric(float64(size)/1e6/b.Elapsed().Seconds(), "MB/s")
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
	if c := cputime.Process().Seconds() - cpu; c > 0 {
		b.ReportMetric(float64(tokens)/c, "tokens/cpu-s")
	}
}
