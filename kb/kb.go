// Package kb is khabar's embedded knowledge base: countries and
// territories, cities, international and national organizations and
// well-known people, each with Arabic and English names, aliases,
// acronyms, nationality adjectives, ISO codes and Wikidata IDs.
//
// The data file kb.tsv.gz is generated from ship-safe inputs by
//
//	go generate ./kb
//
// (see kb/internal/gen) and embedded in the binary. Default loads it once.
//
// Names are matched on their arabic.Match normalization, token by token;
// Match finds every alias in a token sequence, clitic-aware (لمجلس،
// بالعاصمة، وحلف، للناتو) and longest first.
package kb

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed" // the knowledge base data file
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
)

//go:generate go run ./internal/gen -shared ../../shared/data -out kb.tsv.gz

//go:embed kb.tsv.gz
var embedded []byte

// Entity types, as in the Analysis contract.
const (
	PER = "PER"
	ORG = "ORG"
	LOC = "LOC"
)

// Entry is one entity of the knowledge base. Entries returned by a KB are
// shared: callers must not modify them.
type Entry struct {
	ID     string `json:"id"`                // stable khabar ID: "country:QA", "city:BE:brussels", "org:nato", "per:jens-stoltenberg"
	Type   string `json:"type"`              // PER, ORG or LOC
	Kind   string `json:"kind"`              // country, city, person, or an organization kind: org, alliance, body, ministry, news, …
	NameAr string `json:"name_ar,omitempty"` // canonical Arabic name
	NameEn string `json:"name_en,omitempty"` // canonical English name

	Aliases  []string `json:"aliases,omitempty"`  // other names, Arabic or English
	Weak     []string `json:"weak,omitempty"`     // names that link a mention found by the tagger but never make one alone (حماس, الجزيرة)
	Generic  []string `json:"generic,omitempty"`  // aliases that several bodies share (وزارة العدل): they make a mention but link only to an entry the text names otherwise
	Acronyms []string `json:"acronyms,omitempty"` // NATO, NAC, واس
	Demonyms []string `json:"demonyms,omitempty"` // nationality adjectives in all forms (قطري, القطرية, القطريين); countries only

	Country    string `json:"country,omitempty"`    // ISO 3166-1 alpha-2: the country itself, or the country of a city, body or person
	ISO3       string `json:"iso3,omitempty"`       // ISO 3166-1 alpha-3 (countries only)
	Wikidata   string `json:"wikidata,omitempty"`   // Wikidata ID, only where certain
	Capital    string `json:"capital,omitempty"`    // ID of a country's capital
	Parent     string `json:"parent,omitempty"`     // ID of the organization a body belongs to
	City       string `json:"city,omitempty"`       // ID of the city of a club, facility or local body
	Office     string `json:"office,omitempty"`     // a person's office (Arabic)
	From       int    `json:"from,omitempty"`       // first year the office was held
	To         int    `json:"to,omitempty"`         // 0 while in office
	Population int    `json:"population,omitempty"` // cities

	demonyms map[string]bool // normalized Demonyms
}

// HasDemonym reports whether name is one of the entry's nationality
// adjectives (السعودية is both Saudi Arabia's name and an adjective).
func (e *Entry) HasDemonym(name string) bool {
	return e.demonyms[strings.Join(keyTokens(name), " ")]
}

// KB is a loaded knowledge base. It is safe for concurrent use.
type KB struct {
	entries []Entry
	byID    map[string]int
	trie    trie
	fold    map[string][]Candidate // case-folded Latin keys, for Lookup
	codes   map[string]*Entry      // ISO 3166-1 alpha-2 and alpha-3 codes
	capital map[string]bool        // IDs of capital cities
	stats   Stats
}

var (
	defaultOnce sync.Once
	defaultKB   *KB
)

// Default returns the embedded knowledge base, loading it on first use.
// It panics only if the embedded file is corrupt, which the package tests
// rule out.
func Default() *KB {
	defaultOnce.Do(func() {
		k, err := Load(bytes.NewReader(embedded))
		if err != nil {
			panic("kb: embedded knowledge base: " + err.Error())
		}
		defaultKB = k
	})
	return defaultKB
}

// header is the first line of a knowledge-base file.
const header = "#khabar-kb v1"

// Column order of a knowledge-base file. Lists are separated by '|'.
const (
	colID = iota
	colType
	colKind
	colCountry
	colISO3
	colWikidata
	colNameAr
	colNameEn
	colAliases
	colWeak
	colAcronyms
	colDemonyms
	colCapital
	colOffice
	colFrom
	colTo
	colPopulation
	colParent
	colCity
	colGeneric
	numCols
)

// numColsV1 is the number of columns of files written before the city
// and generic columns were added; Load still reads them.
const numColsV1 = colCity

// maxLine bounds one line of a knowledge-base file.
const maxLine = 1 << 20

