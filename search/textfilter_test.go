package search

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// TestTextFilter checks TextFilter against the cases of
// testdata/textfilter.tsv: query, text, and whether they match.
func TestTextFilter(t *testing.T) {
	f, err := os.Open("testdata/textfilter.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	an := DefaultAnalyzer()
	sc := bufio.NewScanner(f)
	n := 0
	for line := 1; sc.Scan(); line++ {
		if sc.Text() == "" || strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) != 3 {
			t.Fatalf("line %d: %d columns, want 3", line, len(cols))
		}
		q, err := Parse(cols[0])
		if err != nil {
			t.Fatalf("line %d: %v", line, err)
		}
		tf := NewTextFilter(an, q.Text)
		if !tf.Searchable() {
			t.Errorf("line %d: %s is not searchable", line, cols[0])
		}
		if got, want := tf.Match(cols[1]), cols[2] == "1"; got != want {
			t.Errorf("line %d: %s matches %q: %v, want %v", line, cols[0], cols[1], got, want)
		}
		n++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no cases")
	}
}

// A query of stop words only has nothing to search; a nil one matches
// every text.
func TestTextFilterUnsearchable(t *testing.T) {
	an := DefaultAnalyzer()
	q, err := Parse(`من في`)
	if err != nil {
		t.Fatal(err)
	}
	if NewTextFilter(an, q.Text).Searchable() {
		t.Error("a query of stop words is searchable")
	}
	all := NewTextFilter(an, nil)
	if all.Searchable() || !all.Match("أي نص") {
		t.Error("a nil query must match every text without being searchable")
	}
}
