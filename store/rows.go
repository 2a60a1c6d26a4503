package store

import (
	"encoding/json"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/khabar/khabar"
)

// This file shapes a Document into the rows every backend stores, so
// that all backends derive the same columns the same way.

// DocName names a document in errors: its URL, else its Analysis's URL,
// else "no URL".
func DocName(d *Document) string {
	if d.URL != "" {
		return d.URL
	}
	if d.Analysis != nil && d.Analysis.URL != "" {
		return d.Analysis.URL
	}
	return "no URL"
}

// DocURL is a document's identity URL: Document.URL, else
// Analysis.URL. d.Analysis must not be nil.
func DocURL(d *Document) string { return first(d.URL, d.Analysis.URL) }

// DocRow is the part of a document's row that every backend derives
// from the Document alone (the content hash and ID aside: see
// ContentHash and DocID).
type DocRow struct {
	URL       string // DocURL
	Title     string // Document.Title, else Analysis.Title's text
	Source    string // Document.Source, else Analysis.Source
	Author    string // Document.Author, else Analysis.Author
	Published string // Day(Analysis.Published)
	Place     string // NormalizeName of the dateline's place; "" without one
}

// RowOf returns d's DocRow. d.Analysis must not be nil (see Validate).
func RowOf(d *Document) DocRow {
	a := d.Analysis
	r := DocRow{
		URL:       DocURL(d),
		Title:     d.Title,
		Source:    first(d.Source, a.Source),
		Author:    first(d.Author, a.Author),
		Published: Day(a.Published),
	}
	if r.Title == "" && a.Title != nil {
		r.Title = a.Title.Text
	}
	if a.Dateline != nil {
		r.Place = NormalizeName(a.Dateline.Place)
	}
	return r
}

// Day returns the YYYY-MM-DD date s starts with, or "" when it does
// not start with a valid one. Stores keep publication and event days
// in this form.
func Day(s string) string {
	if len(s) < 10 {
		return ""
	}
	if _, err := time.Parse("2006-01-02", s[:10]); err != nil {
		return ""
	}
	return s[:10]
}

// EntityRow is an Analysis entity as the entities table keeps it.
type EntityRow struct {
	Key       string // EntityKey
	Type      string // the entity's type, "MISC" when it has none
	Name      string // the entity's name in this document
	Norm      string // NormalizeName(Name)
	KBID      string
	KBName    string
	KBNorm    string // NormalizeName(KBName)
	Wikidata  string
	Country   string
	NameRunes int // code points of Name
}

// EntityRowOf returns e's EntityRow.
func EntityRowOf(e *khabar.Entity) EntityRow {
	r := EntityRow{Type: e.Type, Name: e.Name, Norm: NormalizeName(e.Name), NameRunes: utf8.RuneCountInString(e.Name)}
	if e.KB != nil {
		r.KBID, r.KBName, r.Wikidata, r.Country = e.KB.ID, e.KB.Name, e.KB.Wikidata, e.KB.Country
	}
	r.Key = EntityKey(e.Type, e.Name, r.KBID)
	r.KBNorm = NormalizeName(r.KBName)
	if r.Type == "" {
		r.Type = "MISC"
	}
	return r
}

// StoredName is the name an entity's row is created with: the KB name
// when the entity is linked, else its name in the document. Unlinked
// entities later keep the longest name seen.
func (r *EntityRow) StoredName() string { return first(r.KBName, r.Name) }

// Evidence returns the text of each of a's events (Analysis.Events[i]
// spans Evidence(a)[i]), with offsets clamped to the text; nil when a
// has no events.
func Evidence(a *khabar.Analysis) []string {
	if len(a.Events) == 0 {
		return nil
	}
	runes := []rune(a.Text)
	out := make([]string, len(a.Events))
	for i, ev := range a.Events {
		start := max(0, min(ev.Start, len(runes)))
		end := max(start, min(ev.End, len(runes)))
		out[i] = string(runes[start:end])
	}
	return out
}

// NullID returns ids[ref], or nil (SQL NULL) when ref is not there: the
// row id of the Analysis entity a quote's speaker or an event's place
// names, ids mapping Analysis entity IDs to row ids.
func NullID(ids map[string]int64, ref string) any {
	if id, ok := ids[ref]; ok {
		return id
	}
	return nil
}

// EncodeAnalysis encodes a as stores keep it beside the text: JSON
// without Text and Tokens (the text is stored apart, the tokens are
// derived).
func EncodeAnalysis(a *khabar.Analysis) ([]byte, error) {
	slim := *a
	slim.Text, slim.Tokens = "", nil
	return json.Marshal(&slim)
}

// DecodeAnalysis is the inverse of EncodeAnalysis: it decodes js and
// sets the text.
func DecodeAnalysis(js []byte, text string) (*khabar.Analysis, error) {
	a := new(khabar.Analysis)
	if err := json.Unmarshal(js, a); err != nil {
		return nil, fmt.Errorf("decoding analysis: %w", err)
	}
	a.Text = text
	return a, nil
}

func first(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
