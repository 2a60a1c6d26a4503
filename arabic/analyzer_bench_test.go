package arabic

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"strings"
	"sync"
	"testing"

	_ "github.com/blevesearch/bleve/v2/analysis/lang/ar" // registers the "ar" analyzer
	"github.com/blevesearch/bleve/v2/registry"
)

// benchSize is how much article text the benchmarks read.
const benchSize = 2 << 20

var (
	benchOnce sync.Once
	benchText string
	benchErr  error
)

// benchNewsText returns about the first 2 MB of article contents of the
// SaudiNewsNet corpus, joined by blank lines, skipping the benchmark when
// the corpus is absent.
func benchNewsText(b *testing.B) string {
	b.Helper()
	path := sharedDataDir(b, "saudinewsnet/saudinewsnet.jsonl.gz")
	benchOnce.Do(func() { benchText, benchErr = readNewsSample(path, benchSize) })
	if benchErr != nil {
		b.Fatalf("%s: %v", path, benchErr)
	}
	return benchText
}

func readNewsSample(path string, size int) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return "", err
	}
	var sb strings.Builder
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() && sb.Len() < size {
		var doc struct {
			Content string `json:"content"`
		}
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			return "", err
		}
		sb.WriteString(doc.Content)
		sb.WriteString("\n\n")
	}
	return sb.String(), sc.Err()
}

func BenchmarkTokenize(b *testing.B) {
	text := benchNewsText(b)
	var toks []Token
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		toks = AppendTokens(toks[:0], text)
	}
	cpu.report(b, len(text))
}

func BenchmarkNormalize(b *testing.B) {
	text := benchNewsText(b)
	var buf []byte
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		buf = AppendNormalized(buf[:0], text, Search)
	}
	cpu.report(b, len(text))
}

// BenchmarkTokenizeNormalize tokenizes and Search-normalizes every word,
// the first two steps of the analyzer, as the analyzer does them.
func BenchmarkTokenizeNormalize(b *testing.B) {
	text := benchNewsText(b)
	var buf []byte
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		buf = buf[:0]
		sc := scanner{s: text}
		for tok, ok := sc.next(); ok; tok, ok = sc.next() {
			if tok.Kind == Word {
				buf = appendSearchWord(buf, tok.Text, sc.plain)
			}
		}
	}
	cpu.report(b, len(text))
}

// BenchmarkTokenizeNormalizeEach is BenchmarkTokenizeNormalize calling
// AppendNormalized on every token, without the analyzer's fast path.
func BenchmarkTokenizeNormalizeEach(b *testing.B) {
	text := benchNewsText(b)
	var toks []Token
	var buf []byte
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		toks = AppendTokens(toks[:0], text)
		buf = buf[:0]
		for _, t := range toks {
			buf = AppendNormalized(buf, t.Text, Search)
		}
	}
	cpu.report(b, len(text))
}

func BenchmarkSentences(b *testing.B) {
	text := benchNewsText(b)
	var out [][2]int
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		out = AppendSentences(out[:0], text)
	}
	cpu.report(b, len(text))
}

func BenchmarkAnalyzer(b *testing.B) {
	text := benchNewsText(b)
	for _, bc := range []struct {
		name string
		opt  AnalyzerOptions
		cold bool // a new Analyzer, so a cold word cache, for each pass
	}{
		{"default", DefaultAnalyzerOptions(), false},
		{"default-cold", DefaultAnalyzerOptions(), true},
		{"lucene", AnalyzerOptions{Stem: LuceneStem}, false},
		{"lucene-cold", AnalyzerOptions{Stem: LuceneStem}, true},
		{"nostem", AnalyzerOptions{NoStem: true}, false},
	} {
		b.Run(bc.name, func(b *testing.B) {
			a := NewAnalyzer(bc.opt)
			var terms []Term
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			cpu := startCPU()
			for b.Loop() {
				if bc.cold {
					a = NewAnalyzer(bc.opt) // an empty word cache every time
				}
				terms = a.Terms(text, terms[:0])
			}
			cpu.report(b, len(text))
		})
	}
}

// BenchmarkBleveArabic runs Bleve's "ar" analyzer (unicode tokenizer,
// lower case, NFKC, Arabic stop words, normalizer and light stemmer) on
// the same text.
func BenchmarkBleveArabic(b *testing.B) {
	text := benchNewsText(b)
	an, err := registry.NewCache().AnalyzerNamed("ar")
	if err != nil {
		b.Fatal(err)
	}
	input := []byte(text)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		an.Analyze(input)
	}
	cpu.report(b, len(text))
}
