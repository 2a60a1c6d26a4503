package link

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/internal/evalentities"
	"github.com/khabar/khabar/ner"
)

type testCase struct {
	Name  string      `json:"name"`
	Text  string      `json:"text"`
	Spans [][2]string `json:"spans"`
	Want  []struct {
		Type      string   `json:"type"`
		Name      string   `json:"name"`
		Honorific string   `json:"honorific"`
		Title     string   `json:"title"`
		KB        string   `json:"kb"`
		Mentions  []string `json:"mentions"`
	} `json:"want"`
	Places []string `json:"places"`
}

// spansOf turns (type, text) pairs into tagger spans at every
// token-aligned occurrence of the text, a proclitic on the first token
// left out.
func spansOf(text string, toks []arabic.Token, pairs [][2]string) []ner.Span {
	var out []ner.Span
	used := map[int]bool{}
	for _, p := range pairs {
		words := arabic.Tokenize(p[1])
		for i := 0; i+len(words) <= len(toks); i++ {
			skip, ok := 0, true
			for k, w := range words {
				t := toks[i+k].Text
				if k == 0 && t != w.Text {
					if !strings.HasSuffix(t, w.Text) || len([]rune(t))-len([]rune(w.Text)) > 2 {
						ok = false
						break
					}
					skip = len([]rune(t)) - len([]rune(w.Text))
					continue
				}
				if t != w.Text {
					ok = false
					break
				}
			}
			if !ok || used[i] {
				continue
			}
			for k := range words {
				used[i+k] = true
			}
			start, end := toks[i].Start+skip, toks[i+len(words)-1].End
			out = append(out, ner.Span{Type: p[0], Text: string([]rune(text)[start:end]), Start: start, End: end,
				TokStart: i, TokEnd: i + len(words)})
		}
	}
	return out
}

func TestResolveCases(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "cases.json"))
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
			byName := map[string]khabar.Entity{}
			for _, e := range res.Entities {
				byName[e.Type+" "+e.Name] = e
			}
			if len(res.Entities) != len(c.Want) {
				var got []string
				for _, e := range res.Entities {
					got = append(got, e.Type+" "+e.Name)
				}
				t.Errorf("got %d entities %q, want %d", len(res.Entities), got, len(c.Want))
			}
			for _, w := range c.Want {
				e, ok := byName[w.Type+" "+w.Name]
				if !ok {
					t.Errorf("no %s entity %q", w.Type, w.Name)
					continue
				}
				if e.Honorific != w.Honorific || e.Title != w.Title {
					t.Errorf("%q: honorific %q title %q, want %q and %q", w.Name, e.Honorific, e.Title, w.Honorific, w.Title)
				}
				gotKB := ""
				if e.KB != nil {
					gotKB = e.KB.ID
				}
				if gotKB != w.KB {
					t.Errorf("%q: kb %q, want %q", w.Name, gotKB, w.KB)
				}
				var ms []string
				for _, m := range e.Mentions {
					ms = append(ms, m.Text)
				}
				if strings.Join(ms, "|") != strings.Join(w.Mentions, "|") {
					t.Errorf("%q: mentions %q, want %q", w.Name, ms, w.Mentions)
				}
			}
			var places []string
			for _, p := range res.Places {
				s := p.Text + "@" + p.Country
				if p.Entity != "" {
					for _, e := range res.Entities {
						if e.ID == p.Entity {
							s += "=" + e.Name
						}
					}
				}
				places = append(places, s)
			}
			if strings.Join(places, " ") != strings.Join(c.Places, " ") {
				t.Errorf("places %q, want %q", places, c.Places)
			}
		})
	}
}

// checkOffsets checks that every mention's text is the text at its
// offsets.
func checkOffsets(t *testing.T, text string, res Result) {
	t.Helper()
	runes := []rune(text)
	for _, e := range res.Entities {
		if e.Name == "" || !strings.HasPrefix(e.ID, "e") {
			t.Errorf("entity %+v: empty name or bad id", e)
		}
		for _, m := range e.Mentions {
			if m.Start < 0 || m.End > len(runes) || m.Start >= m.End || string(runes[m.Start:m.End]) != m.Text {
				t.Errorf("%s mention %+v does not match the text", e.ID, m)
			}
		}
	}
	for _, p := range res.Places {
		if p.Start < 0 || p.End > len(runes) || p.Start >= p.End || string(runes[p.Start:p.End]) != p.Text {
			t.Errorf("place %+v does not match the text", p)
		}
	}
}

