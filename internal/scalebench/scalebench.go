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
	"time"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/internal/cputime"
	"github.com/khabar/khabar/pipeline"
	"github.com/khabar/khabar/store"
)

// ProbeFunc measures a search process on the store in dir (see Probe).
type ProbeFunc func(ctx context.Context, dir string, sets []QuerySet) (*ProbeResult, error)

// Config says what Run does.
type Config struct {
	Store store.Store // the store to grow, empty at the start
	Dir   string      // its directory, for DiskMB and the probe
	Sizes []int       // documents stored after each step, ascending
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
	Batch  int       // documents per Put; 0: 2048
	Log    io.Writer // progress lines; nil: none
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
	// AnalyzedRate is sample articles analyzed (on all cores) and stored
	// per second at this size.
	AnalyzedRate float64 `json:"analyzed_docs_per_s,omitempty"`
	AnalyzedN    int     `json:"analyzed_n,omitempty"`
	DiskMB       float64 `json:"disk_mb"`
	// WriterRSSMB is the writing process's resident memory after the
	// step (it also holds the generator's corpus).
	WriterRSSMB float64      `json:"writer_rss_mb"`
	Probe       *ProbeResult `json:"probe"`
	StepSeconds float64      `json:"step_s"`
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
	rep := &Report{Started: time.Now().UTC().Truncate(time.Second), CPUs: runtime.NumCPU(), Go: runtime.Version()}
	var (
		n, synth, copies int
		hist             []batchTime // the batches of the current window
	)
	for _, size := range cfg.Sizes {
		stepStart := time.Now()
		for n < size {
			k := min(cfg.Batch, size-n)
			docs := make([]store.Document, 0, k)
			for len(docs) < k {
				if n+len(docs) < len(cfg.Real) {
					docs = append(docs, cfg.Real[n+len(docs)])
					continue
				}
				if cfg.Gen == nil {
					return rep, fmt.Errorf("only %d real articles and no generator for size %d", len(cfg.Real), size)
				}
				d, dup := cfg.Gen.Doc(synth)
				synth++
				if dup {
					copies++
				}
				docs = append(docs, d)
			}
			c0, t0 := cputime.Process(), time.Now()
			if _, err := cfg.Store.Put(ctx, docs); err != nil {
				return rep, fmt.Errorf("storing documents %d–%d: %w", n+1, n+len(docs), err)
			}
			hist = append(hist, batchTime{len(docs), time.Since(t0), cputime.Process() - c0})
			n += len(docs)
			if cfg.Log != nil && n%(cfg.Batch*25) < cfg.Batch {
				fmt.Fprintf(cfg.Log, "  %d documents stored\n", n)
			}
		}
		st := Step{Size: n, Real: min(n, len(cfg.Real)), Synthetic: synth, Copies: copies}
		st.IngestRate, st.IngestCPURate, st.Window = rates(hist)
		hist = nil
		if len(cfg.Sample) > 0 && cfg.P != nil {
			k, d, err := analyzeAndPut(ctx, cfg, size)
			if err != nil {
				return rep, err
			}
			st.AnalyzedN, st.AnalyzedRate = k, float64(k)/d.Seconds()
		}
		var err error
		if st.DiskMB, err = DiskMB(cfg.Dir); err != nil {
			return rep, err
		}
		st.WriterRSSMB = RSSMB()
		if cfg.Probe != nil {
			if st.Probe, err = cfg.Probe(ctx, cfg.Dir, cfg.Sets); err != nil {
				return rep, fmt.Errorf("probe at %d documents: %w", n, err)
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

type batchTime struct {
	docs      int
	wall, cpu time.Duration
}

// rates returns the write rates over the last batches holding up to
// window documents (at least one batch).
func rates(hist []batchTime) (perS, perCPU float64, docs int) {
	var wall, cpu time.Duration
	for i := len(hist) - 1; i >= 0; i-- {
		if docs > 0 && docs+hist[i].docs > window {
			break
		}
		docs += hist[i].docs
		wall += hist[i].wall
		cpu += hist[i].cpu
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
