package arabic

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/registry"
	"github.com/khabar/khabar/internal/cputime"
)

// The stream benchmarks analyze text that no cache has seen: after a
// warm-up on the first streamWarmup bytes of SaudiNewsNet articles, each
// of the next streamSize bytes of articles is analyzed once, one
// article a call, as an indexer meets them.
const (
	streamWarmup = 1 << 20
	streamSize   = 20 << 20
)

var (
	streamOnce         sync.Once
	streamWarm, stream []string
	streamErr          error
)

// benchStream returns the warm-up articles and the streamed articles,
// skipping the benchmark when the corpus is absent.
func benchStream(b *testing.B) (warm, docs []string, bytes int) {
	b.Helper()
	path := sharedDataDir(b, "saudinewsnet/saudinewsnet.jsonl.gz")
	streamOnce.Do(func() { streamWarm, stream, streamErr = readNewsDocs(path, streamWarmup, streamSize) })
	if streamErr != nil {
		b.Fatalf("%s: %v", path, streamErr)
	}
	for _, d := range stream {
		bytes += len(d)
	}
	return streamWarm, stream, bytes
}

// readNewsDocs reads article contents in corpus order: about warm bytes
// of them into warmDocs, then about size bytes into docs.
func readNewsDocs(path string, warm, size int) (warmDocs, docs []string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, nil, err
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	n := 0
	for sc.Scan() && n < warm+size {
		var doc struct {
			Content string `json:"content"`
		}
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			return nil, nil, err
		}
		if n < warm {
			warmDocs = append(warmDocs, doc.Content)
		} else {
			docs = append(docs, doc.Content)
		}
		n += len(doc.Content)
	}
	return warmDocs, docs, sc.Err()
}

// streamMeter adds up the CPU time of the measured parts of a benchmark
// and reports it as cpu-MB/s.
type streamMeter struct {
	used  time.Duration
	bytes int
}

func (m *streamMeter) measure(bytes int, f func()) {
	start := cputime.Process()
	f()
	m.used += cputime.Process() - start
	m.bytes += bytes
}

func (m *streamMeter) report(b *testing.B) {
	if m.used > 0 {
		b.ReportMetric(float64(m.bytes)/m.used.Seconds()/1e6, "cpu-MB/s")
	}
}

// BenchmarkAnalyzerStream analyzes each streamed article once with
// khabar's default analyzer. "unseen": every cache is emptied, then the
// warm-up articles fill them, then the stream is measured. "cleared":
// every cache is emptied before each article (the emptying is not
// measured). One op is the whole stream; run it with -benchtime 1x.
func BenchmarkAnalyzerStream(b *testing.B) {
	warm, docs, size := benchStream(b)
	for _, bc := range []struct {
		name    string
		cleared bool
	}{{"unseen", false}, {"cleared", true}} {
		b.Run(bc.name, func(b *testing.B) {
			var m streamMeter
			var terms []Term
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for range b.N {
				b.StopTimer()
				a := NewAnalyzer(DefaultAnalyzerOptions())
				resetCaches(a)
				if !bc.cleared {
					for _, d := range warm {
						terms = a.Terms(d, terms[:0])
					}
				}
				b.StartTimer()
				for _, d := range docs {
					if bc.cleared {
						b.StopTimer()
						resetCaches(a)
						b.StartTimer()
					}
					m.measure(len(d), func() { terms = a.Terms(d, terms[:0]) })
				}
			}
			m.report(b)
		})
	}
}

// BenchmarkBleveArabicStream runs Bleve's "ar" analyzer over the same
// stream, one article a call. Bleve keeps no cache between calls.
func BenchmarkBleveArabicStream(b *testing.B) {
	_, docs, size := benchStream(b)
	an, err := registry.NewCache().AnalyzerNamed("ar")
	if err != nil {
		b.Fatal(err)
	}
	input := make([][]byte, len(docs))
	for i, d := range docs {
		input[i] = []byte(d)
	}
	var m streamMeter
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for range b.N {
		for _, d := range input {
			m.measure(len(d), func() { an.Analyze(d) })
		}
	}
	m.report(b)
}
