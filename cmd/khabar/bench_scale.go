package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/khabar/khabar/internal/scalebench"
	"github.com/khabar/khabar/internal/shareddata"
	"github.com/khabar/khabar/pipeline"
	"github.com/khabar/khabar/postgres"
	"github.com/khabar/khabar/sqlite"
	"github.com/khabar/khabar/store"
)

func benchCommands() map[string]command {
	return map[string]command{
		"scale": {"grow a store step by step and measure ingest, disk, memory and query latency at each size", cmdBenchScale, nil},
		"plot":  {"print the table and draw the plot of a bench scale report (JSON)", cmdBenchPlot, nil},
		"probe": {"open a store as a searcher and measure open time, memory and query latency (used by bench scale)", cmdBenchProbe, nil},
	}
}

func cmdBench(ctx context.Context, e *env, args []string) error {
	return subcommand(ctx, e, args, "khabar bench", "benchmark", benchCommands())
}

const benchScaleUsage = "khabar bench scale [--backend sqlite|postgres --db postgres://…] --sizes 30k,100k,300k,1m --data DIR [--writers N] [--out FILE.json] [--plot FILE.svg] [--real FILE] [--extra FILE] [--sample N]"

// cmdBenchScale grows a new store to each size in turn, from real
// analyzed articles first and synthetic ones after, and measures it.
func cmdBenchScale(ctx context.Context, e *env, args []string) error {
	c := newFlagCmd(e, "bench scale", benchScaleUsage)
	c.jsonHelp("print the report as JSON instead of a table")
	backend := c.String("backend", "sqlite", "store to measure: sqlite (in --data) or postgres (at --db)")
	dbURL := c.String("db", "", "with --backend postgres: `URL` of an empty database (postgres://…)")
	sizesFlag := c.required("sizes", "documents after each step, ascending: 2000, 30k, 1m, …")
	data := c.required("data", "directory for the new SQLite store (it must not hold one) and the analysis cache")
	writers := c.Int("writers", 0, "also store the last --writer-docs documents of each step from `N` concurrent writers (0 or 1: not measured)")
	writerDocs := c.Int("writer-docs", 4096, "documents stored by the concurrent writers at each step")
	writerBatch := c.Int("writer-batch", 64, "documents per transaction of a concurrent writer (khabar worker's default)")
	out := c.String("out", "", "write the report as JSON to `FILE`")
	plot := c.String("plot", "", "draw the measures against size as SVG to `FILE`")
	real := c.String("real", "", "real articles (JSONL(.gz) records); default: saudinewsnet in ../shared/data")
	extra := c.String("extra", "", "plain paragraphs (one a line, .gz allowed) mixed into synthetic articles; default: Arabic Wikipedia in ../shared/data; \"none\": none")
	extraN := c.Int("extra-n", 100000, "paragraphs of --extra to read, at most")
	extraRate := c.Float64("extra-rate", 0.1, "share of a synthetic article's paragraphs taken from --extra")
	dupRate := c.Float64("dup-rate", 0.06, "share of synthetic articles that are near-duplicate copies")
	span := c.String("span", "2005-01-01,2025-12-31", "publication days of the synthetic articles, `FROM,TO`, spread over them in order (a narrow span makes a stream as dense as a news day's)")
	cache := c.String("cache", "", "cache of the real articles' analyses (gzip JSONL); default: DIR/real-analyses.jsonl.gz")
	realN := c.Int("real-n", 0, "real articles to store at most (the rest are synthetic); 0: all there are")
	sample := c.Int("sample", 100, "real articles analyzed and stored at each size to measure the full ingest rate (0: none)")
	queries := c.String("queries", "sqlite/testdata/bench-queries.txt", "the mixed benchmark queries")
	nq := c.Int("n", 30, "phrase, prefix and entity: queries each")
	batch := c.Int("batch", 2048, "documents per transaction")
	seed := c.Uint64("seed", 1, "seed of the synthetic articles and the drawn queries")
	resume := c.Int("resume", 0, "with --backend postgres: the database holds the first `N` documents of an earlier run with the same flags; go on from there")
	setsOut := c.String("sets", "", "also write the query sets as JSON to `FILE`, to measure a store again with khabar bench probe < FILE")
	inproc := c.Bool("inproc", false, "measure searches in this process instead of a child khabar (its memory then includes the writer's)")
	if ok, err := c.parse(args, false); !ok {
		return err
	}
	switch {
	case *backend == "sqlite" && *dbURL != "":
		return usagef("--db is for --backend postgres (the SQLite store is made in --data)")
	case *backend == "postgres" && !postgres.IsURL(*dbURL):
		return usagef("--backend postgres needs --db postgres://… (an empty database)")
	case *backend != "sqlite" && *backend != "postgres":
		return usagef("--backend %s: want sqlite or postgres", *backend)
	}
	sizes, err := parseSizes(*sizesFlag)
	if err != nil {
		return usagef("--sizes: %v", err)
	}
	from, to, err := parseSpan(*span)
	if err != nil {
		return usagef("--span: %v", err)
	}
	if *realN < 0 || *sample < 0 || *batch < 1 || *nq < 0 || *dupRate < 0 || *dupRate > 1 || *extraRate < 0 || *extraRate > 1 ||
		*writers < 0 || *writerDocs < 1 || *writerBatch < 1 || *resume < 0 {
		return usagef("--sample, --n, --writers must be ≥ 0, --batch, --writer-docs, --writer-batch ≥ 1, --dup-rate and --extra-rate in [0, 1]")
	}
	if *resume > 0 && (*backend != "postgres" || sizes[0] <= *resume) {
		return usagef("--resume is for --backend postgres, with sizes above it")
	}
	if *backend == "sqlite" {
		if _, err := os.Stat(filepath.Join(*data, sqlite.FileName)); err == nil {
			return fmt.Errorf("%s already holds a store: bench scale grows a new one", *data)
		}
	}
	if err := os.MkdirAll(*data, 0o755); err != nil {
		return err
	}
	if *real == "" || *extra == "" {
		dir, err := shareddata.Dir()
		if err != nil {
			return fmt.Errorf("--real or --extra not given and %w", err)
		}
		if *real == "" {
			*real = filepath.Join(dir, "saudinewsnet", "saudinewsnet.jsonl.gz")
		}
		if *extra == "" {
			*extra = filepath.Join(dir, "arwiki-comparable", "arwiki_20170120.paragraphs.txt.gz")
		}
	}
	if *cache == "" {
		*cache = filepath.Join(*data, "real-analyses.jsonl.gz")
	}
	db, where, disk, err := openBenchStore(ctx, *backend, *data, *dbURL, *resume > 0)
	if err != nil {
		return err
	}
	defer db.Close()
	mixed, err := scalebench.ReadQueries(*queries)
	if err != nil {
		return err
	}
	log := e.stderr
	maxSize := sizes[len(sizes)-1]
	recs, err := scalebench.ReadRecords(ctx, *real, maxSize+*sample)
	if err != nil {
		return err
	}
	nReal := min(maxSize, len(recs)-*sample)
	if *realN > 0 {
		nReal = min(nReal, *realN)
	}
	if nReal < 1 {
		return fmt.Errorf("%s: %d records, too few for a sample of %d", *real, len(recs), *sample)
	}
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		return err
	}
	fmt.Fprintf(log, "reading %d real articles (sample of %d held out)\n", nReal, *sample)
	realDocs, err := scalebench.Analyze(ctx, p, recs[:nReal], *cache, log)
	if err != nil {
		return err
	}
	pool := scalebench.NewPool(realDocs)
	if *extra != "none" && maxSize > len(realDocs) {
		paras, err := scalebench.ReadParagraphs(*extra, *extraN, 40, 600)
		if err != nil {
			return err
		}
		pool.AddExtra(paras)
	}
	gen := &scalebench.Generator{Pool: pool, Seed: *seed, DupRate: *dupRate, ExtraRate: *extraRate,
		From: from, To: to,
		Total: max(maxSize-len(realDocs), 1), Sources: benchSources(realDocs)}
	t, s, x, en := pool.Sizes()
	fmt.Fprintf(log, "pool: %d titles, %d sentences, %d other paragraphs, %d entities\n", t, s, x, en)
	probe := childProbe
	if *inproc {
		probe = scalebench.Probe
	}
	cfg := scalebench.Config{Store: db, Dir: where, Disk: disk, Sizes: sizes, Real: realDocs, Gen: gen,
		Sample: recs[nReal:min(len(recs), nReal+*sample)], P: p, Sets: scalebench.DefaultSets(mixed, pool, *nq, *seed),
		Probe: probe, Batch: *batch, Log: log, Writers: *writers, WriterDocs: *writerDocs, WriterBatch: *writerBatch, Skip: *resume}
	if *setsOut != "" {
		if err := writeJSONFile(*setsOut, cfg.Sets); err != nil {
			return err
		}
	}
	notes := []string{
		fmt.Sprintf("documents 1–%d are real articles (%s) with their full analyses; the rest are synthetic", len(realDocs), filepath.Base(*real)),
		fmt.Sprintf("synthetic: sentences and titles of the real articles with their entity mentions and dates, %.0f%% paragraphs of %s, digits redrawn, dates 2005–2025, %d sources, %.0f%% near-duplicate copies (seed %d)",
			*extraRate*100, filepath.Base(*extra), len(gen.Sources), *dupRate*100, *seed),
		fmt.Sprintf("each size also stores a sample of %d real articles analyzed then (the analyzed rate)", *sample)}
	if *writers > 1 {
		notes = append(notes, fmt.Sprintf("the last %d documents of each step are stored by %d concurrent writers in transactions of %d (the writers' rate); the documents before them by one writer in transactions of %d",
			*writerDocs, *writers, *writerBatch, *batch))
	}
	if *resume > 0 {
		notes = append(notes, fmt.Sprintf("resumed: the database already held the first %d documents of an earlier run with the same flags", *resume))
	}
	if *backend == "postgres" {
		notes = append(notes, "postgres: disk is pg_database_size (no server WAL); serve peak RSS is the searching process's alone, not the server's; there is no index to warm")
	}
	save := func(rep *scalebench.Report) error {
		rep.Backend, rep.Notes = *backend, notes
		if *out != "" {
			if err := writeJSONFile(*out, rep); err != nil {
				return err
			}
		}
		if *plot != "" {
			return writeSVGFile(*plot, rep)
		}
		return nil
	}
	cfg.OnStep = save
	rep, runErr := scalebench.Run(ctx, cfg)
	if err := save(rep); err != nil {
		return errors.Join(runErr, err)
	}
	if *c.asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return errors.Join(runErr, enc.Encode(rep))
	}
	return errors.Join(runErr, scalebench.WriteTable(e.stdout, rep))
}

