package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/khabar/khabar/ingest"
	"github.com/khabar/khabar/pipeline"
	"github.com/khabar/khabar/store"
)

// feedsFile is the list of feeds inside a data directory.
const feedsFile = "feeds.json"

// Backoff after failed polls: the interval doubles with each failure in
// a row, from the poll interval (or defaultBackoff) up to maxBackoff.
const (
	defaultBackoff = 15 * time.Minute
	maxBackoff     = 24 * time.Hour
)

// feedEntry is one feed in the list, with what the poller remembers.
type feedEntry struct {
	URL   string    `json:"url"`
	Added time.Time `json:"added"`
	ingest.FeedState
	LastPoll  time.Time `json:"last_poll,omitzero"`
	LastOK    time.Time `json:"last_ok,omitzero"`
	NextPoll  time.Time `json:"next_poll,omitzero"` // not polled before this time (backoff)
	Failures  int       `json:"failures,omitempty"` // failed polls in a row
	LastError string    `json:"last_error,omitempty"`
	Stored    int       `json:"stored"` // items stored from this feed, all polls together
}

// feedList is the content of feeds.json.
type feedList struct {
	Feeds []*feedEntry `json:"feeds"`
}

func (l *feedList) find(u string) *feedEntry {
	for _, f := range l.Feeds {
		if f.URL == u {
			return f
		}
	}
	return nil
}

// loadFeeds reads the feed list of data directory dir; a missing file is
// an empty list.
func loadFeeds(dir string) (*feedList, error) {
	path := filepath.Join(dir, feedsFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return &feedList{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("feed list: %w", err)
	}
	var l feedList
	if err := json.Unmarshal(b, &l); err != nil {
		return nil, fmt.Errorf("feed list %s: %w", path, err)
	}
	l.Feeds = slices.DeleteFunc(l.Feeds, func(f *feedEntry) bool { return f == nil || f.URL == "" })
	return &l, nil
}

// saveFeeds writes the list atomically (a temporary file renamed over it).
func saveFeeds(dir string, l *feedList) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("feed list: %w", err)
	}
	b, err := json.MarshalIndent(l, "", "  ")
	if err != nil {
		return fmt.Errorf("feed list: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".feeds-*.json")
	if err != nil {
		return fmt.Errorf("feed list: %w", err)
	}
	_, werr := tmp.Write(append(b, '\n'))
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("feed list: %w", err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, feedsFile)); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("feed list: %w", err)
	}
	return nil
}

// updateFeed re-reads the list, applies fn to the entry of u (if it is
// still listed) and writes the list back, so that feeds added or removed
// while a poller runs are kept.
func updateFeed(dir, u string, fn func(*feedEntry)) error {
	l, err := loadFeeds(dir)
	if err != nil {
		return err
	}
	f := l.find(u)
	if f == nil {
		return nil
	}
	fn(f)
	return saveFeeds(dir, l)
}

// cmdFeeds manages the feed list and polls it.
func cmdFeeds(ctx context.Context, e *env, args []string) error {
	return subcommand(ctx, e, args, "khabar feeds", "feeds command", feedsCommands())
}

func feedsCommands() map[string]command {
	return map[string]command{
		"add":    {"add feeds to the list", cmdFeedsAdd, nil},
		"list":   {"list the feeds with their state", cmdFeedsList, nil},
		"remove": {"remove feeds from the list", cmdFeedsRemove, nil},
		"poll":   {"poll the feeds once, or every interval, and store new items", cmdFeedsPoll, nil},
	}
}

// feedFlags parses the flags every feeds subcommand shares.
func feedFlags(e *env, name, usage string, args []string, extra func(*flag.FlagSet)) (dir string, rest []string, err error) {
	fs := flag.NewFlagSet("feeds "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: khabar feeds "+name+" "+usage)
		fs.PrintDefaults()
	}
	data := fs.String("data", defaultDataDir, "data directory holding the store and the feed list")
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args); err != nil {
		return "", nil, err
	}
	return *data, fs.Args(), nil
}

func flagErr(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return usagef("%v", err)
}

// checkFeedURL accepts absolute http and https URLs.
func checkFeedURL(s string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return "", fmt.Errorf("bad feed URL %q: %v", s, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("bad feed URL %q: want an http:// or https:// URL", s)
	}
	return u.String(), nil
}

func cmdFeedsAdd(_ context.Context, e *env, args []string) error {
	dir, urls, err := feedFlags(e, "add", "[--data DIR] URL...", args, nil)
	if err != nil {
		return flagErr(err)
	}
	if len(urls) == 0 {
		return usagef("feeds add needs at least one feed URL")
	}
	var clean []string
	for _, s := range urls {
		u, err := checkFeedURL(s)
		if err != nil {
			return usagef("%v", err)
		}
		clean = append(clean, u)
	}
	l, err := loadFeeds(dir)
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	for _, u := range clean {
		if l.find(u) != nil {
			fmt.Fprintf(e.stdout, "already listed: %s\n", u)
			continue
		}
		l.Feeds = append(l.Feeds, &feedEntry{URL: u, Added: now})
		fmt.Fprintf(e.stdout, "added: %s\n", u)
	}
	return saveFeeds(dir, l)
}

