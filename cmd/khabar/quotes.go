package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// cmdQuotes prints what an entity said, newest article first.
func cmdQuotes(ctx context.Context, e *env, args []string) error {
	c := newFlagCmd(e, "quotes", "khabar quotes [--data DIR | --db URL] [--json] [--from DATE] [--to DATE] [--limit N] [--offset N] [--q QUERY] ENTITY")
	c.jsonHelp("print the result as JSON (quotes, total, and how the entity's name was resolved)")
	lf := addListFlags(c, "quotes", "from", "articles published on or after `DATE` (YYYY, YYYY-MM or YYYY-MM-DD)",
		"to", "articles published on or before `DATE` (inclusive)", store.DefaultQuoteLimit, store.MaxQuoteLimit)
	query := c.String("q", "", "only quotes with these words (the search language; its filters apply to the article)")
	flags, rest := splitEntity(c, args)
	if ok, err := c.parse(flags, true); !ok {
		return err
	}
	ref := strings.TrimSpace(strings.Join(append(c.Args(), rest...), " "))
	if ref == "" {
		return usagef("quotes needs an ENTITY: a name, a kb id or an entity key (usage: %s)", c.usage)
	}
	offset, limit, err := lf.page()
	if err != nil {
		return err
	}
	f := store.QuoteFilter{Speaker: ref, Limit: limit, Offset: offset}
	if *query != "" {
		q, err := search.Parse(*query)
		if err != nil {
			return usagef("--q: %v", err)
		}
		f.Query = q
	}
	first, last, err := lf.dates()
	if err != nil {
		return err
	}
	if first != nil {
		f.Query.From = *first
	}
	if last != nil {
		f.Query.To = *last
	}
	db, err := lf.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := db.Quotes(ctx, f)
	var qe *search.QueryError
	if errors.As(err, &qe) {
		return usagef("%v", err)
	}
	if err != nil {
		return err
	}
	if c.json() {
		return c.writeJSON(res)
	}
	return printQuotes(e.stdout, res)
}

// splitEntity separates the flags from the entity's name, which may
// be written in several words: the name starts at "--" or at the first
// argument that does not start with "-" and is not a flag's value.
func splitEntity(c *flagCmd, args []string) (flags, name []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return args[:i], args[i+1:]
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			return args[:i], args[i:]
		}
		flagName, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		f := c.Lookup(flagName)
		if f == nil {
			continue // -h, or a bad flag for parse to report
		}
		if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); !hasValue && !(ok && bf.IsBoolFlag()) {
			i++ // the flag's value
		}
	}
	return args, nil
}

// printQuotes writes the quotes of res for people: who the name was
// taken to mean, then each quote with its article.
func printQuotes(w io.Writer, res *store.QuoteResult) error {
	var b strings.Builder
	for _, r := range res.Resolved {
		b.WriteString(resolutionLine(r) + "\n")
	}
	fmt.Fprintf(&b, "%d %s, newest first", res.Total, plural(res.Total, "quote", "quotes"))
	if len(res.Quotes) > 0 && (res.Offset > 0 || len(res.Quotes) < res.Total) {
		fmt.Fprintf(&b, ", %d to %d shown", res.Offset+1, res.Offset+len(res.Quotes))
	}
	b.WriteString("\n")
	for _, q := range res.Quotes {
		day := q.Article.Published
		if day == "" {
			day = "undated"
		}
		fmt.Fprintf(&b, "\n%s  %s", day, q.Article.Source)
		if q.Article.Title != "" {
			fmt.Fprintf(&b, "  %s", q.Article.Title)
		}
		fmt.Fprintf(&b, "\n  «%s»\n  ", q.Text)
		var who []string
		for _, s := range q.Speakers {
			who = append(who, s.Name)
		}
		if q.SpeakerText != "" {
			who = append(who, q.SpeakerText)
		}
		b.WriteString(strings.Join(who, " + "))
		if q.Cue != "" {
			fmt.Fprintf(&b, " (%s)", q.Cue)
		}
		if q.Source != "" {
			fmt.Fprintf(&b, ", via %s", q.Source)
		}
		fmt.Fprintf(&b, "  %s [%d:%d]\n", cmp.Or(q.Article.URL, q.Article.ID), q.Start, q.End)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
