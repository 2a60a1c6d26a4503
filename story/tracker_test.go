package story

import (
	"errors"
	"testing"
	"time"
)

// records is a store's story records, as a Loader.
type records struct {
	recs []Recorded
	last map[string]time.Time // story → last seen
	err  error
}

func (r *records) Latest() (int64, time.Time, error) {
	var last time.Time
	for _, t := range r.last {
		if t.After(last) {
			last = t
		}
	}
	return int64(len(r.recs)), last, r.err
}

func (r *records) Recorded(after int64, open time.Time) ([]Recorded, error) {
	var out []Recorded
	for _, x := range r.recs {
		if x.Seq > after && !r.last[x.Story].Before(open) {
			out = append(out, x)
		}
	}
	return out, r.err
}

// write clusters arts through t as a store's Put would, recording them.
func (r *records) write(t *testing.T, tr *Tracker, arts ...Article) []string {
	t.Helper()
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
		s, _ := c.Story(as.Story)
		if r.last == nil {
			r.last = map[string]time.Time{}
		}
		r.last[as.Story] = s.Last
		ids = append(ids, as.Story)
	}
	tr.Done(seq, true)
	return ids
}

var (
	customs1 = Article{ID: "a1", Title: "الجمارك تحبط تهريب 320 ألف حبة كبتاجون في منفذ الحديثة", Text: "أحبط رجال الجمارك بمنفذ الحديثة تهريب 320 ألف حبة كبتاجون مخبأة في جوالين", Source: "p", Published: t0}
	customs2 = Article{ID: "a2", Title: "إحباط تهريب حبوب كبتاجون بجمرك الحديثة", Text: "تمكن رجال الجمارك في منفذ الحديثة من إحباط تهريب كمية من حبوب الكبتاجون بلغت 320 ألف حبة", Source: "q", Published: t0.Add(time.Hour)}
	typhoon  = Article{ID: "a3", Title: "إعصار يجتاح تايوان ويقطع الكهرباء", Text: "اجتاح إعصار قوي تايوان فقطع الكهرباء عن ملايين المنازل وقتل أربعة أشخاص", Source: "q", Published: t0}
)

func TestTrackerRestart(t *testing.T) {
	r := &records{}
	var bg []Article
	for _, a := range background {
		a.Published = t0.Add(-time.Hour)
		bg = append(bg, a)
	}
	r.write(t, NewTracker(Options{}), append(bg, customs1, typhoon)...)
	// A new tracker (a restarted process) continues the same stories.
	got := r.write(t, NewTracker(Options{}), customs2)
	if got[0] != "a1" {
		t.Errorf("after a restart a2 joined story %s, want a1", got[0])
	}
}

func TestTrackerOtherWriter(t *testing.T) {
	r := &records{}
	one, two := NewTracker(Options{}), NewTracker(Options{})
	// The background gives the document frequencies a stream's shape:
	// in three articles alone, every shared word is common.
	var bg []Article
	for _, a := range background {
		a.Published = t0.Add(-time.Hour)
		bg = append(bg, a)
	}
	r.write(t, one, append(bg, typhoon)...)
	r.write(t, two, customs1) // another process
	if got := r.write(t, one, customs2); got[0] != "a1" {
		t.Errorf("a2 joined story %s, want a1 written by the other tracker", got[0])
	}
}

func TestTrackerRollback(t *testing.T) {
	r := &records{}
	tr := NewTracker(Options{})
	r.write(t, tr, typhoon)
	c, seq, err := tr.Sync(r)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Add(customs1); err != nil {
		t.Fatal(err)
	}
	tr.Done(seq+1, false) // rolled back: customs1 was never recorded
	if got := r.write(t, tr, customs2); got[0] != "a2" {
		t.Errorf("a2 joined story %s of a rolled-back article, want a story of its own", got[0])
	}
	r.err = errors.New("disk on fire")
	if _, _, err := NewTracker(Options{}).Sync(r); err == nil {
		t.Error("Sync with a failing loader: no error")
	}
}

// TestTrackerHeld checks the counts of stories held and open: none
// before the first Sync, and a story closes once the stream has moved
// on by more than the window.
func TestTrackerHeld(t *testing.T) {
	r := &records{}
	tr := NewTracker(Options{})
	if n, open := tr.Held(); n != 0 || open != 0 {
		t.Errorf("before the first Sync: %d stories, %d open; want 0, 0", n, open)
	}
	later := customs2
	later.ID, later.Published = "a4", t0.Add(DefaultWindow+2*time.Hour)
	for _, step := range []struct {
		arts       []Article
		held, open int
	}{
		{[]Article{customs1, typhoon}, 2, 2},
		{[]Article{later}, 3, 1}, // after the window: a story of its own, the others closed
	} {
		r.write(t, tr, step.arts...)
		if n, open := tr.Held(); n != step.held || open != step.open {
			t.Errorf("after %s: %d stories, %d open; want %d, %d", step.arts[0].ID, n, open, step.held, step.open)
		}
	}
}
