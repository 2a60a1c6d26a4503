package temporal

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/khabar/khabar/internal/shareddata"
)

// newsSample returns the text of the first n saudinewsnet articles, or
// skips when the shared data is absent.
func newsSample(tb testing.TB, n int) []string {
	tb.Helper()
	path := shareddata.Path(tb, shareddata.SaudiNewsNetName)
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("saudinewsnet sample not available (%v); it lives in ../shared/data", err)
	}
	tb.Cleanup(func() { f.Close() })
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	var out []string
	for len(out) < n && sc.Scan() {
		var a struct{ Title, Content string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			tb.Fatal(err)
		}
		out = append(out, a.Title+"\n"+a.Content)
	}
	return out
}

func BenchmarkFind(b *testing.B) {
	docs := newsSample(b, 500)
	size := 0
	for _, d := range docs {
		size += len(d)
	}
	b.SetBytes(int64(size))
	opt := Options{Ref: time.Date(2015, 7, 21, 0, 0, 0, 0, time.UTC)}
	var f Finder
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			f.Find(d, opt)
		}
	}
}

// TestNewsNoPanic runs Find over real articles and checks offsets.
func TestNewsNoPanic(t *testing.T) {
	docs := newsSample(t, 300)
	found := 0
	var f Finder
	for _, d := range docs {
		xs := f.Find(d, Options{Ref: time.Date(2015, 7, 21, 0, 0, 0, 0, time.UTC)})
		found += len(xs)
		checkOffsets(t, d, xs)
		for _, x := range xs {
			if strings.TrimSpace(x.Text) != x.Text {
				t.Errorf("untrimmed text %q", x.Text)
			}
		}
	}
	if found == 0 {
		t.Error("no dates in 300 news articles")
	}
}
