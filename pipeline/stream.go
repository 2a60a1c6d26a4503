package pipeline

import (
	"context"
	"runtime"
	"sync"

	"github.com/khabar/khabar"
)

// Result is the outcome of analyzing one document of a stream.
type Result struct {
	Seq      int // position of the document in the input stream
	Doc      khabar.RawDocument
	Analysis *khabar.Analysis
	Err      error
}

// Stream analyzes the documents from in on up to workers goroutines
// (runtime.GOMAXPROCS(0) when workers <= 0) and sends one Result per
// document on the returned channel, which is closed when in is closed
// and drained, or when ctx is done. Results may arrive out of order; Seq
// gives each one's input position.
func (p *Pipeline) Stream(ctx context.Context, in <-chan khabar.RawDocument, workers int) <-chan Result {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		seq int
		doc khabar.RawDocument
	}
	jobs := make(chan job)
	out := make(chan Result, workers)
	go func() {
		defer close(jobs)
		seq := 0
		for {
			select {
			case <-ctx.Done():
				return
			case d, ok := <-in:
				if !ok {
					return
				}
				select {
				case jobs <- job{seq, d}:
					seq++
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				a, err := p.Analyze(ctx, j.doc)
				select {
				case out <- Result{Seq: j.seq, Doc: j.doc, Analysis: a, Err: err}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}
