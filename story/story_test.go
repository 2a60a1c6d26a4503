package story

import (
	"errors"
	"testing"
	"time"
)

var t0 = time.Date(2015, 8, 8, 14, 0, 0, 0, time.UTC)

// background articles give the document frequencies some spread, so that
// common words weigh little.
var background = []Article{
	{ID: "b1", Title: "أمطار على جازان", Text: "توقعت الرئاسة العامة للأرصاد هطول أمطار رعدية على منطقة جازان اليوم", Source: "x"},
	{ID: "b2", Title: "الهلال يفوز على النصر", Text: "فاز فريق الهلال على النصر بهدفين في الدوري اليوم", Source: "y"},
	{ID: "b3", Title: "ارتفاع أسعار النفط", Text: "ارتفعت أسعار النفط اليوم في الأسواق العالمية بعد بيانات المخزون", Source: "z"},
	{ID: "b4", Title: "افتتاح مهرجان العسل في الباحة", Text: "افتتح مهرجان العسل الدولي في منطقة الباحة اليوم بمشاركة النحالين", Source: "x"},
}

func TestAdd(t *testing.T) {
	tests := []struct {
		name    string
		arts    []Article
		same    [][2]string // pairs that must share a story
		differ  [][2]string // pairs that must not
		stories int         // stories the articles start
	}{
		{
			name: "same event from two outlets",
			arts: []Article{
				{ID: "a1", Title: "الجمارك تحبط تهريب 320 ألف حبة كبتاجون في منفذ الحديثة", Text: "أحبط رجال الجمارك بمنفذ الحديثة تهريب 320 ألف حبة كبتاجون مخبأة في جوالين", Source: "p"},
				{ID: "a2", Title: "إحباط تهريب حبوب كبتاجون بجمرك الحديثة", Text: "تمكن رجال الجمارك في منفذ الحديثة من إحباط تهريب كمية من حبوب الكبتاجون بلغت 320 ألف حبة", Source: "q"},
			},
			same:    [][2]string{{"a1", "a2"}},
			stories: 1,
		},
		{
			name: "different events",
			arts: []Article{
				{ID: "a1", Title: "الجمارك تحبط تهريب 320 ألف حبة كبتاجون في منفذ الحديثة", Text: "أحبط رجال الجمارك بمنفذ الحديثة تهريب 320 ألف حبة كبتاجون مخبأة في جوالين", Source: "p"},
				{ID: "a3", Title: "إعصار يجتاح تايوان ويقطع الكهرباء", Text: "اجتاح إعصار قوي تايوان فقطع الكهرباء عن ملايين المنازل وقتل أربعة أشخاص", Source: "q"},
			},
			differ:  [][2]string{{"a1", "a3"}},
			stories: 2,
		},
		{
			name: "near-duplicates by key",
			arts: []Article{
				{ID: "a1", Title: "إعصار يجتاح تايوان", Text: "اجتاح إعصار قوي تايوان", Source: "p", Duplicate: "d1"},
				{ID: "a4", Title: "شيء آخر تماما", Text: "نص لا يشبه الأول", Source: "q", Duplicate: "d1"},
			},
			same:    [][2]string{{"a1", "a4"}},
			stories: 1,
		},
		{
			name: "window closes a story",
			arts: []Article{
				{ID: "a1", Title: "إعصار يجتاح تايوان ويقطع الكهرباء", Text: "اجتاح إعصار قوي تايوان فقطع الكهرباء عن ملايين المنازل", Source: "p"},
				{ID: "a5", Title: "إعصار يجتاح تايوان ويقطع الكهرباء", Text: "اجتاح إعصار قوي تايوان فقطع الكهرباء عن ملايين المنازل", Source: "q", Published: t0.Add(10 * 24 * time.Hour)},
			},
			differ:  [][2]string{{"a1", "a5"}},
			stories: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(Options{})
			for _, a := range background {
				a.Published = t0.Add(-time.Hour)
				if _, err := c.Add(a); err != nil {
					t.Fatal(err)
				}
			}
			// Stories the articles started: the background's may be
			// evicted meanwhile, so Len is no count of them.
			started := 0
			got := make(map[string]string)
			for _, a := range tt.arts {
				if a.Published.IsZero() {
					a.Published = t0
				}
				as, err := c.Add(a)
				if err != nil {
					t.Fatal(err)
				}
				got[a.ID] = as.Story
				if as.New {
					started++
				}
			}
			for _, p := range tt.same {
				if got[p[0]] != got[p[1]] {
					t.Errorf("%s and %s in stories %s and %s, want one", p[0], p[1], got[p[0]], got[p[1]])
				}
			}
			for _, p := range tt.differ {
				if got[p[0]] == got[p[1]] {
					t.Errorf("%s and %s both in story %s", p[0], p[1], got[p[0]])
				}
			}
			if started != tt.stories {
				t.Errorf("%d new stories, want %d", started, tt.stories)
			}
		})
	}
}