// Load reads a knowledge base in khabar's format: gzip-compressed (or
// plain) UTF-8 TSV, a "#khabar-kb v1" header line, then one entry per
// line with the columns id, type, kind, country, iso3, wikidata, name_ar,
// name_en, aliases, weak, acronyms, demonyms, capital, office, from, to,
// population, parent, city, generic (the last two may be absent); list
// columns are separated by '|'. A generic name must also be one of the
// entry's aliases.
func Load(r io.Reader) (*KB, error) {
	br := bufio.NewReader(r)
	if magic, err := br.Peek(2); err == nil && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("kb: %w", err)
		}
		defer zr.Close()
		br = bufio.NewReader(zr)
	}
	sc := bufio.NewScanner(br)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	k := &KB{byID: make(map[string]int), fold: make(map[string][]Candidate), codes: make(map[string]*Entry), capital: make(map[string]bool)}
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if line == 1 {
			if text != header {
				return nil, fmt.Errorf("kb: line 1: header %q, want %q", text, header)
			}
			continue
		}
		if text == "" || text[0] == '#' {
			continue
		}
		e, err := parseEntry(text)
		if err != nil {
			return nil, fmt.Errorf("kb: line %d: %w", line, err)
		}
		if _, dup := k.byID[e.ID]; dup {
			return nil, fmt.Errorf("kb: line %d: duplicate id %q", line, e.ID)
		}
		k.byID[e.ID] = len(k.entries)
		k.entries = append(k.entries, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("kb: line %d: %w", line+1, err)
	}
	if line == 0 {
		return nil, fmt.Errorf("kb: empty input")
	}
	k.index()
	return k, nil
}

func parseEntry(line string) (Entry, error) {
	f := strings.Split(line, "\t")
	switch len(f) {
	case numCols:
	case numColsV1:
		f = append(f, "", "")
	default:
		return Entry{}, fmt.Errorf("%d columns, want %d", len(f), numCols)
	}
	e := Entry{
		ID: f[colID], Type: f[colType], Kind: f[colKind], Country: f[colCountry], ISO3: f[colISO3],
		Wikidata: f[colWikidata], NameAr: f[colNameAr], NameEn: f[colNameEn],
		Aliases: list(f[colAliases]), Weak: list(f[colWeak]), Acronyms: list(f[colAcronyms]),
		Demonyms: list(f[colDemonyms]), Capital: f[colCapital], Office: f[colOffice], Parent: f[colParent],
		City: f[colCity], Generic: list(f[colGeneric]),
	}
	if e.ID == "" {
		return Entry{}, fmt.Errorf("empty id")
	}
	switch e.Type {
	case PER, ORG, LOC, "MISC":
	default:
		return Entry{}, fmt.Errorf("entry %q: type %q, want PER, ORG, LOC or MISC", e.ID, e.Type)
	}
	if e.NameAr == "" && e.NameEn == "" {
		return Entry{}, fmt.Errorf("entry %q: no name", e.ID)
	}
	for _, g := range e.Generic {
		if !slices.Contains(e.Aliases, g) {
			return Entry{}, fmt.Errorf("entry %q: generic name %q is not one of its aliases", e.ID, g)
		}
	}
	for _, c := range []struct {
		s   string
		dst *int
	}{{f[colFrom], &e.From}, {f[colTo], &e.To}, {f[colPopulation], &e.Population}} {
		if c.s == "" {
			continue
		}
		n, err := strconv.Atoi(c.s)
		if err != nil || n < 0 {
			return Entry{}, fmt.Errorf("entry %q: bad number %q", e.ID, c.s)
		}
		*c.dst = n
	}
	return e, nil
}

func list(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

// Len returns the number of entries.
func (k *KB) Len() int { return len(k.entries) }

// Entry returns the entry with the given ID.
func (k *KB) Entry(id string) (*Entry, bool) {
	i, ok := k.byID[id]
	if !ok {
		return nil, false
	}
	return &k.entries[i], true
}

// IsCapital reports whether the entry with the given ID is the capital
// of a country.
func (k *KB) IsCapital(id string) bool { return k.capital[id] }

// Entries calls yield for every entry in file order until it returns
// false.
func (k *KB) Entries(yield func(*Entry) bool) {
	for i := range k.entries {
		if !yield(&k.entries[i]) {
			return
		}
	}
}

// Stats counts what a knowledge base holds.
type Stats struct {
	Countries     int // countries and territories
	Cities        int
	Organizations int
	Facilities    int // places other than countries and cities: airports, ports, stadiums, hospitals, mosques
	People        int
	Aliases       int // distinct normalized names, acronyms and demonyms in the index
}

// String formats the counts for a README.
func (s Stats) String() string {
	return fmt.Sprintf("%d countries and territories, %d cities, %d organizations, %d facilities, %d people, %d aliases",
		s.Countries, s.Cities, s.Organizations, s.Facilities, s.People, s.Aliases)
}

// Stats returns the counts of entries by kind and of indexed aliases.
func (k *KB) Stats() Stats { return k.stats }
