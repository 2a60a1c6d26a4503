// Package titles is the lexicon of the words written before or for a
// person's name in Arabic news: honorifics (سعادة، صاحب السمو), pronouns
// of address (سعادته), titles of office and rank (الوزير، اللواء) and role
// nouns (المواطن، المدرب). Packages ner, link, quote and event read their
// lists from it; the words live once, in titles.tsv.
//
// Entries are returned as written, in full orthography; each caller folds
// them with its own normalization.
package titles

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
)

// A Category says what kind of word an entry is.
type Category string

// The categories of entries.
const (
	Honorific Category = "honorific" // a word or phrase of address: سعادة، صاحب السمو
	Pronoun   Category = "pronoun"   // a pronoun of address: سعادته
	Title     Category = "title"     // an office or a rank: الوزير، اللواء
	Role      Category = "role"      // a person by function, no office: المواطن، المدرب
)

// An Entry is one word or phrase of the lexicon.
type Entry struct {
	Word     string   // as written: "سعادة", "صاحب السمو"
	Category Category // what kind of word it is
	// Stands is, for a Pronoun, the honorific it stands for (سعادته:
	// سعادة); empty otherwise.
	Stands string
	// Selections are the lists packages read that hold the entry (see
	// titles.tsv for their meaning).
	Selections []string
}

//go:embed titles.tsv
var titlesTSV string

// entries is the parsed lexicon, in file order.
var entries = mustParse(titlesTSV)

// mustParse parses the embedded lexicon; an error in it is a programming
// error caught by the package's tests.
func mustParse(s string) []Entry {
	es, err := parse(s)
	if err != nil {
		panic(err)
	}
	return es
}

// parse reads the lines of titles.tsv.
func parse(s string) ([]Entry, error) {
	var es []Entry
	for i, line := range strings.Split(s, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("titles.tsv:%d: want 3 tab-separated fields, have %d", i+1, len(f))
		}
		e := Entry{Word: strings.Join(strings.Fields(f[1]), " "), Category: Category(f[0])}
		if e.Word == "" {
			return nil, fmt.Errorf("titles.tsv:%d: empty entry", i+1)
		}
		switch e.Category {
		case Pronoun:
			e.Stands = strings.TrimSpace(f[2])
			if e.Stands == "" {
				return nil, fmt.Errorf("titles.tsv:%d: pronoun %s stands for no honorific", i+1, e.Word)
			}
		case Honorific, Title, Role:
			e.Selections = strings.Fields(f[2])
		default:
			return nil, fmt.Errorf("titles.tsv:%d: unknown category %q", i+1, f[0])
		}
		es = append(es, e)
	}
	return es, nil
}

// Entries returns every entry of the lexicon, in file order. The caller
// must not modify them.
func Entries() []Entry { return entries }

// Words returns the one-word entries of category c, as written, in file
// order.
func Words(c Category) []string {
	var out []string
	for _, e := range entries {
		if e.Category == c && !strings.Contains(e.Word, " ") {
			out = append(out, e.Word)
		}
	}
	return out
}

// Phrases returns the entries of category c of two words or more (صاحب
// السمو), as written, in file order.
func Phrases(c Category) []string {
	var out []string
	for _, e := range entries {
		if e.Category == c && strings.Contains(e.Word, " ") {
			out = append(out, e.Word)
		}
	}
	return out
}

// Select returns the entries of the selection sel (such as "link-office"),
// as written, in file order; nil for an unknown selection.
func Select(sel string) []string {
	var out []string
	for _, e := range entries {
		if slices.Contains(e.Selections, sel) {
			out = append(out, e.Word)
		}
	}
	return out
}

// Pronouns returns the pronouns of address, each mapped to the honorific
// it stands for (سعادته: سعادة), as written.
func Pronouns() map[string]string {
	m := map[string]string{}
	for _, e := range entries {
		if e.Category == Pronoun {
			m[e.Word] = e.Stands
		}
	}
	return m
}
