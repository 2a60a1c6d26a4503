package queue

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/pipeline"
	"github.com/khabar/khabar/store"
)

// Putter stores analyzed documents idempotently; every store.Store is one.
type Putter interface {
	Put(ctx context.Context, docs []store.Document) ([]store.PutResult, error)
}

// WorkerOptions configures a Worker. The consumer settings (AckWait,
// MaxAckPending) are shared by all workers: the last one to start sets
// them.
type WorkerOptions struct {
	// Concurrency is the number of documents analyzed at once; 0 means
	// GOMAXPROCS.
	Concurrency int
	// Batch is the most documents stored in one transaction; 0 means 64.
	Batch int
	// FlushEvery stores a partial batch this long after its first
	// document; 0 means 200ms.
	FlushEvery time.Duration
	// MaxDeliver is the number of attempts after which a failing
	// document goes to the dead-letter stream; 0 means 5.
	MaxDeliver int
	// Backoff is the delay before the second attempt, doubled for each
	// further one (at most a minute); 0 means 1s.
	Backoff time.Duration
	// AckWait is how long the server waits for an acknowledgement before
	// it redelivers; a worker extends it (InProgress) while it is busy
	// with a message. 0 means 30s.
	AckWait time.Duration
	// MaxAckPending bounds the unacknowledged messages of all workers
	// together; 0 means 1024.
	MaxAckPending int
	// DrainTimeout bounds the work on in-flight documents once the
	// context of Run is done; what is unfinished then is redelivered to
	// another worker. 0 means 30s.
	DrainTimeout time.Duration
	// Log receives progress (every ProgressEvery), failures and dead
	// letters; nil discards them.
	Log *slog.Logger
	// ProgressEvery; 0 means 10s.
	ProgressEvery time.Duration
	// Permanent reports errors that retrying cannot fix: their document
	// goes to the dead-letter stream at once. nil means IsPermanent.
	Permanent func(error) bool
}

// IsPermanent reports errors that no retry can fix: a message that is
// not a document, a document too large or not storable.
func IsPermanent(err error) bool {
	return errors.Is(err, ErrBadMessage) || errors.Is(err, pipeline.ErrTooLarge) || errors.Is(err, store.ErrInvalid)
}

