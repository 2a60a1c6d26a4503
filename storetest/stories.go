package storetest

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// storyFixture holds two write-ups of one story (customs-1 and
// customs-2, by two sources), a third one (customs-3, the next day),
// an unrelated story (typhoon) and articles that give the clusterer's
// document frequencies some spread.
var storyFixture = []fixtureDoc{
	{name: "rain", url: "https://s.test/rain", source: "x", published: "2015-08-07",
		title: "أمطار على جازان", body: "توقعت الرئاسة العامة للأرصاد هطول أمطار رعدية على منطقة جازان اليوم"},
	{name: "football", url: "https://s.test/football", source: "y", published: "2015-08-07",
		title: "الهلال يفوز على النصر", body: "فاز فريق الهلال على النصر بهدفين في الدوري اليوم"},
	{name: "oil", url: "https://s.test/oil", source: "z", published: "2015-08-07",
		title: "ارتفاع أسعار النفط", body: "ارتفعت أسعار النفط اليوم في الأسواق العالمية بعد بيانات المخزون"},
	{name: "customs-1", url: "https://s.test/customs-1", source: "p", published: "2015-08-08",
		title: "الجمارك تحبط تهريب 320 ألف حبة كبتاجون في منفذ الحديثة",
		body:  "أحبط رجال الجمارك بمنفذ الحديثة تهريب 320 ألف حبة كبتاجون مخبأة في جوالين",
		entities: []fixtureEntity{
			{id: "e1", typ: "ORG", name: "الجمارك", kb: "customs", mentions: []string{"الجمارك", "الجمارك"}},
			{id: "e2", typ: "LOC", name: "الحديثة", kb: "haditha", country: "SA", mentions: []string{"الحديثة", "الحديثة"}},
		},
		events: []fixtureEvent{{typ: "SEIZE", place: "e2", actors: []string{"e1"}, evidence: "أحبط رجال الجمارك بمنفذ الحديثة تهريب 320 ألف حبة كبتاجون مخبأة في جوالين"}},
	},
	{name: "typhoon", url: "https://s.test/typhoon", source: "q", published: "2015-08-08",
		title: "إعصار يجتاح تايوان ويقطع الكهرباء", body: "اجتاح إعصار قوي تايوان فقطع الكهرباء عن ملايين المنازل وقتل أربعة أشخاص",
		entities: []fixtureEntity{{id: "e1", typ: "LOC", name: "تايوان", kb: "taiwan", country: "TW", mentions: []string{"تايوان", "تايوان"}}},
	},
	{name: "customs-2", url: "https://s.test/customs-2", source: "q", published: "2015-08-08",
		title: "إحباط تهريب حبوب كبتاجون بجمرك الحديثة",
		body:  "تمكن رجال الجمارك في منفذ الحديثة من إحباط تهريب كمية من حبوب الكبتاجون بلغت 320 ألف حبة",
		entities: []fixtureEntity{
			{id: "e1", typ: "ORG", name: "الجمارك", kb: "customs", mentions: []string{"الجمارك"}},
			{id: "e2", typ: "LOC", name: "الحديثة", kb: "haditha", country: "SA", mentions: []string{"الحديثة"}},
		},
	},
}

// customs3 is a later write-up of the customs story.
var customs3 = fixtureDoc{name: "customs-3", url: "https://s.test/customs-3", source: "r", published: "2015-08-09",
	title: "الجمارك: ضبط 320 ألف حبة كبتاجون في منفذ الحديثة",
	body:  "أعلنت الجمارك ضبط 320 ألف حبة كبتاجون في منفذ الحديثة كانت مخبأة في جوالين",
	entities: []fixtureEntity{
		{id: "e1", typ: "ORG", name: "الجمارك", kb: "customs", mentions: []string{"الجمارك", "الجمارك"}},
		{id: "e2", typ: "LOC", name: "الحديثة", kb: "haditha", country: "SA", mentions: []string{"الحديثة"}},
	},
}

