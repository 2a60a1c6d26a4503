package link

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/khabar/khabar/kb"
)

// TestPrecisionSample checks the hand-checked linking samples in
// testdata/precision.tsv (with the tagger) and precision_kb.tsv (without):
// well-formed rows, snippets under 100 characters, entries that exist in
// the knowledge base, and a precision of at least 95 %, the project's
// goal for linking.
func TestPrecisionSample(t *testing.T) {
	for _, name := range []string{"precision.tsv", "precision_kb.tsv"} {
		t.Run(name, func(t *testing.T) { checkSample(t, name) })
	}
}

func checkSample(t *testing.T, name string) {
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	k := kb.Default()
	sc := bufio.NewScanner(f)
	header := true
	n, yes := 0, 0
	for line := 1; sc.Scan(); line++ {
		s := sc.Text()
		if strings.HasPrefix(s, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		c := strings.Split(s, "\t")
		if len(c) != 5 {
			t.Fatalf("line %d: %d columns, want 5", line, len(c))
		}
		if !strings.Contains(c[1], c[0]) || utf8.RuneCountInString(c[1]) > 100 {
			t.Errorf("line %d: context %q does not hold %q or is over 100 characters", line, c[1], c[0])
		}
		if _, ok := k.Entry(c[2]); !ok {
			t.Errorf("line %d: %s is not in the knowledge base", line, c[2])
		}
		switch c[4] {
		case "yes":
			yes++
		case "no":
		default:
			t.Errorf("line %d: correct = %q, want yes or no", line, c[4])
		}
		n++
	}
	if n < 200 {
		t.Fatalf("%d rows, want at least 200", n)
	}
	if p := float64(yes) / float64(n); p < 0.95 {
		t.Errorf("linking precision %d/%d = %.3f, want >= 0.95", yes, n, p)
	}
}