func (o *WorkerOptions) defaults() {
	if o.Concurrency <= 0 {
		o.Concurrency = runtime.GOMAXPROCS(0)
	}
	if o.Batch <= 0 {
		o.Batch = 64
	}
	if o.FlushEvery <= 0 {
		o.FlushEvery = 200 * time.Millisecond
	}
	if o.MaxDeliver <= 0 {
		o.MaxDeliver = 5
	}
	if o.Backoff <= 0 {
		o.Backoff = time.Second
	}
	if o.AckWait <= 0 {
		o.AckWait = 30 * time.Second
	}
	if o.MaxAckPending <= 0 {
		o.MaxAckPending = 1024
	}
	if o.DrainTimeout <= 0 {
		o.DrainTimeout = 30 * time.Second
	}
	if o.Log == nil {
		o.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if o.ProgressEvery <= 0 {
		o.ProgressEvery = 10 * time.Second
	}
	if o.Permanent == nil {
		o.Permanent = IsPermanent
	}
}

// WorkerStats counts a worker's work.
type WorkerStats struct {
	Stored     int64 `json:"stored"`      // newly stored documents
	Duplicates int64 `json:"duplicates"`  // already stored (a redelivery or a copy)
	Retried    int64 `json:"retried"`     // failed attempts handed back for a retry
	Dead       int64 `json:"dead"`        // moved to the dead-letter stream
	StoreFails int64 `json:"store_fails"` // failed store transactions (retried)
}

// Worker pulls documents from the stream, analyzes and stores them.
type Worker struct {
	c   *Conn
	a   khabar.DocumentAnalyzer
	db  Putter
	opt WorkerOptions
	log *slog.Logger

	stored, duplicates, retried, dead, storeFails atomic.Int64

	mu       sync.Mutex
	inflight map[jetstream.Msg]time.Time // message → last time its deadline was extended
}

// NewWorker returns a worker that analyzes with a and stores into db.
func NewWorker(c *Conn, a khabar.DocumentAnalyzer, db Putter, opt WorkerOptions) *Worker {
	opt.defaults()
	return &Worker{c: c, a: a, db: db, opt: opt, log: opt.Log, inflight: map[jetstream.Msg]time.Time{}}
}

// Stats returns the worker's counts so far.
func (w *Worker) Stats() WorkerStats {
	return WorkerStats{Stored: w.stored.Load(), Duplicates: w.duplicates.Load(), Retried: w.retried.Load(),
		Dead: w.dead.Load(), StoreFails: w.storeFails.Load()}
}

// ConsumerConfig is the configuration of the workers' durable consumer.
func ConsumerConfig(opt WorkerOptions) jetstream.ConsumerConfig {
	opt.defaults()
	return jetstream.ConsumerConfig{
		Durable:       Durable,
		Description:   "khabar workers",
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       opt.AckWait,
		MaxAckPending: opt.MaxAckPending,
		// Attempts are counted by the workers, which dead-letter a
		// message themselves; the server never drops one silently.
		MaxDeliver: -1,
	}
}

// result is one analyzed (or failed) message.
type result struct {
	msg jetstream.Msg
	doc store.Document
	err error
}

// Run processes documents until ctx is done, then drains: it stops
// fetching, finishes the documents in flight (for at most DrainTimeout),
// stores and acknowledges them and returns nil. It returns an error only
// when it cannot start.
func (w *Worker) Run(ctx context.Context) error {
	cons, err := w.c.js.CreateOrUpdateConsumer(ctx, Stream, ConsumerConfig(w.opt))
	if err != nil {
		return fmt.Errorf("queue: consumer %s on %s: %w", Durable, Stream, err)
	}
	// Work goes on after ctx is done, until drained or DrainTimeout.
	work, cancelWork := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelWork()
	stopDrain := context.AfterFunc(ctx, func() {
		w.log.Info("draining", "timeout", w.opt.DrainTimeout)
		t := time.AfterFunc(w.opt.DrainTimeout, cancelWork)
		context.AfterFunc(work, func() { t.Stop() })
	})
	defer stopDrain()

	jobs := make(chan jetstream.Msg, w.opt.Concurrency)
	results := make(chan result, w.opt.Concurrency)
	slots := make(chan struct{}, w.opt.Concurrency)
	go w.fetch(ctx, cons, slots, jobs)
	var wg sync.WaitGroup
	for range w.opt.Concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for m := range jobs {
				results <- w.analyze(work, m)
				<-slots
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()
	go w.keepAlive(work)
	go w.progress(ctx, cons)
	w.commit(work, results)
	s := w.Stats()
	w.log.Info("stopped", "stored", s.Stored, "duplicates", s.Duplicates, "retried", s.Retried, "dead", s.Dead)
	return nil
}

// fetch pulls messages while ctx is not done, never more than there are
// free analyzers (slots), so that a busy worker holds no messages
// another could take, and hands them to jobs, which it closes when it
// stops.
func (w *Worker) fetch(ctx context.Context, cons jetstream.Consumer, slots chan struct{}, jobs chan<- jetstream.Msg) {
	defer close(jobs)
	for {
		select {
		case <-ctx.Done():
			return
		case slots <- struct{}{}:
		}
		n := 1
		for n < cap(slots) {
			select {
			case slots <- struct{}{}:
				n++
				continue
			default:
			}
			break
		}
		got := 0
		batch, err := cons.Fetch(n, jetstream.FetchMaxWait(time.Second))
		if err == nil {
			for m := range batch.Messages() {
				w.track(m)
				got++
				jobs <- m // handed on even when ctx is done: it is in flight
			}
			err = batch.Error()
		}
		for ; got < n; got++ {
			<-slots
		}
		if err != nil && !errors.Is(err, jetstream.ErrNoMessages) && !errors.Is(err, context.DeadlineExceeded) {
			w.log.Warn("fetch failed", "err", err)
			select {
			case <-ctx.Done():
			case <-time.After(250 * time.Millisecond):
			}
		}
	}
}

// analyze decodes, analyzes and validates one message.
func (w *Worker) analyze(ctx context.Context, m jetstream.Msg) result {
	md, err := m.Metadata()
	if err != nil {
		return result{msg: m, err: fmt.Errorf("%w: %v", ErrBadMessage, err)}
	}
	if int(md.NumDelivered) > w.opt.MaxDeliver {
		// The earlier attempts never reported back: they crashed or hung.
		return result{msg: m, err: fmt.Errorf("gave up after %d deliveries without an outcome", md.NumDelivered-1)}
	}
	doc, err := Decode(m.Data())
	if err != nil {
		return result{msg: m, err: err}
	}
	a, err := w.a.Analyze(ctx, doc)
	if err != nil {
		return result{msg: m, err: err}
	}
	d := storeDoc(doc, a)
	if err := store.Validate(&d); err != nil {
		return result{msg: m, err: fmt.Errorf("%s: %w", ID(doc), err)}
	}
	return result{msg: m, doc: d}
}

// storeDoc makes the store's document of an analyzed one.
func storeDoc(doc khabar.RawDocument, a *khabar.Analysis) store.Document {
	if a.Published == "" && !doc.Date.IsZero() {
		a.Published = doc.Date.Format("2006-01-02")
	}
	d := store.Document{URL: doc.URL, Source: doc.Source, Author: doc.Author, Title: doc.Title,
		ContentType: doc.ContentType, Analysis: a}
	if doc.ContentType == "text/html" {
		d.Raw = doc.Body
	}
	return d
}

// commit batches the analyzed documents into store transactions and
// acknowledges each message once its document is committed.
func (w *Worker) commit(ctx context.Context, results <-chan result) {
	var batch []result
	tick := time.NewTicker(w.opt.FlushEvery / 2)
	defer tick.Stop()
	var first time.Time
	for {
		select {
		case r, ok := <-results:
			if !ok {
				w.flush(ctx, batch)
				return
			}
			if r.err != nil {
				w.fail(ctx, r.msg, r.err)
				continue
			}
			if len(batch) == 0 {
				first = time.Now()
			}
			batch = append(batch, r)
			if len(batch) >= w.opt.Batch {
				w.flush(ctx, batch)
				batch = batch[:0]
			}
		case <-tick.C:
			if len(batch) > 0 && time.Since(first) >= w.opt.FlushEvery {
				w.flush(ctx, batch)
				batch = batch[:0]
			}
		}
	}
}

// flush stores batch and acknowledges its messages. A store that fails
// is retried with back-off (the messages' deadlines are extended
// meanwhile); after three failures the documents are stored one by one
// so that one bad document cannot hold the others back.
func (w *Worker) flush(ctx context.Context, batch []result) {
	if len(batch) == 0 {
		return
	}
	docs := make([]store.Document, len(batch))
	for i, r := range batch {
		docs[i] = r.doc
	}
	wait := 100 * time.Millisecond
	for attempt := 1; ; attempt++ {
		res, err := w.db.Put(ctx, docs)
		if err == nil {
			for i, r := range batch {
				w.countPut(res[i])
				w.ack(r.msg)
			}
			return
		}
		w.storeFails.Add(1)
		w.log.Warn("store failed", "documents", len(docs), "attempt", attempt, "err", err)
		if ctx.Err() != nil {
			for _, r := range batch {
				w.handBack(r.msg)
			}
			return
		}
		if attempt >= 3 {
			break
		}
		select {
		case <-ctx.Done():
		case <-time.After(wait):
		}
		wait *= 4
	}
	for _, r := range batch {
		res, err := w.db.Put(ctx, []store.Document{r.doc})
		if err != nil {
			w.fail(ctx, r.msg, err)
			continue
		}
		w.countPut(res[0])
		w.ack(r.msg)
	}
}

func (w *Worker) countPut(r store.PutResult) {
	if r.Status == store.Stored {
		w.stored.Add(1)
	} else {
		w.duplicates.Add(1)
	}
}

// ack acknowledges a message whose document is stored. A lost ack only
// means a redelivery, which the store reports as a duplicate.
func (w *Worker) ack(m jetstream.Msg) {
	w.untrack(m)
	if err := m.Ack(); err != nil {
		w.log.Warn("ack failed (the document will come back as a duplicate)", "err", err)
	}
}

// handBack returns an unfinished message for another worker at once.
func (w *Worker) handBack(m jetstream.Msg) {
	w.untrack(m)
	_ = m.Nak()
}

// fail handles a failed attempt: a retry later, or the dead-letter stream
// when the error is permanent or the attempts are spent.
func (w *Worker) fail(ctx context.Context, m jetstream.Msg, err error) {
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		w.handBack(m) // interrupted by the drain deadline: not the document's fault
		return
	}
	var n uint64 = 1
	if md, merr := m.Metadata(); merr == nil {
		n = md.NumDelivered
	}
	if !w.opt.Permanent(err) && int(n) < w.opt.MaxDeliver {
		w.retried.Add(1)
		delay := time.Minute
		if n <= 16 {
			delay = min(w.opt.Backoff<<(n-1), time.Minute)
		}
		w.log.Info("attempt failed, will retry", "attempt", n, "delay", delay, "err", err)
		w.untrack(m)
		_ = m.NakWithDelay(delay)
		return
	}
	if derr := w.deadLetter(ctx, m, n, err); derr != nil {
		w.log.Error("dead letter failed; message handed back", "err", derr)
		w.handBack(m)
		return
	}
	w.dead.Add(1)
	w.log.Warn("dead letter", "attempts", n, "err", err)
	w.ack(m)
}

// deadLetter publishes m to the dead-letter stream with err in a header.
func (w *Worker) deadLetter(ctx context.Context, m jetstream.Msg, attempts uint64, cause error) error {
	out := newMsg(DeadSubject, m.Data())
	for k, v := range m.Headers() {
		out.Header[k] = v
	}
	msg := cause.Error()
	if len(msg) > 2048 {
		msg = msg[:2048]
	}
	out.Header.Set(HeaderError, sanitizeHeader(msg))
	out.Header.Set(HeaderDeliveries, strconv.FormatUint(attempts, 10))
	if md, err := m.Metadata(); err == nil {
		out.Header.Set(HeaderStreamSeq, strconv.FormatUint(md.Sequence.Stream, 10))
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	_, err := w.c.js.PublishMsg(ctx, out)
	return err
}

// sanitizeHeader keeps a header value on one line.
func sanitizeHeader(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == '\r' || c == '\n' {
			b[i] = ' '
		}
	}
	return string(b)
}

func (w *Worker) track(m jetstream.Msg) {
	w.mu.Lock()
	w.inflight[m] = time.Now()
	w.mu.Unlock()
}

func (w *Worker) untrack(m jetstream.Msg) {
	w.mu.Lock()
	delete(w.inflight, m)
	w.mu.Unlock()
}

// keepAlive extends the ack deadline of messages in flight for long, so
// that slow documents are not redelivered to another worker.
func (w *Worker) keepAlive(ctx context.Context) {
	every := w.opt.AckWait / 3
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			w.mu.Lock()
			for m, last := range w.inflight {
				if now.Sub(last) >= every {
					_ = m.InProgress()
					w.inflight[m] = now
				}
			}
			w.mu.Unlock()
		}
	}
}

// progress logs the worker's counts and the consumer's lag.
func (w *Worker) progress(ctx context.Context, cons jetstream.Consumer) {
	t := time.NewTicker(w.opt.ProgressEvery)
	defer t.Stop()
	start := time.Now()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		s := w.Stats()
		attrs := []any{"stored", s.Stored, "duplicates", s.Duplicates, "retried", s.Retried, "dead", s.Dead,
			"rate", fmt.Sprintf("%.1f/s", float64(s.Stored+s.Duplicates)/time.Since(start).Seconds())}
		ictx, cancel := context.WithTimeout(ctx, 2*time.Second)
		if info, err := cons.Info(ictx); err == nil {
			attrs = append(attrs, "lag", info.NumPending, "ack_pending", info.NumAckPending, "redelivered", info.NumRedelivered)
		}
		cancel()
		w.log.Info("progress", attrs...)
	}
}
