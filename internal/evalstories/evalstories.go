// Package evalstories scores a clustering of articles into stories
// against hand-labelled story membership: pairwise precision, recall and
// F1 over the pairs of articles placed in one story (the main figure,
// since most articles are alone in their story and any clustering that
// leaves them alone scores well per article), and B-cubed beside it.
package evalstories

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Gold is one labelled article: its line in the corpus, its crawl batch
// and its story key.
type Gold struct {
	Line  int
	Batch string
	Story string
}

// ErrFormat is wrapped by ReadGold's errors about malformed lines.
var ErrFormat = errors.New("malformed story label")

// ReadGold reads labels, one "line<TAB>batch<TAB>story" a line; lines
// starting with # and blank lines are skipped. A line number may appear
// once.
func ReadGold(r io.Reader) ([]Gold, error) {
	var out []Gold
	seen := make(map[int]bool)
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) != 3 || f[2] == "" {
			return nil, fmt.Errorf("line %d: want 3 tab-separated fields: %w", n, ErrFormat)
		}
		line, err := strconv.Atoi(f[0])
		if err != nil || line < 1 {
			return nil, fmt.Errorf("line %d: bad record number %q: %w", n, f[0], ErrFormat)
		}
		if seen[line] {
			return nil, fmt.Errorf("line %d: record %d labelled twice: %w", n, line, ErrFormat)
		}
		seen[line] = true
		out = append(out, Gold{Line: line, Batch: f[1], Story: f[2]})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading story labels: %w", err)
	}
	return out, nil
}

// Scores are the figures of one clustering.
type Scores struct {
	Articles  int
	GoldPairs int // same-story pairs in the labels
	PredPairs int // same-cluster pairs in the clustering
	Correct   int // pairs in both

	P, R, F1                   float64 // pairwise
	BCubedP, BCubedR, BCubedF1 float64
}

// Score compares pred (article → cluster) with gold (article → story)
// over the articles gold labels. An article missing from pred is alone.
func Score[K comparable](gold, pred map[K]string) Scores {
	keys := make([]K, 0, len(gold))
	for k := range gold {
		keys = append(keys, k)
	}
	clusterOf := func(k K) string {
		if c, ok := pred[k]; ok {
			return "c" + c
		}
		return fmt.Sprintf("alone:%v", k)
	}
	goldSize := make(map[string]int)
	predSize := make(map[string]int)
	both := make(map[[2]string]int)
	for _, k := range keys {
		g, p := gold[k], clusterOf(k)
		goldSize[g]++
		predSize[p]++
		both[[2]string{g, p}]++
	}
	s := Scores{Articles: len(keys)}
	for _, n := range goldSize {
		s.GoldPairs += n * (n - 1) / 2
	}
	for _, n := range predSize {
		s.PredPairs += n * (n - 1) / 2
	}
	for _, n := range both {
		s.Correct += n * (n - 1) / 2
	}
	s.P, s.R, s.F1 = prf(s.Correct, s.PredPairs, s.GoldPairs)
	if len(keys) == 0 {
		return s
	}
	var bp, br float64
	for _, k := range keys {
		g, p := gold[k], clusterOf(k)
		n := float64(both[[2]string{g, p}])
		bp += n / float64(predSize[p])
		br += n / float64(goldSize[g])
	}
	s.BCubedP = bp / float64(len(keys))
	s.BCubedR = br / float64(len(keys))
	if s.BCubedP+s.BCubedR > 0 {
		s.BCubedF1 = 2 * s.BCubedP * s.BCubedR / (s.BCubedP + s.BCubedR)
	}
	return s
}

// prf returns precision, recall and F1; precision is 1 when nothing was
// predicted and recall 1 when there was nothing to find.
func prf(correct, predicted, gold int) (p, r, f float64) {
	p, r = 1, 1
	if predicted > 0 {
		p = float64(correct) / float64(predicted)
	}
	if gold > 0 {
		r = float64(correct) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// Row formats one line of an evaluation table.
func Row(name string, s Scores) string {
	return fmt.Sprintf("%-36s %4d %5d %5d %5d  %.3f %.3f %.3f   %.3f %.3f %.3f",
		name, s.Articles, s.GoldPairs, s.PredPairs, s.Correct, s.P, s.R, s.F1, s.BCubedP, s.BCubedR, s.BCubedF1)
}

// Header is the heading of the table Row writes.
const Header = "clustering                           arts  gold  pred  both  pair-P pair-R pair-F1  B3-P  B3-R  B3-F1"
