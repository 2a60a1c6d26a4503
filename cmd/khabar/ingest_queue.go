package main

import (
	"context"
	"errors"
	"log/slog"

	"github.com/khabar/khabar/ingest"
	"github.com/khabar/khabar/queue"
)

// publishPaths is `khabar ingest --queue URLS PATH...`: it reads the
// documents under paths and publishes them to the NATS JetStream queue
// for `khabar worker` to analyze and store, instead of analyzing them
// here. In the summary, Stored counts the documents the stream took as
// new and Duplicates those it already had (same URL, else same body,
// within its de-duplication window); the workers' store drops older
// duplicates. Unreadable records and documents over the server's
// message size are skipped and counted.
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
	werr := ingest.Walk(ctx, paths, ingest.Options{}, func(r ingest.Record) error {
		sum.Read++
		if r.Err != nil {
			sum.Skip(r.Where, "unreadable record", r.Err)
			log.Info("skipped", "record", r.Where, "err", r.Err)
			return nil
		}
		err := pub.Publish(ctx, r.Doc)
		if errors.Is(err, queue.ErrTooLarge) {
			sum.Skip(r.Where, "too large for the queue", err)
			log.Info("skipped", "record", r.Where, "err", err)
			return nil
		}
		return err
	})
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
