package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/event"
	"github.com/khabar/khabar/internal/jsonerr"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// exportUsage is the usage line of export plover.
const exportUsage = "khabar export plover [FILE|-]... | khabar export plover (--data DIR | --db URL) [--query QUERY] [--copies] [--max N]"

// cmdExportPlover writes the events of analyses as PLOVER JSONL. It
// reads Analysis JSON (as khabar analyze prints it, one document or a
// stream of them) from files or stdin, or, given --data, --db or
// --query, the documents of a store: those matching the query, or every
// document with an event. Near-duplicate copies are left out unless
// --copies is given, so that a wire story's events count once.
func cmdExportPlover(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("export plover", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: "+exportUsage)
		fmt.Fprintln(e.stderr, "Analysis JSON in (files or stdin), or the documents of a store; PLOVER JSONL out.")
		fs.PrintDefaults()
	}
	data := fs.String("data", defaultDataDir, "export from the SQLite store in `DIR`")
	dbURL := fs.String("db", "", "export from the PostgreSQL store at `URL` (postgres://…)")
	query := fs.String("query", "", "export the documents matching `QUERY` (search syntax); default: every document with an event")
	copies := fs.Bool("copies", false, "also export near-duplicate copies of a story")
	maxDocs := fs.Int("max", 0, "export at most `N` documents (0: all)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return usagef("%v (usage: %s)", err, exportUsage)
	}
	fromStore := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "data" || f.Name == "db" || f.Name == "query" {
			fromStore = true
		}
	})
	if *maxDocs < 0 {
		return usagef("--max %d: want 0 or more", *maxDocs)
	}
	if !fromStore {
		if *copies || *maxDocs != 0 {
			return usagef("--copies and --max apply to a store: add --data DIR or --db URL (usage: %s)", exportUsage)
		}
		return exportFiles(ctx, e, fs.Args())
	}
	if fs.NArg() > 0 {
		return usagef("give either FILEs or a store (--data, --db), not both (usage: %s)", exportUsage)
	}
	x := &storeExport{out: e.stdout, copies: *copies, max: *maxDocs}
	if *query != "" {
		q, err := search.Parse(*query)
		if err != nil {
			return usagef("--query: %v", err)
		}
		x.query = &q
	}
	db, err := openDB(ctx, *data, *dbURL, true)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := x.run(ctx, db); err != nil {
		if errors.Is(err, search.ErrEmptyQuery) {
			return usagef("--query: %v", err)
		}
		return err
	}
	fmt.Fprintf(e.stderr, "exported %d events from %d documents (%d copies left out)\n", x.events, x.docs, x.skipped)
	return nil
}

// exportFiles converts the Analysis JSON of files (or stdin, "-").
func exportFiles(ctx context.Context, e *env, names []string) error {
	if len(names) == 0 {
		names = []string{"-"}
	}
	for _, name := range names {
		if err := exportFile(ctx, e, name); err != nil {
			return err
		}
	}
	return nil
}

func exportFile(ctx context.Context, e *env, name string) error {
	var r io.Reader = e.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	dec := json.NewDecoder(io.LimitReader(r, 1<<30))
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		var a khabar.Analysis
		if err := dec.Decode(&a); err == io.EOF {
			return nil
		} else if err != nil {
			return fmt.Errorf("%s: document %d: %w", name, n, jsonerr.Decode(nil, err))
		}
		if err := event.WritePLOVER(e.stdout, &a); err != nil {
			return fmt.Errorf("%s: document %d: %w", name, n, err)
		}
	}
}

// storeExport writes the events of stored documents.
type storeExport struct {
	out    io.Writer
	query  *search.Query // nil: every document with an event
	copies bool
	max    int

	seen                  map[string]bool
	docs, events, skipped int
}

// errExportDone ends an export at --max documents.
var errExportDone = errors.New("export: enough documents")

func (x *storeExport) run(ctx context.Context, db store.Store) error {
	x.seen = map[string]bool{}
	var err error
	if x.query != nil {
		err = x.searchDocs(ctx, db)
	} else {
		err = x.eventDocs(ctx, db)
	}
	if errors.Is(err, errExportDone) {
		return nil
	}
	return err
}

// searchDocs exports the documents matching the query, best first.
func (x *storeExport) searchDocs(ctx context.Context, db store.Store) error {
	for off := 0; off <= search.MaxOffset; off += search.MaxLimit {
		res, err := db.Search(ctx, search.Request{Query: *x.query, Offset: off, Limit: search.MaxLimit, ShowCopies: x.copies})
		if err != nil {
			return err
		}
		for _, h := range res.Hits {
			// The search folds a story's copies into its best hit.
			x.skipped += h.Copies
			if err := x.doc(ctx, db, h.ID, false); err != nil {
				return err
			}
		}
		if len(res.Hits) < search.MaxLimit || off+len(res.Hits) >= res.Total {
			return nil
		}
	}
	return fmt.Errorf("more than %d documents match: narrow the query", search.MaxOffset)
}

// eventDocs exports every document with a stored event, newest event
// first.
func (x *storeExport) eventDocs(ctx context.Context, db store.Store) error {
	for off := 0; ; off += store.MaxEventLimit {
		evs, err := db.Events(ctx, store.EventFilter{Offset: off, Limit: store.MaxEventLimit})
		if err != nil {
			return err
		}
		for _, ev := range evs {
			if err := x.doc(ctx, db, ev.DocID, !x.copies); err != nil {
				return err
			}
		}
		if len(evs) < store.MaxEventLimit {
			return nil
		}
	}
}

// doc exports the document id once; a near-duplicate copy of an earlier
// document is left out when skipCopy is set.
func (x *storeExport) doc(ctx context.Context, db store.Store, id string, skipCopy bool) error {
	if x.seen[id] {
		return nil
	}
	x.seen[id] = true
	rec, err := db.Get(ctx, id)
	if err != nil {
		return err
	}
	if skipCopy && rec.Cluster != "" && rec.Cluster != rec.ID {
		x.skipped++
		return nil
	}
	a := rec.Analysis
	if a.ID == "" {
		a.ID = rec.ID
	}
	if a.URL == "" {
		a.URL = rec.URL
	}
	if a.Source == "" {
		a.Source = rec.Source
	}
	recs := event.ToPLOVER(a, event.Extract(a))
	enc := json.NewEncoder(x.out)
	enc.SetEscapeHTML(false)
	for _, p := range recs {
		if err := enc.Encode(p); err != nil {
			return fmt.Errorf("write PLOVER record %s: %w", p.ID, err)
		}
	}
	x.docs++
	x.events += len(recs)
	if x.max > 0 && x.docs >= x.max {
		return errExportDone
	}
	return nil
}
