package evalarabic

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/khabar/khabar/arabic"
)

// goldToken is one row of the QCRI WikiNews segmentation gold, split into
// the parts package arabic models.
type goldToken struct {
	raw        string // the word as written
	word       string // Search-normalized surface form
	proclitics string // normalized surface of the proclitics
	enclitic   string // normalized pronoun suffix, or ""
	key        string // lemma key: the core segments, without clitics or inflection
}

var (
	goldProclitics = map[string]bool{"و": true, "ف": true, "ب": true, "ك": true, "ل": true, "ال": true, "س": true}
	goldEnclitics  = map[string]bool{"ه": true, "ها": true, "هم": true, "هما": true, "هن": true, "ك": true, "كم": true, "كما": true, "كن": true, "نا": true, "ني": true, "ي": true}
	procliticTags  = map[string]bool{"CONJ": true, "PREP": true, "DET": true, "FUT_PART": true, "PART": true}
	inflectionTags = map[string]bool{"NSUFF": true, "CASE": true}
)

// parseGold reads wikinews_seg_pos.tsv. ok is false for rows that are
// not Arabic words or whose segmentation does not spell the word.
func parseGold(word, seg, pos string) (goldToken, bool) {
	w := arabic.Normalize(word, arabic.Search)
	if !isArabicWord(w) || seg == "+" {
		return goldToken{}, false
	}
	segs := strings.Split(arabic.Normalize(seg, arabic.Search), "+")
	tags := strings.Split(pos, "+")
	if len(segs) != len(tags) {
		return goldToken{}, false
	}
	i := 0
	for i < len(segs)-1 && procliticTags[tags[i]] && goldProclitics[segs[i]] {
		i++
	}
	j := len(segs)
	if j-1 >= i && j-1 > 0 && tags[j-1] == "PRON" && goldEnclitics[segs[j-1]] {
		j--
	}
	if i == j { // only clitics, as in ل+ه: the last proclitic is the base
		i--
	}
	enc := strings.Join(segs[j:], "")
	rest := strings.Join(segs[i:j], "") + enc
	if !strings.HasSuffix(w, rest) {
		return goldToken{}, false
	}
	var key strings.Builder
	for k := i; k < j; k++ {
		if !inflectionTags[tags[k]] {
			key.WriteString(segs[k])
		}
	}
	return goldToken{raw: word, word: w, proclitics: w[:len(w)-len(rest)], enclitic: enc, key: key.String()}, true
}

func isArabicWord(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '\u0621' || r > '\u064A' {
			return false
		}
	}
	return true
}

func readGold(dir string) ([]goldToken, error) {
	path := filepath.Join(dir, "wikinews_seg_pos.tsv")
	rows, err := readTSV(path, false)
	if err != nil {
		return nil, err
	}
	var out []goldToken
	for i, row := range rows {
		if len(row) == 1 && row[0] == "" {
			continue
		}
		if len(row) != 3 {
			return nil, fmt.Errorf("%s: line %d: want 3 fields, have %d", path, i+1, len(row))
		}
		if g, ok := parseGold(row[0], row[1], row[2]); ok {
			out = append(out, g)
		}
	}
	return out, nil
}

// qcriClitics measures SplitClitics token by token: a token passes when
// both its proclitics and its enclitic match the gold.
func qcriClitics(ctx context.Context, dir string) (*Result, error) {
	gold, err := readGold(dir)
	if err != nil {
		return nil, err
	}
	r := &Result{Metrics: map[string]float64{}}
	var split, goldSplit, bothSplit int
	for _, g := range gold {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		s := arabic.SplitClitics(g.raw)
		want := g.proclitics + "+" + g.enclitic
		got := arabic.Normalize(s.Proclitics, arabic.Search) + "+" + arabic.Normalize(s.Enclitic, arabic.Search)
		r.check("", g.raw, want, got)
		if s.Proclitics != "" || s.Enclitic != "" {
			split++
		}
		if want != "+" {
			goldSplit++
			if got == want {
				bothSplit++
			}
		}
	}
	if r.Total > 0 {
		r.Metrics["never_split_baseline"] = float64(r.Total-goldSplit) / float64(r.Total)
	}
	if split > 0 {
		r.Metrics["split_precision"] = float64(bothSplit) / float64(split)
	}
	if goldSplit > 0 {
		r.Metrics["split_recall"] = float64(bothSplit) / float64(goldSplit)
	}
	return r, nil
}

// conflationSuite measures how a stemming mode groups the distinct word
// forms of the gold: pairs of forms with the same gold lemma key should
// share a stem (recall), pairs with the same stem should share the key
// (precision). Passed/Total count correct/all pairs the mode conflates.
func conflationSuite(mode arabic.StemMode) func(context.Context, string) (*Result, error) {
	return func(ctx context.Context, dir string) (*Result, error) {
		gold, err := readGold(dir)
		if err != nil {
			return nil, err
		}
		forms := gold2pairs(gold)
		p, rc, tp, predPairs := Conflation(forms, func(w string) string { return arabic.Stem(w, mode) })
		r := &Result{Info: true, Passed: tp, Total: predPairs, Metrics: map[string]float64{
			"precision": p, "recall": rc, "forms": float64(len(forms)),
		}}
		if p+rc > 0 {
			r.Metrics["f1"] = 2 * p * rc / (p + rc)
		}
		return r, ctx.Err()
	}
}

func gold2pairs(gold []goldToken) map[string]string {
	m := map[string]string{}
	for _, g := range gold {
		if g.key != "" {
			m[g.word] = g.key
		}
	}
	return m
}

// Conflation scores a stemmer on forms, a map from each distinct word
// form to its gold lemma key. It returns pair precision and recall, the
// number of correctly conflated pairs and the number of conflated pairs.
func Conflation(forms map[string]string, stem func(string) string) (precision, recall float64, truePairs, predPairs int) {
	cell := map[[2]string]int{}
	byKey := map[string]int{}
	byStem := map[string]int{}
	for w, key := range forms {
		s := stem(w)
		cell[[2]string{key, s}]++
		byKey[key]++
		byStem[s]++
	}
	pairs := func(n int) int { return n * (n - 1) / 2 }
	goldPairs := 0
	for _, n := range cell {
		truePairs += pairs(n)
	}
	for _, n := range byKey {
		goldPairs += pairs(n)
	}
	for _, n := range byStem {
		predPairs += pairs(n)
	}
	if predPairs > 0 {
		precision = float64(truePairs) / float64(predPairs)
	}
	if goldPairs > 0 {
		recall = float64(truePairs) / float64(goldPairs)
	}
	return precision, recall, truePairs, predPairs
}
