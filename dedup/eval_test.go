package dedup

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/khabar/khabar/internal/shareddata"
)

// labelledPair is one line of testdata/saudinewsnet-pairs.tsv.
type labelledPair struct {
	a, b    int
	dup     bool
	stratum string
}

func readPairs(t *testing.T) []labelledPair {
	t.Helper()
	name := filepath.Join("testdata", "saudinewsnet-pairs.tsv")
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelledPair
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		p, err := parsePair(line)
		if err != nil {
			t.Fatalf("%s:%d: %v", name, n, err)
		}
		out = append(out, p)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// parsePair parses "a<TAB>b<TAB>label[<TAB>stratum[<TAB>note]]".
func parsePair(line string) (labelledPair, error) {
	f := strings.Split(line, "\t")
	if len(f) < 3 {
		return labelledPair{}, fmt.Errorf("want a, b, label: %q", line)
	}
	var p labelledPair
	var err error
	if p.a, err = strconv.Atoi(f[0]); err != nil {
		return p, fmt.Errorf("record a: %w", err)
	}
	if p.b, err = strconv.Atoi(f[1]); err != nil {
		return p, fmt.Errorf("record b: %w", err)
	}
	switch f[2] {
	case "dup":
		p.dup = true
	case "different":
	default:
		return p, fmt.Errorf("label %q, want dup or different", f[2])
	}
	if len(f) > 3 {
		p.stratum = f[3]
	}
	return p, nil
}

// readContents returns the content of the wanted records of saudinewsnet.
func readContents(t *testing.T, want map[int]bool) map[int]string {
	t.Helper()
	sc := shareddata.SaudiNewsNet(t)
	out := make(map[int]string)
	for n := 0; sc.Scan(); n++ {
		if !want[n] {
			continue
		}
		var r struct{ Content string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("saudinewsnet line %d: %v", n+1, err)
		}
		out[n] = r.Content
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("reading saudinewsnet: %v", err)
	}
	for n := range want {
		if _, ok := out[n]; !ok {
			t.Fatalf("saudinewsnet has no record %d", n)
		}
	}
	return out
}

// confusion counts the outcomes of labelled pairs.
type confusion struct{ tp, fp, fn, tn int }

func (c *confusion) add(found, dup bool) {
	switch {
	case found && dup:
		c.tp++
	case found:
		c.fp++
	case dup:
		c.fn++
	default:
		c.tn++
	}
}

func (c confusion) precision() float64 { return ratio(c.tp, c.tp+c.fp) }
func (c confusion) recall() float64    { return ratio(c.tp, c.tp+c.fn) }

func (c confusion) String() string {
	plo, phi := wilson(c.tp, c.tp+c.fp)
	rlo, rhi := wilson(c.tp, c.tp+c.fn)
	return fmt.Sprintf("tp %d fp %d fn %d tn %d: precision %.3f (%d/%d, 95%% CI %.3f-%.3f) recall %.3f (%d/%d, 95%% CI %.3f-%.3f)",
		c.tp, c.fp, c.fn, c.tn, c.precision(), c.tp, c.tp+c.fp, plo, phi, c.recall(), c.tp, c.tp+c.fn, rlo, rhi)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// wilson returns the 95% Wilson score interval of k successes in n trials.
func wilson(k, n int) (lo, hi float64) {
	if n == 0 {
		return 0, 1
	}
	const z = 1.959964
	p, nf := float64(k)/float64(n), float64(n)
	centre := (p + z*z/(2*nf)) / (1 + z*z/nf)
	half := z / (1 + z*z/nf) * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf))
	return max(0, centre-half), min(1, centre+half)
}

func TestWilson(t *testing.T) {
	tests := []struct {
		k, n   int
		lo, hi float64
	}{
		{0, 0, 0, 1},
		{0, 10, 0, 0.2775},
		{10, 10, 0.7225, 1},
		{50, 100, 0.4038, 0.5962},
		{95, 100, 0.8882, 0.9785},
	}
	for _, tt := range tests {
		lo, hi := wilson(tt.k, tt.n)
		if math.Abs(lo-tt.lo) > 5e-4 || math.Abs(hi-tt.hi) > 5e-4 {
			t.Errorf("wilson(%d, %d) = %.4f-%.4f, want %.4f-%.4f", tt.k, tt.n, lo, hi, tt.lo, tt.hi)
		}
	}
}

// TestLabelledPairs measures precision and recall of the default
// settings, LSH candidate retrieval included, on the 346 hand-labelled
// pairs of real news articles in testdata (236 dup, 110 different; the
// file's header tells how they were drawn). The figures live in the
// README's table; the gates sit at about the lower bounds of their 95%
// Wilson intervals (147 pairs found, 236 duplicates), so that a change
// must lose several pairs to fail.
func TestLabelledPairs(t *testing.T) {
	pairs := readPairs(t)
	want := make(map[int]bool)
	for _, p := range pairs {
		want[p.a], want[p.b] = true, true
	}
	texts := readContents(t, want)
	var all confusion
	strata := map[string]*confusion{}
	var order []string
	for _, p := range pairs {
		x := NewIndex(Options{})
		if _, _, err := x.Add("a", Sign(texts[p.a], Options{})); err != nil {
			t.Fatal(err)
		}
		found := x.Query(Sign(texts[p.b], Options{})) != nil
		all.add(found, p.dup)
		c := strata[p.stratum]
		if c == nil {
			c = new(confusion)
			strata[p.stratum] = c
			order = append(order, p.stratum)
		}
		c.add(found, p.dup)
	}
	for _, s := range order {
		c := strata[s]
		t.Logf("stratum %-9s %d pairs: tp %d fp %d fn %d tn %d", s, c.tp+c.fp+c.fn+c.tn, c.tp, c.fp, c.fn, c.tn)
	}
	t.Logf("%d labelled pairs: %v", len(pairs), all)
	const minPrecision, minRecall = 0.91, 0.53
	if all.precision() < minPrecision || all.recall() < minRecall {
		t.Errorf("precision %.3f recall %.3f; want >= %.2f and >= %.2f", all.precision(), all.recall(), minPrecision, minRecall)
	}
}