func TestSummary(t *testing.T) {
	c := New(Options{})
	for _, a := range background {
		a.Published = t0
		c.Add(a)
	}
	arts := []Article{
		{ID: "a1", Title: "الجمارك تحبط تهريب 320 ألف حبة كبتاجون في منفذ الحديثة", Text: "أحبط رجال الجمارك بمنفذ الحديثة تهريب 320 ألف حبة كبتاجون", Source: "p", Published: t0,
			Entities: []string{"kb:Q1"}, Places: []string{"LOC:الحديثه"}, Names: map[string]string{"kb:Q1": "الجمارك", "LOC:الحديثه": "الحديثة"}},
		{ID: "a2", Title: "إحباط تهريب كبتاجون بمنفذ الحديثة", Text: "أحبط رجال الجمارك في منفذ الحديثة تهريب 320 ألف حبة كبتاجون", Source: "q", Published: t0.Add(time.Hour),
			Entities: []string{"kb:Q1"}, Places: []string{"LOC:الحديثه"}},
		{ID: "a3", Title: "", Text: "أحبط رجال الجمارك في منفذ الحديثة تهريب 320 ألف حبة كبتاجون", Source: "q", Published: t0.Add(2 * time.Hour)},
	}
	var id string
	for _, a := range arts {
		as, err := c.Add(a)
		if err != nil {
			t.Fatal(err)
		}
		if id != "" && as.Story != id {
			t.Fatalf("%s in story %s, want %s", a.ID, as.Story, id)
		}
		id = as.Story
	}
	s, ok := c.Story(id)
	if !ok {
		t.Fatalf("story %s not found", id)
	}
	if s.Articles != 3 || s.Sources != 2 || !s.First.Equal(t0) || !s.Last.Equal(t0.Add(2*time.Hour)) {
		t.Errorf("summary %+v: want 3 articles, 2 sources, first %v, last %v", s, t0, t0.Add(2*time.Hour))
	}
	if s.Label == "" {
		t.Error("no label")
	}
	if len(s.Entities) != 1 || s.Entities[0] != "الجمارك" || len(s.Places) != 1 || s.Places[0] != "الحديثة" {
		t.Errorf("entities %q places %q", s.Entities, s.Places)
	}
	if _, ok := c.Story("nope"); ok {
		t.Error("Story(nope) found")
	}
}

func TestAddErrors(t *testing.T) {
	c := New(Options{})
	if _, err := c.Add(Article{Title: "بلا معرف"}); !errors.Is(err, ErrNoID) {
		t.Errorf("Add without id: %v, want ErrNoID", err)
	}
	// Empty and odd inputs start stories without failing.
	for _, a := range []Article{{ID: "e"}, {ID: "f", Text: "\x00\xff"}, {ID: "g", Title: "   "}} {
		if _, err := c.Add(a); err != nil {
			t.Errorf("Add(%+v): %v", a, err)
		}
	}
}

func TestFromAnalysisNil(t *testing.T) {
	a := FromAnalysis("x", nil, t0)
	if a.ID != "x" || !a.Published.Equal(t0) {
		t.Errorf("FromAnalysis(nil) = %+v", a)
	}
}

// A negative Options.Pairs leaves pairs of terms out: the vectors stay
// finite and the same event still makes one story.
func TestAddWithoutPairs(t *testing.T) {
	c := New(Options{Pairs: -1})
	for _, a := range background {
		a.Published = t0
		if _, err := c.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	arts := []Article{
		{ID: "a1", Title: "الجمارك تحبط تهريب 320 ألف حبة كبتاجون في منفذ الحديثة", Text: "أحبط رجال الجمارك بمنفذ الحديثة تهريب 320 ألف حبة كبتاجون مخبأة في جوالين", Source: "p", Published: t0},
		{ID: "a2", Title: "إحباط تهريب حبوب كبتاجون بجمرك الحديثة", Text: "تمكن رجال الجمارك في منفذ الحديثة من إحباط تهريب كمية من حبوب الكبتاجون بلغت 320 ألف حبة", Source: "q", Published: t0},
	}
	var got []Assignment
	for _, a := range arts {
		as, err := c.Add(a)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, as)
	}
	if got[1].Story != got[0].Story || !(got[1].Score > 0 && got[1].Score <= 1+1e-9) {
		t.Errorf("a1 in %s, a2 in %s with score %v: want one story, a score in (0, 1]", got[0].Story, got[1].Story, got[1].Score)
	}
}
