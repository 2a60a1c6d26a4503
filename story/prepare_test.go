package story

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/khabar/khabar"
)

// TestAddPrepared checks that articles prepared concurrently, and given
// their near-duplicate key only afterwards, are clustered as Add
// clusters them.
func TestAddPrepared(t *testing.T) {
	arts := append([]Article(nil), background...)
	for i, a := range []Article{
		{ID: "a1", Title: "الجمارك تحبط تهريب 320 ألف حبة كبتاجون في منفذ الحديثة", Text: "أحبط رجال الجمارك بمنفذ الحديثة تهريب 320 ألف حبة كبتاجون", Source: "p",
			Entities: []string{"kb:Q1", "kb:Q1", ""}, Places: []string{"LOC:الحديثه"}},
		{ID: "a2", Title: "إحباط تهريب حبوب كبتاجون بجمرك الحديثة", Text: "تمكن رجال الجمارك في منفذ الحديثة من إحباط تهريب كمية من حبوب الكبتاجون", Source: "q",
			Entities: []string{"kb:Q1"}, Places: []string{"LOC:الحديثه"}, Actors: []string{"kb:Q1"}},
		{ID: "a3", Title: "إعصار يجتاح تايوان ويقطع الكهرباء", Text: "اجتاح إعصار قوي تايوان فقطع الكهرباء عن ملايين المنازل", Source: "q"},
		{ID: "a4", Title: "نسخة", Text: "اجتاح إعصار قوي تايوان", Source: "r", Duplicate: "d3"},
		{ID: "a5", Title: "إعصار تايوان يقتل أربعة", Text: "قتل إعصار قوي أربعة أشخاص في تايوان وقطع الكهرباء", Source: "p", Duplicate: "d3"},
	} {
		a.Published = t0.Add(time.Duration(i) * time.Minute)
		arts = append(arts, a)
	}
	want := New(Options{})
	var wantAs []Assignment
	for _, a := range arts {
		as, err := want.Add(a)
		if err != nil {
			t.Fatal(err)
		}
		wantAs = append(wantAs, as)
	}

	c := New(Options{})
	preps := make([]Prepared, len(arts))
	var wg sync.WaitGroup
	for i, a := range arts {
		wg.Go(func() {
			a.Duplicate = ""
			preps[i] = c.Prepare(a)
		})
	}
	wg.Wait()
	for i, p := range preps {
		p.Article.Duplicate = arts[i].Duplicate
		as, err := c.AddPrepared(p)
		if err != nil {
			t.Fatal(err)
		}
		if as != wantAs[i] {
			t.Errorf("%s: AddPrepared %+v, Add %+v", arts[i].ID, as, wantAs[i])
		}
	}
	if got, want := fmt.Sprint(c.Stories()), fmt.Sprint(want.Stories()); got != want {
		t.Errorf("stories:\n%s\nwant\n%s", got, want)
	}
	if _, err := c.AddPrepared(Prepared{}); !errors.Is(err, ErrNoID) {
		t.Errorf("AddPrepared without id: %v, want ErrNoID", err)
	}
}

func TestFromAnalysisTitle(t *testing.T) {
	text := "عنوان الخبر\nنص الخبر"
	for _, tt := range []struct {
		end  int
		body string
	}{
		{11, "\nنص الخبر"},
		{0, text},
		{20, ""},
		{21, text}, // past the end: the whole text
		{-1, text},
	} {
		a := FromAnalysis("x", &khabar.Analysis{Text: text, Title: &khabar.Span{Text: "عنوان الخبر", End: tt.end}}, t0)
		if a.Text != tt.body || a.Title != "عنوان الخبر" {
			t.Errorf("title end %d: title %q text %q, want text %q", tt.end, a.Title, a.Text, tt.body)
		}
	}
}
