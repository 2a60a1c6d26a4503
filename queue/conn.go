package queue

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Names of what khabar keeps on the NATS server.
const (
	Stream      = "KHABAR_DOCS"      // documents waiting for analysis
	Subject     = "khabar.docs.in"   // where documents are published
	DeadStream  = "KHABAR_DEAD"      // documents that could not be processed
	DeadSubject = "khabar.dead.docs" // where dead letters are published
	Durable     = "khabar-workers"   // the workers' shared pull consumer
)

// Headers of a dead letter.
const (
	HeaderError      = "Khabar-Error"      // why the document failed
	HeaderDeliveries = "Khabar-Deliveries" // attempts made
	HeaderStreamSeq  = "Khabar-Stream-Seq" // its sequence in Stream
)

// DefaultDuplicateWindow is how long the stream remembers message IDs to
// drop re-published documents.
const DefaultDuplicateWindow = 10 * time.Minute

// Options configures a connection and the streams it sets up.
type Options struct {
	// Name identifies the client to the server (monitoring only).
	Name string
	// Replicas of each stream; 0 chooses 3 when the cluster has at least
	// 3 servers, else 1. Existing streams keep theirs.
	Replicas int
	// DuplicateWindow; 0 means DefaultDuplicateWindow.
	DuplicateWindow time.Duration
	// ConnectTimeout bounds the dial of each server; 0 means 2s.
	ConnectTimeout time.Duration
	// Log receives disconnections, reconnections and asynchronous
	// errors of the connection; nil discards them.
	Log *slog.Logger
}

// Conn is a connection to a NATS JetStream server or cluster with
// khabar's streams set up. It is safe for concurrent use.
type Conn struct {
	nc  *nats.Conn
	js  jetstream.JetStream
	opt Options
}

// Connect connects to the comma-separated NATS URLs ("nats://host:4222,
// nats://host2:4222"), checks that JetStream is enabled and creates the
// streams if they do not exist. The connection reconnects by itself
// after it is established; an unreachable server at start is an error.
func Connect(ctx context.Context, urls string, opt Options) (*Conn, error) {
	if err := checkURLs(urls); err != nil {
		return nil, err
	}
	if opt.ConnectTimeout <= 0 {
		opt.ConnectTimeout = 2 * time.Second
	}
	if opt.DuplicateWindow <= 0 {
		opt.DuplicateWindow = DefaultDuplicateWindow
	}
	if opt.Name == "" {
		opt.Name = "khabar"
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	log := opt.Log
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	nc, err := nats.Connect(urls,
		nats.Name(opt.Name),
		nats.Timeout(opt.ConnectTimeout),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(250*time.Millisecond),
		nats.ReconnectJitter(100*time.Millisecond, 100*time.Millisecond),
		nats.ErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) {
			log.Warn("nats error", "err", err)
		}),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				log.Warn("nats disconnected", "err", err)
			}
		}),
		nats.ReconnectHandler(func(nc *nats.Conn) {
			log.Info("nats reconnected", "server", nc.ConnectedUrlRedacted())
		}),
	)
	if err != nil {
		return nil, fmt.Errorf("queue: connect to %s: %w", urls, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue: %s: %w", urls, err)
	}
	c := &Conn{nc: nc, js: js, opt: opt}
	if err := c.setup(ctx); err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue: %s: %w", urls, err)
	}
	return c, nil
}

// checkURLs rejects what is not a list of nats:// URLs.
func checkURLs(urls string) error {
	if strings.TrimSpace(urls) == "" {
		return errors.New("queue: no NATS URL")
	}
	for _, s := range strings.Split(urls, ",") {
		u, err := url.Parse(strings.TrimSpace(s))
		if err != nil || u.Host == "" {
			return fmt.Errorf("queue: bad NATS URL %q (want nats://HOST:PORT)", s)
		}
		switch u.Scheme {
		case "nats", "tls", "ws", "wss":
		default:
			return fmt.Errorf("queue: bad NATS URL %q: scheme %q (want nats://HOST:PORT)", s, u.Scheme)
		}
	}
	return nil
}

