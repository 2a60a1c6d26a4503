package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabar/khabar/sqlite"
	"github.com/khabar/khabar/storetest"
)

// TestSearchGroupStory runs khabar search --group story on a store
// holding the story documents of the conformance suite: the two customs
// articles are one hit that names the other, and the help says so.
func TestSearchGroupStory(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	db, err := sqlite.OpenDir(context.Background(), data, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := db.Put(context.Background(), storetest.StoryDocs())
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	customs := res[3].ID // the customs story is named by its first article
	tests := []struct {
		args []string
		code int
		want []string // in the output, in order
	}{
		{[]string{"الحديثة"}, 0, []string{"2 results"}},
		{[]string{"--group", "story", "الحديثة"}, 0, []string{"1 results", "+1 more in this story (khabar stories show " + customs + ")"}},
		{[]string{"--group=story", "--json", "الحديثة"}, 0, []string{`"total": 1`, `"story": "` + customs + `"`, `"story_hits": 1`, `"story_hit_ids": [`}},
		{[]string{"--group", "story", "الحديثة OR تايوان"}, 0, []string{"2 results", "+1 more in this story"}},
		{[]string{"--group", "source", "الحديثة"}, 2, []string{`--group "source": the hits can be grouped by story only`}},
		{[]string{"-h"}, 0, []string{"[--group story]", "-group story", "fold the hits of one story"}},
	}
	for _, tc := range tests {
		code, out, errOut := runCLI(t, "", append([]string{"search", "--data", data}, tc.args...)...)
		if code != tc.code {
			t.Errorf("search %q: exit %d, want %d (%s)", tc.args, code, tc.code, errOut)
			continue
		}
		text, at := out+errOut, 0
		for _, w := range tc.want {
			i := strings.Index(text[at:], w)
			if i < 0 {
				t.Errorf("search %q: no %q (in order) in\n%s", tc.args, w, text)
				break
			}
			at += i + len(w)
		}
	}
}
