package storetest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// customsCopy is a reprint of customs-1 with one more sentence: a
// near-duplicate, in customs-1's cluster and so in its story.
var customsCopy = fixtureDoc{name: "customs-1-copy", url: "https://s.test/customs-1-copy", source: "s", published: "2015-08-08",
	title: "الجمارك تحبط تهريب 320 ألف حبة كبتاجون في منفذ الحديثة",
	body:  "أحبط رجال الجمارك بمنفذ الحديثة تهريب 320 ألف حبة كبتاجون مخبأة في جوالين وذلك بحسب بيان صدر اليوم",
}

// groupQueries are the queries testGroupStories runs grouped and not.
var groupQueries = []string{
	"كبتاجون",
	"الحديثة OR تايوان OR النفط",
	"الحديثة OR تايوان OR النفط OR الهلال OR أمطار",
	"source:q",
	"-زلزال",
	"to:2015-08-08",
}

// testGroupStories checks search.Request.GroupStories: every story's
// hits fold into its best one, in the order and with the copies of the
// search without grouping, Total and paging count the groups, and the
// facets are those of the search without grouping.
func testGroupStories(t *testing.T, s store.Store) {
	ctx := context.Background()
	ids, stories := putStories(t, s, storyFixture)
	later, laterStories := putStories(t, s, []fixtureDoc{customs3, customsCopy})
	for k, v := range later {
		ids[k], stories[k] = v, laterStories[k]
	}
	customs := stories["customs-1"]
	for _, name := range []string{"customs-2", "customs-3", "customs-1-copy"} {
		if stories[name] != customs {
			t.Fatalf("%s in story %s, want customs-1's %s", name, stories[name], customs)
		}
	}
	rec, err := s.Get(ctx, ids["customs-1-copy"])
	if err != nil {
		t.Fatal(err)
	}
	if rec.Cluster != ids["customs-1"] {
		t.Fatalf("customs-1-copy in cluster %s, want customs-1's %s", rec.Cluster, ids["customs-1"])
	}

	run := func(query string, req search.Request) *search.Result {
		t.Helper()
		q, err := search.Parse(query)
		if err != nil {
			t.Fatalf("Parse(%q): %v", query, err)
		}
		req.Query = q
		res, err := s.Search(ctx, req)
		if err != nil {
			t.Fatalf("Search(%q, %+v): %v", query, req, err)
		}
		return res
	}

	// The customs story: four articles, one a copy of another.
	res := run("كبتاجون", search.Request{GroupStories: true, Limit: 10})
	if res.Total != 1 || len(res.Hits) != 1 {
		t.Fatalf("كبتاجون grouped: total %d, %d hits, want the customs story alone: %+v", res.Total, len(res.Hits), res.Hits)
	}
	h := res.Hits[0]
	got := append([]string{h.ID}, h.StoryHitIDs...)
	if h.Story != customs || h.StoryHits != 2 || len(h.StoryHitIDs) != 2 ||
		slices.Contains(got, ids["customs-1"]) == slices.Contains(got, ids["customs-1-copy"]) {
		t.Errorf("customs hit %s: story %s, %d story hits %v; want %s, 2, one of customs-1 and its copy among them",
			h.ID, h.Story, h.StoryHits, h.StoryHitIDs, customs)
	}
	// Newest first: the copy (stored last) stands for its cluster, and
	// its story's other article of the day is folded into it.
	res = run("to:2015-08-08", search.Request{GroupStories: true, Limit: 2})
	if res.Total != 5 || len(res.Hits) != 2 {
		t.Fatalf("to:2015-08-08 grouped: total %d, %d hits, want 5 groups, 2 hits", res.Total, len(res.Hits))
	}
	h = res.Hits[0]
	if h.ID != ids["customs-1-copy"] || h.Story != customs || h.Copies != 1 || !slices.Equal(h.CopyIDs, []string{ids["customs-1"]}) ||
		h.StoryHits != 1 || !slices.Equal(h.StoryHitIDs, []string{ids["customs-2"]}) {
		t.Errorf("to:2015-08-08 first hit %+v: want customs-1-copy %s with its copy customs-1 %s and its story's customs-2 %s",
			h, ids["customs-1-copy"], ids["customs-1"], ids["customs-2"])
	}
	if h = res.Hits[1]; h.ID != ids["typhoon"] || h.Story != stories["typhoon"] || h.StoryHits != 0 {
		t.Errorf("to:2015-08-08 second hit %+v: want the typhoon alone in its story", h)
	}
	res = run("كبتاجون", search.Request{GroupStories: true, ShowCopies: true})
	if res.Total != 1 || len(res.Hits) != 1 || res.Hits[0].StoryHits != 3 || res.Hits[0].Copies != 0 {
		t.Errorf("كبتاجون grouped with copies shown: total %d, hits %+v; want one hit, 3 story hits, no copies", res.Total, res.Hits)
	}

	for _, query := range groupQueries {
		for _, showCopies := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/copies=%v", query, showCopies), func(t *testing.T) {
				checkGrouped(t, s, run, query, showCopies)
			})
		}
	}
}

