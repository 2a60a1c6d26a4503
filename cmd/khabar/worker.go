package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"runtime"
	"time"

	"github.com/khabar/khabar/pipeline"
	"github.com/khabar/khabar/postgres"
	"github.com/khabar/khabar/queue"
)

// cmdWorker pulls documents from the NATS JetStream queue, analyzes and
// stores them until SIGINT/SIGTERM, then drains: it stops fetching,
// finishes, stores and acknowledges what it holds, and exits 0.
func cmdWorker(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: khabar worker --queue nats://HOST:PORT[,...] (--db postgres://... | --data DIR) [--concurrency N] [--no-stories]")
		fs.PrintDefaults()
	}
	urls := fs.String("queue", "", "NATS server URLs, comma-separated (required)")
	dbURL := fs.String("db", "", "PostgreSQL URL of the store (postgres://...); else the SQLite store in --data")
	data := fs.String("data", defaultDataDir, "data directory holding the SQLite store")
	conc := fs.Int("concurrency", runtime.GOMAXPROCS(0), "documents analyzed at once")
	batch := fs.Int("batch", 64, "documents per store transaction")
	maxDeliver := fs.Int("max-deliver", 5, "attempts before a failing document goes to the dead-letter stream")
	ackWait := fs.Duration("ack-wait", 30*time.Second, "redelivery deadline of an unacknowledged document (extended while it is worked on)")
	drain := fs.Duration("drain-timeout", 30*time.Second, "how long to finish in-flight documents on SIGTERM")
	every := fs.Duration("progress", 10*time.Second, "interval of progress and lag logs")
	noStories := fs.Bool("no-stories", false, "store without clustering into stories; the documents are clustered the next time\nthe store is opened for writing without it")
	replicas := fs.Int("replicas", 0, "stream replicas when creating it (0: 3 on a cluster of 3 or more servers, else 1)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return usagef("%v", err)
	}
	switch {
	case fs.NArg() != 0:
		return usagef("worker takes no arguments (got %q)", fs.Args())
	case *urls == "":
		return usagef("worker needs --queue nats://HOST:PORT")
	case *dbURL != "" && !postgres.IsURL(*dbURL):
		return usagef("--db must be a postgres:// URL (use --data DIR for SQLite)")
	case *conc < 1 || *batch < 1 || *maxDeliver < 1:
		return usagef("--concurrency, --batch and --max-deliver must be at least 1")
	case *ackWait < time.Second || *drain <= 0 || *every <= 0:
		return usagef("--ack-wait must be at least 1s, --drain-timeout and --progress positive")
	}
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	conn, err := queue.Connect(ctx, *urls, queue.Options{Name: "khabar worker", Replicas: *replicas, Log: log})
	if err != nil {
		return err
	}
	defer conn.Close()
	db, err := openDBWith(ctx, *data, *dbURL, dbOptions{NoStories: *noStories})
	if err != nil {
		return err
	}
	defer db.Close()
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		return err
	}
	w := queue.NewWorker(conn, p, db, queue.WorkerOptions{
		Concurrency: *conc, Batch: *batch, MaxDeliver: *maxDeliver, AckWait: *ackWait,
		DrainTimeout: *drain, ProgressEvery: *every, Log: log,
	})
	log.Info("worker started", "queue", *urls, "concurrency", *conc)
	return w.Run(ctx)
}