// storyDocs builds fx, giving the customs articles a date mention.
func storyDocs(fx []fixtureDoc) []store.Document {
	docs := make([]store.Document, len(fx))
	for i, f := range fx {
		docs[i] = f.build()
		if f.name == "customs-1" || f.name == "customs-2" {
			docs[i].Analysis.Dates = []khabar.Date{{Text: "اليوم", Start: 0, End: 1, Value: "2015-08-08", Grain: "day", Calendar: "gregorian"}}
		}
	}
	return docs
}

// RunStories runs the conformance tests of stories and of searches
// grouped by story. newStore makes a
// new, empty store and returns a function that opens it; each call of
// open returns a new handle on the same store, which the test closes.
func RunStories(t *testing.T, newStore func(t *testing.T) (open func(t *testing.T) store.Store)) {
	t.Run("Stories", func(t *testing.T) {
		s := newStore(t)(t)
		defer s.Close()
		testStories(t, s)
	})
	t.Run("StoriesReopen", func(t *testing.T) { testStoriesReopen(t, newStore(t)) })
	t.Run("GroupStories", func(t *testing.T) {
		s := newStore(t)(t)
		defer s.Close()
		testGroupStories(t, s)
	})
}

// putStories stores docs and returns their IDs and stories by fixture name.
func putStories(t *testing.T, s store.Store, fx []fixtureDoc) (ids, stories map[string]string) {
	t.Helper()
	ctx := context.Background()
	res, err := s.Put(ctx, storyDocs(fx))
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	ids, stories = map[string]string{}, map[string]string{}
	for i, r := range res {
		if r.Status != store.Stored {
			t.Fatalf("Put %s: status %v, want stored", fx[i].name, r.Status)
		}
		ids[fx[i].name] = r.ID
		rec, err := s.Get(ctx, r.ID)
		if err != nil {
			t.Fatalf("Get %s: %v", fx[i].name, err)
		}
		if rec.Story == "" {
			t.Fatalf("Get %s: no story", fx[i].name)
		}
		stories[fx[i].name] = rec.Story
	}
	return ids, stories
}

