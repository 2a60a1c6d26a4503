// Package evalarabic evaluates package arabic against the public test
// suites in khabar's shared data directory: Lucene's and Bleve's Arabic
// normalization, stemming and analyzer tests, sentence-boundary cases,
// Snowball and golden-corpus stems (information only), and the QCRI
// WikiNews gold segmentation (clitic-split accuracy, and conflation
// precision and recall of each stemming mode).
package evalarabic

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/khabar/khabar/arabic"
)

// Failure is one case a suite got wrong.
type Failure struct {
	Case  string `json:"case,omitempty"`
	Input string `json:"input"`
	Want  string `json:"want"`
	Got   string `json:"got"`
}

// Result is the outcome of one suite.
type Result struct {
	Passed int `json:"passed"`
	Total  int `json:"total"`
	// Skipped counts cases the package cannot express (for example a
	// Persian char filter or a keyword-protected token); they are not in
	// Total.
	Skipped int `json:"skipped,omitempty"`
	// Info marks suites that are reported for information, not held to a
	// pass rate (their gold follows a different stemmer's conventions).
	Info bool `json:"info,omitempty"`
	// Metrics holds suite-specific figures such as precision and recall.
	Metrics  map[string]float64 `json:"metrics,omitempty"`
	Failures []Failure          `json:"-"`
}

// Rate returns Passed/Total, or 0 for an empty suite.
func (r *Result) Rate() float64 {
	if r.Total == 0 {
		return 0
	}
	return float64(r.Passed) / float64(r.Total)
}

func (r *Result) check(name, input, want, got string) {
	r.Total++
	if want == got {
		r.Passed++
		return
	}
	r.Failures = append(r.Failures, Failure{Case: name, Input: input, Want: want, Got: got})
}

// Report holds every suite that ran, by name.
type Report struct {
	Suites map[string]*Result `json:"suites"`
}

// suite is one evaluation: the data folder it needs ("" for suites that
// gather files from several folders) and how to run it.
type suite struct {
	name   string
	folder string
	run    func(ctx context.Context, dir string) (*Result, error)
}

func suites() []suite {
	return []suite{
		{"lucene-normalization", "lucene-arabic-tests", luceneNormalization},
		{"lucene-stem", "lucene-arabic-tests", luceneStemSuite},
		{"lucene-analyzer", "lucene-arabic-tests", luceneAnalyzer},
		{"lucene-filters", "lucene-arabic-tests", luceneFilters},
		{"bleve-normalize", "bleve-arabic-tests", bleveNormalize},
		{"bleve-stem", "bleve-arabic-tests", bleveStem},
		{"bleve-analyzer", "bleve-arabic-tests", bleveAnalyzer},
		{"sentence-split-sentencex", "sentence-split-tests", sentenceSplit("sentencex_ar.jsonl")},
		{"sentence-split-pysbd", "sentence-split-tests", sentenceSplit("pysbd_ar.jsonl")},
		{"nltk-snowball", "nltk-snowball-arabic-tests", snowball},
		{"golden-corpus", "golden-corpus-arabic", goldenCorpus},
		{"qcri-clitics", "qcri-wikinews-seg", qcriClitics},
		{"qcri-conflation-LuceneStem", "qcri-wikinews-seg", conflationSuite(0)},
		{"qcri-conflation-LightStem", "qcri-wikinews-seg", conflationSuite(1)},
		{"names-intact-LuceneStem", "", namesSuite(stemWritten(arabic.LuceneStem))},
		{"names-intact-LightStem", "", namesSuite(stemWritten(arabic.LightStem))},
		{"names-intact-clitics", "", namesSuite(splitWhole)},
	}
}

// Run runs every suite whose data folder exists under dataDir. It fails
// when dataDir cannot be read, holds no suite, or a present data file is
// malformed.
func Run(ctx context.Context, dataDir string) (*Report, error) {
	if _, err := os.Stat(dataDir); err != nil {
		return nil, fmt.Errorf("evalarabic: data dir %s: %w", dataDir, err)
	}
	rep := &Report{Suites: map[string]*Result{}}
	ctx = context.WithValue(ctx, dataDirKey{}, dataDir)
	for _, s := range suites() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		dir := filepath.Join(dataDir, s.folder)
		if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		res, err := s.run(ctx, dir)
		if errors.Is(err, fs.ErrNotExist) {
			continue // the folder lacks this suite's file
		}
		if err != nil {
			return nil, fmt.Errorf("evalarabic: suite %s: %w", s.name, err)
		}
		rep.Suites[s.name] = res
	}
	if len(rep.Suites) == 0 {
		return nil, fmt.Errorf("evalarabic: no suite found in %s", dataDir)
	}
	return rep, nil
}

// WriteJSON writes the report as {"suites": {"NAME": {"passed": N, "total": N, ...}}}.
func (rep *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(rep)
}

// WriteText writes one line per suite with its pass rate, followed by
// the suite's failures (at most maxFailures each; all when negative).
func (rep *Report) WriteText(w io.Writer, maxFailures int) error {
	names := make([]string, 0, len(rep.Suites))
	for n := range rep.Suites {
		names = append(names, n)
	}
	sort.Strings(names)
	bw := bufio.NewWriter(w)
	for _, n := range names {
		r := rep.Suites[n]
		tag := ""
		if r.Info {
			tag = " (info)"
		}
		fmt.Fprintf(bw, "%-28s %5d/%-5d %6.2f%%%s", n, r.Passed, r.Total, 100*r.Rate(), tag)
		if r.Skipped > 0 {
			fmt.Fprintf(bw, " skipped %d", r.Skipped)
		}
		keys := make([]string, 0, len(r.Metrics))
		for k := range r.Metrics {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(bw, " %s=%.4f", k, r.Metrics[k])
		}
		bw.WriteByte('\n')
		for i, f := range r.Failures {
			if maxFailures >= 0 && i >= maxFailures {
				fmt.Fprintf(bw, "    ... %d more\n", len(r.Failures)-i)
				break
			}
			c := ""
			if f.Case != "" {
				c = f.Case + ": "
			}
			fmt.Fprintf(bw, "    FAIL %s%q: want %q, got %q\n", c, f.Input, f.Want, f.Got)
		}
	}
	return bw.Flush()
}

// readTSV reads a tab-separated file with a header row and returns the
// data rows. Blank lines are kept as nil rows when keepBlank is set.
func readTSV(path string, header bool) ([][]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rows [][]string
	for i, line := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
		line = strings.TrimRight(line, "\r")
		if i == 0 && header {
			continue
		}
		rows = append(rows, strings.Split(line, "\t"))
	}
	return rows, nil
}

// readJSONL decodes every non-blank line of path into a new T.
func readJSONL[T any](path string) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return out, nil
}
