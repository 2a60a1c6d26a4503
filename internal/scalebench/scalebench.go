// Package scalebench measures how the cost of a store grows with the
// number of articles it holds: it grows one store step by step, from
// real analyzed articles and then synthetic ones made of their
// sentences, and at each size measures the write rate, the size on
// disk, and what a searching process costs (open time, memory, query
// latencies). khabar bench scale runs it.
package scalebench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/internal/cputime"
	"github.com/khabar/khabar/pipeline"
	"github.com/khabar/khabar/sqlite"
	"github.com/khabar/khabar/store"
)

// ProbeFunc measures a search process on the store in dir (see Probe).
type ProbeFunc func(ctx context.Context, dir string, sets []QuerySet) (*ProbeResult, error)

// Config says what Run does.
type Config struct {
	Store store.Store // the store to grow, empty at the start
	// Dir is where the probe opens the store: the SQLite store's
	// directory or the PostgreSQL database's URL.
	Dir string
	// Disk returns the store's size on disk in megabytes; nil:
	// DiskMB(Dir), the SQLite store's files.
	Disk  func(ctx context.Context) (float64, error)
	Sizes []int // documents stored after each step, ascending
	// Real are analyzed real articles, stored first; the synthetic
	// articles of Gen follow.
	Real []store.Document
	Gen  *Generator
	// Sample are raw real articles analyzed and stored at every step
	// (with a URL of that step), to measure the full ingest rate; P
	// analyzes them. Both may be nil.
	Sample []khabar.RawDocument
	P      *pipeline.Pipeline
	Sets   []QuerySet
	Probe  ProbeFunc
	Batch  int // documents per Put; 0: 2048
	// Writers, when more than 1, is the number of concurrent writers
	// (goroutines sharing Store) that store the last WriterDocs
	// documents of every step, in Puts of WriterBatch documents, to
	// measure the concurrent write rate; the documents before them are
	// stored by one writer in Puts of Batch.
	Writers     int
	WriterDocs  int       // 0: 4096
	WriterBatch int       // 0: 64, khabar worker's default batch
	Log         io.Writer // progress lines; nil: none
	// Skip, when set, says that the store already holds the first Skip
	// documents of this configuration's sequence (an earlier run with
	// the same articles and generator stopped there): Run goes on from
	// the next one. Sizes must then all be above Skip.
	Skip int
	// OnStep, when set, is called with the report so far after every
	// step (to save it, so that a long run stopped half-way keeps what
	// it measured).
	OnStep func(*Report) error
}

// Step is what was measured at one size.
type Step struct {
	Size      int `json:"size"`      // documents in the store
	Real      int `json:"real"`      // of which real articles
	Synthetic int `json:"synthetic"` // synthetic articles
	Copies    int `json:"copies"`    // synthetic near-duplicate copies among them
	// IngestRate is pre-analyzed documents stored per second over the
	// last Window documents before this size; IngestCPURate per second
	// of the process's CPU time.
	IngestRate    float64 `json:"ingest_docs_per_s"`
	IngestCPURate float64 `json:"ingest_docs_per_cpu_s"`
	Window        int     `json:"window"`
	// WritersRate is the pre-analyzed documents stored per second by
	// Writers concurrent writers over the last WritersN documents of the
	// step, in Puts of WritersBatch; WritersCPURate per second of this
	// process's CPU time (a PostgreSQL server's is not counted).
	WritersRate    float64 `json:"writers_docs_per_s,omitempty"`
	WritersCPURate float64 `json:"writers_docs_per_cpu_s,omitempty"`
	Writers        int     `json:"writers,omitempty"`
	WritersN       int     `json:"writers_n,omitempty"`
	WritersBatch   int     `json:"writers_batch,omitempty"`
	// AnalyzedRate is sample articles analyzed (on all cores) and stored
	// per second at this size.
	AnalyzedRate float64 `json:"analyzed_docs_per_s,omitempty"`
	AnalyzedN    int     `json:"analyzed_n,omitempty"`
	DiskMB       float64 `json:"disk_mb"`
	// WriterRSSMB is the writing process's resident memory after the
	// step (it also holds the generator's corpus).
	WriterRSSMB float64 `json:"writer_rss_mb"`
	// StoryUS is the time clustering the documents into stories took
	// per document, over the documents of the ingest window (StoryN of
	// them), when the store counts it (StoryCoster): the sum of
	// StoryPrepareUS, preparing them on all cores (summed over the
	// goroutines), StoryClusterUS, the writer's time in the clusterer,
	// and StoryRecordUS, the writer's time writing their stories.
	// Stories is the number of stories the writer's clusterer holds in
	// memory after the step, and OpenStories those still open.
	StoryUS        float64      `json:"story_us_per_doc,omitempty"`
	StoryPrepareUS float64      `json:"story_prepare_us_per_doc,omitempty"`
	StoryClusterUS float64      `json:"story_cluster_us_per_doc,omitempty"`
	StoryRecordUS  float64      `json:"story_record_us_per_doc,omitempty"`
	StoryN         int          `json:"story_n,omitempty"`
	Stories        int          `json:"stories,omitempty"`
	OpenStories    int          `json:"open_stories,omitempty"`
	Probe          *ProbeResult `json:"probe"`
	StepSeconds    float64      `json:"step_s"`
}

