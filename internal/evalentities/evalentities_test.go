package evalentities

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabar/khabar"
)

func readGold(t *testing.T) GoldFile {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := ReadGold(f, "gold.json")
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func ment(texts ...string) []khabar.Mention {
	var out []khabar.Mention
	for i, s := range texts {
		out = append(out, khabar.Mention{Text: s, Start: i * 10, End: i*10 + len([]rune(s))})
	}
	return out
}

// perfect is a hand-made analysis that agrees with testdata/gold.json.
func perfect() *khabar.Analysis {
	return &khabar.Analysis{Entities: []khabar.Entity{
		{ID: "e1", Type: "LOC", Name: "قطر", KB: &khabar.KBRef{ID: "country:QA", Country: "QA"}, Mentions: ment("دولة قطر", "قطر")},
		{ID: "e2", Type: "PER", Name: "عبد العزيز بن أحمد المالكي", Honorific: "سعادة السيد", Title: "سفير دولة قطر",
			Mentions: ment("عبد العزيز بن أحمد المالكي", "المالكي", "سعادته")},
		{ID: "e3", Type: "ORG", Name: "حلف شمال الأطلسي", KB: &khabar.KBRef{ID: "org:nato", Wikidata: "Q7184"},
			Mentions: ment("حلف شمال الأطلسي", "حلف (الناتو )", "حلف")},
		{ID: "e4", Type: "LOC", Name: "بروكسل", KB: &khabar.KBRef{ID: "city:BE:brussels", Country: "BE"}, Mentions: ment("بروكسل")},
	}}
}

func TestScore(t *testing.T) {
	g := readGold(t)
	tests := []struct {
		name    string
		edit    func(a *khabar.Analysis)
		all     Counts
		ments   int
		links   int
		names   int
		titles  int
		honors  int
		errText string
	}{
		{"perfect", func(*khabar.Analysis) {}, Counts{TP: 4}, 9, 3, 4, 1, 1, ""},
		{"missed entity", func(a *khabar.Analysis) { a.Entities = a.Entities[:3] }, Counts{TP: 3, FN: 1}, 8, 2, 3, 1, 1, "missed LOC"},
		{"wrong type", func(a *khabar.Analysis) { a.Entities[3].Type = "ORG" }, Counts{TP: 3, FP: 1, FN: 1}, 8, 2, 3, 1, 1, "spurious ORG"},
		{"spurious", func(a *khabar.Analysis) {
			a.Entities = append(a.Entities, khabar.Entity{Type: "PER", Name: "فلان", Mentions: ment("فلان")})
		}, Counts{TP: 4, FP: 1}, 9, 3, 4, 1, 1, "spurious PER"},
		{"wrong link", func(a *khabar.Analysis) { a.Entities[3].KB.Country = "NL" }, Counts{TP: 4}, 9, 2, 4, 1, 1, "link of"},
		{"unlinked", func(a *khabar.Analysis) { a.Entities[2].KB = nil }, Counts{TP: 4}, 9, 2, 4, 1, 1, "link of"},
		{"name by mention", func(a *khabar.Analysis) { a.Entities[1].Name = "المالكي" }, Counts{TP: 4}, 9, 3, 3, 1, 1, "name of PER"},
		{"title and honorific", func(a *khabar.Analysis) { a.Entities[1].Title, a.Entities[1].Honorific = "", "السيد" }, Counts{TP: 4}, 9, 3, 4, 0, 0, "title of"},
		{"mention missing", func(a *khabar.Analysis) { a.Entities[1].Mentions = a.Entities[1].Mentions[:2] }, Counts{TP: 4}, 8, 3, 4, 1, 1, "سعادته"},
		{"nil analysis", nil, Counts{FN: 4}, 0, 0, 0, 0, 0, "missed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a *khabar.Analysis
			if tt.edit != nil {
				a = perfect()
				tt.edit(a)
			}
			r := Score(a, g)
			if r.All != tt.all {
				t.Errorf("all = %+v, want %+v", r.All, tt.all)
			}
			if r.Mentions.Correct != tt.ments || r.Mentions.Total != 9 {
				t.Errorf("mentions = %+v, want %d/9", r.Mentions, tt.ments)
			}
			if r.Linking.Correct != tt.links || r.Linking.Total != 3 {
				t.Errorf("linking = %+v, want %d/3", r.Linking, tt.links)
			}
			if r.Names.Correct != tt.names || r.Titles.Correct != tt.titles || r.Honorifics.Correct != tt.honors {
				t.Errorf("names %+v titles %+v honorifics %+v", r.Names, r.Titles, r.Honorifics)
			}
			joined := strings.Join(r.Errors, "\n")
			if tt.errText == "" && joined != "" || !strings.Contains(joined, tt.errText) {
				t.Errorf("errors %q, want one with %q", joined, tt.errText)
			}
		})
	}
}

func TestCounts(t *testing.T) {
	c := Counts{TP: 3, FP: 1, FN: 2}
	if c.Precision() != 0.75 || c.Recall() != 0.6 {
		t.Errorf("P %v R %v", c.Precision(), c.Recall())
	}
	if f := c.F1(); f < 0.666 || f > 0.667 {
		t.Errorf("F1 = %v", f)
	}
	if (Counts{}).F1() != 0 || (Tally{}).Rate() != 0 {
		t.Error("empty counts are not 0")
	}
}

func TestMerge(t *testing.T) {
	g := readGold(t)
	var total Report
	total.Merge(Score(perfect(), g))
	total.Merge(Score(nil, g))
	if total.All != (Counts{TP: 4, FN: 4}) || total.ByType["LOC"].TP != 2 || total.Mentions.Total != 18 {
		t.Errorf("merged = %+v", total)
	}
	if s := total.String(); !strings.Contains(s, "mention recall") || !strings.Contains(s, "LOC") {
		t.Errorf("String() = %q", s)
	}
}

func TestReadGoldErrors(t *testing.T) {
	for _, in := range []string{"", "{", `{"entities":[{"type":"XYZ","canonical":"a"}]}`, `{"entities":[{"type":"PER"}]}`} {
		if _, err := ReadGold(strings.NewReader(in), "in"); err == nil {
			t.Errorf("ReadGold(%q) succeeded", in)
		}
	}
}
