package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/ingest"
	"github.com/khabar/khabar/pipeline"
	"github.com/khabar/khabar/store"
)

// cmdIngest reads documents from files, directories and JSONL(.gz),
// analyzes them on all cores and stores them in batched transactions.
func cmdIngest(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: khabar ingest [--data DIR | --db URL | --queue nats://HOST:PORT[,...]] [--workers N] [--batch N] [--no-stories] [--json] [-v] PATH...")
		fmt.Fprintln(e.stderr, "PATH: .txt or .html files, directories, .jsonl(.gz) records, .warc(.gz), .rss/.atom feeds")
		fmt.Fprintln(e.stderr, "Progress is shown on stderr when it is a terminal; the summary goes to stdout.")
		fmt.Fprintln(e.stderr, "Exit status 1 when a PATH failed entirely (it could not be read, or every record in it was")
		fmt.Fprintln(e.stderr, "skipped and none stored or already stored) or the store failed; bad records among stored")
		fmt.Fprintln(e.stderr, "ones and duplicates are counted in the summary, not failures.")
		fs.PrintDefaults()
	}
	data := fs.String("data", defaultDataDir, "data directory holding the store")
	dbURL := fs.String("db", "", "PostgreSQL `URL` (postgres://…) of the store; default: the SQLite store in --data")
	queueURLs := fs.String("queue", "", "publish to this NATS JetStream `URL list` for khabar worker instead of analyzing here")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "analysis workers")
	batch := fs.Int("batch", 0, "documents per transaction, at most (a transaction also ends 2 s after the last); 0: 2048 for SQLite, 256 for PostgreSQL")
	noStories := fs.Bool("no-stories", false, "store without clustering into stories (a faster ingest); the documents are clustered\nthe next time the store is opened for writing without it (khabar serve, ingest, worker)")
	jsonOut := fs.Bool("json", false, "print the summary as JSON")
	verbose := fs.Bool("v", false, "log every committed batch and every skipped record")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the ingest to `FILE`")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return usagef("%v", err)
	}
	if fs.NArg() == 0 {
		return usagef("ingest needs at least one PATH (file, directory, .jsonl or .jsonl.gz)")
	}
	if *workers < 1 || *batch < 0 {
		return usagef("--workers must be at least 1 and --batch at least 0")
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	if *queueURLs != "" {
		if *dbURL != "" || *noStories {
			return usagef("--queue excludes --db and --no-stories: workers write to the store (khabar worker --no-stories)")
		}
		return ingestQueue(ctx, e, *queueURLs, fs.Args(), *verbose, *jsonOut)
	}
	db, err := openDBWith(ctx, *data, *dbURL, dbOptions{NoStories: *noStories})
	if err != nil {
		return err
	}
	defer db.Close()
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if *verbose {
		log = slog.New(slog.NewTextHandler(e.stderr, nil))
	}
	if *batch == 0 {
		*batch = defaultBatch(*dbURL)
	}
	ing := &ingester{db: db, p: p, log: log, batchSize: *batch, workers: *workers}
	if isTerminal(e.stderr) && !*verbose {
		ing.progress = newProgress(e.stderr, fs.Args())
	}
	sum, err := ing.run(ctx, fs.Args())
	if err == nil && len(sum.Failed) > 0 {
		err = fmt.Errorf("%d of %d inputs failed entirely", len(sum.Failed), fs.NArg())
	}
	if *jsonOut {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if jerr := enc.Encode(sum); jerr != nil && err == nil {
			err = jerr
		}
	} else {
		printSummary(e.stdout, sum, ing.elapsed)
	}
	return err
}

// startCPUProfile writes a CPU profile to path until the returned
// function is called.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile %s: %w", path, err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

func printSummary(w io.Writer, s *ingest.Summary, elapsed time.Duration) {
	rate := 0.0
	if elapsed > 0 {
		rate = float64(s.Read) / elapsed.Seconds()
	}
	fmt.Fprintf(w, "read %d, stored %d, duplicates %d, skipped %d in %s (%.0f documents/s)\n",
		s.Read, s.Stored, s.Duplicates, s.Skipped, elapsed.Round(time.Millisecond), rate)
	for _, r := range s.ReasonList() {
		fmt.Fprintf(w, "  skipped %d: %s\n", s.Reasons[r], r)
	}
	for _, ex := range s.Examples {
		fmt.Fprintf(w, "  %s\n", ex)
	}
	for _, f := range s.Failed {
		fmt.Fprintf(w, "  failed: %s\n", f)
	}
}

