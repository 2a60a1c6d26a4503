package scalebench

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/khabar/khabar/postgres"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/sqlite"
	"github.com/khabar/khabar/store"
)

// QuerySet is a named list of queries run with the same number of facet
// values.
type QuerySet struct {
	Name    string   `json:"name"`
	Queries []string `json:"queries"`
	Facets  int      `json:"facets"`
}

// SetResult is the latency of one query set.
type SetResult struct {
	Name    string  `json:"name"`
	Queries int     `json:"queries"`
	Facets  int     `json:"facets"`
	P50MS   float64 `json:"p50_ms"`
	P99MS   float64 `json:"p99_ms"`
	MeanMS  float64 `json:"mean_ms"`
	Hits    int     `json:"hits"` // total matches over the set
	Errors  int     `json:"errors,omitempty"`
}

// ProbeResult is what a process that opens the store to search it
// costs: the time from opening to the first answer, the time to load
// the search index and postings cache completely (what khabar serve
// does in the background), the query latencies once warm, and the
// process's peak resident memory.
type ProbeResult struct {
	OpenToFirstMS float64     `json:"open_to_first_answer_ms"`
	WarmMS        float64     `json:"warm_ms"`
	Sets          []SetResult `json:"sets"`
	PeakRSSMB     float64     `json:"peak_rss_mb"`
	PostingsTerms int         `json:"postings_terms"`
	PostingsMB    float64     `json:"postings_mb"`
}

// FirstQuery is the query whose answer ends the open-to-first-answer
// time: a common word, with facets, as the web UI asks it.
const FirstQuery = "السعودية"

// Probe opens the store at where read-only as khabar serve would (a
// PostgreSQL database when where is a postgres:// URL, else the SQLite
// store in the directory where), answers FirstQuery, warms the store
// (SQLite: its search index and postings cache; PostgreSQL has nothing
// to warm), runs every set once unmeasured and once measured, and
// reports. Run it in a process of its own for a peak memory that is the
// searcher's alone (a PostgreSQL server's memory is not counted).
func Probe(ctx context.Context, where string, sets []QuerySet) (*ProbeResult, error) {
	var res ProbeResult
	start := time.Now()
	var db store.Store
	if postgres.IsURL(where) {
		pg, err := postgres.Open(ctx, where, postgres.Options{ReadOnly: true})
		if err != nil {
			return nil, err
		}
		db = pg
	} else {
		lite, err := sqlite.OpenDir(ctx, where, sqlite.Options{ReadOnly: true})
		if err != nil {
			return nil, err
		}
		db = lite
	}
	defer db.Close()
	q, err := search.Parse(FirstQuery)
	if err != nil {
		return nil, err
	}
	if _, err := db.Search(ctx, search.Request{Query: q, Facets: 5}); err != nil {
		return nil, fmt.Errorf("first query: %w", err)
	}
	res.OpenToFirstMS = ms(time.Since(start))
	if w, ok := db.(interface{ Warm(context.Context) error }); ok {
		start = time.Now()
		if err := w.Warm(ctx); err != nil {
			return nil, fmt.Errorf("warming: %w", err)
		}
		res.WarmMS = ms(time.Since(start))
	}
	if p, ok := db.(interface{ PostingsStats() sqlite.PostingsStats }); ok {
		st := p.PostingsStats()
		res.PostingsTerms, res.PostingsMB = st.Terms, float64(st.Bytes)/1e6
	}
	for pass := range 2 {
		for _, set := range sets {
			sr := SetResult{Name: set.Name, Facets: set.Facets}
			var lat []time.Duration
			for _, qs := range set.Queries {
				q, err := search.Parse(qs)
				if err != nil {
					sr.Errors++
					continue
				}
				t0 := time.Now()
				r, err := db.Search(ctx, search.Request{Query: q, Facets: set.Facets})
				if err != nil {
					if ctx.Err() != nil {
						return nil, ctx.Err()
					}
					sr.Errors++
					continue
				}
				lat = append(lat, time.Since(t0))
				sr.Hits += r.Total
			}
			if pass == 1 {
				sr.Queries = len(lat)
				sr.P50MS, sr.P99MS, sr.MeanMS = quantiles(lat)
				res.Sets = append(res.Sets, sr)
			}
		}
	}
	res.PeakRSSMB = PeakRSSMB()
	return &res, nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// quantiles returns the median, the 99th percentile (nearest rank) and
// the mean of ds in milliseconds; zeros when ds is empty.
func quantiles(ds []time.Duration) (p50, p99, mean float64) {
	if len(ds) == 0 {
		return 0, 0, 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	rank := func(p float64) time.Duration {
		i := int(p*float64(len(s))+0.999999) - 1
		return s[max(0, min(i, len(s)-1))]
	}
	var total time.Duration
	for _, d := range s {
		total += d
	}
	return ms(rank(0.50)), ms(rank(0.99)), ms(total / time.Duration(len(s)))
}

// PeakRSSMB returns the process's peak resident set size (VmHWM) in
// megabytes, 0 where /proc/self/status does not say.
func PeakRSSMB() float64 { return procStatusMB("VmHWM:") }

// RSSMB returns the process's resident set size (VmRSS) in megabytes.
func RSSMB() float64 { return procStatusMB("VmRSS:") }

func procStatusMB(field string) float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			if err == nil {
				return kb / 1024
			}
		}
	}
	return 0
}

// DiskMB returns the size of the SQLite store in dir: the database and
// its write-ahead log and shared-memory files.
func DiskMB(dir string) (float64, error) {
	var n int64
	for _, suffix := range []string{"", "-wal", "-shm"} {
		fi, err := os.Stat(filepath.Join(dir, sqlite.FileName+suffix))
		if err != nil {
			if os.IsNotExist(err) && suffix != "" {
				continue
			}
			return 0, err
		}
		n += fi.Size()
	}
	return float64(n) / 1e6, nil
}

// PostgresMB returns the size of the PostgreSQL database at url
// (pg_database_size: its tables, indexes and TOAST, not the server's
// write-ahead log).
func PostgresMB(ctx context.Context, url string) (float64, error) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return 0, fmt.Errorf("database size: %w", err)
	}
	defer conn.Close(ctx)
	var n int64
	if err := conn.QueryRow(ctx, `SELECT pg_database_size(current_database())`).Scan(&n); err != nil {
		return 0, fmt.Errorf("database size: %w", err)
	}
	return float64(n) / 1e6, nil
}
