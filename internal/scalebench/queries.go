package scalebench

import (
	"bufio"
	"cmp"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ReadQueries reads a query file: one query a line, blank lines and
// lines starting with # left out.
func ReadQueries(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("queries: %w", err)
	}
	defer f.Close()
	var qs []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if s := strings.TrimSpace(sc.Text()); s != "" && !strings.HasPrefix(s, "#") {
			qs = append(qs, s)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("queries %s: %w", path, err)
	}
	return qs, nil
}

// DefaultSets returns the query sets of the benchmark: the mixed
// queries without and with 5 facet values, then n phrases of two words
// and n prefixes of four letters drawn from the pool's titles, and the
// n entities mentioned most in the pool as entity: filters, all with
// facets. The draws depend on seed only.
func DefaultSets(mixed []string, pool *Pool, n int, seed uint64) []QuerySet {
	sets := []QuerySet{
		{Name: SetMixed, Queries: mixed},
		{Name: SetMixedFacets, Queries: mixed, Facets: 5},
	}
	r := rand.New(rand.NewPCG(seed, 7))
	var phrases, prefixes []string
	seen := map[string]bool{}
	for tries := 0; tries < 100*n && (len(phrases) < n || len(prefixes) < n) && len(pool.titles) > 0; tries++ {
		words := arabicWords(pool.titles[r.IntN(len(pool.titles))].text)
		if len(words) < 2 {
			continue
		}
		i := r.IntN(len(words) - 1)
		if len(phrases) < n && utf8.RuneCountInString(words[i]) > 2 && utf8.RuneCountInString(words[i+1]) > 2 {
			if q := `"` + words[i] + " " + words[i+1] + `"`; !seen[q] {
				seen[q] = true
				phrases = append(phrases, q)
			}
		}
		if w := []rune(words[i]); len(prefixes) < n && len(w) >= 6 {
			if q := string(w[:4]) + "*"; !seen[q] {
				seen[q] = true
				prefixes = append(prefixes, q)
			}
		}
	}
	sets = append(sets, QuerySet{Name: SetPhrase, Queries: phrases, Facets: 5},
		QuerySet{Name: SetPrefix, Queries: prefixes, Facets: 5},
		QuerySet{Name: SetEntity, Queries: topEntities(pool, n), Facets: 5})
	return sets
}

// arabicWords returns the words of s made of Arabic letters only.
func arabicWords(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		ok := w != ""
		for _, c := range w {
			if !unicode.Is(unicode.Arabic, c) || !unicode.IsLetter(c) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, w)
		}
	}
	return out
}

// topEntities returns entity: filters for the n entities with the most
// mentions in the pool's sentences.
func topEntities(pool *Pool, n int) []string {
	counts := make([]int, len(pool.ents))
	for _, pc := range pool.sentences {
		for _, m := range pc.ments {
			counts[m.ent]++
		}
	}
	idx := make([]int, len(counts))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(counts[b], counts[a]) })
	var out []string
	seen := map[string]bool{}
	for _, i := range idx {
		if len(out) >= n || counts[i] == 0 {
			break
		}
		name := pool.ents[i].name
		if name == "" || strings.ContainsRune(name, '"') || seen[name] {
			continue
		}
		seen[name] = true
		out = append(out, `entity:"`+name+`"`)
	}
	return out
}
