package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/event"
	"github.com/khabar/khabar/internal/matchtext"
	"github.com/khabar/khabar/internal/scaletest"
	"github.com/khabar/khabar/link"
	"github.com/khabar/khabar/quote"
	"github.com/khabar/khabar/temporal"
)

// sizeInputs are the texts of BenchmarkAnalyzeSize and BenchmarkStagesSize:
// varied news-like text, and one reported-speech sentence repeated, the
// input that made quote finding quadratic.
var sizeInputs = []struct {
	name string
	gen  func(n int) string
}{
	{"varied", func(n int) string { return scaletest.Varied(n, 1) }},
	{"repeated-qal", func(n int) string {
		const s = "قال وزير الخارجية إن المحادثات مع الجانب الآخر كانت مثمرة وبناءة. "
		return strings.Repeat(s, n/len(s))
	}},
}

// benchSizes are the document sizes in MB (10⁶ bytes), up to the 16 MB
// that Analyze accepts by default.
var benchSizes = []float64{0.1, 0.5, 1, 2, 4, 8, 16}

// BenchmarkAnalyzeSize runs the whole pipeline on one document of each
// size: with work linear in the input, MB/s and ms/MB stay the same from
// 0.1 to 16 MB. Run it with -benchtime=1x: a 16 MB document takes seconds.
func BenchmarkAnalyzeSize(b *testing.B) {
	p := warmPipeline(b)
	for _, in := range sizeInputs {
		for _, mb := range benchSizes {
			body := []byte(in.gen(int(mb * 1e6)))
			b.Run(fmt.Sprintf("%s/%gMB", in.name, mb), func(b *testing.B) {
				b.SetBytes(int64(len(body)))
				for b.Loop() {
					if _, err := p.Analyze(context.Background(), khabar.RawDocument{Name: in.name, Body: body}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(b.Elapsed().Seconds()*1e3/float64(b.N)/(float64(len(body))/1e6), "ms/MB")
			})
		}
	}
}

// warmPipeline returns a Pipeline that has analyzed one document, so that
// the models' first-use costs fall outside the timed runs.
func warmPipeline(b *testing.B) *Pipeline {
	p, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := p.Analyze(context.Background(), khabar.RawDocument{Name: "warm-up", Body: []byte(scaletest.Varied(50000, 2))}); err != nil {
		b.Fatal(err)
	}
	return p
}

// stageNames are the stages timedAnalyze times, in pipeline order.
var stageNames = []string{"article", "sentences", "tokens", "ner", "link", "dates", "quotes", "events"}

// BenchmarkStagesSize times each stage of the pipeline on the documents
// of BenchmarkAnalyzeSize and reports each one's milliseconds per MB, so
// that a stage whose work grows faster than its input shows at 16 MB.
func BenchmarkStagesSize(b *testing.B) {
	p := warmPipeline(b)
	for _, in := range sizeInputs {
		for _, mb := range benchSizes {
			body := []byte(in.gen(int(mb * 1e6)))
			b.Run(fmt.Sprintf("%s/%gMB", in.name, mb), func(b *testing.B) {
				b.SetBytes(int64(len(body)))
				total := map[string]time.Duration{}
				for b.Loop() {
					_, times, err := p.timedAnalyze(khabar.RawDocument{Name: in.name, Body: body})
					if err != nil {
						b.Fatal(err)
					}
					for k, d := range times {
						total[k] += d
					}
				}
				for _, s := range stageNames {
					b.ReportMetric(total[s].Seconds()*1e3/float64(b.N)/(float64(len(body))/1e6), s+"-ms/MB")
				}
			})
		}
	}
}

// timedAnalyze does what Analyze does, one stage at a time, and returns
// how long each stage took. TestTimedAnalyze keeps it in step with
// Analyze.
func (p *Pipeline) timedAnalyze(doc khabar.RawDocument) (*khabar.Analysis, map[string]time.Duration, error) {
	times := map[string]time.Duration{}
	start := time.Now()
	lap := func(stage string) {
		now := time.Now()
		times[stage] += now.Sub(start)
		start = now
	}
	a, err := p.st.structure(doc, p.opt)
	if err != nil {
		return nil, nil, err
	}
	lap("article")
	a.Sentences = arabic.Sentences(a.Text)
	lap("sentences")
	toks := arabic.Tokenize(a.Text)
	lap("tokens")
	spans := p.st.tagger.Tag(a.Text, toks)
	lap("ner")
	res := link.Resolve(a.Text, toks, spans, p.st.kb)
	a.Entities = res.Entities
	for _, pl := range res.Places {
		a.Places = append(a.Places, khabar.PlaceRef{Text: pl.Text, Start: pl.Start, End: pl.End, Country: pl.Country, Kind: pl.Kind, Entity: pl.Entity})
	}
	if a.Dateline != nil {
		p.st.datelineSource(a)
		a.Dateline.PlaceEntity = datelinePlace(a)
	}
	lap("link")
	var tf temporal.Finder
	for _, e := range tf.Find(a.Text, temporal.Options{Ref: refDate(a, p.opt)}) {
		a.Dates = append(a.Dates, khabar.Date{Text: e.Text, Start: e.Start, End: e.End, Value: e.Value,
			Grain: string(e.Grain), Calendar: e.Calendar, Interval: e.Interval, Note: e.Note})
	}
	lap("dates")
	mt := matchtext.Prepare(a.Text)
	a.Quotes = quote.FindPrepared(a, mt)
	lap("quotes")
	a.Events = event.FindPrepared(a, mt)
	lap("events")
	return a, times, nil
}

// TestTimedAnalyze checks that the stage-by-stage run of the benchmark
// gives what Analyze gives, on the example article and on varied text.
func TestTimedAnalyze(t *testing.T) {
	p, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	example, err := os.ReadFile(filepath.Join("..", "examples", "qatar-nato-ici-2023-09-13.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string][]byte{"example": example, "varied": []byte(scaletest.Varied(20000, 3))} {
		doc := khabar.RawDocument{Name: name, Body: body}
		want, err := p.Analyze(context.Background(), doc)
		if err != nil {
			t.Fatal(err)
		}
		got, times, err := p.timedAnalyze(doc)
		if err != nil {
			t.Fatal(err)
		}
		wj, _ := json.Marshal(want)
		gj, _ := json.Marshal(got)
		if string(wj) != string(gj) {
			t.Errorf("%s: the timed run differs from Analyze:\n got %.400s\nwant %.400s", name, gj, wj)
		}
		if len(times) != len(stageNames) {
			t.Errorf("%s: times of %d stages, want %d: %v", name, len(times), len(stageNames), times)
		}
	}
}
