// Package quotetest builds Analyses by hand for tests of the quote and
// event stages, so that they can be tested apart from the NER, linking and
// coreference stages: entities come from a gold file and their mentions are
// located in the text by string search.
package quotetest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/khabar/khabar"
)

// Gold is a hand-made reading of one article (examples/*.gold.json).
type Gold struct {
	File     string `json:"file"`
	Title    string `json:"title"`
	Subtitle string `json:"subtitle"`
	Dateline *struct {
		Place   string `json:"place"`
		PlaceEn string `json:"place_en"`
		Country string `json:"country"`
		Source  string `json:"source"`
		Date    string `json:"date"`
	} `json:"dateline"`
	Published string       `json:"published"`
	Entities  []GoldEntity `json:"entities"`
	Dates     []struct {
		Text  string `json:"text"`
		Value string `json:"value"`
		Grain string `json:"grain"`
	} `json:"dates"`
	Quotes []struct {
		Speaker string `json:"speaker"`
		Cue     string `json:"cue"`
		Direct  bool   `json:"direct"`
		Text    string `json:"text"`
	} `json:"quotes"`
	Events []GoldEvent `json:"events"`
}

// GoldEntity is one entity of a gold file.
type GoldEntity struct {
	Type      string   `json:"type"`
	Canonical string   `json:"canonical"`
	En        string   `json:"en"`
	Wikidata  string   `json:"wikidata"`
	Country   string   `json:"country"`
	Mentions  []string `json:"mentions"`
	Honorific string   `json:"honorific"`
	Title     string   `json:"title"`
}

// GoldEvent is one event of a gold file; actors, participants and place
// are entity names.
type GoldEvent struct {
	Type         string   `json:"type"`
	Mode         string   `json:"mode"`
	Date         string   `json:"date"`
	Place        string   `json:"place"`
	Actors       []string `json:"actors"`
	Participants []string `json:"participants"`
}

// Case is one hand-made test case of a finder: a text, the entities in
// it (their mentions are found by Analysis) and what the finder should
// find, W.
type Case[W any] struct {
	Name     string       `json:"name"`
	Text     string       `json:"text"`
	Entities []GoldEntity `json:"entities"`
	Want     []W          `json:"want"`
}

// Analysis returns the Analysis of the case's text (see Analysis).
func (c Case[W]) Analysis() *khabar.Analysis {
	return Analysis(c.Text, &Gold{Entities: c.Entities})
}

// LoadCases reads a JSON array of cases from path.
func LoadCases[W any](path string) ([]Case[W], error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("quotetest: %w", err)
	}
	var cs []Case[W]
	if err := json.Unmarshal(b, &cs); err != nil {
		return nil, fmt.Errorf("quotetest: %s: %w", path, err)
	}
	return cs, nil
}

// Load reads a gold file and the article it describes.
func Load(goldPath string) (*Gold, string, error) {
	b, err := os.ReadFile(goldPath)
	if err != nil {
		return nil, "", fmt.Errorf("quotetest: %w", err)
	}
	var g Gold
	if err := json.Unmarshal(b, &g); err != nil {
		return nil, "", fmt.Errorf("quotetest: %s: %w", goldPath, err)
	}
	txt, err := os.ReadFile(filepath.Join(filepath.Dir(goldPath), g.File))
	if err != nil {
		return nil, "", fmt.Errorf("quotetest: %s: %w", goldPath, err)
	}
	return &g, string(txt), nil
}