// Report is the outcome of Run.
type Report struct {
	Backend string    `json:"backend"`
	Started time.Time `json:"started"`
	CPUs    int       `json:"cpus"`
	Go      string    `json:"go"`
	Steps   []Step    `json:"steps"`
	Notes   []string  `json:"notes,omitempty"`
}

// window is the number of documents the ingest rate at a size is
// measured over.
const window = 10000

// Run grows the store to each size in turn and measures it. It returns
// the steps done so far with the error that stopped it.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	if cfg.Batch <= 0 {
		cfg.Batch = 2048
	}
	if cfg.WriterDocs <= 0 {
		cfg.WriterDocs = 4096
	}
	if cfg.WriterBatch <= 0 {
		cfg.WriterBatch = 64
	}
	if cfg.Disk == nil {
		dir := cfg.Dir
		cfg.Disk = func(context.Context) (float64, error) { return DiskMB(dir) }
	}
	rep := &Report{Started: time.Now().UTC().Truncate(time.Second), CPUs: runtime.NumCPU(), Go: runtime.Version()}
	f := &feeder{real: cfg.Real, gen: cfg.Gen}
	if cfg.Skip > 0 {
		if len(cfg.Sizes) > 0 && cfg.Sizes[0] <= cfg.Skip {
			return rep, fmt.Errorf("size %d is not above the %d documents already stored", cfg.Sizes[0], cfg.Skip)
		}
		if err := f.skip(cfg.Skip); err != nil {
			return rep, err
		}
	}
	var hist []batchTime // the batches of the current window
	coster, _ := cfg.Store.(StoryCoster)
	var stories sqlite.StoryStats // the stats after the last batch
	for _, size := range cfg.Sizes {
		stepStart := time.Now()
		if coster != nil {
			stories = coster.StoryStats() // not counting the last step's other writes
		}
		// The last WriterDocs documents of the step, or all of them
		// when the step is shorter, are for the concurrent writers.
		conc := 0
		if cfg.Writers > 1 {
			conc = min(cfg.WriterDocs, size-f.n)
		}
		for f.n < size-conc {
			docs, err := f.take(min(cfg.Batch, size-conc-f.n))
			if err != nil {
				return rep, err
			}
			c0, t0 := cputime.Process(), time.Now()
			if _, err := cfg.Store.Put(ctx, docs); err != nil {
				return rep, fmt.Errorf("storing documents %d–%d: %w", f.n-len(docs)+1, f.n, err)
			}
			bt := batchTime{docs: len(docs), wall: time.Since(t0), cpu: cputime.Process() - c0}
			if coster != nil {
				now := coster.StoryStats()
				bt.story, stories = since(now, stories), now
			}
			hist = append(hist, bt)
			if cfg.Log != nil && f.n%(cfg.Batch*25) < cfg.Batch {
				fmt.Fprintf(cfg.Log, "  %d documents stored\n", f.n)
			}
		}
		st := Step{}
		st.IngestRate, st.IngestCPURate, st.Window = rates(hist)
		var sc storyCost
		for _, bt := range hist[windowStart(hist):] {
			sc.add(bt.story)
		}
		hist = nil
		if conc > 0 {
			first := f.n + 1
			bt, err := putConcurrently(ctx, cfg.Store, f, conc, cfg.WriterBatch, cfg.Writers)
			if err != nil {
				return rep, fmt.Errorf("storing documents %d–%d with %d writers: %w", first, first+conc-1, cfg.Writers, err)
			}
			st.Writers, st.WritersN, st.WritersBatch = cfg.Writers, bt.docs, cfg.WriterBatch
			st.WritersRate, st.WritersCPURate, _ = rates([]batchTime{bt})
		}
		st.Size, st.Real, st.Synthetic, st.Copies = f.n, min(f.n, len(cfg.Real)), f.synth, f.copies
		if len(cfg.Sample) > 0 && cfg.P != nil {
			k, d, err := analyzeAndPut(ctx, cfg, size)
			if err != nil {
				return rep, err
			}
			st.AnalyzedN, st.AnalyzedRate = k, float64(k)/d.Seconds()
		}
		if coster != nil {
			st.setStory(sc, coster.StoryStats())
		}
		var err error
		if st.DiskMB, err = cfg.Disk(ctx); err != nil {
			return rep, err
		}
		st.WriterRSSMB = RSSMB()
		if cfg.Probe != nil {
			if st.Probe, err = cfg.Probe(ctx, cfg.Dir, cfg.Sets); err != nil {
				return rep, fmt.Errorf("probe at %d documents: %w", f.n, err)
			}
		}
		st.StepSeconds = time.Since(stepStart).Seconds()
		rep.Steps = append(rep.Steps, st)
		if cfg.Log != nil {
			fmt.Fprintln(cfg.Log, stepLine(st))
		}
		if cfg.OnStep != nil {
			if err := cfg.OnStep(rep); err != nil {
				return rep, err
			}
		}
	}
	return rep, nil
}

