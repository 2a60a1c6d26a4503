package dedup

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabar/khabar/internal/shareddata"
)

type labelledPair struct {
	a, b int
	dup  bool
}

func readPairs(t *testing.T) []labelledPair {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "saudinewsnet-pairs.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelledPair
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		var p labelledPair
		var label string
		if _, err := fmt.Sscanf(line, "%d\t%d\t%s", &p.a, &p.b, &label); err != nil {
			t.Fatalf("bad line %q: %v", line, err)
		}
		p.dup = label == "dup"
		out = append(out, p)
	}
	return out
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
	return out
}

// TestLabelledPairs measures precision and recall of the default
// settings, LSH candidate retrieval included, on hand-labelled pairs of
// real news articles.
func TestLabelledPairs(t *testing.T) {
	pairs := readPairs(t)
	want := make(map[int]bool)
	for _, p := range pairs {
		want[p.a], want[p.b] = true, true
	}
	texts := readContents(t, want)
	var tp, fp, fn, tn int
	for _, p := range pairs {
		x := NewIndex(Options{})
		if _, _, err := x.Add("a", Sign(texts[p.a], Options{})); err != nil {
			t.Fatal(err)
		}
		found := x.Query(Sign(texts[p.b], Options{})) != nil
		switch {
		case found && p.dup:
			tp++
		case found:
			fp++
		case p.dup:
			fn++
		default:
			tn++
		}
	}
	precision := float64(tp) / float64(max(tp+fp, 1))
	recall := float64(tp) / float64(max(tp+fn, 1))
	t.Logf("%d labelled pairs: tp %d fp %d fn %d tn %d: precision %.3f recall %.3f", len(pairs), tp, fp, fn, tn, precision, recall)
	if precision < 0.95 || recall < 0.7 {
		t.Errorf("precision %.3f recall %.3f; want >= 0.95 and >= 0.70", precision, recall)
	}
}
