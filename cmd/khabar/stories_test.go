package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabar/khabar/sqlite"
	"github.com/khabar/khabar/storetest"
)

// TestStories runs khabar stories and khabar stories show on a store
// holding the story documents of the conformance suite.
func TestStories(t *testing.T) {
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
		text := out + errOut
		at := 0
		for _, w := range tc.want {
			i := strings.Index(text[at:], w)
			if i < 0 {
				t.Errorf("stories %q: output lacks %q after byte %d:\n%s", tc.args, w, at, text)
				break
			}
			at += i + len(w)
		}
	}
}