// feeder hands out the documents to store in order: the real ones,
// then synthetic ones.
type feeder struct {
	real             []store.Document
	gen              *Generator
	n, synth, copies int
}

// take returns the next k documents.
func (f *feeder) take(k int) ([]store.Document, error) {
	docs := make([]store.Document, 0, k)
	for len(docs) < k {
		if f.n < len(f.real) {
			docs = append(docs, f.real[f.n])
			f.n++
			continue
		}
		if f.gen == nil {
			return nil, fmt.Errorf("only %d real articles and no generator for document %d", len(f.real), f.n+1)
		}
		d, dup := f.gen.Doc(f.synth)
		f.synth++
		if dup {
			f.copies++
		}
		docs = append(docs, d)
		f.n++
	}
	return docs, nil
}

// skip passes over the next k documents, counting the synthetic ones
// and their copies as take would.
func (f *feeder) skip(k int) error {
	for range k {
		if f.n < len(f.real) {
			f.n++
			continue
		}
		if f.gen == nil {
			return fmt.Errorf("only %d real articles and no generator for document %d", len(f.real), f.n+1)
		}
		if _, dup := f.gen.Doc(f.synth); dup {
			f.copies++
		}
		f.synth++
		f.n++
	}
	return nil
}

// putConcurrently stores the next n documents of f from the given
// number of goroutines, each taking Puts of batch documents in turn, and
// returns the documents stored and the wall and process CPU time they
// took. The documents are made before the clock starts.
func putConcurrently(ctx context.Context, s store.Store, f *feeder, n, batch, writers int) (batchTime, error) {
	batches := make(chan []store.Document, n/batch+1)
	for left := n; left > 0; left -= batch {
		docs, err := f.take(min(batch, left))
		if err != nil {
			return batchTime{}, err
		}
		batches <- docs
	}
	close(batches)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make([]error, writers)
	var wg sync.WaitGroup
	c0, t0 := cputime.Process(), time.Now()
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for docs := range batches {
				if _, err := s.Put(ctx, docs); err != nil {
					errs[w] = err
					cancel()
					return
				}
			}
		}()
	}
	wg.Wait()
	bt := batchTime{docs: n, wall: time.Since(t0), cpu: cputime.Process() - c0}
	return bt, errors.Join(errs...)
}

type batchTime struct {
	docs      int
	wall, cpu time.Duration
	story     storyCost // when the store is a StoryCoster
}

// windowStart returns the index of the first of the last batches of
// hist holding up to window documents (at least one batch).
func windowStart(hist []batchTime) int {
	docs := 0
	for i := len(hist) - 1; i >= 0; i-- {
		if docs > 0 && docs+hist[i].docs > window {
			return i + 1
		}
		docs += hist[i].docs
	}
	return 0
}

// rates returns the write rates over the last batches holding up to
// window documents (at least one batch).
func rates(hist []batchTime) (perS, perCPU float64, docs int) {
	var wall, cpu time.Duration
	for _, bt := range hist[windowStart(hist):] {
		docs += bt.docs
		wall += bt.wall
		cpu += bt.cpu
	}
	if wall > 0 {
		perS = float64(docs) / wall.Seconds()
	}
	if cpu > 0 {
		perCPU = float64(docs) / cpu.Seconds()
	}
	return perS, perCPU, docs
}

// analyzeAndPut analyzes the sample on all cores and stores it under
// URLs of this size, and returns the documents stored and the time
// both took.
func analyzeAndPut(ctx context.Context, cfg Config, size int) (int, time.Duration, error) {
	start := time.Now()
	recs := make([]khabar.RawDocument, len(cfg.Sample))
	for i, d := range cfg.Sample {
		d.URL = fmt.Sprintf("%s#bench-%d", d.URL, size)
		recs[i] = d
	}
	docs, err := analyzeAll(ctx, cfg.P, recs, seq(len(recs)))
	if err != nil {
		return 0, 0, err
	}
	batch := make([]store.Document, 0, len(docs))
	for i := range recs {
		if d := docs[i]; d.Analysis != nil {
			batch = append(batch, d)
		}
	}
	if len(batch) == 0 {
		return 0, 0, errors.New("no sample article could be analyzed")
	}
	if _, err := cfg.Store.Put(ctx, batch); err != nil {
		return 0, 0, fmt.Errorf("storing the analyzed sample: %w", err)
	}
	return len(batch), time.Since(start), nil
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}
