package queue

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/khabar/khabar"
)

// ErrTooLarge is wrapped by the error of a document larger than the
// server accepts in one message.
var ErrTooLarge = errors.New("document larger than the server's maximum message size")

// PublisherOptions configures a Publisher.
type PublisherOptions struct {
	// MaxInFlight bounds the publishes awaiting their acknowledgement;
	// Publish blocks while it is reached (back-pressure). 0 means 256.
	MaxInFlight int
	// RetryFor is how long a failed publish is retried (leader
	// elections, reconnects) before it counts as failed. 0 means 1m.
	RetryFor time.Duration
}

// PublishStats counts a Publisher's work.
type PublishStats struct {
	Published  int64 `json:"published"`  // acknowledged as new by the stream
	Duplicates int64 `json:"duplicates"` // dropped by the stream's de-duplication window
	Retried    int64 `json:"retried"`    // publishes that needed another attempt
	Failed     int64 `json:"failed"`     // given up after RetryFor
}

// Publisher publishes documents to the stream asynchronously, with a
// bounded number in flight. It is safe for concurrent use.
type Publisher struct {
	c   *Conn
	js  jetstream.JetStream
	opt PublisherOptions
	sem chan struct{}
	wg  sync.WaitGroup

	published, duplicates, retried, failed atomic.Int64

	mu   sync.Mutex
	errs []error
}

// NewPublisher returns a Publisher on c.
func NewPublisher(c *Conn, opt PublisherOptions) (*Publisher, error) {
	if opt.MaxInFlight <= 0 {
		opt.MaxInFlight = 256
	}
	if opt.RetryFor <= 0 {
		opt.RetryFor = time.Minute
	}
	js, err := jetstream.New(c.nc,
		jetstream.WithPublishAsyncMaxPending(opt.MaxInFlight+1),
		jetstream.WithPublishAsyncTimeout(5*time.Second))
	if err != nil {
		return nil, fmt.Errorf("queue: publisher: %w", err)
	}
	return &Publisher{c: c, js: js, opt: opt, sem: make(chan struct{}, opt.MaxInFlight)}, nil
}

// Publish sends doc to the stream with its identity (see ID) as message
// ID. It returns once the message is on its way, blocking while
// MaxInFlight publishes await acknowledgement; Flush waits for them.
// Errors found only when the acknowledgement fails are reported by
// Flush.
func (p *Publisher) Publish(ctx context.Context, doc khabar.RawDocument) error {
	data, err := Encode(doc)
	if err != nil {
		return err
	}
	id := ID(doc)
	if max := p.c.nc.MaxPayload(); max > 0 && int64(len(data)) > max {
		return fmt.Errorf("queue: publish %s: %d bytes: %w (limit %d)", id, len(data), ErrTooLarge, max)
	}
	select {
	case p.sem <- struct{}{}:
	case <-ctx.Done():
		return fmt.Errorf("queue: publish %s: %w", id, ctx.Err())
	}
	msg := &nats.Msg{Subject: Subject, Data: data, Header: nats.Header{}}
	msg.Header.Set(jetstream.MsgIDHeader, id)
	fut, err := p.js.PublishMsgAsync(msg)
	p.wg.Add(1)
	go func() {
		defer func() { <-p.sem; p.wg.Done() }()
		if err == nil {
			select {
			case ack := <-fut.Ok():
				p.count(ack)
				return
			case err = <-fut.Err():
			}
		}
		p.retry(msg, id, err)
	}()
	return nil
}

func (p *Publisher) count(ack *jetstream.PubAck) {
	if ack.Duplicate {
		p.duplicates.Add(1)
	} else {
		p.published.Add(1)
	}
}

// retry republishes msg synchronously until it is acknowledged or
// RetryFor has passed. The message ID makes a repeat harmless.
func (p *Publisher) retry(msg *nats.Msg, id string, err error) {
	p.retried.Add(1)
	deadline := time.Now().Add(p.opt.RetryFor)
	wait := 100 * time.Millisecond
	for time.Now().Before(deadline) {
		time.Sleep(wait)
		wait = min(2*wait, 2*time.Second)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		m := &nats.Msg{Subject: msg.Subject, Data: msg.Data, Header: msg.Header}
		var ack *jetstream.PubAck
		ack, err = p.js.PublishMsg(ctx, m)
		cancel()
		if err == nil {
			p.count(ack)
			return
		}
	}
	p.failed.Add(1)
	p.mu.Lock()
	p.errs = append(p.errs, fmt.Errorf("queue: publish %s: %w", id, err))
	p.mu.Unlock()
}

// Flush waits until every document published so far is acknowledged or
// has failed, and returns the errors of those that failed since the last
// Flush (at most 10 are named). It must not run concurrently with
// Publish.
func (p *Publisher) Flush(ctx context.Context) error {
	done := make(chan struct{})
	go func() { p.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		return fmt.Errorf("queue: flush: %w", ctx.Err())
	}
	p.mu.Lock()
	errs := p.errs
	p.errs = nil
	p.mu.Unlock()
	if len(errs) > 10 {
		errs = append(errs[:10], fmt.Errorf("and %d more failed publishes", len(errs)-10))
	}
	return errors.Join(errs...)
}

// Stats returns the publisher's counts so far.
func (p *Publisher) Stats() PublishStats {
	return PublishStats{Published: p.published.Load(), Duplicates: p.duplicates.Load(),
		Retried: p.retried.Load(), Failed: p.failed.Load()}
}