// TestExample resolves the example article with the tagger's spans built
// from the gold names and scores it against the gold reading: every gold
// entity with its type, name, mentions, honorific and title, and nothing
// spurious.
func TestExample(t *testing.T) {
	text, g := loadExample(t)
	toks := arabic.Tokenize(text)
	res := Resolve(text, toks, taggerSpans(text, toks, g), nil)
	checkOffsets(t, text, res)
	gb, err := os.ReadFile(filepath.Join("..", "examples", exampleName+".gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	gold, err := evalentities.ReadGold(strings.NewReader(string(gb)), exampleName)
	if err != nil {
		t.Fatal(err)
	}
	rep := evalentities.Score(&khabar.Analysis{Entities: res.Entities}, gold)
	for _, e := range rep.Errors {
		t.Error(e)
	}
	if rep.All.FN != 0 || rep.All.FP != 0 || rep.Mentions.Correct != rep.Mentions.Total || rep.Titles.Correct != rep.Titles.Total ||
		rep.Honorifics.Correct != rep.Honorifics.Total || rep.Names.Correct != rep.Names.Total || rep.Linking.Correct != rep.Linking.Total {
		t.Errorf("report:\n%s", rep)
	}
	want := map[string]string{"العاصمة البلجيكية": "BE", "الروسية": "RU", "الأوكرانية": "UA"}
	for _, p := range res.Places {
		if c, ok := want[p.Text]; ok && c == p.Country {
			delete(want, p.Text)
		}
	}
	if len(want) > 0 {
		t.Errorf("place references missing: %v", want)
	}
}

func TestResolveBadInput(t *testing.T) {
	text := "قطر"
	toks := arabic.Tokenize(text)
	for _, spans := range [][]ner.Span{
		{{Type: "LOC", Start: 0, End: 3, TokStart: 0, TokEnd: 5}},
		{{Type: "LOC", Start: 2, End: 1, TokStart: 0, TokEnd: 1}},
		{{Type: "XYZ", Start: 0, End: 3, TokStart: 0, TokEnd: 1}},
		{{Type: "LOC", Start: -1, End: 3, TokStart: -1, TokEnd: 1}},
	} {
		res := Resolve(text, toks, spans, nil)
		checkOffsets(t, text, res)
	}
	// Tokens of another text.
	if res := Resolve("", arabic.Tokenize("حلف شمال الأطلسي"), nil, nil); len(res.Entities) != 0 {
		t.Errorf("tokens beyond the text gave %v", res.Entities)
	}
	if res := Resolve("", nil, nil, nil); len(res.Entities) != 0 {
		t.Error("empty text gave entities")
	}
}

func FuzzResolve(f *testing.F) {
	for _, s := range []string{"سعادة السيد أحمد، سفير دولة قطر. وقال سعادته", "حلف (الناتو) والحلف (NAC) NAC", "\xffللحلف", ""} {
		f.Add(s, 0, 2)
	}
	f.Fuzz(func(t *testing.T, s string, a, b int) {
		toks := arabic.Tokenize(s)
		var spans []ner.Span
		if a >= 0 && b > a && b <= len(toks) {
			spans = append(spans, ner.Span{Type: "PER", Start: toks[a].Start, End: toks[b-1].End, TokStart: a, TokEnd: b})
		}
		res := Resolve(s, toks, spans, nil)
		if strings.ToValidUTF8(s, "\uFFFD") == s {
			checkOffsets(t, s, res)
		}
	})
}

func BenchmarkResolve(b *testing.B) {
	text, g := loadExample(b)
	toks := arabic.Tokenize(text)
	spans := taggerSpans(text, toks, g)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Resolve(text, toks, spans, nil)
	}
}

func TestKingdomStart(t *testing.T) {
	for _, c := range []struct {
		tok  string
		skip int
		ok   bool
	}{
		{"المملكة", 0, true}, {"والمملكة", 1, true}, {"بالمملكة", 1, true}, {"للمملكة", 2, true},
		{"وللمملكة", 3, true}, {"مملكة", 0, false}, {"الممالك", 0, false}, {"المملكتين", 0, false},
	} {
		skip, ok := kingdomStart(c.tok)
		if skip != c.skip || ok != c.ok {
			t.Errorf("kingdomStart(%q) = %d, %v; want %d, %v", c.tok, skip, ok, c.skip, c.ok)
		}
	}
}

func TestNonEntity(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"الله", true}, {"دولار", true}, {"الدولة", true}, {"الإسلام", true},
		{"قطر", false}, {"عبدالله", false}, {"الدولة الإسلامية", false}, {"", false},
	} {
		if got := nonEntity(c.text); got != c.want {
			t.Errorf("nonEntity(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestBareClubNamesInSportsTexts(t *testing.T) {
	sport := "فاز الاتحاد على الشباب بهدفين في المباراة التي أقيمت على ملعب الجوهرة ضمن الجولة الأولى من الدوري، وسجل اللاعب هدف الفريق الثاني."
	other := "أكد الاتحاد الأوروبي دعمه للحل السياسي، وقال إن الشباب في المنطقة يحتاجون إلى فرص عمل."
	names := func(text string) map[string]string {
		toks := arabic.Tokenize(text)
		got := map[string]string{}
		for _, e := range Resolve(text, toks, nil, nil).Entities {
			got[e.Name] = e.Type
		}
		return got
	}
	if got := names(sport); got["الاتحاد"] != "ORG" || got["الشباب"] != "ORG" {
		t.Errorf("sports text: entities %v, want the clubs الاتحاد and الشباب", got)
	}
	if got := names(other); got["الشباب"] != "" {
		t.Errorf("text about politics: entities %v, want no club الشباب", got)
	}
}
