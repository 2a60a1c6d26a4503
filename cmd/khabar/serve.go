package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/khabar/khabar/pipeline"
	"github.com/khabar/khabar/postgres"
	"github.com/khabar/khabar/server"
)

func cmdServe(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: khabar serve [--data DIR | --db URL [--write-db URL]] [--addr HOST:PORT] [--token-file FILE] [--protect-reads] [flags]")
		fs.PrintDefaults()
	}
	data := fs.String("data", defaultDataDir, "data `directory` of the SQLite store")
	dbURL := fs.String("db", "", "PostgreSQL `URL` (postgres://…) of the store, or of a read replica (hot standby); default: the SQLite store in --data")
	writeURL := fs.String("write-db", "", "PostgreSQL `URL` of the primary that takes the writes and watches when --db is a read replica")
	dbRetry := fs.Duration("db-retry", postgres.DefaultRetryFor, "how long a PostgreSQL call keeps trying while the server cannot be reached before the request answers 503 (`duration`)")
	addr := fs.String("addr", "127.0.0.1:8080", "listen `address`")
	tokenFile := fs.String("token-file", "", "`file` holding the API token for writes (else $KHABAR_TOKEN; none disables writes)")
	protect := fs.Bool("protect-reads", false, "require the token for reads and the UI too")
	cors := fs.String("cors", "", "comma-separated `origins` allowed to call the API from browsers (* for any)")
	maxBody := fs.Int64("max-body", server.DefaultMaxBody, "request body limit in `bytes` (a larger body gets 413)")
	maxAnalyses := fs.Int("max-analyses", runtime.NumCPU(), "analyses run at once (`n`); /v1/analyze answers 503 with Retry-After beyond them")
	analyzeTimeout := fs.Duration("analyze-timeout", server.DefaultAnalyzeTimeout, "time budget of one analysis (`duration`); /v1/analyze answers 504 beyond it")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return usageError{err.Error()}
	}
	if fs.NArg() != 0 {
		return usagef("unexpected arguments %q", fs.Args())
	}
	switch {
	case *maxBody <= 0:
		return usagef("--max-body %d: want a positive number of bytes", *maxBody)
	case *maxAnalyses <= 0:
		return usagef("--max-analyses %d: want at least 1", *maxAnalyses)
	case *analyzeTimeout <= 0:
		return usagef("--analyze-timeout %v: want a positive duration such as 10s", *analyzeTimeout)
	case *dbRetry <= 0:
		return usagef("--db-retry %v: want a positive duration such as 15s", *dbRetry)
	}
	token := os.Getenv("KHABAR_TOKEN")
	if *tokenFile != "" {
		b, err := os.ReadFile(*tokenFile)
		if err != nil {
			return fmt.Errorf("token file: %w", err)
		}
		token = strings.TrimSpace(string(b))
		if token == "" {
			return fmt.Errorf("token file %s is empty", *tokenFile)
		}
	}
	sdb, err := openServeDB(ctx, e.stderr, *data, *dbURL, *writeURL, *dbRetry)
	if err != nil {
		return err
	}
	db := sdb.store
	defer db.Close()
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		return err
	}
	var origins []string
	for _, o := range strings.Split(*cors, ",") {
		if o = strings.TrimSpace(o); o != "" {
			origins = append(origins, o)
		}
	}
	logger := slog.New(slog.NewTextHandler(e.stderr, nil))
	h, err := server.New(server.Config{Store: db, Analyzer: p, Token: token, ProtectReads: *protect,
		MaxBody: *maxBody, MaxAnalyses: *maxAnalyses, AnalyzeTimeout: *analyzeTimeout, CORSOrigins: origins, Logger: logger})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	// A response is written after its analysis, so the write timeout
	// leaves room for the whole budget.
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute,
		WriteTimeout: max(2*time.Minute, *analyzeTimeout+time.Minute), IdleTimeout: 2 * time.Minute}
	writes := "disabled (no token)"
	if token != "" {
		writes = "enabled (token required)"
	}
	fmt.Fprintf(e.stderr, "khabar: serving %s on http://%s (writes %s; at most %d analyses at once, %v each, bodies up to %d bytes)\n",
		*data, ln.Addr(), writes, *maxAnalyses, *analyzeTimeout, *maxBody)
	// The SQLite store answers faster once its search index and the
	// postings of frequent words are in memory (seconds on a large
	// store): they load in the background while the server already
	// answers (a search before that loads what it needs itself).
	warmCtx, stopWarm := context.WithCancel(ctx)
	warmed := make(chan struct{})
	go func() {
		defer close(warmed)
		w, ok := db.(interface{ Warm(context.Context) error })
		if !ok {
			return
		}
		start := time.Now()
		if err := w.Warm(warmCtx); err != nil {
			if warmCtx.Err() == nil {
				logger.Warn("warming the search index failed; searches load it as they need it", "err", err)
			}
			return
		}
		logger.Info("search index warm", "took", time.Since(start).Round(time.Millisecond))
	}()
	defer func() { stopWarm(); <-warmed }() // before db.Close
	stopWatches := func() {}
	if sdb.watches != nil {
		stopWatches = startWatches(ctx, sdb.watches, logger) // watches: matching and webhooks in the background
	}
	defer stopWatches() // before db.Close
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	fmt.Fprintln(e.stderr, "khabar: shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}
