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
