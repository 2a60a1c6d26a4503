package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/sqlite"
	"github.com/khabar/khabar/store"
)

// cmdSearch runs one query against the store and prints the hits,
// snippets and facets.
func cmdSearch(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: khabar search [--data DIR | --db URL] [--json] [--limit N] [--offset N] [--recency 30d] [--facets N] [--copies] [--group story] QUERY")
		fs.PrintDefaults()
	}
	data := fs.String("data", defaultDataDir, "data directory holding the store")
	dbURL := fs.String("db", "", "PostgreSQL `URL` (postgres://…) of the store; default: the SQLite store in --data")
	jsonOut := fs.Bool("json", false, "print the result as JSON")
	limit := fs.Int("limit", search.DefaultLimit, "hits per page")
	offset := fs.Int("offset", 0, "hits to skip")
	recency := fs.String("recency", "", "favour recent documents with this half-life (e.g. 30d or 72h; 1h to 36500d)")
	nfacets := fs.Int("facets", 5, "values per facet (0: none)")
	showCopies := fs.Bool("copies", false, "list near-duplicate copies as hits of their own")
	group := fs.String("group", "", "`story`: fold the hits of one story into its best hit, which says how many more the story has")
	queries := fs.String("queries", "", "run every line of this file as a query and print latency percentiles")
	cpuProfile := fs.String("cpuprofile", "", "with --queries: write a CPU profile of the queries to `FILE`")
	var err error
	flags, words := splitQuery(fs, args)
	if err := fs.Parse(flags); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return usagef("%v", err)
	}
	words = append(fs.Args(), words...)
	if *group != "" && *group != "story" {
		return usagef("--group %q: the hits can be grouped by story only (--group story)", *group)
	}
	if *queries != "" {
		if len(words) > 0 {
			return usagef("give either --queries FILE or a QUERY")
		}
		var rec time.Duration
		if *recency != "" {
			if rec, err = search.ParseRecency(*recency); err != nil {
				return usagef("--%v", err)
			}
		}
		return searchBench(ctx, e, *data, *dbURL, *queries, *cpuProfile,
			search.Request{Limit: *limit, Offset: *offset, Facets: max(*nfacets, 0), Recency: rec, GroupStories: *group == "story"})
	}
	if len(words) == 0 {
		return usagef("search needs a QUERY")
	}
	q, err := search.Parse(strings.Join(words, " "))
	if err != nil {
		return usagef("%v", err)
	}
	req := search.Request{Query: q, Limit: *limit, Offset: *offset, Facets: max(*nfacets, 0), ShowCopies: *showCopies,
		GroupStories: *group == "story"}
	if *recency != "" {
		if req.Recency, err = search.ParseRecency(*recency); err != nil {
			return usagef("--%v", err)
		}
	}
	db, err := openOneShot(ctx, *data, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := db.Search(ctx, req)
	var qe *search.QueryError
	if errors.As(err, &qe) {
		return usagef("%v", err) // the query's fault, said in the user's terms
	}
	if err != nil {
		return err
	}
	if *jsonOut {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	return printResult(e.stdout, res, isTerminal(e.stdout))
}

// splitQuery separates the flags from the query, so that a query word
// starting with "-" (an exclusion such as -الرياض) is not taken for a
// flag: the query starts at "--" or at the first argument that is not a
// flag defined in fs (or a defined flag's value).
func splitQuery(fs *flag.FlagSet, args []string) (flags, query []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return args[:i], args[i+1:]
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			return args[:i], args[i:]
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		f := fs.Lookup(name)
		if f == nil {
			if name == "h" || name == "help" {
				continue
			}
			return args[:i], args[i:]
		}
		if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); !hasValue && !(ok && bf.IsBoolFlag()) {
			i++ // the flag's value
		}
	}
	return args, nil
}

