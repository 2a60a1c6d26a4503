package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/khabar/khabar/store"
	"github.com/khabar/khabar/watch"
)

func watchCommands() map[string]command {
	return map[string]command{
		"add":    {"save a query as a watch (optionally with a webhook)", cmdWatchAdd, nil},
		"list":   {"list the watches with their counts of matches", cmdWatchList, nil},
		"remove": {"remove a watch and its matches", cmdWatchRemove, nil},
	}
}

func cmdWatch(ctx context.Context, e *env, args []string) error {
	return subcommand(ctx, e, args, "khabar watch", "watch command", watchCommands())
}

// watchFlags parses the flags of a watch subcommand: the store, --json
// and extra ones; the rest are its arguments.
func watchFlags(e *env, name, usage string, args []string, extra func(*flag.FlagSet)) (data, dbURL *string, asJSON *bool, rest []string, err error) {
	fs := flag.NewFlagSet("watch "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: khabar watch "+name+" "+usage)
		fs.PrintDefaults()
	}
	data = fs.String("data", defaultDataDir, "the SQLite store in `DIR`")
	dbURL = fs.String("db", "", "the PostgreSQL store at `URL` (postgres://…)")
	asJSON = fs.Bool("json", false, "print JSON")
	if extra != nil {
		extra(fs)
	}
	flags, words := splitQuery(fs, args)
	if err := fs.Parse(flags); err != nil {
		return nil, nil, nil, nil, err
	}
	return data, dbURL, asJSON, append(fs.Args(), words...), nil
}

// openWatches opens the store for writing and checks that it keeps watches.
func openWatches(ctx context.Context, data, dbURL string) (watch.Store, func(), error) {
	db, err := openDB(ctx, data, dbURL, false)
	if err != nil {
		return nil, nil, err
	}
	ws, ok := db.(watch.Store)
	if !ok {
		db.Close()
		return nil, nil, fmt.Errorf("this store keeps no watches")
	}
	return ws, func() { db.Close() }, nil
}

func watchErr(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return usagef("%v", err)
}

// cmdWatchAdd saves a watch and prints its ID and, once, its webhook secret.
func cmdWatchAdd(ctx context.Context, e *env, args []string) error {
	var webhook *string
	data, dbURL, asJSON, rest, err := watchFlags(e, "add", "[--data DIR | --db URL] [--webhook URL] [--json] NAME QUERY...", args, func(fs *flag.FlagSet) {
		webhook = fs.String("webhook", "", "POST new matches as signed JSON to `URL`")
	})
	if err != nil {
		return watchErr(err)
	}
	if len(rest) < 2 {
		return usagef("watch add needs a NAME and a QUERY")
	}
	w := store.Watch{Name: rest[0], Query: strings.Join(rest[1:], " "), Webhook: *webhook}
	if err := watch.Validate(w); err != nil {
		return usagef("%v", err)
	}
	db, done, err := openWatches(ctx, *data, *dbURL)
	if err != nil {
		return err
	}
	defer done()
	added, err := db.AddWatch(ctx, w)
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(e.stdout).Encode(watchView{Watch: *added, Secret: added.Secret})
	}
	fmt.Fprintf(e.stdout, "%s\t%s\t%s\n", added.ID, added.Name, added.Query)
	if added.Webhook != "" {
		fmt.Fprintf(e.stdout, "webhook secret (shown once; deliveries carry %s: sha256=HMAC-SHA256 of the body): %s\n", watch.SignatureHeader, added.Secret)
	}
	return nil
}

// watchView is a watch as JSON, with its secret only when it is new.
type watchView struct {
	store.Watch
	Secret string `json:"secret,omitempty"`
}

func cmdWatchList(ctx context.Context, e *env, args []string) error {
	data, dbURL, asJSON, rest, err := watchFlags(e, "list", "[--data DIR | --db URL] [--json]", args, nil)
	if err != nil {
		return watchErr(err)
	}
	if len(rest) > 0 {
		return usagef("watch list takes no arguments")
	}
	db, done, err := openWatches(ctx, *data, *dbURL)
	if err != nil {
		return err
	}
	defer done()
	ws, err := db.Watches(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		if ws == nil {
			ws = []store.Watch{}
		}
		return json.NewEncoder(e.stdout).Encode(ws)
	}
	for _, w := range ws {
		hook := ""
		if w.Webhook != "" {
			hook = fmt.Sprintf("\twebhook %s (%d undelivered)", w.Webhook, w.Undelivered)
		}
		fmt.Fprintf(e.stdout, "%s\t%s\t%s\t%d matches, %d new%s\n", w.ID, w.Name, w.Query, w.Matches, w.Unseen, hook)
	}
	return nil
}

func cmdWatchRemove(ctx context.Context, e *env, args []string) error {
	data, dbURL, _, rest, err := watchFlags(e, "remove", "[--data DIR | --db URL] ID...", args, nil)
	if err != nil {
		return watchErr(err)
	}
	if len(rest) == 0 {
		return usagef("watch remove needs a watch ID")
	}
	db, done, err := openWatches(ctx, *data, *dbURL)
	if err != nil {
		return err
	}
	defer done()
	for _, id := range rest {
		if err := db.RemoveWatch(ctx, id); errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("no watch %q", id)
		} else if err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "removed %s\n", id)
	}
	return nil
}