// Analysis builds the Analysis that the earlier stages should produce for
// text: title and subtitle, dateline, paragraphs and sentences by a simple
// splitter, dates and entities from g with mentions found in the text.
// Entity IDs are e1, e2, … in the order of g.Entities.
func Analysis(text string, g *Gold) *khabar.Analysis {
	rs := []rune(text)
	a := &khabar.Analysis{Schema: khabar.Schema, Lang: "ar", Text: text, Published: g.Published}
	a.Paragraphs, a.Sentences = Split(rs)
	if s := find(rs, g.Title, 0); s >= 0 {
		a.Title = &khabar.Span{Text: g.Title, Start: s, End: s + len([]rune(g.Title))}
	}
	if s := find(rs, g.Subtitle, 0); g.Subtitle != "" && s >= 0 {
		a.Subtitle = &khabar.Span{Text: g.Subtitle, Start: s, End: s + len([]rune(g.Subtitle))}
	}
	taken := make([]bool, len(rs))
	type cand struct {
		ent  int
		text string
	}
	var cands []cand
	for i, ge := range g.Entities {
		e := khabar.Entity{ID: fmt.Sprintf("e%d", i+1), Type: ge.Type, Name: ge.Canonical,
			Honorific: ge.Honorific, Title: ge.Title}
		if ge.En != "" || ge.Country != "" || ge.Wikidata != "" {
			e.KB = &khabar.KBRef{ID: ge.En, Name: ge.Canonical, NameEn: ge.En, Wikidata: ge.Wikidata, Country: ge.Country}
		}
		a.Entities = append(a.Entities, e)
		for _, m := range ge.Mentions {
			cands = append(cands, cand{i, m})
		}
	}
	// Longest mentions first, so that مجلس حلف شمال الأطلسي wins over
	// حلف شمال الأطلسي.
	sort.SliceStable(cands, func(i, j int) bool { return len([]rune(cands[i].text)) > len([]rune(cands[j].text)) })
	for _, c := range cands {
		n := len([]rune(c.text))
		for from := 0; ; {
			s := find(rs, c.text, from)
			if s < 0 {
				break
			}
			from = s + 1
			if !boundary(rs, s, s+n) || anyTaken(taken, s, s+n) {
				continue
			}
			for k := s; k < s+n; k++ {
				taken[k] = true
			}
			e := &a.Entities[c.ent]
			e.Mentions = append(e.Mentions, khabar.Mention{Text: c.text, Start: s, End: s + n})
		}
	}
	for i := range a.Entities {
		ms := a.Entities[i].Mentions
		sort.Slice(ms, func(x, y int) bool { return ms[x].Start < ms[y].Start })
	}
	if dl := g.Dateline; dl != nil {
		d := &khabar.Dateline{Place: dl.Place, Source: dl.Source, Date: dl.Date}
		for _, e := range a.Entities {
			if e.Name == dl.Place {
				d.PlaceEntity = e.ID
			}
		}
		if s := find(rs, dl.Place, 0); s >= 0 {
			d.Start = s
			d.End = lineEnd(rs, s)
		}
		a.Dateline = d
	}
	for _, gd := range g.Dates {
		if s := find(rs, gd.Text, 0); s >= 0 {
			a.Dates = append(a.Dates, khabar.Date{Text: gd.Text, Start: s, End: s + len([]rune(gd.Text)), Value: gd.Value, Grain: gd.Grain})
		}
	}
	return a
}

// EntityID returns the ID of the entity of a whose name is name, or "".
func EntityID(a *khabar.Analysis, name string) string {
	for _, e := range a.Entities {
		if e.Name == name {
			return e.ID
		}
	}
	return ""
}

// Split returns paragraphs (non-empty lines) and sentences (paragraphs
// cut after . ! ? ؟) as code-point ranges.
func Split(rs []rune) (paras, sents [][2]int) {
	for i := 0; i < len(rs); {
		j := lineEnd(rs, i)
		s, e := trim(rs, i, j)
		if e > s {
			paras = append(paras, [2]int{s, e})
			st := s
			for k := s; k < e; k++ {
				if r := rs[k]; r == '.' || r == '!' || r == '?' || r == '؟' {
					if a, b := trim(rs, st, k+1); b > a {
						sents = append(sents, [2]int{a, b})
					}
					st = k + 1
				}
			}
			if a, b := trim(rs, st, e); b > a {
				sents = append(sents, [2]int{a, b})
			}
		}
		i = j + 1
	}
	return paras, sents
}

func lineEnd(rs []rune, i int) int {
	for i < len(rs) && rs[i] != '\n' {
		i++
	}
	return i
}

func trim(rs []rune, s, e int) (int, int) {
	for s < e && unicode.IsSpace(rs[s]) {
		s++
	}
	for e > s && unicode.IsSpace(rs[e-1]) {
		e--
	}
	return s, e
}

// find returns the code-point index of the first occurrence of sub in rs
// at or after from, or -1.
func find(rs []rune, sub string, from int) int {
	if sub == "" || from < 0 || from > len(rs) {
		return -1
	}
	i := strings.Index(string(rs[from:]), sub)
	if i < 0 {
		return -1
	}
	return from + len([]rune(string(rs[from:])[:i]))
}

// boundary reports whether [s, e) is a whole word sequence, allowing one
// leading proclitic (و ف ب ل ك) glued to it.
func boundary(rs []rune, s, e int) bool {
	if e < len(rs) && unicode.IsLetter(rs[e]) {
		return false
	}
	if s == 0 || !unicode.IsLetter(rs[s-1]) {
		return true
	}
	if strings.ContainsRune("وفبلك", rs[s-1]) && (s == 1 || !unicode.IsLetter(rs[s-2])) {
		return true
	}
	return false
}

func anyTaken(taken []bool, s, e int) bool {
	for k := s; k < e; k++ {
		if taken[k] {
			return true
		}
	}
	return false
}