// benchSources are the outlets of synthetic articles: the real ones,
// then 40 made-up agencies.
func benchSources(docs []store.Document) []string {
	seen := map[string]bool{}
	var out []string
	for _, d := range docs {
		if d.Source != "" && !seen[d.Source] {
			seen[d.Source] = true
			out = append(out, d.Source)
		}
	}
	for i := 1; i <= 40; i++ {
		out = append(out, fmt.Sprintf("agency%02d", i))
	}
	return out
}

// parseSizes parses "2000,30k,1.5m" into ascending document counts.
func parseSizes(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		mult := 1.0
		switch {
		case strings.HasSuffix(f, "k"):
			mult, f = 1e3, strings.TrimSuffix(f, "k")
		case strings.HasSuffix(f, "m"):
			mult, f = 1e6, strings.TrimSuffix(f, "m")
		}
		v, err := strconv.ParseFloat(f, 64)
		n := int(v * mult)
		if err != nil || v <= 0 || n < 1 || v*mult > 1e9 {
			return nil, fmt.Errorf("%q is not a size (e.g. 2000, 30k, 1m)", f)
		}
		if len(out) > 0 && n <= out[len(out)-1] {
			return nil, fmt.Errorf("sizes must ascend (%d after %d)", n, out[len(out)-1])
		}
		out = append(out, n)
	}
	return out, nil
}

