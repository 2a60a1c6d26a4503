package event_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/event"
	"github.com/khabar/khabar/quote"
	"github.com/khabar/khabar/quote/quotetest"
)

type wantEvent struct {
	Type   string   `json:"type"`
	Mode   string   `json:"mode"`
	Actors []string `json:"actors"`
	Place  string   `json:"place"`
	Intent bool     `json:"intent"`
}

func loadCases(t testing.TB) []quotetest.Case[wantEvent] {
	t.Helper()
	cs, err := quotetest.LoadCases[wantEvent](filepath.Join("testdata", "cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func actorNames(as []event.Actor) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	sort.Strings(out)
	return out
}

func entityName(a *khabar.Analysis, id string) string {
	for _, e := range a.Entities {
		if e.ID == id {
			return e.Name
		}
	}
	return ""
}

func TestExtract(t *testing.T) {
	for _, c := range loadCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			a := c.Analysis()
			got := event.Extract(a)
			if len(got) != len(c.Want) {
				t.Fatalf("got %d events, want %d: %+v", len(got), len(c.Want), got)
			}
			for i, w := range c.Want {
				g := got[i]
				if g.Type != w.Type || g.Mode != w.Mode || g.Intent != w.Intent {
					t.Errorf("event %d = %s/%s intent=%v, want %s/%s intent=%v", i, g.Type, g.Mode, g.Intent, w.Type, w.Mode, w.Intent)
				}
				if w.Actors != nil {
					want := append([]string(nil), w.Actors...)
					sort.Strings(want)
					if n := actorNames(g.Actors); !reflect.DeepEqual(n, want) {
						t.Errorf("event %d actors = %q, want %q", i, n, want)
					}
				}
				if p := entityName(a, g.Place); p != w.Place {
					t.Errorf("event %d place = %q, want %q", i, p, w.Place)
				}
				if rs := []rune(c.Text); string(rs[g.TriggerStart:g.TriggerEnd]) != g.Trigger {
					t.Errorf("event %d trigger offsets do not give %q", i, g.Trigger)
				}
			}
		})
	}
}

