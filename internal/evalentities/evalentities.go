// Package evalentities scores the entities of an Analysis against a
// hand-made gold reading of the article (the form of
// examples/*.gold.json): entity precision, recall and F1 by type, mention
// recall, linking accuracy, and the accuracy of names, honorifics and
// titles.
package evalentities

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/arabic"
)

// GoldFile is a gold reading of one article. Fields other than the
// entities are ignored here.
type GoldFile struct {
	File     string       `json:"file"` // the article's file name, relative to the gold file
	Entities []GoldEntity `json:"entities"`
}

// GoldEntity is one entity of a gold reading.
type GoldEntity struct {
	Type      string   `json:"type"`
	Canonical string   `json:"canonical"`
	En        string   `json:"en,omitempty"`
	Wikidata  string   `json:"wikidata,omitempty"`
	Country   string   `json:"country,omitempty"`
	Acronym   string   `json:"acronym,omitempty"`
	Mentions  []string `json:"mentions"`
	Honorific string   `json:"honorific,omitempty"`
	Title     string   `json:"title,omitempty"`
}

// maxGold bounds the size of a gold file.
const maxGold = 16 << 20

// ReadGold decodes a gold file; name is used in errors.
func ReadGold(r io.Reader, name string) (GoldFile, error) {
	var g GoldFile
	dec := json.NewDecoder(io.LimitReader(r, maxGold))
	if err := dec.Decode(&g); err != nil {
		return GoldFile{}, fmt.Errorf("%s: %w", name, err)
	}
	for i, e := range g.Entities {
		switch e.Type {
		case "PER", "ORG", "LOC", "MISC":
		default:
			return GoldFile{}, fmt.Errorf("%s: entity %d (%q): type %q, want PER, ORG, LOC or MISC", name, i, e.Canonical, e.Type)
		}
		if e.Canonical == "" {
			return GoldFile{}, fmt.Errorf("%s: entity %d: empty canonical name", name, i)
		}
	}
	return g, nil
}

// Counts are true positives, false positives and false negatives.
type Counts struct {
	TP int `json:"tp"`
	FP int `json:"fp"`
	FN int `json:"fn"`
}

// Precision returns TP/(TP+FP), or 0.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall returns TP/(TP+FN), or 0.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 returns the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Tally counts correct answers out of a total.
type Tally struct {
	Correct int `json:"correct"`
	Total   int `json:"total"`
}

