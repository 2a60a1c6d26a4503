package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/khabar/khabar/queue"
)

// cmdQueue inspects the NATS JetStream queue.
func cmdQueue(ctx context.Context, e *env, args []string) error {
	return subcommand(ctx, e, args, "queue command", map[string]func(context.Context, *env, []string) error{
		"status": cmdQueueStatus,
	})
}

// cmdQueueStatus prints the stream depth, the workers' lag, redeliveries
// and dead letters.
func cmdQueueStatus(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("queue status", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: khabar queue status --queue nats://HOST:PORT[,...] [--dead N] [--json]")
		fs.PrintDefaults()
	}
	urls := fs.String("queue", "", "NATS server URLs, comma-separated (required)")
	deadN := fs.Int("dead", 10, "dead letters to list")
	jsonOut := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return usagef("%v", err)
	}
	if *urls == "" {
		return usagef("queue status needs --queue nats://HOST:PORT")
	}
	if fs.NArg() != 0 || *deadN < 0 {
		return usagef("queue status takes no arguments and --dead must not be negative")
	}
	conn, err := queue.Connect(ctx, *urls, queue.Options{Name: "khabar queue status"})
	if err != nil {
		return err
	}
	defer conn.Close()
	st, err := conn.Status(ctx)
	if err != nil {
		return err
	}
	var dead []queue.DeadLetter
	if *deadN > 0 && st.DeadLetters > 0 {
		if dead, err = conn.DeadLetters(ctx, *deadN); err != nil {
			return err
		}
	}
	if *jsonOut {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			*queue.Status
			Dead []queue.DeadLetter `json:"dead,omitempty"`
		}{st, dead})
	}
	printQueueStatus(e.stdout, st, dead)
	return nil
}

func printQueueStatus(w io.Writer, st *queue.Status, dead []queue.DeadLetter) {
	where := "single server"
	if st.Cluster != "" {
		where = fmt.Sprintf("cluster %s, leader %s", st.Cluster, st.Leader)
	}
	fmt.Fprintf(w, "stream %s: %d documents (%d bytes), %d replicas, %s\n", st.Stream, st.Messages, st.Bytes, st.Replicas, where)
	fmt.Fprintf(w, "consumer %s: lag %d, in progress %d, redelivered %d, waiting workers %d\n",
		st.Consumer, st.Lag, st.AckPending, st.Redelivered, st.Waiting)
	fmt.Fprintf(w, "dead letters: %d\n", st.DeadLetters)
	for _, d := range dead {
		fmt.Fprintf(w, "  #%d %s (%s attempts): %s\n", d.Seq, d.ID, d.Deliveries, d.Error)
	}
}