// TestExample checks the four events of the gold reading of the example
// article, with entities, dates and dateline from the gold file.
func TestExample(t *testing.T) {
	g, txt, err := quotetest.Load(filepath.Join("..", "examples", "qatar-nato-ici-2023-09-13.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	a := quotetest.Analysis(txt, g)
	a.Quotes = quote.Find(a)
	got := event.Extract(a)
	for _, w := range g.Events {
		t.Run(w.Type+"/"+w.Date, func(t *testing.T) {
			wantActors := append([]string(nil), w.Actors...)
			sort.Strings(wantActors)
			wantParts := append([]string(nil), w.Participants...)
			sort.Strings(wantParts)
			for _, e := range got {
				if e.Type != w.Type || e.Date != w.Date || !reflect.DeepEqual(actorNames(e.Actors), wantActors) {
					continue
				}
				if w.Mode != "" && e.Mode != w.Mode {
					t.Errorf("mode = %q, want %q", e.Mode, w.Mode)
				}
				if w.Place != "" && entityName(a, e.Place) != w.Place {
					t.Errorf("place = %q, want %q", entityName(a, e.Place), w.Place)
				}
				if len(wantParts) > 0 && !reflect.DeepEqual(actorNames(e.Participants), wantParts) {
					t.Errorf("participants = %q, want %q", actorNames(e.Participants), wantParts)
				}
				return
			}
			t.Errorf("no %s event on %s with actors %q among %d events", w.Type, w.Date, wantActors, len(got))
		})
	}
	// The gold CONSULT is one record for all its parties, not a pair each.
	n := 0
	for _, e := range got {
		if e.Type == "CONSULT" && e.Date == "2023-09-13" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d CONSULT records on 2023-09-13, want 1", n)
	}
}

func TestFind(t *testing.T) {
	g, txt, err := quotetest.Load(filepath.Join("..", "examples", "qatar-nato-ici-2023-09-13.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	a := quotetest.Analysis(txt, g)
	evs := event.Find(a)
	if len(evs) == 0 {
		t.Fatal("no events")
	}
	if e := evs[0]; e.Type != "CONSULT" || e.Sentence != 0 || len(e.Actors) != 3 || e.Place == "" {
		t.Errorf("first event = %+v, want the multilateral CONSULT of sentence 0", e)
	}
}

func TestISO3(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"QA", "QAT"}, {"be", "BEL"}, {"UA", "UKR"}, {"PS", "PSE"}, {"", ""}, {"XYZ", ""}, {"ZZ", ""}, {"٣٣", ""},
	} {
		if got := event.ISO3(c.in); got != c.want {
			t.Errorf("ISO3(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestWritePLOVER(t *testing.T) {
	g, txt, err := quotetest.Load(filepath.Join("..", "examples", "qatar-nato-ici-2023-09-13.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	a := quotetest.Analysis(txt, g)
	a.ID = "qatar-nato"
	var buf bytes.Buffer
	if err := event.WritePLOVER(&buf, a); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != len(event.Extract(a)) {
		t.Fatalf("%d lines for %d events", len(lines), len(event.Extract(a)))
	}
	var first map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "date", "actor", "event"} { // required by PLOVER
		if _, ok := first[k]; !ok {
			t.Errorf("record lacks required field %q: %s", k, lines[0])
		}
	}
	var p event.PLOVER
	if err := json.Unmarshal([]byte(lines[0]), &p); err != nil {
		t.Fatal(err)
	}
	if p.ID != "qatar-nato-1" || p.Event[0] != "CONSULT" || p.Actor[0].Code != "QAT" || p.EventLoc == nil || p.EventLoc.CountryCode != "BEL" || p.QuadCode != 1 {
		t.Errorf("first record = %+v", p)
	}
}

func TestHostile(t *testing.T) {
	for _, text := range []string{"", "\xff\xfe", "قتل", "«قتل", "اجتماع بين", strings.Repeat("اجتمع الوزير مع ", 3000)} {
		a := &khabar.Analysis{Text: text, Sentences: [][2]int{{0, 1}, {5, 2}, {-3, 99999}},
			Dates: []khabar.Date{{Start: -1, End: 1 << 30, Value: "2023-01-01"}},
			Entities: []khabar.Entity{{ID: "e1", Type: "LOC", Name: "x", KB: &khabar.KBRef{Country: "??"},
				Mentions: []khabar.Mention{{Start: 0, End: 2}, {Start: 7, End: 3}, {Start: -1, End: 1 << 30}}}}}
		for _, e := range event.Extract(a) {
			if e.TriggerStart < 0 || e.TriggerEnd > len([]rune(text)) || e.TriggerEnd <= e.TriggerStart {
				t.Errorf("%.20q: bad trigger offsets %+v", text, e)
			}
		}
	}
	// A place nested inside a person's mention that is a title (found on
	// real articles): the person is designated by the title.
	text := "واستقبل الأمير في مكتبه مدير سجون محافظة جدة المكلف العميد مانع أمس."
	rs := []rune(text)
	at := func(s string) (int, int) {
		i := strings.Index(text, s)
		st := len([]rune(text[:i]))
		return st, st + len([]rune(s))
	}
	ps, pe := at("مدير سجون محافظة جدة المكلف")
	ls, le := at("جدة")
	a := &khabar.Analysis{Text: text, Sentences: [][2]int{{0, len(rs)}}, Entities: []khabar.Entity{
		{ID: "e1", Type: "PER", Name: "مانع", Title: "مدير سجون محافظة جدة المكلف", Mentions: []khabar.Mention{{Start: ps, End: pe}}},
		{ID: "e2", Type: "LOC", Name: "جدة", Mentions: []khabar.Mention{{Start: ls, End: le}}},
	}}
	for _, e := range event.Extract(a) {
		if e.TriggerStart < 0 || e.TriggerEnd > len(rs) || e.TriggerEnd <= e.TriggerStart {
			t.Errorf("nested mention: bad trigger offsets %+v", e)
		}
		if e.PlaceText == "جدة" {
			t.Errorf("nested mention: جدة in a title taken as the place: %+v", e)
		}
	}
	if event.Extract(nil) != nil {
		t.Error("Extract(nil) != nil")
	}
}

func FuzzExtract(f *testing.F) {
	for _, c := range loadCases(f) {
		f.Add(c.Text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		n := len([]rune(text))
		for _, e := range event.Extract(&khabar.Analysis{Text: text}) {
			if e.TriggerStart < 0 || e.TriggerEnd > n || e.TriggerEnd <= e.TriggerStart || e.Start > e.TriggerStart {
				t.Fatalf("bad offsets %+v in %q", e, text)
			}
		}
	})
}
