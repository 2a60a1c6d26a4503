package arabic

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/khabar/khabar/internal/shareddata"
)

func TestStopwords(t *testing.T) {
	list := Stopwords()
	if len(list) < 100 {
		t.Fatalf("Stopwords() has %d words, want at least 100", len(list))
	}
	if !slices.IsSorted(list) {
		t.Error("Stopwords() is not sorted")
	}
	for _, w := range list {
		if Normalize(w, Search) != w {
			t.Errorf("stop word %q is not Search-normalized", w)
		}
		if !IsStopword(w) {
			t.Errorf("IsStopword(%q) = false for a listed word", w)
		}
	}
	list[0] = "changed"
	if Stopwords()[0] == "changed" {
		t.Error("Stopwords() returns shared storage")
	}
	for _, w := range []string{"لبنان", "رئيس", "", "the", "أن"} {
		if IsStopword(w) {
			t.Errorf("IsStopword(%q) = true", w)
		}
	}
}

// TestStopwordsCoverLucene checks that every word of Lucene's Arabic stop
// list, once normalized, is a stop word here too.
func TestStopwordsCoverLucene(t *testing.T) {
	path := shareddata.Path(t, "lucene-arabic-tests/stopwords_ar.txt")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("Lucene stop list not available: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		w := strings.TrimSpace(sc.Text())
		if w == "" || strings.HasPrefix(w, "#") {
			continue
		}
		if n := Normalize(w, Search); !IsStopword(n) {
			t.Errorf("Lucene stop word %q (%q) is missing", w, n)
		}
	}
}
