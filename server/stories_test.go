package server

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/khabar/khabar/store"
	"github.com/khabar/khabar/storetest"
)

// TestStories checks GET /v1/stories, GET /v1/stories/{id}, the story
// page and the links to it from the document page and search hits.
func TestStories(t *testing.T) {
	ts, db := newTestServer(t, Config{})
	res, err := db.Put(context.Background(), storetest.StoryDocs())
	if err != nil {
		t.Fatal(err)
	}
	customs, second := res[3].ID, res[5].ID // two write-ups of one story
	tests := []struct {
		query string
		want  []string // story ids, in order; nil: any
		n     int
	}{
		{"", nil, 7},
		{"q=" + url.QueryEscape("كبتاجون"), []string{customs}, 1},
		{"since=2015-08-08&until=2015-08-08", nil, 2},
		{"until=2015-08-07", nil, 3},
		{"limit=1&offset=6", nil, 1},
	}
	for _, tc := range tests {
		r := do(t, "GET", ts.URL+"/v1/stories?"+tc.query, "", "")
		if r.status != 200 {
			t.Errorf("%s: status %d %.300s", tc.query, r.status, r.body)
			continue
		}
		var list storyList
		if err := json.Unmarshal([]byte(r.body), &list); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, s := range list.Stories {
			ids = append(ids, s.ID)
		}
		if len(ids) != tc.n || tc.want != nil && strings.Join(ids, ",") != strings.Join(tc.want, ",") {
			t.Errorf("stories?%s = %v, want %d stories %v", tc.query, ids, tc.n, tc.want)
		}
	}
	for _, bad := range []string{"limit=0", "limit=101", "since=soon", "q=" + url.QueryEscape("-source:x")} {
		if r := do(t, "GET", ts.URL+"/v1/stories?"+bad, "", ""); r.status != 400 {
			t.Errorf("stories?%s: status %d, want 400", bad, r.status)
		}
	}

	r := do(t, "GET", ts.URL+"/v1/stories/"+customs, "", "")
	var p store.StoryPage
	if err := json.Unmarshal([]byte(r.body), &p); err != nil || r.status != 200 {
		t.Fatalf("story: %d %v %.300s", r.status, err, r.body)
	}
	if p.Story.Articles != 2 || len(p.Articles) != 2 || p.Articles[1].ID != second || len(p.Events) != 1 {
		t.Errorf("story page %+v: want 2 articles, the second %s, one event", p, second)
	}
	if r := do(t, "GET", ts.URL+"/v1/stories/nothing", "", ""); r.status != 404 {
		t.Errorf("unknown story: status %d, want 404", r.status)
	}
	r = do(t, "GET", ts.URL+"/v1/documents/"+second, "", "")
	if !strings.Contains(r.body, `"story":"`+customs+`"`) {
		t.Errorf("document %s does not name its story %s: %.300s", second, customs, r.body)
	}

	for _, page := range []struct{ path, want string }{
		{"/story/" + customs, "إحباط تهريب حبوب كبتاجون بجمرك الحديثة"},
		{"/story/" + customs, `href="/entity/`},
		{"/story/" + customs, "SEIZE"},
		{"/doc/" + second, `href="/story/` + customs + `"`},
		{"/?q=" + url.QueryEscape("كبتاجون"), `class="story-link" href="/story/` + customs + `"`},
	} {
		r := do(t, "GET", ts.URL+page.path, "", "", "Accept", "text/html")
		if r.status != 200 || !strings.Contains(r.body, page.want) {
			t.Errorf("%s: status %d, page lacks %q", page.path, r.status, page.want)
		}
	}
	if r := do(t, "GET", ts.URL+"/story/nothing", "", "", "Accept", "text/html"); r.status != 404 {
		t.Errorf("/story/nothing: status %d, want 404", r.status)
	}
}
