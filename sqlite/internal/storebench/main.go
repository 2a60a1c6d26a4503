// Command storebench measures khabar's SQLite store against a Bleve
// index (its "ar" analyzer) on the same saudinewsnet articles: indexing
// speed (store only: the Analysis holds just the text), query latency,
// index size and recall on a set of inflected, hamza-variant and clitic
// queries (sqlite/testdata/recall-queries.tsv).
//
// Usage (from the module root):
//
//	go run ./sqlite/internal/storebench [-n 8000] [-bleve=true] [-dir DIR]
//
// The data is read from ../shared/data and never copied; the indexes go
// to a temporary directory that is removed at the end.
package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/internal/cputime"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/sqlite"
	"github.com/khabar/khabar/store"
)

type article struct {
	url, source, published, text string
}

func main() {
	n := flag.Int("n", 8000, "articles to read (saudinewsnet has 31,030)")
	withBleve := flag.Bool("bleve", true, "also build and query a Bleve index")
	dir := flag.String("dir", "", "directory for the indexes (default: a temporary one, removed)")
	data := flag.String("data", filepath.Join("..", "shared", "data"), "shared data directory")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of khabar's queries to this file")
	batchSize := flag.Int("batch", 2048, "documents per batch (one transaction for khabar, one Bleve batch), for both")
	putprofile := flag.String("putprofile", "", "write a CPU profile of khabar's indexing to this file")
	putters := flag.Int("putters", 1, "batches khabar indexes at once (one Put call per goroutine)")
	flag.Parse()
	log.SetFlags(0)

	arts, err := readArticles(filepath.Join(*data, "saudinewsnet", "saudinewsnet.jsonl.gz"), *n)
	if err != nil {
		log.Fatal(err)
	}
	var bytes int
	for _, a := range arts {
		bytes += len(a.text)
	}
	fmt.Printf("%d distinct articles, %.1f MB of text\n", len(arts), float64(bytes)/1e6)
	recall, err := readRecall(filepath.Join("sqlite", "testdata", "recall-queries.tsv"))
	if err != nil {
		log.Fatal(err)
	}
	mixed, err := readLines(filepath.Join("sqlite", "testdata", "bench-queries.txt"))
	if err != nil {
		log.Fatal(err)
	}
	gold := goldSets(arts, recall)

	if *dir == "" {
		if *dir, err = os.MkdirTemp("", "storebench"); err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(*dir)
	}
	ctx := context.Background()

	// khabar / SQLite
	db, err := sqlite.Open(ctx, filepath.Join(*dir, "khabar.db"), sqlite.Options{})
	if err != nil {
		log.Fatal(err)
	}
	if *putprofile != "" {
		f, err := os.Create(*putprofile)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			log.Fatal(err)
		}
	}
	start, cpu := time.Now(), cputime.Process()
	// With -putters above 1, that many batches are in Put at once: the
	// preparation of one overlaps the writing of another (Put is safe
	// for concurrent use and writes one batch at a time).
	batches := make(chan []article)
	var wg sync.WaitGroup
	for range max(1, *putters) {
		wg.Go(func() {
			for arts := range batches {
				batch := make([]store.Document, 0, len(arts))
				for _, a := range arts {
					batch = append(batch, store.Document{URL: a.url, Source: a.source, Analysis: &khabar.Analysis{
						Schema: khabar.Schema, Text: a.text, Published: a.published}})
				}
				if _, err := db.Put(ctx, batch); err != nil {
					log.Fatal(err)
				}
			}
		})
	}
	for i := 0; i < len(arts); i += *batchSize {
		batches <- arts[i:min(i+*batchSize, len(arts))]
	}
	close(batches)
	wg.Wait()
	el, cpu := time.Since(start), cputime.Process()-cpu
	if *putprofile != "" {
		pprof.StopCPUProfile()
	}
	cstart := time.Now()
	if err := db.Checkpoint(ctx); err != nil {
		log.Fatal(err)
	}
	st, _ := db.Stats(ctx)
	fmt.Printf("khabar sqlite: stored %d in %v: %.0f articles/s, %.2f MB/s; %.0f articles per CPU second; %.1f MB on disk (checkpoint %v)\n",
		st.Documents, el.Round(time.Millisecond), float64(len(arts))/el.Seconds(), float64(bytes)/1e6/el.Seconds(),
		float64(len(arts))/cpu.Seconds(), float64(st.Bytes)/1e6, time.Since(cstart).Round(time.Millisecond))

	start = time.Now()
	if err := db.Warm(ctx); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("khabar sqlite: search index loaded in %v\n", time.Since(start).Round(time.Millisecond))
	ps := db.PostingsStats()
	fmt.Printf("khabar sqlite: postings cache: %d terms, %d postings, %.1f MB\n", ps.Terms, ps.Postings, float64(ps.Bytes)/1e6)

	khabarSearch := func(q string, limit int) ([]string, error) {
		pq, err := search.Parse(q)
		if err != nil {
			return nil, err
		}
		var urls []string
		for off := 0; ; off += limit {
			// Every matching document counts: near-duplicates are not folded.
			res, err := db.Search(ctx, search.Request{Query: pq, Limit: limit, Offset: off, ShowCopies: true})
			if err != nil {
				return nil, err
			}
			for _, h := range res.Hits {
				urls = append(urls, h.URL)
			}
			if len(res.Hits) < limit || off+limit >= res.Total {
				return urls, nil
			}
		}
	}
	// Bleve is built before any query runs, so that the latencies of
	// both are measured in the same minutes, interleaved query by query:
	// on a shared machine the load of other processes weighs on both
	// alike.
	var idx bleve.Index
	if *withBleve {
		if idx, err = bleve.New(filepath.Join(*dir, "bleve"), bleveMapping()); err != nil {
			log.Fatal(err)
		}
		defer idx.Close()
		start = time.Now()
		for i := 0; i < len(arts); i += *batchSize {
			b := idx.NewBatch()
			for _, a := range arts[i:min(i+*batchSize, len(arts))] {
				if err := b.Index(a.url, map[string]any{"text": a.text, "source": a.source}); err != nil {
					log.Fatal(err)
				}
			}
			if err := idx.Batch(b); err != nil {
				log.Fatal(err)
			}
		}
		el = time.Since(start)
		fmt.Printf("bleve ar: indexed %d in %v: %.0f articles/s, %.2f MB/s; %.1f MB on disk\n",
			len(arts), el.Round(time.Millisecond), float64(len(arts))/el.Seconds(), float64(bytes)/1e6/el.Seconds(),
			float64(dirSize(filepath.Join(*dir, "bleve")))/1e6)
	}
	bleveSearch := func(q string, size int, highlight bool) ([]string, error) {
		mq := bleve.NewMatchQuery(q)
		mq.SetField("text")
		req := bleve.NewSearchRequestOptions(mq, size, 0, false)
		if highlight {
			req.Highlight = bleve.NewHighlight()
		}
		res, err := idx.Search(req)
		if err != nil {
			return nil, err
		}
		var urls []string
		for _, h := range res.Hits {
			urls = append(urls, h.ID)
		}
		return urls, nil
	}

	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			log.Fatal(err)
		}
	}
	lat := latency(mixed, func(q string) error {
		pq, err := search.Parse(q)
		if err != nil {
			return err
		}
		_, err = db.Search(ctx, search.Request{Query: pq, Facets: 5})
		return err
	}, nil)
	fmt.Printf("khabar sqlite: %d mixed queries (10 hits, snippets, facets): %s\n", len(mixed), lat[0])
	khabarRecall := func(q string) error {
		pq, err := search.Parse(q)
		if err != nil {
			return err
		}
		_, err = db.Search(ctx, search.Request{Query: pq})
		return err
	}
	var bleveRecall func(string) error
	if idx != nil {
		bleveRecall = func(q string) error {
			_, err := bleveSearch(q, 10, true)
			return err
		}
	}
	lat = latency(queriesOf(recall), khabarRecall, bleveRecall)
	pprof.StopCPUProfile()
	fmt.Printf("khabar sqlite: %d recall queries (10 hits, snippets): %s\n", len(recall), lat[0])
	if idx != nil {
		fmt.Printf("bleve ar: %d recall queries (10 hits, highlights), interleaved with khabar's: %s\n", len(recall), lat[1])
	}
	report("khabar sqlite", recall, gold, func(q string) ([]string, error) { return khabarSearch(q, 1000) })
	if idx != nil {
		report("bleve ar", recall, gold, func(q string) ([]string, error) { return bleveSearch(q, len(arts), false) })
	}
	db.Close()
}