// openBenchStore opens the store bench scale grows: a new SQLite store
// in data, or the empty PostgreSQL database at dbURL. It returns where
// a searcher opens it (the directory or the URL) and how its size on
// disk is measured. With resume the database may hold documents.
func openBenchStore(ctx context.Context, backend, data, dbURL string, resume bool) (store.Store, string, func(context.Context) (float64, error), error) {
	if backend == "sqlite" {
		db, err := openStore(ctx, data, sqlite.Options{})
		if err != nil {
			return nil, "", nil, err
		}
		return db, data, func(context.Context) (float64, error) { return scalebench.DiskMB(data) }, nil
	}
	db, err := postgres.Open(ctx, dbURL, postgres.Options{})
	if err != nil {
		return nil, "", nil, err
	}
	st, err := db.Stats(ctx)
	if err == nil && st.Documents > 0 && !resume {
		err = fmt.Errorf("the database at --db already holds %d documents: bench scale grows a new one", st.Documents)
	}
	if err != nil {
		db.Close()
		return nil, "", nil, err
	}
	return db, dbURL, func(ctx context.Context) (float64, error) { return scalebench.PostgresMB(ctx, dbURL) }, nil
}

// childProbe runs khabar bench probe on dir in a new process, so that
// its peak memory is a searcher's alone.
func childProbe(ctx context.Context, dir string, sets []scalebench.QuerySet) (*scalebench.ProbeResult, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("probe: %w", err)
	}
	in, err := json.Marshal(sets)
	if err != nil {
		return nil, err
	}
	flag := "--data"
	if postgres.IsURL(dir) {
		flag = "--db"
	}
	cmd := exec.CommandContext(ctx, exe, "bench", "probe", flag, dir)
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("probe: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	var res scalebench.ProbeResult
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		return nil, fmt.Errorf("probe output: %w", err)
	}
	return &res, nil
}