// checkGrouped compares a query's grouped search with the grouping of
// its hits without it.
func checkGrouped(t *testing.T, s store.Store, run func(string, search.Request) *search.Result, query string, showCopies bool) {
	ctx := context.Background()
	flat := run(query, search.Request{ShowCopies: showCopies, Limit: search.MaxLimit, Facets: 10})
	ids := make([]string, len(flat.Hits))
	for i, h := range flat.Hits {
		ids[i] = h.ID
	}
	of, err := s.StoriesOf(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	// The expected groups: the hits without grouping, each story's first
	// standing for it and the others folded into it in order.
	var want []search.Hit
	at := map[string]int{} // story → index into want
	for _, h := range flat.Hits {
		st := of[h.ID]
		if st == "" {
			t.Fatalf("hit %s has no story", h.ID)
		}
		if i, ok := at[st]; ok {
			want[i].StoryHits++
			want[i].StoryHitIDs = append(want[i].StoryHitIDs, h.ID)
			continue
		}
		at[st] = len(want)
		h.Story = st
		want = append(want, h)
	}
	grouped := run(query, search.Request{ShowCopies: showCopies, GroupStories: true, Limit: search.MaxLimit, Facets: 10})
	if grouped.Total != len(want) {
		t.Errorf("total %d, want %d groups (%d hits without grouping)", grouped.Total, len(want), flat.Total)
	}
	if got, w := describeGroups(grouped.Hits), describeGroups(want); got != w {
		t.Errorf("grouped hits:\n%s\nwant:\n%s", got, w)
	}
	if fmt.Sprint(grouped.Facets) != fmt.Sprint(flat.Facets) {
		t.Errorf("grouped facets %+v, want those without grouping %+v", grouped.Facets, flat.Facets)
	}
	for _, h := range flat.Hits {
		if h.Story != "" || h.StoryHits != 0 {
			t.Errorf("hit %s without grouping names story %q (%d hits)", h.ID, h.Story, h.StoryHits)
		}
	}
	// Pages of two groups.
	for off := 0; off <= len(want); off += 2 {
		page := run(query, search.Request{ShowCopies: showCopies, GroupStories: true, Offset: off, Limit: 2})
		end := min(off+2, len(want))
		if page.Total != len(want) || page.Offset != off {
			t.Errorf("offset %d: total %d, offset %d; want %d, %d", off, page.Total, page.Offset, len(want), off)
		}
		if got, w := describeGroups(page.Hits), describeGroups(want[off:end]); got != w {
			t.Errorf("offset %d limit 2:\n%s\nwant:\n%s", off, got, w)
		}
	}
}

// describeGroups writes what a grouped search's hits say, one a line.
func describeGroups(hits []search.Hit) string {
	var b strings.Builder
	for _, h := range hits {
		fmt.Fprintf(&b, "%s score=%.6f story=%s story_hits=%d %v copies=%d %v\n", h.ID, h.Score, h.Story, h.StoryHits, h.StoryHitIDs, h.Copies, h.CopyIDs)
	}
	return b.String()
}
