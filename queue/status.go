package queue

import (
	"context"
	"errors"
	"fmt"

	"github.com/nats-io/nats.go/jetstream"
)

// Status is the state of the queue.
type Status struct {
	Stream      string `json:"stream"`
	Messages    uint64 `json:"messages"` // stream depth: documents not yet acknowledged
	Bytes       uint64 `json:"bytes"`
	Replicas    int    `json:"replicas"`
	Cluster     string `json:"cluster,omitempty"`
	Leader      string `json:"leader,omitempty"` // server leading the stream
	Consumer    string `json:"consumer"`
	Lag         uint64 `json:"lag"`         // documents not yet delivered to a worker
	AckPending  int    `json:"ack_pending"` // delivered, being worked on
	Redelivered int    `json:"redelivered"` // delivered more than once, not yet acknowledged
	Waiting     int    `json:"waiting"`     // pull requests of idle workers
	DeadLetters uint64 `json:"dead_letters"`
}

// Status reports the stream depth, the workers' lag and the dead letters.
// Before any worker has started the consumer fields are zero.
func (c *Conn) Status(ctx context.Context) (*Status, error) {
	st := &Status{Stream: Stream, Consumer: Durable}
	s, err := c.js.Stream(ctx, Stream)
	if err != nil {
		return nil, fmt.Errorf("queue: stream %s: %w", Stream, err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("queue: stream %s: %w", Stream, err)
	}
	st.Messages, st.Bytes, st.Replicas = info.State.Msgs, info.State.Bytes, info.Config.Replicas
	if info.Cluster != nil {
		st.Cluster, st.Leader = info.Cluster.Name, info.Cluster.Leader
	}
	ci, err := s.Consumer(ctx, Durable)
	switch {
	case err == nil:
		cinfo := ci.CachedInfo()
		st.Lag, st.AckPending, st.Redelivered, st.Waiting = cinfo.NumPending, cinfo.NumAckPending, cinfo.NumRedelivered, cinfo.NumWaiting
	case errors.Is(err, jetstream.ErrConsumerNotFound):
		st.Lag = info.State.Msgs
	default:
		return nil, fmt.Errorf("queue: consumer %s: %w", Durable, err)
	}
	dead, err := c.js.Stream(ctx, DeadStream)
	if err != nil {
		return nil, fmt.Errorf("queue: stream %s: %w", DeadStream, err)
	}
	dinfo, err := dead.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("queue: stream %s: %w", DeadStream, err)
	}
	st.DeadLetters = dinfo.State.Msgs
	return st, nil
}

// DeadLetter is one document that could not be processed.
type DeadLetter struct {
	Seq        uint64 `json:"seq"`        // in DeadStream
	ID         string `json:"id"`         // the document's identity
	Error      string `json:"error"`      // why it failed
	Deliveries string `json:"deliveries"` // attempts made
}

// DeadLetters returns up to limit dead letters, oldest first.
func (c *Conn) DeadLetters(ctx context.Context, limit int) ([]DeadLetter, error) {
	s, err := c.js.Stream(ctx, DeadStream)
	if err != nil {
		return nil, fmt.Errorf("queue: stream %s: %w", DeadStream, err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("queue: stream %s: %w", DeadStream, err)
	}
	var out []DeadLetter
	for seq := info.State.FirstSeq; seq != 0 && seq <= info.State.LastSeq && len(out) < limit; seq++ {
		m, err := s.GetMsg(ctx, seq)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			continue
		}
		if err != nil {
			return out, fmt.Errorf("queue: dead letter %d: %w", seq, err)
		}
		out = append(out, DeadLetter{Seq: seq, ID: m.Header.Get(jetstream.MsgIDHeader),
			Error: m.Header.Get(HeaderError), Deliveries: m.Header.Get(HeaderDeliveries)})
	}
	return out, nil
}
