package evalarabic

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/khabar/khabar/arabic"
)

// readNames collects the distinct one-word Arabic names without a
// leading article from world-cities-ar, countries-ar and arabic-names
// under dataDir, as written. Missing files are skipped.
func readNames(dataDir string) ([]string, error) {
	set := map[string]bool{}
	add := func(name string) {
		name = strings.TrimSpace(strings.TrimPrefix(name, "\ufeff"))
		n := arabic.Normalize(name, arabic.Search)
		if isArabicWord(n) && !strings.HasPrefix(n, "ال") {
			set[name] = true
		}
	}
	readCSV := func(path string, col int) error {
		f, err := os.Open(path)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		defer f.Close()
		r := csv.NewReader(f)
		r.FieldsPerRecord = -1
		for {
			rec, err := r.Read()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			if col < len(rec) {
				add(rec[col])
			}
		}
	}
	if err := readCSV(filepath.Join(dataDir, "world-cities-ar", "world-cities.csv"), 2); err != nil {
		return nil, err
	}
	if err := readCSV(filepath.Join(dataDir, "countries-ar", "country_names_umpirsky_ar.csv"), 1); err != nil {
		return nil, err
	}
	for _, file := range []string{"male-first-names-in-arabic.txt", "female-first-names-in-arabic.txt", "last-names-in-arabic.txt"} {
		b, err := os.ReadFile(filepath.Join(dataDir, "arabic-names", file))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for line := range strings.SplitSeq(string(b), "\n") {
			add(line)
		}
	}
	out := make([]string, 0, len(set))
	for n := range set {
		out = append(out, n)
	}
	sort.Strings(out)
	return out, nil
}

// namesSuite checks that names come through f unchanged: the stemmers
// must not stem them, SplitClitics must not split them. f gets the name
// as written; it returns what it makes of it, to be compared with the
// Search-normalized name. These lists were not used to develop the rules.
// Information only.
func namesSuite(f func(string) string) func(context.Context, string) (*Result, error) {
	return func(ctx context.Context, _ string) (*Result, error) {
		dataDir, ok := ctx.Value(dataDirKey{}).(string)
		if !ok {
			return nil, errors.New("names suite: no data directory")
		}
		names, err := readNames(dataDir)
		if err != nil {
			return nil, err
		}
		if len(names) == 0 {
			return nil, fs.ErrNotExist
		}
		r := &Result{Info: true}
		for _, n := range names {
			norm := arabic.Normalize(n, arabic.Search)
			r.check("", n, norm, f(n))
		}
		return r, nil
	}
}

// dataDirKey carries Run's data directory to suites that read several
// folders.
type dataDirKey struct{}

// splitWhole returns the normalized word when SplitClitics leaves it
// whole, its parts joined by + otherwise.
func splitWhole(w string) string {
	s := arabic.SplitClitics(w)
	n := func(s string) string { return arabic.Normalize(s, arabic.Search) }
	if s.Proclitics == "" && s.Enclitic == "" {
		return n(w)
	}
	return n(s.Proclitics) + "+" + n(s.Base) + "+" + n(s.Enclitic)
}

// stemWritten stems the Search normalization of w.
func stemWritten(mode arabic.StemMode) func(string) string {
	return func(w string) string { return arabic.Stem(arabic.Normalize(w, arabic.Search), mode) }
}