func bleveMapping() mapping.IndexMapping {
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = "ar"
	return m
}

// readArticles reads up to n articles with text, dropping repeated URLs
// and repeated texts (the store would keep only one of each).
func readArticles(path string, n int) ([]article, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w (saudinewsnet lives in ../shared/data beside the module)", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 16<<20)
	seen := map[string]bool{}
	var out []article
	for line := 1; sc.Scan() && len(out) < n; line++ {
		var r struct {
			Title, Content, URL, Source string
			Date                        string `json:"date_extracted"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		text := strings.TrimSpace(r.Title + "\n\n" + strings.TrimSpace(r.Content))
		if strings.TrimSpace(r.Content) == "" || r.URL == "" {
			continue
		}
		h := store.ContentHash(text)
		if seen[r.URL] || seen[h] {
			continue
		}
		seen[r.URL], seen[h] = true, true
		pub := ""
		if len(r.Date) >= 10 {
			pub = r.Date[:10]
		}
		out = append(out, article{url: r.URL, source: r.Source, published: pub, text: text})
	}
	return out, sc.Err()
}

type recallQuery struct {
	query string
	forms map[string]bool
}

func readRecall(path string) ([]recallQuery, error) {
	lines, err := readLines(path)
	if err != nil {
		return nil, err
	}
	var out []recallQuery
	for i, l := range lines {
		q, bases, ok := strings.Cut(l, "\t")
		if !ok {
			return nil, fmt.Errorf("%s: query %d: want QUERY<TAB>FORMS", path, i+1)
		}
		out = append(out, recallQuery{query: q, forms: expand(strings.Fields(bases))})
	}
	return out, nil
}

// expand generates the clitic forms of the base words.
func expand(bases []string) map[string]bool {
	pro := []string{"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك"}
	forms := map[string]bool{}
	for _, b := range bases {
		stems := []string{b}
		if s, ok := strings.CutSuffix(b, "ة"); ok {
			stems = append(stems, s+"ته", s+"تها", s+"تهم")
		} else {
			stems = append(stems, b+"ه", b+"ها", b+"هم")
		}
		for _, p := range pro {
			for _, s := range stems {
				forms[p+s] = true
			}
			forms[p+"ال"+b] = true
		}
		forms["لل"+b] = true
		forms["ولل"+b] = true
		forms["فلل"+b] = true
	}
	return forms
}

// goldSets returns, per recall query, the URLs of the articles that
// contain one of its forms as a whole word.
func goldSets(arts []article, qs []recallQuery) []map[string]bool {
	gold := make([]map[string]bool, len(qs))
	for i := range gold {
		gold[i] = map[string]bool{}
	}
	for _, a := range arts {
		words := map[string]bool{}
		for _, w := range strings.FieldsFunc(a.text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) }) {
			words[strip(w)] = true
		}
		for i, q := range qs {
			for w := range words {
				if q.forms[w] {
					gold[i][a.url] = true
					break
				}
			}
		}
	}
	return gold
}

// strip removes diacritics and tatweel.
func strip(w string) string {
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) || r == 'ـ' {
			return -1
		}
		return r
	}, w)
}

func report(name string, qs []recallQuery, gold []map[string]bool, run func(string) ([]string, error)) {
	var sumR, sumP float64
	var tp, relevant, retrieved int
	var worst []string
	for i, q := range qs {
		got, err := run(q.query)
		if err != nil {
			log.Fatalf("%s: %s: %v", name, q.query, err)
		}
		hit := 0
		for _, u := range got {
			if gold[i][u] {
				hit++
			}
		}
		r, p := 1.0, 1.0
		if len(gold[i]) > 0 {
			r = float64(hit) / float64(len(gold[i]))
		}
		if len(got) > 0 {
			p = float64(hit) / float64(len(got))
		}
		sumR += r
		sumP += p
		tp += hit
		relevant += len(gold[i])
		retrieved += len(got)
		if r < 0.5 {
			worst = append(worst, fmt.Sprintf("%s %.2f", q.query, r))
		}
	}
	fmt.Printf("%s: recall macro %.3f micro %.3f; precision macro %.3f micro %.3f (%d relevant, %d retrieved)\n",
		name, sumR/float64(len(qs)), float64(tp)/float64(max(relevant, 1)), sumP/float64(len(qs)),
		float64(tp)/float64(max(retrieved, 1)), relevant, retrieved)
	if len(worst) > 0 {
		fmt.Printf("%s: recall under 0.5: %s\n", name, strings.Join(worst, ", "))
	}
}

// latency runs every query with run and, when other is not nil, with
// other too, alternating which goes first; it returns the percentiles
// of each.
func latency(qs []string, run, other func(string) error) [2]string {
	var lat [2][]time.Duration
	timed := func(i int, f func(string) error, q string) {
		start := time.Now()
		if err := f(q); err != nil {
			log.Fatalf("%s: %v", q, err)
		}
		lat[i] = append(lat[i], time.Since(start))
	}
	for n, q := range qs {
		if other != nil && n%2 == 1 {
			timed(1, other, q)
		}
		timed(0, run, q)
		if other != nil && n%2 == 0 {
			timed(1, other, q)
		}
	}
	var out [2]string
	for i, l := range lat {
		if len(l) == 0 {
			continue
		}
		slices.Sort(l)
		p := func(f float64) time.Duration {
			return l[min(len(l)-1, int(f*float64(len(l))))].Round(10 * time.Microsecond)
		}
		out[i] = fmt.Sprintf("p50 %v p90 %v p99 %v max %v", p(0.5), p(0.9), p(0.99), l[len(l)-1].Round(10*time.Microsecond))
	}
	return out
}

func queriesOf(qs []recallQuery) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.query
	}
	return out
}

func readLines(path string) ([]string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if !utf8.Valid(raw) {
		return nil, fmt.Errorf("%s: not UTF-8", path)
	}
	var out []string
	for _, l := range strings.Split(string(raw), "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out, nil
}

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}
