package server

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/storetest"
)

// TestSearchGroupStory checks GET /v1/search?group=story and the search
// page's toggle and "+N more in this story" link.
func TestSearchGroupStory(t *testing.T) {
	ts, db := newTestServer(t, Config{})
	res, err := db.Put(context.Background(), storetest.StoryDocs())
	if err != nil {
		t.Fatal(err)
	}
	customs := res[3].ID // the customs story is named by its first article
	q := "q=" + url.QueryEscape("الحديثة OR تايوان")
	tests := []struct {
		query     string
		total     int
		storyHits int // of the customs story's hit
	}{
		{q, 3, 0},
		{q + "&group=story", 2, 1},
		{q + "&group=story&limit=1&offset=1", 2, -1}, // the second group only
	}
	for _, tc := range tests {
		r := do(t, "GET", ts.URL+"/v1/search?"+tc.query, "", "")
		if r.status != 200 {
			t.Errorf("%s: status %d %.300s", tc.query, r.status, r.body)
			continue
		}
		var sr search.Result
		if err := json.Unmarshal([]byte(r.body), &sr); err != nil {
			t.Fatal(err)
		}
		if sr.Total != tc.total {
			t.Errorf("%s: total %d, want %d", tc.query, sr.Total, tc.total)
		}
		found := -1
		for _, h := range sr.Hits {
			if h.Story == customs {
				found = h.StoryHits
				if len(h.StoryHitIDs) != h.StoryHits {
					t.Errorf("%s: customs hit %d story hits, IDs %v", tc.query, h.StoryHits, h.StoryHitIDs)
				}
			}
		}
		if tc.storyHits > 0 && found != tc.storyHits {
			t.Errorf("%s: the customs story's hit folds %d hits, want %d: %.500s", tc.query, found, tc.storyHits, r.body)
		}
	}
	if r := do(t, "GET", ts.URL+"/v1/search?"+q+"&group=source", "", ""); r.status != 400 || !strings.Contains(r.body, "group") {
		t.Errorf("group=source: status %d %.300s, want 400", r.status, r.body)
	}

	for _, page := range []struct{ path, want string }{
		{"/?" + q, `class="group-toggle" href="/?group=story&amp;q=`},
		{"/?" + q + "&group=story&offset=1", `class="group-toggle" href="/?q=`},
		{"/?" + q + "&group=story&offset=1&limit=1", `rel="prev" href="/?group=story&amp;limit=1&amp;offset=0&amp;q=`},
		{"/?" + q + "&group=story&limit=1", `rel="next" href="/?group=story&amp;limit=1&amp;offset=1&amp;q=`},
		{"/?" + q + "&group=story", `<a href="/story/` + customs + `">+١ أخرى في هذه القصة</a>`},
		{"/?" + q + "&group=story&lang=en", `<a href="/story/` + customs + `">+١ more in this story</a>`},
	} {
		r := do(t, "GET", ts.URL+page.path, "", "")
		if r.status != 200 || !strings.Contains(r.body, page.want) {
			t.Errorf("%s: status %d, want %q in:\n%.3000s", page.path, r.status, page.want, r.body)
		}
	}
	if r := do(t, "GET", ts.URL+"/?"+q, "", ""); strings.Contains(r.body, "story-more") {
		t.Errorf("ungrouped search page shows story groups")
	}
}
