package main

import (
	"context"
	"fmt"
	"io"

	"github.com/khabar/khabar/queue"
)

// cmdQueue inspects the NATS JetStream queue and replays its dead letters.
func cmdQueue(ctx context.Context, e *env, args []string) error {
	return subcommand(ctx, e, args, "khabar queue", "queue command", queueCommands())
}

func queueCommands() map[string]command {
	return map[string]command{
		"status": {"print the stream depth, the workers' lag and the dead letters", cmdQueueStatus, nil},
		"replay": {"move dead letters back onto the work subject", cmdQueueReplay, nil},
	}
}

// queueCmd is the flags of a queue subcommand.
type queueCmd struct {
	*flagCmd
	name string
}

// newQueueCmd returns the flags of the queue subcommand name with its
// required --queue flag.
func newQueueCmd(e *env, name, usage string) (*queueCmd, *string) {
	c := &queueCmd{newFlagCmd(e, name, usage), name}
	return c, c.required("queue", "NATS server URLs, comma-separated")
}

// connect parses args, checks that the counts are not negative and
// connects to the queue at *urls. A nil Conn means the command is done:
// with err, or after -h with none.
func (c *queueCmd) connect(ctx context.Context, args []string, urls *string, counts ...*int) (*queue.Conn, error) {
	if ok, err := c.parse(args, false); !ok {
		return nil, err
	}
	for _, n := range counts {
		if *n < 0 {
			return nil, usagef("%s: counts must not be negative (usage: %s)", c.name, c.usage)
		}
	}
	return queue.Connect(ctx, *urls, queue.Options{Name: "khabar " + c.name})
}

// cmdQueueStatus prints the stream depth, the workers' lag, redeliveries
// and dead letters.
func cmdQueueStatus(ctx context.Context, e *env, args []string) error {
	c, urls := newQueueCmd(e, "queue status", "khabar queue status --queue nats://HOST:PORT[,...] [--dead N] [--json]")
	deadN := c.Int("dead", 10, "dead letters to list")
	conn, err := c.connect(ctx, args, urls, deadN)
	if conn == nil {
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
	if c.json() {
		return c.writeJSON(struct {
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

// cmdQueueReplay moves dead letters back onto the work subject, oldest
// first, for the workers to try again (after the cause is fixed). A
// replayed document that is stored already is a duplicate to the store.
func cmdQueueReplay(ctx context.Context, e *env, args []string) error {
	c, urls := newQueueCmd(e, "queue replay", "khabar queue replay --queue nats://HOST:PORT[,...] [--max N] [--json]")
	maxN := c.Int("max", 0, "replay at most `N` dead letters (0: all)")
	conn, err := c.connect(ctx, args, urls, maxN)
	if conn == nil {
		return err
	}
	defer conn.Close()
	st, err := conn.Replay(ctx, *maxN)
	// What was moved before an error is reported all the same.
	if c.json() {
		if jerr := c.writeJSON(st); err == nil {
			err = jerr
		}
	} else {
		fmt.Fprintf(e.stdout, "replayed %d dead letters (%d already replayed before), %d left\n", st.Replayed, st.Duplicates, st.Remaining)
	}
	return err
}
