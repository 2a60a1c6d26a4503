package pipeline

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/arabic"
)

// gold is the hand-made reading of an article (examples/*.gold.json).
type gold struct {
	Title       string   `json:"title"`
	Subtitle    string   `json:"subtitle"`
	Boilerplate []string `json:"boilerplate"`
	Dateline    struct {
		Place, Source, Date string
		Country             string
	} `json:"dateline"`
	Published string `json:"published"`
	Entities  []struct {
		Type, Canonical, Honorific, Title string
		Mentions                          []string
	} `json:"entities"`
	Dates []struct {
		Text, Value, Grain, Interval string
	} `json:"dates"`
	Quotes []struct {
		Speaker, Cue, Text string
		Direct             bool
	} `json:"quotes"`
	Events []struct {
		Type, Mode, Date, Place string
		Actors                  []string
	} `json:"events"`
}

func analyzeExample(t *testing.T) (*khabar.Analysis, gold) {
	t.Helper()
	dir := filepath.Join("..", "examples")
	body, err := os.ReadFile(filepath.Join(dir, "qatar-nato-ici-2023-09-13.txt"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "qatar-nato-ici-2023-09-13.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	var g gold
	if err := json.Unmarshal(raw, &g); err != nil {
		t.Fatal(err)
	}
	p, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := p.Analyze(context.Background(), khabar.RawDocument{Name: "example", Body: body})
	if err != nil {
		t.Fatal(err)
	}
	return a, g
}

// norm compares strings after Match normalization and white-space folding.
func norm(s string) string {
	return strings.Join(strings.Fields(arabic.Normalize(s, arabic.Match)), " ")
}

func spanText(a *khabar.Analysis, s, e int) string {
	r := []rune(a.Text)
	if s < 0 || e > len(r) || s > e {
		return "<bad span>"
	}
	return string(r[s:e])
}

func TestExampleStructure(t *testing.T) {
	a, g := analyzeExample(t)
	if a.Title == nil || norm(a.Title.Text) != norm(g.Title) {
		t.Errorf("title = %+v, want %q", a.Title, g.Title)
	} else if spanText(a, a.Title.Start, a.Title.End) != a.Title.Text {
		t.Errorf("title offsets do not match its text")
	}
	if a.Subtitle == nil || norm(a.Subtitle.Text) != norm(g.Subtitle) {
		t.Errorf("subtitle = %+v, want %q", a.Subtitle, g.Subtitle)
	}
	for _, b := range g.Boilerplate {
		if strings.Contains(a.Text, b) {
			t.Errorf("boilerplate %q kept in the text", b)
		}
	}
	if d := a.Dateline; d == nil || d.Place != g.Dateline.Place || d.Source != g.Dateline.Source || d.Date != g.Dateline.Date {
		t.Errorf("dateline = %+v, want %+v", a.Dateline, g.Dateline)
	}
	if a.Published != g.Published {
		t.Errorf("published = %q, want %q", a.Published, g.Published)
	}
	if len(a.Paragraphs) < 15 {
		t.Errorf("%d paragraphs; the body has 17", len(a.Paragraphs))
	}
}

func TestExampleDates(t *testing.T) {
	a, g := analyzeExample(t)
	var got []string
	for _, d := range a.Dates {
		got = append(got, norm(d.Text)+" → "+d.Value+" "+d.Interval)
		if spanText(a, d.Start, d.End) != d.Text {
			t.Errorf("date %q: offsets point at %q", d.Text, spanText(a, d.Start, d.End))
		}
	}
	var want []string
	for _, d := range g.Dates {
		want = append(want, norm(d.Text)+" → "+d.Value+" "+d.Interval)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("dates:\n got %q\nwant %q", got, want)
	}
}

func TestExampleEntities(t *testing.T) {
	a, g := analyzeExample(t)
	byName := map[string]khabar.Entity{}
	for _, e := range a.Entities {
		byName[norm(e.Type+" "+e.Name)] = e
		for _, m := range e.Mentions {
			if spanText(a, m.Start, m.End) != m.Text {
				t.Errorf("entity %s: mention %q does not match its offsets", e.Name, m.Text)
			}
		}
	}
	wanted := map[string]bool{}
	for _, ge := range g.Entities {
		key := norm(ge.Type + " " + ge.Canonical)
		wanted[key] = true
		e, ok := byName[key]
		if !ok {
			t.Errorf("missing %s %q", ge.Type, ge.Canonical)
			continue
		}
		have := map[string]bool{}
		for _, m := range e.Mentions {
			have[norm(strings.NewReplacer("(", "", ")", "").Replace(m.Text))] = true
		}
		for _, m := range ge.Mentions {
			if !have[norm(strings.NewReplacer("(", "", ")", "").Replace(m))] {
				t.Errorf("%s: mention %q not found (have %v)", ge.Canonical, m, keys(have))
			}
		}
		if norm(e.Honorific) != norm(ge.Honorific) || norm(e.Title) != norm(ge.Title) {
			t.Errorf("%s: honorific %q title %q; want %q and %q", ge.Canonical, e.Honorific, e.Title, ge.Honorific, ge.Title)
		}
	}
	for key, e := range byName {
		if (e.Type == "PER" || e.Type == "ORG") && !wanted[key] {
			t.Errorf("spurious %s %q", e.Type, e.Name)
		}
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestExampleQuotesAndEvents(t *testing.T) {
	a, g := analyzeExample(t)
	names := map[string]string{}
	for _, e := range a.Entities {
		names[e.ID] = norm(e.Name)
	}
	strip := func(s string) string { return norm(strings.Trim(strings.TrimSpace(s), `"«»“”.`)) }
	for _, gq := range g.Quotes {
		found := false
		for _, q := range a.Quotes {
			if strings.HasPrefix(strip(q.Text), strip(gq.Text)) || strings.HasPrefix(strip(gq.Text), strip(q.Text)) && len(q.Text) > len(gq.Text)/2 {
				found = true
				if names[q.Speaker] != norm(gq.Speaker) || q.Direct != gq.Direct {
					t.Errorf("quote %.30q: speaker %q direct %v; want %q %v", gq.Text, names[q.Speaker], q.Direct, gq.Speaker, gq.Direct)
				}
				break
			}
		}
		if !found {
			t.Errorf("quote %.40q not found", gq.Text)
		}
	}
	for _, ge := range g.Events {
		found := false
		for _, e := range a.Events {
			if e.Type != ge.Type || e.Date != ge.Date {
				continue
			}
			var actors []string
			for _, id := range e.Actors {
				actors = append(actors, names[id])
			}
			ok := true
			for _, want := range ge.Actors {
				if !slices.Contains(actors, norm(want)) {
					ok = false
				}
			}
			if ok && (ge.Place == "" || names[e.Place] == norm(ge.Place)) && (ge.Mode == "" || ge.Mode == e.Mode) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("event %s %s %v at %q not found", ge.Type, ge.Date, ge.Actors, ge.Place)
		}
	}
	// Precision: every quote and event found is one of the gold reading's.
	if len(a.Quotes) != len(g.Quotes) {
		t.Errorf("%d quotes found, the gold reading has %d", len(a.Quotes), len(g.Quotes))
	}
	if len(a.Events) != len(g.Events) {
		t.Errorf("%d events found, the gold reading has %d", len(a.Events), len(g.Events))
	}
}