func cmdFeedsRemove(_ context.Context, e *env, args []string) error {
	dir, urls, err := feedFlags(e, "remove", "[--data DIR] URL...", args, nil)
	if err != nil {
		return flagErr(err)
	}
	if len(urls) == 0 {
		return usagef("feeds remove needs at least one feed URL")
	}
	l, err := loadFeeds(dir)
	if err != nil {
		return err
	}
	var missing []string
	for _, s := range urls {
		u := strings.TrimSpace(s)
		if c, err := checkFeedURL(u); err == nil {
			u = c
		}
		n := len(l.Feeds)
		l.Feeds = slices.DeleteFunc(l.Feeds, func(f *feedEntry) bool { return f.URL == u })
		if len(l.Feeds) == n {
			missing = append(missing, s)
			continue
		}
		fmt.Fprintf(e.stdout, "removed: %s\n", u)
	}
	if err := saveFeeds(dir, l); err != nil {
		return err
	}
	if len(missing) > 0 {
		return fmt.Errorf("not listed: %s", strings.Join(missing, ", "))
	}
	return nil
}

func cmdFeedsList(_ context.Context, e *env, args []string) error {
	var jsonOut bool
	dir, rest, err := feedFlags(e, "list", "[--data DIR] [--json]", args, func(fs *flag.FlagSet) {
		fs.BoolVar(&jsonOut, "json", false, "print the list as JSON")
	})
	if err != nil {
		return flagErr(err)
	}
	if len(rest) > 0 {
		return usagef("feeds list takes no arguments")
	}
	l, err := loadFeeds(dir)
	if err != nil {
		return err
	}
	if jsonOut {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(l)
	}
	if len(l.Feeds) == 0 {
		fmt.Fprintln(e.stdout, "no feeds (add one with: khabar feeds add URL)")
		return nil
	}
	for _, f := range l.Feeds {
		status := "never polled"
		switch {
		case f.Failures > 0:
			status = fmt.Sprintf("failing (%d in a row, next try %s): %s", f.Failures, f.NextPoll.Format(time.RFC3339), f.LastError)
		case !f.LastOK.IsZero():
			status = "ok " + f.LastOK.Format(time.RFC3339)
		}
		fmt.Fprintf(e.stdout, "%s\t%d stored\t%s\n", f.URL, f.Stored, status)
	}
	return nil
}

// poller polls feeds and stores their new items.
type poller struct {
	dir    string
	db     store.Store
	p      *pipeline.Pipeline
	client *http.Client
	every  time.Duration // poll interval; 0 for a single poll
	out    io.Writer
	now    func() time.Time
}

// feedResult is the outcome of polling one feed.
type feedResult struct {
	notModified bool
	items       int
	stored      int
	known       int // already in the store
	skipped     int // bad items, failed analyses
	err         error
}

func cmdFeedsPoll(ctx context.Context, e *env, args []string) error {
	var every string
	var dbURL string
	dir, rest, err := feedFlags(e, "poll", "[--data DIR] [--db URL] [--every 15m]", args, func(fs *flag.FlagSet) {
		fs.StringVar(&every, "every", "", "poll again at this interval until interrupted (e.g. 15m); default: poll once")
		fs.StringVar(&dbURL, "db", "", "PostgreSQL `URL` of the store; default: the SQLite store in --data")
	})
	if err != nil {
		return flagErr(err)
	}
	if len(rest) > 0 {
		return usagef("feeds poll takes no arguments")
	}
	var interval time.Duration
	if every != "" {
		if interval, err = parseAge(every); err != nil || interval < time.Minute {
			return usagef("--every: want an interval of at least 1m, e.g. 15m")
		}
	}
	l, err := loadFeeds(dir)
	if err != nil {
		return err
	}
	if len(l.Feeds) == 0 {
		return fmt.Errorf("no feeds in %s (add one with: khabar feeds add --data %s URL)", dir, dir)
	}
	db, err := openDB(ctx, dir, dbURL, false)
	if err != nil {
		return err
	}
	defer db.Close()
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		return err
	}
	pl := &poller{dir: dir, db: db, p: p, client: ingest.NewFeedClient(), every: interval, out: e.stdout, now: time.Now}
	if interval == 0 {
		failed, total, err := pl.round(ctx)
		if err != nil {
			return err
		}
		if total == 0 {
			fmt.Fprintf(e.stdout, "no feed due: all are backing off after errors (see khabar feeds list)\n")
		}
		if failed > 0 {
			return fmt.Errorf("%d of %d feeds failed", failed, total)
		}
		return nil
	}
	for {
		if _, _, err := pl.round(ctx); err != nil {
			if ctx.Err() != nil {
				return nil // interrupted: a normal end of a polling loop
			}
			return err
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(pl.untilNext()):
		}
	}
}