// Close closes the connection. Publishers and workers of c must be done.
func (c *Conn) Close() error {
	c.nc.Close()
	return nil
}

// NATS returns the underlying connection.
func (c *Conn) NATS() *nats.Conn { return c.nc }

// JetStream returns the underlying JetStream context.
func (c *Conn) JetStream() jetstream.JetStream { return c.js }

// clusterSize counts the distinct servers the client knows of: those it
// was given and those the cluster told it about.
func (c *Conn) clusterSize() int {
	if c.nc.ConnectedClusterName() == "" {
		return 1
	}
	seen := map[string]bool{}
	for _, s := range c.nc.Servers() {
		if u, err := url.Parse(s); err == nil {
			seen[u.Host] = true
		}
	}
	return max(len(seen), 1)
}

func (c *Conn) setup(ctx context.Context) error {
	// A cluster that is still electing its meta leader leaves requests
	// unanswered: ask again, each time with a short deadline.
	for {
		actx, cancel := context.WithTimeout(ctx, 2*time.Second)
		_, err := c.js.AccountInfo(actx)
		cancel()
		if err == nil {
			break
		}
		if errors.Is(err, jetstream.ErrJetStreamNotEnabled) || errors.Is(err, jetstream.ErrJetStreamNotEnabledForAccount) {
			return fmt.Errorf("JetStream is not enabled on the server (start nats-server with -js): %w", err)
		}
		if ctx.Err() != nil {
			return fmt.Errorf("JetStream: %w", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	replicas := c.opt.Replicas
	if replicas <= 0 {
		replicas = 1
		if c.clusterSize() >= 3 {
			replicas = 3
		}
	}
	docs := jetstream.StreamConfig{
		Name:        Stream,
		Description: "khabar: documents waiting for analysis",
		Subjects:    []string{"khabar.docs.>"},
		Retention:   jetstream.WorkQueuePolicy,
		Storage:     jetstream.FileStorage,
		Replicas:    replicas,
		Duplicates:  c.opt.DuplicateWindow,
		Discard:     jetstream.DiscardOld,
	}
	dead := jetstream.StreamConfig{
		Name:        DeadStream,
		Description: "khabar: documents that could not be processed",
		Subjects:    []string{"khabar.dead.>"},
		Retention:   jetstream.LimitsPolicy,
		Storage:     jetstream.FileStorage,
		Replicas:    replicas,
		Duplicates:  c.opt.DuplicateWindow,
	}
	for _, cfg := range []jetstream.StreamConfig{docs, dead} {
		if err := c.ensureStream(ctx, cfg); err != nil {
			return err
		}
	}
	return nil
}

// ensureStream creates a stream unless it exists; an existing stream
// keeps its configuration.
func (c *Conn) ensureStream(ctx context.Context, cfg jetstream.StreamConfig) error {
	var err error
	for attempt := 0; attempt < 20; attempt++ {
		actx, cancel := context.WithTimeout(ctx, 5*time.Second)
		if _, err = c.js.Stream(actx, cfg.Name); err == nil {
			cancel()
			return nil
		}
		if errors.Is(err, jetstream.ErrStreamNotFound) {
			_, err = c.js.CreateStream(actx, cfg)
			if err == nil || errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
				cancel()
				return nil
			}
		}
		cancel()
		// A cluster electing its meta leader answers with errors for a
		// few seconds: retry while the context allows.
		select {
		case <-ctx.Done():
			return fmt.Errorf("stream %s: %w", cfg.Name, errors.Join(err, ctx.Err()))
		case <-time.After(250 * time.Millisecond):
		}
	}
	return fmt.Errorf("stream %s: %w", cfg.Name, err)
}

func newMsg(subject string, data []byte) *nats.Msg {
	return &nats.Msg{Subject: subject, Data: data, Header: nats.Header{}}
}
