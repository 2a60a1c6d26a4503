package main

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/khabar/khabar/sqlite"
	"github.com/khabar/khabar/storetest"
)

// TestStories runs khabar stories and khabar stories show on a store
// holding the story documents of the conformance suite.
func TestStories(t *testing.T) {
	data, customs := storyStore(t)
	tests := []struct {
		args []string
		code int
		want []string // in the output, in order
	}{
		{nil, 0, []string{"5 stories, latest first", customs + "  2015-08-08  2 articles, 2 sources", "2015-08-07  1 article, 1 source"}},
		{[]string{"--since", "2015-08-08", "--json"}, 0, []string{`"stories": [`, `"articles": 2`, `"sources": 2`}},
		{[]string{"--until", "2015-08-07"}, 0, []string{"3 stories"}},
		{[]string{"كبتاجون"}, 0, []string{"1 story", customs}},
		{[]string{"--limit", "1", "--offset", "4"}, 0, []string{"1 story"}},
		{[]string{"show", customs}, 0, []string{customs + "  2015-08-08, 2 articles, 2 sources", "entities: الجمارك (2)", "places: الحديثة (2)",
			"dates: 2015-08-08 (2)", "event: SEIZE", "2015-08-08  p  الجمارك تحبط", "2015-08-08  q  إحباط تهريب حبوب كبتاجون بجمرك الحديثة"}},
		{[]string{"show", "--json", customs}, 0, []string{`"story": {`, `"label": "`, `"articles": [`}},
		{[]string{"show", "nothing"}, 1, []string{"not found"}},
		{[]string{"show"}, 2, []string{"stories show needs one story ID"}},
		{[]string{"--since", "soon"}, 2, []string{"--since"}},
		{[]string{"--limit", "0"}, 2, []string{"--limit"}},
		{[]string{"--", "-source:x"}, 2, []string{"query:", "cannot be excluded"}},
	}
	for _, tc := range tests {
		var args []string
		if len(tc.args) > 0 && tc.args[0] == "show" {
			args = append([]string{"stories", "show", "--data", data}, tc.args[1:]...)
		} else {
			args = append([]string{"stories", "--data", data}, tc.args...)
		}
		code, out, errOut := runCLI(t, "", args...)
		if code != tc.code {
			t.Errorf("stories %q: exit %d, want %d (%s)", tc.args, code, tc.code, errOut)
			continue
		}
		checkInOrder(t, fmt.Sprintf("stories %q", tc.args), out+errOut, tc.want)
	}
}

// storyStore stores the story documents of the conformance suite in a new
// SQLite store and returns its directory and the customs story's ID
// (named by its first article).
func storyStore(t *testing.T) (data, customs string) {
	t.Helper()
	data = filepath.Join(t.TempDir(), "data")
	db, err := sqlite.OpenDir(context.Background(), data, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := db.Put(context.Background(), storetest.StoryDocs())
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	return data, res[3].ID
}
