package main

import (
	"fmt"
	"testing"
)

// TestSearchGroupStory runs khabar search --group story on a store
// holding the story documents of the conformance suite: the two customs
// articles are one hit that names the other, and the help says so.
func TestSearchGroupStory(t *testing.T) {
	data, customs := storyStore(t)
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
		checkInOrder(t, fmt.Sprintf("search %q", tc.args), out+errOut, tc.want)
	}
}
