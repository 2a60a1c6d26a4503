package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/khabar/khabar/internal/export"
	"github.com/khabar/khabar/search"
)

// exportSearchUsage is the usage line of export search.
const exportSearchUsage = "khabar export search [--data DIR | --db URL] [--format csv|jsonl] [--bom] [--limit N] [--copies] QUERY"

// cmdExportSearch writes the documents matching a query as CSV or JSON
// Lines on stdout, one row per document (one per near-duplicate cluster
// unless --copies), in the order of a search.
func cmdExportSearch(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("export search", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: "+exportSearchUsage)
		fmt.Fprintln(e.stderr, "The documents matching QUERY (search syntax) as CSV or JSON Lines on stdout; columns:")
		fmt.Fprintln(e.stderr, "  "+strings.Join(export.Columns, ", ")+" (lists joined with \""+export.ListSep+"\").")
		fs.PrintDefaults()
	}
	data := fs.String("data", defaultDataDir, "export from the SQLite store in `DIR`")
	dbURL := fs.String("db", "", "export from the PostgreSQL store at `URL` (postgres://…)")
	format := fs.String("format", "csv", "output `FORMAT`: csv or jsonl")
	bom := fs.Bool("bom", false, "CSV for spreadsheet programs: start with a UTF-8 byte order mark and quote cells that look like formulas")
	limit := fs.Int("limit", 0, fmt.Sprintf("export at most `N` documents (0: every match, at most %d)", export.MaxRows))
	copies := fs.Bool("copies", false, "a row for every near-duplicate copy instead of one per cluster")
	flags, words := splitQuery(fs, args)
	if err := fs.Parse(flags); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return usagef("%v (usage: %s)", err, exportSearchUsage)
	}
	words = append(fs.Args(), words...)
	f, err := export.ParseFormat(*format)
	if err != nil {
		return usagef("--%v", err)
	}
	if *limit < 0 {
		return usagef("--limit %d: want 0 or more", *limit)
	}
	if len(words) == 0 {
		return usagef("export search needs a QUERY (usage: %s)", exportSearchUsage)
	}
	q, err := search.Parse(strings.Join(words, " "))
	if err != nil {
		return usagef("%v", err)
	}
	db, err := openOneShot(ctx, *data, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	x := export.NewSearch(db, q, *copies, *limit)
	if err := x.Start(ctx); err != nil {
		var qe *search.QueryError
		if errors.As(err, &qe) || errors.Is(err, export.ErrTooMany) {
			return usagef("%v", err)
		}
		return err
	}
	out := bufio.NewWriterSize(e.stdout, 64<<10)
	if err := x.WriteAll(ctx, export.NewWriter(out, export.Options{Format: f, BOM: *bom})); err != nil {
		out.Flush()
		return err
	}
	if err := out.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "exported %d of %d %s\n", x.Rows(), x.Total(), plural(x.Total(), "match", "matches"))
	return nil
}
