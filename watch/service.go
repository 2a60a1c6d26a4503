package watch

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/khabar/khabar/store"
)

// Service matches watches and delivers their webhooks in the
// background, apart from ingest: a Put never waits for it, and a slow
// or unreachable webhook delays only its own watch's deliveries.
type Service struct {
	Matcher   *Matcher
	Deliverer *Deliverer
	// Every is the pause between passes; 0 means 30 s.
	Every time.Duration
	// Backoff spaces the tries of a failing webhook; zero means 5 s
	// doubling up to 10 min.
	Backoff Backoff
	Logger  *slog.Logger // nil: slog.Default()

	mu       sync.Mutex
	inFlight map[string]bool
	failures map[string]int
	next     map[string]time.Time
	wg       sync.WaitGroup
}

// Run makes a pass every Every until ctx ends, then waits for the
// deliveries in flight (they end with ctx) and returns.
func (s *Service) Run(ctx context.Context) {
	every := s.Every
	if every <= 0 {
		every = 30 * time.Second
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		s.Pass(ctx)
		select {
		case <-ctx.Done():
			s.wg.Wait()
			return
		case <-t.C:
		}
	}
}

// Pass matches every watch once and starts the webhook deliveries that
// are due, each in a goroutine of its own.
func (s *Service) Pass(ctx context.Context) {
	log := s.Logger
	if log == nil {
		log = slog.Default()
	}
	if _, err := s.Matcher.Run(ctx); err != nil && ctx.Err() == nil {
		log.Warn("watch: matching", "err", err)
	}
	if s.Deliverer == nil {
		return
	}
	ws, err := s.Matcher.Store.Watches(ctx)
	if err != nil {
		if ctx.Err() == nil {
			log.Warn("watch: listing watches", "err", err)
		}
		return
	}
	b := s.Backoff
	if b.Min <= 0 {
		b.Min = 5 * time.Second
	}
	if b.Max <= 0 {
		b.Max = 10 * time.Minute
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.inFlight == nil {
		s.inFlight, s.failures, s.next = map[string]bool{}, map[string]int{}, map[string]time.Time{}
	}
	now := time.Now()
	for _, w := range ws {
		if w.Webhook == "" || w.Undelivered == 0 || s.inFlight[w.ID] || now.Before(s.next[w.ID]) {
			continue
		}
		s.inFlight[w.ID] = true
		s.wg.Add(1)
		go func(w store.Watch) {
			defer s.wg.Done()
			n, err := s.Deliverer.Deliver(ctx, w)
			s.mu.Lock()
			defer s.mu.Unlock()
			delete(s.inFlight, w.ID)
			if err != nil {
				s.failures[w.ID]++
				s.next[w.ID] = time.Now().Add(b.Delay(s.failures[w.ID]))
				if ctx.Err() == nil {
					log.Warn("watch: webhook", "watch", w.ID, "delivered", n, "failures", s.failures[w.ID], "err", err)
				}
				return
			}
			delete(s.failures, w.ID)
			delete(s.next, w.ID)
		}(w)
	}
}

// Wait waits for the deliveries in flight.
func (s *Service) Wait() { s.wg.Wait() }
