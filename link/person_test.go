package link

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabar/khabar/arabic"
)

// TestPersonNames checks the names the tagger cut (a first or a family
// name left out) and the persons named in part.
func TestPersonNames(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "names.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []testCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			toks := arabic.Tokenize(c.Text)
			res := Resolve(c.Text, toks, spansOf(c.Text, toks, c.Spans), nil)
			checkOffsets(t, c.Text, res)
			var got, want []string
			for _, e := range res.Entities {
				var ms []string
				for _, m := range e.Mentions {
					ms = append(ms, m.Text)
				}
				got = append(got, e.Type+" "+e.Name+" ("+e.Honorific+"; "+e.Title+"): "+strings.Join(ms, "|"))
			}
			for _, w := range c.Want {
				want = append(want, w.Type+" "+w.Name+" ("+w.Honorific+"; "+w.Title+"): "+strings.Join(w.Mentions, "|"))
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}