// printResult writes a result for people: which entity each entity: and
// place: value was taken to name, then the hits with their snippets (the
// matched words in bold on a terminal, «between guillemets» elsewhere),
// then the facets.
func printResult(w io.Writer, res *search.Result, tty bool) error {
	var b strings.Builder
	for _, r := range res.Resolved {
		b.WriteString(resolutionLine(r) + "\n")
	}
	order := ""
	if res.Order == search.OrderNewest && res.Total > 1 {
		order = ", newest first"
	}
	if len(res.Hits) == 0 {
		fmt.Fprintf(&b, "%d results\n", res.Total)
	} else {
		fmt.Fprintf(&b, "%d results%s, %d–%d:\n", res.Total, order, res.Offset+1, res.Offset+len(res.Hits))
	}
	for i, h := range res.Hits {
		fmt.Fprintf(&b, "\n%d. %s\n   %s", res.Offset+i+1, oneLine(h.Title), h.ID)
		for _, s := range []string{h.Source, h.Published, h.URL} {
			if s != "" {
				b.WriteString("  " + s)
			}
		}
		if res.Order != search.OrderNewest {
			fmt.Fprintf(&b, "  score %.3f", h.Score)
		}
		fmt.Fprintf(&b, "\n   %s\n", oneLine(highlight(h.Snippet, tty)))
		if h.Copies > 0 {
			fmt.Fprintf(&b, "   and %d %s\n", h.Copies, plural(h.Copies, "copy", "copies"))
		}
		if h.StoryHits > 0 {
			fmt.Fprintf(&b, "   +%d more in this story (khabar stories show %s)\n", h.StoryHits, h.Story)
		}
	}
	if f := res.Facets; f != nil {
		for _, fc := range []struct {
			name string
			vals []search.FacetValue
		}{{"entities", f.Entities}, {"places", f.Places}, {"sources", f.Sources}, {"months", f.Months}} {
			if len(fc.vals) == 0 {
				continue
			}
			parts := make([]string, len(fc.vals))
			for i, v := range fc.vals {
				parts[i] = fmt.Sprintf("%s (%d)", v.Value, v.Count)
			}
			fmt.Fprintf(&b, "\n%s: %s", fc.name, strings.Join(parts, ", "))
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// viaText says in words how a filter value named its entity.
var viaText = map[string]string{
	"key":        "its key",
	"kb_id":      "its knowledge-base ID",
	"name":       "the name it is stored under",
	"kb_name":    "its knowledge-base name",
	"kb_alias":   "another name in the knowledge base",
	"kb_acronym": "its acronym in the knowledge base",
	"kb_english": "its English name in the knowledge base",
	"kb_demonym": "a nationality adjective in the knowledge base",
	"kb_weak":    "a knowledge-base name that is also a common word",
}

// resolutionLine says which entity a filter value was taken to name:
//
//	entity:داعش → تنظيم الدولة الإسلامية (kb:org:isis, ORG, 906 documents; by another name in the knowledge base); also ORG:داعش
func resolutionLine(r search.Resolution) string {
	value := r.Value
	if strings.ContainsAny(value, " \t\"") {
		value = strconv.Quote(value)
	}
	head := r.Field + ":" + value
	e := r.Entity
	if e == nil {
		return head + ": " + r.Note
	}
	s := fmt.Sprintf("%s → %s (%s, %s, %d %s; by %s)", head, e.Name, e.Key, e.Type, e.Documents,
		plural(e.Documents, "document", "documents"), cmp.Or(viaText[r.Via], r.Via))
	if len(r.Also) > 0 {
		s += "; also " + strings.Join(r.Also, ", ")
	}
	if len(r.Alternatives) > 0 {
		alts := make([]string, len(r.Alternatives))
		for i, a := range r.Alternatives {
			alts[i] = fmt.Sprintf("%s (%d)", a.Key, a.Documents)
		}
		s += "; not searched: " + strings.Join(alts, ", ")
	}
	return s
}

func highlight(s search.Snippet, tty bool) string {
	open, close := "«", "»"
	if tty {
		open, close = "\x1b[1m", "\x1b[0m"
	}
	runes := []rune(s.Text)
	var b strings.Builder
	last := 0
	for _, h := range s.Highlights {
		if h[0] < last || h[1] > len(runes) || h[0] >= h[1] {
			continue
		}
		b.WriteString(string(runes[last:h[0]]) + open + string(runes[h[0]:h[1]]) + close)
		last = h[1]
	}
	b.WriteString(string(runes[last:]))
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// searchBench runs every line of file as a query (with the paging and
// facets of req) and prints latency percentiles. A store with a search
// index to load (the SQLite one) loads it first, and the time it took
// is printed apart.
func searchBench(ctx context.Context, e *env, dir, dbURL, file, cpuProfile string, req search.Request) error {
	raw, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, dir, dbURL, true)
	if err != nil {
		return err
	}
	defer db.Close()
	if w, ok := db.(interface{ Warm(context.Context) error }); ok {
		start := time.Now()
		if err := w.Warm(ctx); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "search index loaded in %v\n", time.Since(start).Round(time.Millisecond))
	}
	if p, ok := db.(interface{ PostingsStats() sqlite.PostingsStats }); ok {
		st := p.PostingsStats()
		fmt.Fprintf(e.stdout, "postings cache: %d terms, %d postings, %.1f MB\n", st.Terms, st.Postings, float64(st.Bytes)/1e6)
	}
	if cpuProfile != "" {
		f, err := os.Create(cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("--cpuprofile: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	// The queries run on one locked OS thread, so that the CPU time of
	// each (SQLite runs in the calling goroutine) can be told apart from
	// the wall time, which other processes on a busy machine inflate.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var lat, cpu []time.Duration
	type timed struct {
		query string
		wall  time.Duration
	}
	var slowest []timed
	hits := 0
	for i, line := range strings.Split(string(raw), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		q, err := search.Parse(line)
		if err != nil {
			return fmt.Errorf("%s:%d: %w", file, i+1, err)
		}
		req.Query = q
		c0, cpuOK := threadCPU()
		start := time.Now()
		res, err := db.Search(ctx, req)
		if err != nil {
			return fmt.Errorf("%s:%d: %w", file, i+1, err)
		}
		lat = append(lat, time.Since(start))
		slowest = append(slowest, timed{line, lat[len(lat)-1]})
		if c1, ok := threadCPU(); ok && cpuOK {
			cpu = append(cpu, c1-c0)
		}
		hits += res.Total
	}
	if len(lat) == 0 {
		return fmt.Errorf("%s: no queries", file)
	}
	_, err = fmt.Fprintf(e.stdout, "%d queries, %d total hits: %s\n", len(lat), hits, percentiles(lat))
	if err == nil && len(cpu) == len(lat) {
		_, err = fmt.Fprintf(e.stdout, "CPU time per query: %s\n", percentiles(cpu))
	}
	slices.SortFunc(slowest, func(a, b timed) int { return int(b.wall - a.wall) })
	var parts []string
	for _, t := range slowest[:min(3, len(slowest))] {
		parts = append(parts, fmt.Sprintf("%s (%v)", t.query, t.wall.Round(time.Microsecond)))
	}
	if err == nil {
		_, err = fmt.Fprintf(e.stdout, "slowest: %s\n", strings.Join(parts, ", "))
	}
	return err
}

// percentiles formats the mean and percentiles of ds (which it sorts).
func percentiles(ds []time.Duration) string {
	slices.Sort(ds)
	pct := func(p float64) time.Duration { return ds[min(len(ds)-1, int(p*float64(len(ds))))] }
	var total time.Duration
	for _, d := range ds {
		total += d
	}
	return fmt.Sprintf("mean %v  p50 %v  p90 %v  p99 %v  max %v",
		(total / time.Duration(len(ds))).Round(time.Microsecond), pct(0.50).Round(time.Microsecond),
		pct(0.90).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), ds[len(ds)-1].Round(time.Microsecond))
}

// openOneShot opens the store for a single search: the SQLite store
// without its in-memory search index, whose loading (about a second per
// 30,000 documents) would cost more than it saves on one query.
func openOneShot(ctx context.Context, data, dbURL string) (store.Store, error) {
	if dbURL != "" {
		return openDB(ctx, data, dbURL, true)
	}
	db, err := openStore(ctx, data, sqlite.Options{ReadOnly: true, NoSearchIndex: true})
	if err != nil {
		return nil, err // not a typed nil in the interface
	}
	return db, nil
}
