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

// BenchmarkAddOpen measures AddPrepared, the writer's part of clustering
// an article, against the number of open stories. The first warm
// articles of the corpus are published within the first half of one
// time window, so that every story they start stays open; the timed
// articles are the distinct articles that follow them in the corpus,
// prepared beforehand and published within the window's second half. The
// "history" case keeps the corpus's own times (three weeks, seven
// windows), so that most of its stories are closed when the timed
// articles come. At most 4,030 articles follow the largest warm-up:
// run it with -benchtime 4000x or less.
func BenchmarkAddOpen(b *testing.B) {
	arts := benchArticles(b)
	half := DefaultWindow / 2
	cases := []struct {
		name    string
		warm    int
		history bool
	}{
		{"open-after-1000", 1000, false},
		{"open-after-10000", 10000, false},
		{"open-after-27000", 27000, false},
		{"history-27000", 27000, true},
	}
	for _, tc := range cases {
		if tc.warm >= len(arts) {
			continue
		}
		b.Run(tc.name, func(b *testing.B) {
			rest := arts[tc.warm:]
			if b.N > len(rest) {
				b.Fatalf("%d distinct articles follow the warm-up: run with -benchtime %dx or less", len(rest), len(rest))
			}
			c := New(Options{})
			for i, a := range arts[:tc.warm] {
				if !tc.history {
					a.Published = t0.Add(time.Duration(i) * half / time.Duration(tc.warm))
				}
				if _, err := c.Add(a); err != nil {
					b.Fatal(err)
				}
			}
			timed := make([]Prepared, b.N)
			for i := range timed {
				a := rest[i]
				if !tc.history {
					a.Published = t0.Add(half + time.Duration(i)*half/time.Duration(len(rest)))
				}
				timed[i] = c.Prepare(a)
			}
			open, held := c.Open(), c.Len()
			b.ReportAllocs()
			b.ResetTimer()
			for i := range timed {
				if _, err := c.AddPrepared(timed[i]); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(open), "open")
			b.ReportMetric(float64(held), "held")
		})
	}
}
