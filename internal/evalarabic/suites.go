package evalarabic

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/khabar/khabar/arabic"
	"golang.org/x/text/unicode/norm"
)

// pairSuite runs f over the (case, input, expected) rows of a TSV file.
func pairSuite(path string, f func(string) string) (*Result, error) {
	rows, err := readTSV(path, true)
	if err != nil {
		return nil, err
	}
	r := &Result{}
	for i, row := range rows {
		if len(row) != 3 {
			return nil, fmt.Errorf("%s: row %d: want 3 fields, have %d", path, i+2, len(row))
		}
		if strings.Contains(row[0], "keyword-marked") {
			r.Skipped++ // Lucene's KeywordAttribute has no equivalent here
			continue
		}
		r.check(row[0], row[1], row[2], f(row[1]))
	}
	return r, nil
}

func normSearch(s string) string { return arabic.Normalize(s, arabic.Search) }

func stemLucene(s string) string { return arabic.Stem(s, arabic.LuceneStem) }

func luceneNormalization(_ context.Context, dir string) (*Result, error) {
	return pairSuite(filepath.Join(dir, "normalization.tsv"), normSearch)
}

// luceneStemSuite runs the stemmer without normalizing first, as
// Lucene's TestArabicStemFilter does.
func luceneStemSuite(_ context.Context, dir string) (*Result, error) {
	return pairSuite(filepath.Join(dir, "stem.tsv"), stemLucene)
}

func bleveNormalize(_ context.Context, dir string) (*Result, error) {
	return pairSuite(filepath.Join(dir, "normalize.tsv"), normSearch)
}

func bleveStem(_ context.Context, dir string) (*Result, error) {
	return pairSuite(filepath.Join(dir, "stem.tsv"), stemLucene)
}

// chain is an analyzer chain built from package arabic: tokenize, lower
// case, fold digits, (NFKC), drop stop words, normalize, stem.
type chain struct {
	nfkc      bool
	stopwords map[string]bool // custom raw stop words; nil: arabic.IsStopword
	noStem    map[string]bool
}

func (c chain) terms(text string) []string {
	var out []string
	for _, t := range arabic.Tokenize(text) {
		if t.Kind != arabic.Word && t.Kind != arabic.Latin && t.Kind != arabic.Number {
			continue
		}
		w := arabic.FoldDigits(strings.ToLower(t.Text))
		if c.nfkc {
			w = norm.NFKC.String(w)
		}
		if c.stopwords != nil {
			if c.stopwords[w] {
				continue
			}
			w = normSearch(w)
		} else {
			w = normSearch(w)
			if arabic.IsStopword(w) {
				continue
			}
		}
		if w == "" {
			continue
		}
		if !c.noStem[w] {
			w = stemLucene(w)
		}
		out = append(out, w)
	}
	return out
}

var configSet = regexp.MustCompile(`(stopwords|stemExclusion)=\{([^}]*)\}`)

// parseConfig reads Lucene analyzer_config strings such as
// "stopwords={the,and,a} stemExclusion={ساهدهات}".
func parseConfig(cfg string) chain {
	var c chain
	for _, m := range configSet.FindAllStringSubmatch(cfg, -1) {
		set := map[string]bool{}
		for w := range strings.SplitSeq(m[2], ",") {
			if w = strings.TrimSpace(w); w != "" {
				set[w] = true
			}
		}
		if m[1] == "stopwords" {
			c.stopwords = set
		} else {
			c.noStem = set
		}
	}
	return c
}

func joinTerms(t []string) string { return strings.Join(t, " | ") }

func luceneAnalyzer(_ context.Context, dir string) (*Result, error) {
	type row struct {
		Case     string   `json:"case"`
		Input    string   `json:"input"`
		Expected []string `json:"expected"`
		Config   string   `json:"analyzer_config"`
	}
	rows, err := readJSONL[row](filepath.Join(dir, "analyzer.jsonl"))
	if err != nil {
		return nil, err
	}
	r := &Result{}
	for _, x := range rows {
		c := parseConfig(x.Config)
		r.check(x.Case, x.Input, joinTerms(x.Expected), joinTerms(c.terms(x.Input)))
	}
	return r, nil
}