// defaultBatch is the number of documents per transaction when --batch
// is not given. SQLite's full-text index writes one segment per
// transaction and merges segments as they pile up, and every commit
// checkpoints the log: on the 31,030 saudinewsnet records, batches of
// 256 / 1024 / 2048 ingested at 473 / 516 / 552 documents/s (2 cores,
// one run each). PostgreSQL's concurrent writers hold their row locks
// for a transaction, so it keeps smaller ones.
func defaultBatch(dbURL string) int {
	if dbURL != "" {
		return 256
	}
	return 2048
}

// ingester runs one ingest: a walker goroutine, the pipeline's workers
// and this goroutine, which batches analyses into transactions.
type ingester struct {
	db        store.Store
	p         *pipeline.Pipeline
	log       *slog.Logger
	batchSize int
	workers   int
	progress  *progress // nil: no progress line

	mu       sync.Mutex
	sum      ingest.Summary
	inputs   []ingest.Input // one per PATH argument
	seqInput []int32        // the input of each document sent to the pipeline, by sequence number
	elapsed  time.Duration
	// window holds a token for each document sent to the pipeline and
	// not yet taken in order: it bounds how far the analysis runs ahead
	// of a slow document, and so the results held back to be stored in
	// input order.
	window chan struct{}
}

// reorderWindow returns the number of documents the analysis may run
// ahead of the oldest one not yet analyzed.
func reorderWindow(workers int) int { return 64 + 16*workers }

// skip counts a skipped record of input i.
func (g *ingester) skip(i int, where, reason string, err error) {
	g.mu.Lock()
	g.sum.Skip(where, reason, err)
	in := &g.inputs[i]
	in.Skipped++
	if in.FirstErr == "" {
		in.FirstErr = err.Error()
	}
	g.mu.Unlock()
	g.log.Info("skipped", "record", where, "reason", reason, "err", err)
}

// inputOf returns the input of the document of sequence number seq.
func (g *ingester) inputOf(seq int) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return int(g.seqInput[seq])
}

// batch is documents to store with the inputs they come from.
type batch struct {
	docs   []store.Document
	inputs []int
}

func (g *ingester) run(ctx context.Context, paths []string) (*ingest.Summary, error) {
	start := time.Now()
	defer func() { g.elapsed = time.Since(start) }()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	g.inputs = make([]ingest.Input, len(paths))
	g.window = make(chan struct{}, reorderWindow(g.workers))
	opt := ingest.Options{}
	if g.progress != nil {
		opt.BytesRead = &g.progress.bytesRead
	}

	docs := make(chan khabar.RawDocument, g.workers*2)
	walkErr := make(chan error, 1)
	go func() {
		defer close(docs)
		walkErr <- g.walk(ctx, paths, opt, docs)
	}()

	results := g.p.Stream(ctx, docs, g.workers)

	// The writer stores batches while the workers analyze the next ones;
	// one batch waits for it at most.
	batches := make(chan batch, 1)
	var putErr error // set by the writer before it closes written
	written := make(chan struct{})
	go func() {
		defer close(written)
		for b := range batches {
			if putErr != nil {
				continue // drain
			}
			// What was analyzed is stored even when ctx is done: it is
			// reported stored.
			if err := g.put(context.WithoutCancel(ctx), b); err != nil {
				putErr = err
				cancel()
			}
		}
	}()
	var cur batch
	// Documents are stored in input order, whatever order the workers
	// finish them in: a document joins the near-duplicate cluster of the
	// earliest stored document like it, so the clusters depend on the
	// order, and an ingest resumed after a kill (which skips the stored
	// prefix of its input) must store the rest as one run would.
	held := map[int]pipeline.Result{}
	next := 0
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	lastFlush := time.Now()
	flush := func() {
		lastFlush = time.Now()
		if len(cur.docs) == 0 {
			return
		}
		batches <- cur
		cur = batch{docs: make([]store.Document, 0, g.batchSize), inputs: make([]int, 0, g.batchSize)}
	}
loop:
	for {
		select {
		case r, ok := <-results:
			if !ok {
				// Results held back behind one that never came (the
				// ingest was interrupted) are not stored: a resumed
				// ingest analyzes them again, in order.
				break loop
			}
			held[r.Seq] = r
			for {
				r, ok := held[next]
				if !ok {
					break
				}
				delete(held, next)
				next++
				<-g.window
				if g.add(&cur, r) && len(cur.docs) >= g.batchSize {
					flush()
				}
			}
		case <-tick.C:
			if time.Since(lastFlush) > 2*time.Second {
				flush()
			}
			g.showProgress(false)
		}
	}
	flush()
	close(batches)
	<-written
	g.showProgress(true)
	werr := <-walkErr
	for i := range g.inputs {
		if in := &g.inputs[i]; in.Failed() {
			g.sum.Failed = append(g.sum.Failed, in.Describe())
		}
	}
	switch {
	case putErr != nil:
		return &g.sum, putErr
	case werr != nil && !errors.Is(werr, context.Canceled):
		return &g.sum, werr
	}
	return &g.sum, ctx.Err()
}

