package quote_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/internal/evalquotes"
	"github.com/khabar/khabar/quote"
	"github.com/khabar/khabar/quote/quotetest"
)

type wantQuote struct {
	Text        string   `json:"text"`
	Speakers    []string `json:"speakers"`
	SpeakerText string   `json:"speaker_text"`
	Source      string   `json:"source"`
	Direct      bool     `json:"direct"`
}

// caseFiles hold the hand-made cases: cases.json the forms of quotes,
// attribution.json the rules that find who spoke, one group per rule.
var caseFiles = []string{"cases.json", "attribution.json"}

func loadCases(t testing.TB) []quotetest.Case[wantQuote] {
	t.Helper()
	var all []quotetest.Case[wantQuote]
	for _, name := range caseFiles {
		cs, err := quotetest.LoadCases[wantQuote](filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, cs...)
	}
	return all
}

func names(a *khabar.Analysis, ids []string) []string {
	var out []string
	for _, id := range ids {
		for _, e := range a.Entities {
			if e.ID == id {
				out = append(out, e.Name)
			}
		}
	}
	return out
}

func TestExtract(t *testing.T) {
	for _, c := range loadCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			a := c.Analysis()
			got := quote.Extract(a)
			if len(got) != len(c.Want) {
				t.Fatalf("got %d quotes, want %d: %+v", len(got), len(c.Want), got)
			}
			rs := []rune(c.Text)
			for i, w := range c.Want {
				g := got[i]
				if g.Text != w.Text {
					t.Errorf("quote %d text = %q, want %q", i, g.Text, w.Text)
				}
				if string(rs[g.Start:g.End]) != g.Text {
					t.Errorf("quote %d offsets [%d,%d) do not give its text", i, g.Start, g.End)
				}
				if n := names(a, g.Speakers); !reflect.DeepEqual(n, w.Speakers) {
					t.Errorf("quote %d speakers = %q, want %q", i, n, w.Speakers)
				}
				if g.SpeakerText != w.SpeakerText {
					t.Errorf("quote %d speaker text = %q, want %q", i, g.SpeakerText, w.SpeakerText)
				}
				if g.Source != w.Source {
					t.Errorf("quote %d source = %q, want %q", i, g.Source, w.Source)
				}
				if g.Direct != w.Direct {
					t.Errorf("quote %d direct = %v, want %v", i, g.Direct, w.Direct)
				}
			}
		})
	}
}

// TestExample checks the fifteen quotes of the gold reading of the example
// article, with entities taken from the gold file.
func TestExample(t *testing.T) {
	g, txt, err := quotetest.Load(filepath.Join("..", "examples", "qatar-nato-ici-2023-09-13.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	a := quotetest.Analysis(txt, g)
	a.Quotes = quote.Find(a)
	gf, err := evalquotes.ReadGold(strings.NewReader(mustRead(t, filepath.Join("..", "examples", "qatar-nato-ici-2023-09-13.gold.json"))), "gold")
	if err != nil {
		t.Fatal(err)
	}
	s := evalquotes.Evaluate(a, gf.Quotes)
	if s.Gold != 15 || s.Matched != 15 || s.Speaker != 15 || s.Direct != 15 || s.Found != 15 {
		t.Errorf("score = %+v, want all 15 gold quotes found, and no other, with speaker and direct flag", s)
	}
}

func mustRead(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestFindHostile(t *testing.T) {
	for _, text := range []string{"", "\"", "«", "»«", "\xff\xfe\"قال إن", "قال", "قال إن", ":", "سالم:", strings.Repeat("«قال إن ", 2000)} {
		a := &khabar.Analysis{Text: text, Entities: []khabar.Entity{{ID: "e1", Type: "PER", Name: "x",
			Mentions: []khabar.Mention{{Start: 0, End: 1}, {Start: -5, End: 900000}}}}}
		for _, q := range quote.Find(a) {
			if q.Start < 0 || q.End < q.Start || q.End > len([]rune(text)) {
				t.Errorf("%q: bad offsets %+v", text, q)
			}
		}
	}
	// Two PER entities whose mentions overlap (a name nested in a longer
	// one) before a speech verb: the gap between them is negative.
	text := "قال الشيخ محمد بن عبدالرحمن آل ثاني وزير الخارجية إن الحوار مستمر."
	a := &khabar.Analysis{Text: text, Entities: []khabar.Entity{
		{ID: "e1", Type: "PER", Name: "محمد بن عبدالرحمن آل ثاني", Mentions: []khabar.Mention{{Start: 10, End: 35}}},
		{ID: "e2", Type: "PER", Name: "عبدالرحمن", Mentions: []khabar.Mention{{Start: 17, End: 26}}},
	}}
	for _, q := range quote.Find(a) {
		if q.Start < 0 || q.End < q.Start || q.End > len([]rune(text)) {
			t.Errorf("overlapping mentions: bad offsets %+v", q)
		}
	}
	if quote.Find(nil) != nil {
		t.Error("Find(nil) != nil")
	}
}

func FuzzExtract(f *testing.F) {
	for _, c := range loadCases(f) {
		f.Add(c.Text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		a := &khabar.Analysis{Text: text}
		n := len([]rune(text))
		if n > 3 {
			a.Entities = []khabar.Entity{{ID: "e1", Type: "PER", Name: "x", Mentions: []khabar.Mention{{Start: 1, End: 3}}}}
		}
		for _, q := range quote.Extract(a) {
			if q.Start < 0 || q.End <= q.Start || q.End > n {
				t.Fatalf("bad offsets %+v in %q", q, text)
			}
			if string([]rune(text)[q.Start:q.End]) != q.Text {
				t.Fatalf("text %q does not match offsets in %q", q.Text, text)
			}
		}
	})
}

func TestCueText(t *testing.T) {
	// The speech verb may carry a conjunction and diacritics.
	a := &khabar.Analysis{Text: "وأكّدَ الوزيرُ أنّ الحوارَ مستمرٌ بين الطرفين."}
	qs := quote.Extract(a)
	if len(qs) != 1 || quote.Normalize(qs[0].Text) != quote.Normalize("الحوار مستمر بين الطرفين") {
		t.Fatalf("got %+v", qs)
	}
}