// cmdBenchProbe reads query sets (JSON) from stdin, measures them on
// the store and prints the result as JSON.
func cmdBenchProbe(ctx context.Context, e *env, args []string) error {
	c := newFlagCmd(e, "bench probe", "khabar bench probe --data DIR | --db postgres://… < SETS.json")
	data := c.String("data", "", "directory holding the SQLite store")
	dbURL := c.String("db", "", "`URL` of the PostgreSQL database (instead of --data)")
	if ok, err := c.parse(args, false); !ok {
		return err
	}
	if (*data == "") == (*dbURL == "") {
		return usagef("bench probe needs --data DIR or --db postgres://…, not both")
	}
	if *dbURL != "" && !postgres.IsURL(*dbURL) {
		return usagef("--db %q: want a postgres:// or postgresql:// URL", *dbURL)
	}
	var sets []scalebench.QuerySet
	if err := json.NewDecoder(e.stdin).Decode(&sets); err != nil {
		return usagef("bench probe reads a JSON list of query sets on stdin: %v", err)
	}
	where := *dbURL
	if where == "" {
		if _, err := os.Stat(filepath.Join(*data, sqlite.FileName)); err != nil {
			return fmt.Errorf("no store in %s", *data)
		}
		where = *data
	}
	res, err := scalebench.Probe(ctx, where, sets)
	if err != nil {
		return err
	}
	return json.NewEncoder(e.stdout).Encode(res)
}

// cmdBenchPlot prints the table of a saved report and draws its plot.
func cmdBenchPlot(_ context.Context, e *env, args []string) error {
	c := newFlagCmd(e, "bench plot", "khabar bench plot --in REPORT.json [--plot FILE.svg] [--vs OTHER.json]")
	in := c.required("in", "report written by bench scale --out")
	plot := c.String("plot", "", "draw the measures against size as SVG to `FILE`")
	vs := c.String("vs", "", "also print the query latencies beside those of another report (`FILE`) at the sizes both measured")
	if ok, err := c.parse(args, false); !ok {
		return err
	}
	rep, err := readReport(*in)
	if err != nil {
		return err
	}
	if *plot != "" {
		if err := writeSVGFile(*plot, rep); err != nil {
			return err
		}
	}
	if err := scalebench.WriteTable(e.stdout, rep); err != nil || *vs == "" {
		return err
	}
	other, err := readReport(*vs)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout)
	return scalebench.WriteComparison(e.stdout, rep, other)
}

// readReport reads a report written by bench scale --out.
func readReport(path string) (*scalebench.Report, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rep scalebench.Report
	if err := json.Unmarshal(b, &rep); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &rep, nil
}

func writeJSONFile(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

func writeSVGFile(path string, rep *scalebench.Report) error {
	var b bytes.Buffer
	title := fmt.Sprintf("khabar %s store: cost against size (%d CPUs, %s)", rep.Backend, rep.CPUs, rep.Started.Format("2006-01-02"))
	if err := scalebench.WriteSVG(&b, rep, title); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// parseSpan reads FROM,TO, two days (2006-01-02), FROM not after TO.
func parseSpan(s string) (from, to time.Time, err error) {
	a, b, ok := strings.Cut(s, ",")
	if !ok {
		return from, to, fmt.Errorf("%q: want FROM,TO", s)
	}
	if from, err = time.Parse(time.DateOnly, strings.TrimSpace(a)); err != nil {
		return from, to, err
	}
	if to, err = time.Parse(time.DateOnly, strings.TrimSpace(b)); err != nil {
		return from, to, err
	}
	if to.Before(from) {
		return from, to, fmt.Errorf("%s is before %s", b, a)
	}
	return from, to, nil
}