// add adds the analysis of r to b, or counts it skipped, and reports
// whether it was added.
func (g *ingester) add(b *batch, r pipeline.Result) bool {
	in := g.inputOf(r.Seq)
	if r.Err != nil {
		g.skip(in, r.Doc.Name, "analysis failed", r.Err)
		return false
	}
	d := toStoreDoc(r.Doc, r.Analysis)
	if err := store.Validate(&d); err != nil {
		g.skip(in, r.Doc.Name, "not storable", err)
		return false
	}
	b.docs = append(b.docs, d)
	b.inputs = append(b.inputs, in)
	return true
}

// walk reads the inputs in order and sends their documents to docs,
// recording the input of each.
func (g *ingester) walk(ctx context.Context, paths []string, opt ingest.Options, docs chan<- khabar.RawDocument) error {
	for i, p := range paths {
		g.inputs[i].Path = p
		err := ingest.Walk(ctx, []string{p}, opt, func(r ingest.Record) error {
			g.mu.Lock()
			g.sum.Read++
			g.mu.Unlock()
			if r.Err != nil {
				g.skip(i, r.Where, "unreadable record", r.Err)
				return nil
			}
			if r.Doc.URL != "" {
				// Resume cheaply: a URL already stored is not analyzed again.
				if _, err := g.db.Lookup(ctx, r.Doc.URL); err == nil {
					g.mu.Lock()
					g.sum.Duplicates++
					g.inputs[i].Duplicates++
					g.mu.Unlock()
					return nil
				} else if !errors.Is(err, store.ErrNotFound) {
					return err
				}
			}
			select {
			case g.window <- struct{}{}:
			case <-ctx.Done():
				return ctx.Err()
			}
			g.mu.Lock()
			g.seqInput = append(g.seqInput, int32(i))
			g.mu.Unlock()
			select {
			case docs <- r.Doc:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// put stores one batch and counts the outcome.
func (g *ingester) put(ctx context.Context, b batch) error {
	res, err := g.db.Put(ctx, b.docs)
	if err != nil {
		return err
	}
	g.mu.Lock()
	for i, r := range res {
		in := &g.inputs[b.inputs[i]]
		if r.Status == store.Stored {
			g.sum.Stored++
			in.Stored++
		} else {
			g.sum.Duplicates++
			in.Duplicates++
		}
	}
	stored := g.sum.Stored
	g.mu.Unlock()
	g.log.Info("committed", "documents", len(res), "stored_total", stored)
	return nil
}

func toStoreDoc(doc khabar.RawDocument, a *khabar.Analysis) store.Document {
	if a.Published == "" && !doc.Date.IsZero() {
		a.Published = doc.Date.Format("2006-01-02")
	}
	d := store.Document{URL: doc.URL, Source: doc.Source, Author: doc.Author, Title: doc.Title,
		ContentType: doc.ContentType, Analysis: a}
	if mt, _, _ := mime.ParseMediaType(doc.ContentType); mt == "text/html" {
		d.Raw = doc.Body // the text alone cannot give the HTML back
	}
	return d
}

// showProgress redraws the progress line, if there is one; final ends
// it.
func (g *ingester) showProgress(final bool) {
	if g.progress == nil {
		return
	}
	g.mu.Lock()
	s := g.sum
	g.mu.Unlock()
	g.progress.show(s, final)
}
