package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/khabar/khabar/store"
	"github.com/khabar/khabar/watch"
)

// watchEvery is the pause between the passes of khabar serve's watch
// service.
const watchEvery = 30 * time.Second

// startWatches runs the watches of db in the background (matching, then
// webhook deliveries) until the returned stop is called; it does
// nothing for a store that keeps no watches.
func startWatches(ctx context.Context, db store.Store, logger *slog.Logger) (stop func()) {
	ws, ok := db.(watch.Store)
	if !ok {
		return func() {}
	}
	ctx, cancel := context.WithCancel(ctx)
	svc := &watch.Service{Matcher: &watch.Matcher{Store: ws}, Deliverer: &watch.Deliverer{Store: ws},
		Every: watchEvery, Logger: logger}
	done := make(chan struct{})
	go func() {
		defer close(done)
		svc.Run(ctx)
	}()
	return func() { cancel(); <-done }
}