// untilNext returns how long to sleep before the next feed is due: at
// most the interval, at least a second.
func (pl *poller) untilNext() time.Duration {
	wait := pl.every
	if l, err := loadFeeds(pl.dir); err == nil {
		now := pl.now()
		for _, f := range l.Feeds {
			if d := f.NextPoll.Sub(now); d < wait {
				wait = d
			}
		}
	}
	return max(wait, time.Second)
}

// round polls every feed that is due. It returns the number of feeds
// polled and failed; err is set only when the store or the feed list
// fails, or ctx is done.
func (pl *poller) round(ctx context.Context) (failed, polled int, err error) {
	l, err := loadFeeds(pl.dir)
	if err != nil {
		return 0, 0, err
	}
	for _, f := range l.Feeds {
		if err := ctx.Err(); err != nil {
			return failed, polled, err
		}
		now := pl.now().UTC()
		if now.Before(f.NextPoll) {
			continue
		}
		polled++
		r, st := pl.pollFeed(ctx, f)
		if ctx.Err() != nil {
			return failed, polled, ctx.Err() // do not count an interruption as a failure
		}
		var fatal error
		if r.err != nil && errors.Is(r.err, errStore) {
			fatal = r.err
		}
		if err := updateFeed(pl.dir, f.URL, func(fe *feedEntry) {
			fe.LastPoll = now
			fe.Stored += r.stored
			if r.err != nil {
				fe.Failures++
				fe.LastError = r.err.Error()
				fe.NextPoll = now.Add(pl.backoff(fe.Failures))
				return
			}
			fe.FeedState = st
			fe.Failures, fe.LastError, fe.LastOK = 0, "", now
			fe.NextPoll = now.Add(pl.every)
		}); err != nil {
			return failed, polled, err
		}
		pl.report(f.URL, r)
		if r.err != nil {
			failed++
		}
		if fatal != nil {
			return failed, polled, fatal
		}
	}
	return failed, polled, nil
}

// backoff is the wait after n failed polls in a row.
func (pl *poller) backoff(n int) time.Duration {
	d := pl.every
	if d <= 0 {
		d = defaultBackoff
	}
	for i := 1; i < n && d < maxBackoff; i++ {
		d *= 2
	}
	return min(d, maxBackoff)
}

func (pl *poller) report(u string, r feedResult) {
	switch {
	case r.err != nil:
		fmt.Fprintf(pl.out, "%s: error: %v\n", u, r.err)
	case r.notModified:
		fmt.Fprintf(pl.out, "%s: not modified\n", u)
	default:
		fmt.Fprintf(pl.out, "%s: %d items, %d new stored, %d already stored, %d skipped\n", u, r.items, r.stored, r.known, r.skipped)
	}
}

// errStore marks failures of the store, which stop a poll.
var errStore = errors.New("store")

// pollFeed fetches one feed and stores its new items.
func (pl *poller) pollFeed(ctx context.Context, f *feedEntry) (feedResult, ingest.FeedState) {
	var r feedResult
	items, st, err := ingest.FetchFeed(ctx, pl.client, f.URL, f.FeedState, ingest.Options{})
	if errors.Is(err, ingest.ErrNotModified) {
		r.notModified = true
		return r, f.FeedState
	}
	if err != nil {
		r.err = err
		return r, f.FeedState
	}
	r.items = len(items)
	var docs []store.Document
	for _, it := range items {
		if it.Err != nil {
			r.skipped++
			continue
		}
		if it.Doc.URL != "" {
			if _, err := pl.db.Lookup(ctx, it.Doc.URL); err == nil {
				r.known++
				continue
			} else if !errors.Is(err, store.ErrNotFound) {
				r.err = fmt.Errorf("%w: %w", errStore, err)
				return r, f.FeedState
			}
		}
		a, err := pl.p.Analyze(ctx, it.Doc)
		if err != nil {
			if ctx.Err() != nil {
				r.err = ctx.Err()
				return r, f.FeedState
			}
			r.skipped++
			continue
		}
		d := toStoreDoc(it.Doc, a)
		if err := store.Validate(&d); err != nil {
			r.skipped++
			continue
		}
		docs = append(docs, d)
	}
	if len(docs) > 0 {
		res, err := pl.db.Put(ctx, docs)
		if err != nil {
			r.err = fmt.Errorf("%w: %w", errStore, err)
			return r, f.FeedState // state unchanged: the items are fetched again next time
		}
		for _, pr := range res {
			if pr.Status == store.Stored {
				r.stored++
			} else {
				r.known++
			}
		}
	}
	return r, st
}