func luceneFilters(_ context.Context, dir string) (*Result, error) {
	type row struct {
		Case     string   `json:"case"`
		Input    string   `json:"input"`
		Chain    []string `json:"chain"`
		Expected []string `json:"expected"`
	}
	rows, err := readJSONL[row](filepath.Join(dir, "filters.jsonl"))
	if err != nil {
		return nil, err
	}
	r := &Result{}
rows:
	for _, x := range rows {
		var got []string
		for _, w := range strings.Fields(x.Input) {
			for _, step := range x.Chain {
				switch step {
				case "whitespace":
				case "ArabicNormalization":
					w = normSearch(w)
				case "ArabicStem":
					w = stemLucene(w)
				default:
					r.Skipped++ // e.g. the Persian char filter
					continue rows
				}
			}
			got = append(got, w)
		}
		r.check(x.Case, x.Input, joinTerms(x.Expected), joinTerms(got))
	}
	return r, nil
}

// bleveAnalyzer reproduces Bleve's "ar" analyzer, which applies NFKC
// before its Arabic filters.
func bleveAnalyzer(_ context.Context, dir string) (*Result, error) {
	type row struct {
		Comment  string   `json:"comment"`
		Input    string   `json:"input"`
		Expected []string `json:"expected_terms"`
	}
	rows, err := readJSONL[row](filepath.Join(dir, "analyzer.jsonl"))
	if err != nil {
		return nil, err
	}
	r := &Result{}
	c := chain{nfkc: true}
	for _, x := range rows {
		r.check(x.Comment, x.Input, joinTerms(x.Expected), joinTerms(c.terms(x.Input)))
	}
	return r, nil
}

// sentenceSplit returns a suite comparing the whitespace-trimmed
// sentences of arabic.Sentences with the enabled cases of one file
// (pySBD's or sentencex's). The two disagree on one shared input
// (pySBD splits after a headline colon), so they are separate suites.
func sentenceSplit(file string) func(context.Context, string) (*Result, error) {
	return func(_ context.Context, dir string) (*Result, error) {
		return sentenceSplitFile(dir, file)
	}
}

func sentenceSplitFile(dir, file string) (*Result, error) {
	type row struct {
		Source   string   `json:"source"`
		Input    string   `json:"input"`
		Expected []string `json:"expected"`
		Enabled  bool     `json:"enabled"`
	}
	r := &Result{}
	{
		rows, err := readJSONL[row](filepath.Join(dir, file))
		if err != nil {
			return nil, err
		}
		for i, x := range rows {
			if !x.Enabled {
				r.Skipped++
				continue
			}
			runes := []rune(x.Input)
			var got []string
			for _, sp := range arabic.Sentences(x.Input) {
				if sp[0] < 0 || sp[1] > len(runes) || sp[0] > sp[1] {
					got = append(got, fmt.Sprintf("<bad range %v>", sp))
					continue
				}
				if s := strings.TrimSpace(string(runes[sp[0]:sp[1]])); s != "" {
					got = append(got, s)
				}
			}
			want := make([]string, len(x.Expected))
			for j, s := range x.Expected {
				want[j] = strings.TrimSpace(s)
			}
			r.check(fmt.Sprintf("%s#%d", file, i+1), x.Input, joinTerms(want), joinTerms(got))
		}
	}
	return r, nil
}

// snowball compares DefaultStem with NLTK's Snowball stems (information
// only: Snowball removes more than a light stemmer should).
func snowball(_ context.Context, dir string) (*Result, error) {
	rows, err := readTSV(filepath.Join(dir, "snowball_arabic.tsv"), true)
	if err != nil {
		return nil, err
	}
	r := &Result{Info: true}
	for _, row := range rows {
		if len(row) != 3 {
			continue
		}
		r.check("", row[1], row[2], arabic.Stem(normSearch(row[1]), arabic.DefaultStem))
	}
	return r, nil
}

// goldenCorpus compares DefaultStem with a word → stem gold list
// (information only: its stems follow different conventions).
func goldenCorpus(_ context.Context, dir string) (*Result, error) {
	rows, err := readTSV(filepath.Join(dir, "golden_corpus_arabic.tsv"), true)
	if err != nil {
		return nil, err
	}
	r := &Result{Info: true}
	for _, row := range rows {
		if len(row) < 2 {
			continue
		}
		r.check("", row[0], normSearch(row[1]), arabic.Stem(normSearch(row[0]), arabic.DefaultStem))
	}
	return r, nil
}
