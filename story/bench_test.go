package story

import (
	"encoding/json"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/khabar/khabar/internal/shareddata"
)

// benchArticles reads SaudiNewsNet's articles in corpus order (titles and
// text only, no analysis), each with its crawl time.
func benchArticles(b *testing.B) []Article {
	b.Helper()
	sc := shareddata.SaudiNewsNet(b)
	var out []Article
	for line := 1; sc.Scan(); line++ {
		var r corpusRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			b.Fatalf("record %d: %v", line, err)
		}
		t, _ := time.Parse(time.DateTime, r.Date)
		out = append(out, Article{ID: strconv.Itoa(line), Title: r.Title, Text: r.Content, Source: r.Source, Published: t})
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	return out
}

// BenchmarkAdd measures the cost of clustering one article after warm
// articles have been clustered: the cost must not grow with the number of
// stories. The timed articles are distinct ones that follow the warm-up
// in the corpus, their times moved past the warm-up's.
func BenchmarkAdd(b *testing.B) {
	arts := benchArticles(b)
	for _, warm := range []int{1000, 10000, 25000} {
		if warm+1000 > len(arts) {
			continue
		}
		b.Run(fmt.Sprintf("stories-after-%d", warm), func(b *testing.B) {
			c := New(Options{})
			for _, a := range arts[:warm] {
				if _, err := c.Add(a); err != nil {
					b.Fatal(err)
				}
			}
			stories := c.Len()
			rest := arts[warm:]
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				a := rest[i%len(rest)]
				a.ID = fmt.Sprintf("%s/%d", a.ID, i)
				if _, err := c.Add(a); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(stories), "stories")
		})
	}
}
