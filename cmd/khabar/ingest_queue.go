package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/khabar/khabar/ingest"
	"github.com/khabar/khabar/queue"
)

// publishPaths is `khabar ingest --queue URLS PATH...`: it reads the
// documents under paths and publishes them to the NATS JetStream queue
// for `khabar worker` to analyze and store, instead of analyzing them
// here. In the summary, Stored counts the documents the stream took as
// new (queued, not yet stored: see queuedSummary) and Duplicates those
// it already had (same URL, else same body, within its de-duplication
// window); the workers' store drops older duplicates. Unreadable records
// and documents over the server's message size are skipped and counted.
func publishPaths(ctx context.Context, urls string, paths []string, log *slog.Logger) (*ingest.Summary, error) {
	conn, err := queue.Connect(ctx, urls, queue.Options{Name: "khabar ingest"})
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	pub, err := queue.NewPublisher(conn, queue.PublisherOptions{})
	if err != nil {
		return nil, err
	}
	var sum ingest.Summary
	var werr error
	for _, p := range paths {
		// An input fails entirely when something in it is skipped and
		// nothing of it reaches the publisher (see ingest.Input.Failed).
		in := ingest.Input{Path: p}
		skip := func(where, reason string, err error) {
			sum.Skip(where, reason, err)
			in.Skipped++
			if in.FirstErr == "" {
				in.FirstErr = err.Error()
			}
			log.Info("skipped", "record", where, "err", err)
		}
		werr = ingest.Walk(ctx, []string{p}, ingest.Options{}, func(r ingest.Record) error {
			sum.Read++
			if r.Err != nil {
				skip(r.Where, "unreadable record", r.Err)
				return nil
			}
			err := pub.Publish(ctx, r.Doc)
			if errors.Is(err, queue.ErrTooLarge) {
				skip(r.Where, "too large for the queue", err)
				return nil
			}
			if err == nil {
				in.Stored++ // handed to the publisher
			}
			return err
		})
		if in.Failed() {
			sum.Failed = append(sum.Failed, in.Describe())
		}
		if werr != nil {
			break
		}
	}
	// What was published before an interruption is still confirmed.
	ferr := pub.Flush(context.WithoutCancel(ctx))
	st := pub.Stats()
	sum.Stored, sum.Duplicates = int(st.Published), int(st.Duplicates)
	if st.Failed > 0 {
		sum.Skipped += int(st.Failed)
		if sum.Reasons == nil {
			sum.Reasons = map[string]int{}
		}
		sum.Reasons["publish failed"] += int(st.Failed)
	}
	log.Info("published", "new", st.Published, "duplicates", st.Duplicates, "retried", st.Retried, "failed", st.Failed)
	return &sum, errors.Join(werr, ferr)
}

// queuedSummary is the summary of `khabar ingest --queue`: documents put
// on the queue are queued, not stored; the workers store them.
type queuedSummary struct {
	Read       int            `json:"read"`
	Queued     int            `json:"queued"`     // new to the stream
	Duplicates int            `json:"duplicates"` // the stream had them already
	Skipped    int            `json:"skipped"`
	Reasons    map[string]int `json:"skip_reasons,omitempty"`
	Examples   []string       `json:"skip_examples,omitempty"`
	Failed     []string       `json:"failed_inputs,omitempty"`
}

func newQueuedSummary(s *ingest.Summary) queuedSummary {
	return queuedSummary{Read: s.Read, Queued: s.Stored, Duplicates: s.Duplicates, Skipped: s.Skipped,
		Reasons: s.Reasons, Examples: s.Examples, Failed: s.Failed}
}

// ingestQueue is `khabar ingest --queue URLS PATH...` from the parsed
// flags to the printed summary (JSON with jsonOut): it publishes the
// documents under paths and reports them as queued.
func ingestQueue(ctx context.Context, e *env, urls string, paths []string, verbose, jsonOut bool) error {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if verbose {
		log = slog.New(slog.NewTextHandler(e.stderr, nil))
	}
	start := time.Now()
	sum, err := publishPaths(ctx, urls, paths, log)
	if sum == nil {
		return err
	}
	if err == nil && len(sum.Failed) > 0 {
		err = fmt.Errorf("%d of %d inputs failed entirely", len(sum.Failed), len(paths))
	}
	q := newQueuedSummary(sum)
	if jsonOut {
		if jerr := writeJSON(e.stdout, q); err == nil {
			err = jerr
		}
		return err
	}
	printQueuedSummary(e.stdout, q, time.Since(start))
	return err
}

// printQueuedSummary prints q in the manner of the ingest summary.
func printQueuedSummary(w io.Writer, q queuedSummary, elapsed time.Duration) {
	rate := 0.0
	if elapsed > 0 {
		rate = float64(q.Read) / elapsed.Seconds()
	}
	fmt.Fprintf(w, "read %d, queued %d, duplicates %d, skipped %d in %s (%.0f documents/s)\n",
		q.Read, q.Queued, q.Duplicates, q.Skipped, elapsed.Round(time.Millisecond), rate)
	s := ingest.Summary{Reasons: q.Reasons}
	for _, r := range s.ReasonList() {
		fmt.Fprintf(w, "  skipped %d: %s\n", q.Reasons[r], r)
	}
	for _, ex := range q.Examples {
		fmt.Fprintf(w, "  %s\n", ex)
	}
	for _, f := range q.Failed {
		fmt.Fprintf(w, "  failed: %s\n", f)
	}
}
