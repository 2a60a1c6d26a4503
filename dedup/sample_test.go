package dedup

import (
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/internal/shareddata"
)

// sampleSeed turns on TestSamplePairs, the labelling aid that drew the
// pairs of testdata/saudinewsnet-pairs.tsv (see the file's header).
var sampleSeed = flag.Uint64("dedup.sample", 0, "print a stratified sample of saudinewsnet pairs drawn with this seed, for labelling")

// sampleBands are the exact Jaccard similarity bands of the sample, each
// [lo, next lo), with how many pairs are drawn from each.
var sampleBands = []struct {
	lo float64
	n  int
}{
	{0.05, 36}, {0.15, 36}, {0.25, 36}, {0.35, 36}, {0.45, 36}, {0.55, 30}, {0.70, 24}, {0.85, 18}, {1.01, 0},
}

// The hard-negative stratum: after the bands, apartN more pairs whose
// records were collected at least apartDays days apart (the same story
// is rarely reprinted that late, while recurring formats such as weather
// reports, market closes and congratulation cables are), drawn from
// similarities in [apartLo, apartHi).
const (
	apartN    = 30
	apartDays = 3
	apartLo   = 0.25
	apartHi   = 0.70
)

// Candidate search for the sample: MinHash over sampleHashes keys, LSH
// with bands of 2 rows, so that pairs with Jaccard similarity 0.05 are
// candidates with probability 0.15 and pairs at 0.15 with 0.76. Buckets
// of more than sampleBucketCap documents (boilerplate shingles) are
// skipped.
const (
	sampleHashes    = 128
	sampleRows      = 2
	sampleBucketCap = 64
)

// samplePair is one candidate pair with its exact similarity.
type samplePair struct {
	a, b int
	j    float64 // exact Jaccard similarity of the 5-word shingle sets
}

// TestSamplePairs prints a stratified random sample of near-duplicate
// candidates among the saudinewsnet records, as record numbers with
// their exact similarity, for labelling by hand. It runs only when
// -dedup.sample gives a seed. Records already in the labelled file are
// not drawn again, and no record is drawn twice.
func TestSamplePairs(t *testing.T) {
	if *sampleSeed == 0 {
		t.Skip("labelling aid: run with -dedup.sample=SEED")
	}
	sets, days := shingleSets(t)
	cands := candidatePairs(sets)
	t.Logf("%d records, %d candidate pairs at similarity >= %.2f", len(sets), len(cands), sampleBands[0].lo)

	used := make(map[int]bool)
	for _, p := range readPairs(t) {
		used[p.a], used[p.b] = true, true
	}
	rng := rand.New(rand.NewPCG(*sampleSeed, 0))
	for i := 0; i+1 < len(sampleBands); i++ {
		lo, hi := sampleBands[i].lo, sampleBands[i+1].lo
		var band []samplePair
		for _, p := range cands {
			if p.j >= lo && p.j < hi {
				band = append(band, p)
			}
		}
		rng.Shuffle(len(band), func(x, y int) { band[x], band[y] = band[y], band[x] })
		taken := 0
		for _, p := range band {
			if taken == sampleBands[i].n {
				break
			}
			if used[p.a] || used[p.b] {
				continue
			}
			used[p.a], used[p.b] = true, true
			taken++
			fmt.Printf("%d\t%d\t%.2f-%.2f\t%.3f\n", p.a, p.b, lo, hi, p.j)
		}
		t.Logf("band %.2f-%.2f: %d pairs, %d drawn", lo, hi, len(band), taken)
	}
	var apart []samplePair
	for _, p := range cands {
		if p.j >= apartLo && p.j < apartHi && days[p.a] != 0 && days[p.b] != 0 && abs(days[p.a]-days[p.b]) >= apartDays {
			apart = append(apart, p)
		}
	}
	rng.Shuffle(len(apart), func(x, y int) { apart[x], apart[y] = apart[y], apart[x] })
	taken := 0
	for _, p := range apart {
		if taken == apartN {
			break
		}
		if used[p.a] || used[p.b] {
			continue
		}
		used[p.a], used[p.b] = true, true
		taken++
		fmt.Printf("%d\t%d\tapart\t%.3f\n", p.a, p.b, p.j)
	}
	t.Logf("apart %.2f-%.2f, %d days: %d pairs, %d drawn", apartLo, apartHi, apartDays, len(apart), taken)
}

func abs(x int) int { return max(x, -x) }

// shingleSets returns the sorted, distinct 5-word shingle hashes of
// every saudinewsnet record, as Sign makes them, and the day each was
// collected (days since 1970; 0 when the date does not parse).
func shingleSets(t *testing.T) (sets [][]uint64, days []int) {
	t.Helper()
	sc := shareddata.SaudiNewsNet(t)
	var tz arabic.Tokenizer
	var words []uint64
	var buf []byte
	for n := 0; sc.Scan(); n++ {
		var r struct {
			Content string
			Date    string `json:"date_extracted"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("saudinewsnet line %d: %v", n+1, err)
		}
		words, buf = appendWordHashes(words[:0], buf[:0], &tz, r.Content)
		k := min(DefaultShingle, len(words))
		var set []uint64
		for i := 0; i+k <= len(words) && k > 0; i++ {
			set = append(set, shingleHash(words[i:i+k]))
		}
		slices.Sort(set)
		sets = append(sets, slices.Compact(set))
		day := 0
		if len(r.Date) >= 10 {
			if d, err := time.Parse(time.DateOnly, r.Date[:10]); err == nil {
				day = int(d.Unix() / 86400)
			}
		}
		days = append(days, day)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("reading saudinewsnet: %v", err)
	}
	return sets, days
}

// candidatePairs returns the pairs of sets that LSH makes candidates
// and whose exact Jaccard similarity is at least the lowest band's,
// ordered by record numbers.
func candidatePairs(sets [][]uint64) []samplePair {
	ks := keys(sampleHashes)
	type bk struct {
		band int
		h    uint64
	}
	buckets := make(map[bk][]int)
	sig := make([]uint64, sampleHashes)
	for n, set := range sets {
		if len(set) == 0 {
			continue
		}
		for j := range sig {
			sig[j] = ^uint64(0)
		}
		for _, h := range set {
			for j, kj := range ks {
				sig[j] = min(sig[j], mix(h^kj))
			}
		}
		for b := 0; b < sampleHashes/sampleRows; b++ {
			k := bk{b, bandHash(sig[b*sampleRows : (b+1)*sampleRows])}
			buckets[k] = append(buckets[k], n)
		}
	}
	seen := make(map[[2]int]bool)
	var out []samplePair
	for _, docs := range buckets {
		if len(docs) > sampleBucketCap {
			continue
		}
		for x := range docs {
			for y := x + 1; y < len(docs); y++ {
				key := [2]int{docs[x], docs[y]}
				if seen[key] {
					continue
				}
				seen[key] = true
				if j := jaccard(sets[docs[x]], sets[docs[y]]); j >= sampleBands[0].lo {
					out = append(out, samplePair{docs[x], docs[y], j})
				}
			}
		}
	}
	slices.SortFunc(out, func(p, q samplePair) int {
		return cmp.Or(cmp.Compare(p.a, q.a), cmp.Compare(p.b, q.b))
	})
	return out
}

// jaccard returns the Jaccard similarity of two sorted sets.
func jaccard(a, b []uint64) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 0
	}
	i, j, both := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			both++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(both) / float64(len(a)+len(b)-both)
}