// Rate returns Correct/Total, or 0.
func (t Tally) Rate() float64 { return ratio(t.Correct, t.Total) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Report is the score of one or more analyses.
type Report struct {
	ByType     map[string]*Counts `json:"by_type"`
	All        Counts             `json:"all"`
	Mentions   Tally              `json:"mentions"`   // gold mention strings found on the right entity
	Linking    Tally              `json:"linking"`    // gold entities with a Wikidata ID or country, linked to it
	Names      Tally              `json:"names"`      // matched entities whose name is the gold canonical name
	Honorifics Tally              `json:"honorifics"` // gold honorifics found on the entity
	Titles     Tally              `json:"titles"`     // gold titles found on the entity
	Errors     []string           `json:"errors,omitempty"`
}

// Merge adds o's counts to r.
func (r *Report) Merge(o Report) {
	if r.ByType == nil {
		r.ByType = map[string]*Counts{}
	}
	for t, c := range o.ByType {
		x := r.ByType[t]
		if x == nil {
			x = &Counts{}
			r.ByType[t] = x
		}
		x.TP, x.FP, x.FN = x.TP+c.TP, x.FP+c.FP, x.FN+c.FN
	}
	add := func(a *Counts, b Counts) { a.TP, a.FP, a.FN = a.TP+b.TP, a.FP+b.FP, a.FN+b.FN }
	add(&r.All, o.All)
	for _, p := range []struct{ a, b *Tally }{{&r.Mentions, &o.Mentions}, {&r.Linking, &o.Linking}, {&r.Names, &o.Names},
		{&r.Honorifics, &o.Honorifics}, {&r.Titles, &o.Titles}} {
		p.a.Correct += p.b.Correct
		p.a.Total += p.b.Total
	}
	r.Errors = append(r.Errors, o.Errors...)
}

// String formats the report as a table.
func (r Report) String() string {
	var b strings.Builder
	types := make([]string, 0, len(r.ByType))
	for t := range r.ByType {
		types = append(types, t)
	}
	sort.Strings(types)
	fmt.Fprintf(&b, "%-6s %5s %5s %5s %6s %6s %6s\n", "type", "tp", "fp", "fn", "P", "R", "F1")
	row := func(name string, c Counts) {
		fmt.Fprintf(&b, "%-6s %5d %5d %5d %6.3f %6.3f %6.3f\n", name, c.TP, c.FP, c.FN, c.Precision(), c.Recall(), c.F1())
	}
	for _, t := range types {
		row(t, *r.ByType[t])
	}
	row("all", r.All)
	for _, t := range []struct {
		name string
		t    Tally
	}{{"mention recall", r.Mentions}, {"linking accuracy", r.Linking}, {"names", r.Names}, {"honorifics", r.Honorifics}, {"titles", r.Titles}} {
		fmt.Fprintf(&b, "%-17s %4d/%-4d %6.3f\n", t.name, t.t.Correct, t.t.Total, t.t.Rate())
	}
	return b.String()
}

// key normalizes a name or mention for comparison: arabic.Match
// normalization, no spaces inside brackets, single spaces, عبد joined to
// the next word.
func key(s string) string {
	s = arabic.Normalize(s, arabic.Match)
	s = strings.NewReplacer("( ", "(", " )", ")", "عبد ", "عبد").Replace(strings.Join(strings.Fields(s), " "))
	return strings.Trim(s, " .,،:؛")
}

// sameMention reports whether a predicted mention text matches a gold
// one, allowing the article that a ل before it hides (للحلف → حلف).
func sameMention(pred, gold string) bool {
	p, g := key(pred), key(gold)
	return p == g || "ال"+p == g
}

// Score compares the entities of a with the gold reading g. A gold entity
// matches the first unmatched predicted entity of its type whose name is
// the gold canonical name, else one with a mention of it, else one linked
// to a knowledge-base entry of that name.
func Score(a *khabar.Analysis, g GoldFile) Report {
	r := Report{ByType: map[string]*Counts{}}
	count := func(t string) *Counts {
		c := r.ByType[t]
		if c == nil {
			c = &Counts{}
			r.ByType[t] = c
		}
		return c
	}
	var pred []khabar.Entity
	if a != nil {
		pred = a.Entities
	}
	used := make([]bool, len(pred))
	for _, ge := range g.Entities {
		gk := key(ge.Canonical)
		match := -1
		for pass := 0; pass < 3 && match < 0; pass++ {
			for i, pe := range pred {
				if used[i] || pe.Type != ge.Type {
					continue
				}
				if pass == 0 && key(pe.Name) == gk {
					match = i
					break
				}
				if pass == 1 && hasMention(pe, ge.Canonical) {
					match = i
					break
				}
				if pass == 2 && pe.KB != nil && pe.KB.Name != "" && key(pe.KB.Name) == gk && len(pe.Mentions) > 0 {
					match = i
					break
				}
			}
		}
		r.Mentions.Total += len(ge.Mentions)
		if ge.Wikidata != "" || ge.Country != "" {
			r.Linking.Total++
		}
		if ge.Honorific != "" {
			r.Honorifics.Total++
		}
		if ge.Title != "" {
			r.Titles.Total++
		}
		r.Names.Total++
		if match < 0 {
			count(ge.Type).FN++
			r.All.FN++
			r.Errors = append(r.Errors, fmt.Sprintf("missed %s %q", ge.Type, ge.Canonical))
			continue
		}
		used[match] = true
		pe := pred[match]
		count(ge.Type).TP++
		r.All.TP++
		if key(pe.Name) == gk {
			r.Names.Correct++
		} else {
			r.Errors = append(r.Errors, fmt.Sprintf("name of %s %q: got %q", ge.Type, ge.Canonical, pe.Name))
		}
		for _, m := range ge.Mentions {
			if hasMention(pe, m) {
				r.Mentions.Correct++
			} else {
				r.Errors = append(r.Errors, fmt.Sprintf("mention %q of %q not found", m, ge.Canonical))
			}
		}
		if ge.Wikidata != "" || ge.Country != "" {
			ok := pe.KB != nil && (ge.Wikidata == "" || pe.KB.Wikidata == ge.Wikidata) && (ge.Country == "" || pe.KB.Country == ge.Country)
			if ok {
				r.Linking.Correct++
			} else {
				r.Errors = append(r.Errors, fmt.Sprintf("link of %q: got %+v", ge.Canonical, pe.KB))
			}
		}
		if ge.Honorific != "" {
			if key(pe.Honorific) == key(ge.Honorific) {
				r.Honorifics.Correct++
			} else {
				r.Errors = append(r.Errors, fmt.Sprintf("honorific of %q: got %q, want %q", ge.Canonical, pe.Honorific, ge.Honorific))
			}
		}
		if ge.Title != "" {
			if key(pe.Title) == key(ge.Title) {
				r.Titles.Correct++
			} else {
				r.Errors = append(r.Errors, fmt.Sprintf("title of %q: got %q, want %q", ge.Canonical, pe.Title, ge.Title))
			}
		}
	}
	for i, pe := range pred {
		if !used[i] {
			count(pe.Type).FP++
			r.All.FP++
			r.Errors = append(r.Errors, fmt.Sprintf("spurious %s %q", pe.Type, pe.Name))
		}
	}
	return r
}

func hasMention(e khabar.Entity, text string) bool {
	for _, m := range e.Mentions {
		if sameMention(m.Text, text) {
			return true
		}
	}
	return false
}
