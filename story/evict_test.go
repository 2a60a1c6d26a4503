package story

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

// word returns a made-up Arabic word, one for each i, that the analyzer
// keeps whole: no two share a term.
func word(i int) string {
	const letters = "جحخدذرزشصضطظعغق"
	r := []rune{'ج'}
	all := []rune(letters)
	for {
		r = append(r, all[i%len(all)])
		i /= len(all)
		if i == 0 {
			break
		}
	}
	return string(append(r, 'ق'))
}

// words returns n made-up words from the i-th on, separated by spaces.
func words(i, n int) string {
	w := make([]string, n)
	for k := range w {
		w[k] = word(i + k)
	}
	return strings.Join(w, " ")
}

// longStream is an article every three minutes for windows hours, with a
// window of an hour: runs of five articles about one topic (ten words of
// their own), and thirty topics in turn, so that a topic comes back
// every seven and a half hours, when its last story has long been closed.
// Each article has words of its own too and a near-duplicate key; every
// seventh is published forty minutes before its turn, as late reports
// are.
func longStream(windows int) []Article {
	var out []Article
	for i := range windows * 20 {
		topic := (i / 5) % 30
		t := t0.Add(time.Duration(i) * 3 * time.Minute)
		if i%7 == 6 {
			t = t.Add(-40 * time.Minute)
		}
		own := 10000 + 5*i
		out = append(out, Article{
			ID:        fmt.Sprint("a", i),
			Title:     words(1000+10*topic, 4) + " " + word(own),
			Text:      "أعلنت الوزارة اليوم " + words(1004+10*topic, 6) + " " + words(own+1, 4),
			Source:    fmt.Sprint("src", i%3),
			Published: t,
			Duplicate: fmt.Sprint("d", i),
		})
	}
	return out
}

func TestEvict(t *testing.T) {
	const windows = 60
	arts := longStream(windows)
	opt := Options{Window: time.Hour}
	c := New(opt)
	keep := New(opt) // never sweeps: holds every story and feature
	keep.manual = true
	var dictAt20 int
	maxHeld := 0
	for i, a := range arts {
		as, err := c.Add(a)
		if err != nil {
			t.Fatal(err)
		}
		want, err := keep.Add(a)
		if err != nil {
			t.Fatal(err)
		}
		if !same(as, want) {
			t.Fatalf("article %d: %+v, without eviction %+v", i, as, want)
		}
		// The first articles only give the words their frequencies.
		topic, run := (i/5)%30, i%5
		switch {
		case i < 20:
		case run == 0 && !as.New:
			t.Errorf("article %d, the first of topic %d's run, joined story %s", i, topic, as.Story)
		case run > 0 && as.New:
			t.Errorf("article %d, of topic %d's run, started a story", i, topic)
		}
		if i == 20*20 {
			_, dictAt20 = c.held()
		}
		if i >= 3*20 {
			held, _ := c.held()
			maxHeld = max(maxHeld, held)
		}
	}
	// A story is held while its last article is at most two windows and
	// a quarter older than the latest: 45 articles' time here, in runs
	// of five.
	if maxHeld > 10 {
		t.Errorf("held up to %d stories, want at most 10", maxHeld)
	}
	if n := keep.Len(); n < windows*20/5 {
		t.Errorf("without eviction %d stories held, want every one of at least %d", n, windows*20/5)
	}
	_, features := c.held()
	_, all := keep.held()
	if features > dictAt20*11/10 || features > all/4 {
		t.Errorf("%d features held after %d windows, %d after 20, %d without forgetting", features, windows, dictAt20, all)
	}
	if len(c.dups) > 50 || len(c.order) != len(c.stories) {
		t.Errorf("%d near-duplicate keys and %d ids in order for %d stories", len(c.dups), len(c.order), len(c.stories))
	}
	for slot, f := range c.feats {
		for _, s := range f.postings.stories {
			if s.gone || c.stories[s.id] != s {
				t.Fatalf("feature slot %d indexes story %s, evicted", slot, s.id)
			}
		}
	}
	first, _ := keep.Story("s1")
	if _, ok := c.Story(first.ID); ok {
		t.Errorf("story %s, closed since the first hours, is still held", first.ID)
	}
	// The first topic's words again, after its last story was evicted:
	// a new story, as without eviction.
	late := arts[0]
	late.ID, late.Duplicate = "late", arts[len(arts)-1].Duplicate+"x"
	late.Published = arts[len(arts)-1].Published.Add(30 * time.Minute)
	as, err := c.Add(late)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := keep.Add(late)
	if !same(as, want) || !as.New {
		t.Errorf("late article: %+v, without eviction %+v", as, want)
	}
}

// same reports whether two assignments are the same, but for the last
// bits of their scores (a centroid's length is summed in map order).
func same(a, b Assignment) bool {
	return a.Story == b.Story && a.New == b.New && a.Duplicate == b.Duplicate && math.Abs(a.Score-b.Score) < 1e-12
}

// TestTrackerEvicts checks that a Tracker's Clusterer keeps every story a
// write assigned until the write ends, however long the time it spans,
// and evicts the closed ones at the next Sync.
func TestTrackerEvicts(t *testing.T) {
	arts := longStream(6) // six windows, in one write
	r := &records{}
	tr := NewTracker(Options{Window: time.Hour})
	c, seq, err := tr.Sync(r)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range arts {
		as, err := c.Add(a)
		if err != nil {
			t.Fatal(err)
		}
		seq++
		r.recs = append(r.recs, Recorded{Seq: seq, Story: as.Story, Article: a})
		ids = append(ids, as.Story)
	}
	for _, id := range ids {
		if _, ok := c.Story(id); !ok {
			t.Fatalf("story %s, assigned in this write, is not held before it ends", id)
		}
	}
	if r.last == nil {
		r.last = map[string]time.Time{}
	}
	for _, id := range ids {
		s, _ := c.Story(id)
		r.last[id] = s.Last
	}
	tr.Done(seq, true)
	c2, _, err := tr.Sync(r)
	if err != nil {
		t.Fatal(err)
	}
	if c2 != c {
		t.Fatal("Sync rebuilt the Clusterer after a committed write")
	}
	if _, ok := c.Story(ids[0]); ok {
		t.Errorf("story %s, closed hours before the write's last article, is held after Sync", ids[0])
	}
	if _, ok := c.Story(ids[len(ids)-1]); !ok {
		t.Errorf("story %s, the write's last, is not held after Sync", ids[len(ids)-1])
	}
	if held, _ := tr.Held(); held > 10 {
		t.Errorf("%d stories held after Sync, want at most 10", held)
	}
}