func testStories(t *testing.T, s store.Store) {
	ctx := context.Background()
	ids, stories := putStories(t, s, storyFixture)
	customs := stories["customs-1"]
	if stories["customs-2"] != customs {
		t.Errorf("customs-2 in story %s, customs-1 in %s: want one story", stories["customs-2"], customs)
	}
	if customs != ids["customs-1"] {
		t.Errorf("customs story id %s, want its first document's id %s", customs, ids["customs-1"])
	}
	for _, other := range []string{"typhoon", "rain", "oil", "football"} {
		if stories[other] == customs {
			t.Errorf("%s joined the customs story", other)
		}
	}
	of, err := s.StoriesOf(ctx, []string{ids["customs-2"], ids["typhoon"], "no-such-document"})
	if err != nil {
		t.Fatal(err)
	}
	if len(of) != 2 || of[ids["customs-2"]] != customs || of[ids["typhoon"]] != stories["typhoon"] {
		t.Errorf("StoriesOf = %v", of)
	}

	list, err := s.Stories(ctx, store.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 5 {
		t.Fatalf("Stories: %d stories, want 5: %+v", len(list), list)
	}
	for i := 1; i < len(list); i++ {
		if list[i].Last.After(list[i-1].Last) {
			t.Errorf("Stories: %s (last %v) after %s (last %v)", list[i].ID, list[i].Last, list[i-1].ID, list[i-1].Last)
		}
	}
	day := time.Date(2015, 8, 8, 0, 0, 0, 0, time.UTC)
	since, err := s.Stories(ctx, store.StoryFilter{Since: day})
	if err != nil {
		t.Fatal(err)
	}
	if got := storyIDs(since); !sameSet(got, []string{customs, stories["typhoon"]}) {
		t.Errorf("Stories since %v = %v, want customs and typhoon", day, got)
	}
	until, err := s.Stories(ctx, store.StoryFilter{Until: day})
	if err != nil {
		t.Fatal(err)
	}
	if len(until) != 3 {
		t.Errorf("Stories until %v: %d, want the 3 of the day before", day, len(until))
	}
	page, err := s.Stories(ctx, store.StoryFilter{Limit: 2, Offset: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(storyIDs(page), storyIDs(list)[1:3]) {
		t.Errorf("Stories limit 2 offset 1 = %v, want %v", storyIDs(page), storyIDs(list)[1:3])
	}
	q, err := search.Parse("تايوان")
	if err != nil {
		t.Fatal(err)
	}
	found, err := s.Stories(ctx, store.StoryFilter{Query: q})
	if err != nil {
		t.Fatal(err)
	}
	if got := storyIDs(found); !slices.Equal(got, []string{stories["typhoon"]}) {
		t.Errorf("Stories matching تايوان = %v, want the typhoon story", got)
	}
	q, _ = search.Parse("زلزال")
	if found, err := s.Stories(ctx, store.StoryFilter{Query: q}); err != nil || len(found) != 0 {
		t.Errorf("Stories matching nothing = %v, %v", found, err)
	}

	p, err := s.Story(ctx, customs)
	if err != nil {
		t.Fatal(err)
	}
	info := p.Story
	if info.ID != customs || info.Label == "" || info.Articles != 2 || info.Sources != 2 || !info.First.Equal(day) || !info.Last.Equal(day) {
		t.Errorf("story %+v: want id %s, a label, 2 articles, 2 sources, first and last %v", info, customs, day)
	}
	var arts []string
	for _, a := range p.Articles {
		arts = append(arts, a.ID)
		if a.Title == "" || a.Source == "" || a.Published != "2015-08-08" {
			t.Errorf("article %+v: want title, source, published", a)
		}
	}
	if !slices.Equal(arts, []string{ids["customs-1"], ids["customs-2"]}) {
		t.Errorf("articles %v, want customs-1, customs-2", arts)
	}
	if len(p.Entities) != 1 || p.Entities[0].Entity.Name != "الجمارك" || p.Entities[0].Count != 2 {
		t.Errorf("entities %+v, want الجمارك in 2 articles", p.Entities)
	}
	if len(p.Places) != 1 || p.Places[0].Entity.Name != "الحديثة" || p.Places[0].Count != 2 {
		t.Errorf("places %+v, want الحديثة in 2 articles", p.Places)
	}
	if len(p.Dates) != 1 || p.Dates[0] != (store.DateCount{Value: "2015-08-08", Count: 2}) {
		t.Errorf("dates %+v, want 2015-08-08 in 2 articles", p.Dates)
	}
	if len(p.Events) != 1 || p.Events[0].Type != "SEIZE" || p.Events[0].DocID != ids["customs-1"] || len(p.Events[0].Actors) != 1 {
		t.Errorf("events %+v, want customs-1's SEIZE with one actor", p.Events)
	}
	if _, err := s.Story(ctx, "no-such-story"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Story(no-such-story): %v, want ErrNotFound", err)
	}
}

// testStoriesReopen checks that a reopened store continues its stories.
func testStoriesReopen(t *testing.T, open func(t *testing.T) store.Store) {
	ctx := context.Background()
	s := open(t)
	_, stories := putStories(t, s, storyFixture)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = open(t)
	defer s.Close()
	_, later := putStories(t, s, []fixtureDoc{customs3})
	if later["customs-3"] != stories["customs-1"] {
		t.Errorf("after reopening, customs-3 is in story %s, want customs-1's %s", later["customs-3"], stories["customs-1"])
	}
	p, err := s.Story(ctx, stories["customs-1"])
	if err != nil {
		t.Fatal(err)
	}
	if p.Story.Articles != 3 || p.Story.Sources != 3 || !p.Story.Last.Equal(time.Date(2015, 8, 9, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("story after reopening %+v: want 3 articles, 3 sources, last 2015-08-09", p.Story)
	}
}

func storyIDs(list []store.StoryInfo) []string {
	out := []string{}
	for _, s := range list {
		out = append(out, s.ID)
	}
	return out
}

// StoryDocs returns the documents of the story tests: two write-ups of
// a customs seizure by two sources on 2015-08-08 (the second titled
// "إحباط تهريب حبوب كبتاجون بجمرك الحديثة"), a typhoon in Taiwan the
// same day, and three articles of the day before on other subjects.
func StoryDocs() []store.Document { return storyDocs(storyFixture) }
