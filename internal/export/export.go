// Package export writes the documents that match a search as CSV or
// JSON Lines, one row per document with the columns an analyst sorts
// and filters by: date, source, title, URL, places, entities, people,
// organizations, near-duplicate cluster and story. Rows are read from the
// store one page of hits at a time and written as they come, so an
// export of any size holds only one page in memory.
//
// The khabar command (khabar export search) and the HTTP API (GET
// /v1/search with Accept: text/csv) both export through this package.
package export

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/store"
)

// Format is an export format.
type Format string

// Formats.
const (
	CSV   Format = "csv"   // RFC 4180, UTF-8, CRLF line ends, a header row
	JSONL Format = "jsonl" // one JSON object per line
)

// ParseFormat returns the format named s ("csv" or "jsonl", in any case).
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case CSV, JSONL:
		return f, nil
	case "ndjson":
		return JSONL, nil
	}
	return "", fmt.Errorf("format %q: want csv or jsonl", s)
}

// ContentType is the media type of the format's output.
func (f Format) ContentType() string {
	if f == JSONL {
		return "application/x-ndjson; charset=utf-8"
	}
	return "text/csv; charset=utf-8; header=present"
}

// Columns is the CSV header: the names of Row's fields, in order, as
// JSON Lines names them too.
var Columns = []string{"id", "published", "source", "title", "url", "places", "entities", "people", "organizations", "cluster", "story", "copies"}

// ListSep joins the names of a list column in a CSV cell.
const ListSep = "; "

// Row is one exported document.
type Row struct {
	ID        string `json:"id"`
	Published string `json:"published"` // YYYY-MM-DD or empty
	Source    string `json:"source"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	// Places are the document's place names: its LOC entities and its
	// dateline place, in order of first mention, each once.
	Places []string `json:"places"`
	// Entities are the names of all its entities (people,
	// organizations, places and others), in order of first mention.
	Entities      []string `json:"entities"`
	People        []string `json:"people"`        // PER entities
	Organizations []string `json:"organizations"` // ORG entities
	// Cluster is the ID of the first document of its near-duplicate
	// cluster (its own ID when it has no earlier copy).
	Cluster string `json:"cluster"`
	// Story is the ID of the story the document belongs to (see
	// store.Record.Story), empty when it has none.
	Story string `json:"story"`
	// Copies is the number of other matching copies of its cluster
	// folded into this row (0 when every copy is a row of its own).
	Copies int `json:"copies"`
}

// RowOf builds the row of a stored document.
func RowOf(rec *store.Record) Row {
	r := Row{ID: rec.ID, Published: rec.Published, Source: rec.Source, Title: rec.Title, URL: rec.URL, Cluster: rec.Cluster, Story: rec.Story}
	if r.Cluster == "" {
		r.Cluster = rec.ID
	}
	a := rec.Analysis
	if a == nil {
		a = &khabar.Analysis{}
	}
	if r.Title == "" && a.Title != nil {
		r.Title = a.Title.Text
	}
	if r.Published == "" {
		r.Published = a.Published
	}
	seen := map[string]bool{}
	add := func(list *[]string, kind, name string) {
		name = strings.Join(strings.Fields(name), " ")
		if name == "" || seen[kind+"\x00"+name] {
			return
		}
		seen[kind+"\x00"+name] = true
		*list = append(*list, name)
	}
	for _, e := range a.Entities {
		add(&r.Entities, "", e.Name)
		switch e.Type {
		case "PER":
			add(&r.People, "PER", e.Name)
		case "ORG":
			add(&r.Organizations, "ORG", e.Name)
		case "LOC":
			add(&r.Places, "LOC", e.Name)
		}
	}
	if d := a.Dateline; d != nil && d.Place != "" {
		add(&r.Places, "LOC", d.Place)
	}
	return r
}

// Options shape the output of a Writer.
type Options struct {
	Format Format // CSV when empty
	// BOM prepares a CSV file for spreadsheet programs: it starts with
	// a UTF-8 byte order mark (without one, Excel reads UTF-8 as a
	// legacy code page and Arabic comes out garbled), and a cell that
	// starts with =, +, -, @, a tab or a carriage return gets a leading
	// apostrophe, so that the program shows it as text instead of
	// evaluating it as a formula. JSON Lines ignore it.
	BOM bool
}

// Writer writes rows in one format. The CSV header (and the BOM) go
// out before the first row, or at Flush when there was none.
type Writer struct {
	w       io.Writer
	opt     Options
	csv     *csv.Writer
	json    *json.Encoder
	started bool
}

// NewWriter returns a Writer of rows to w.
func NewWriter(w io.Writer, opt Options) *Writer {
	if opt.Format == "" {
		opt.Format = CSV
	}
	x := &Writer{w: w, opt: opt}
	if opt.Format == JSONL {
		x.json = json.NewEncoder(w)
		x.json.SetEscapeHTML(false)
	} else {
		x.csv = csv.NewWriter(w)
		x.csv.UseCRLF = true
	}
	return x
}

func (x *Writer) start() error {
	if x.started || x.csv == nil {
		x.started = true
		return nil
	}
	x.started = true
	if x.opt.BOM {
		if _, err := io.WriteString(x.w, "\uFEFF"); err != nil {
			return err
		}
	}
	return x.csv.Write(Columns)
}

// Write writes one row.
func (x *Writer) Write(r Row) error {
	if err := x.start(); err != nil {
		return err
	}
	if x.json != nil {
		r = validRow(r)
		return x.json.Encode(r)
	}
	rec := []string{r.ID, r.Published, r.Source, r.Title, r.URL,
		strings.Join(r.Places, ListSep), strings.Join(r.Entities, ListSep), strings.Join(r.People, ListSep),
		strings.Join(r.Organizations, ListSep), r.Cluster, r.Story, strconv.Itoa(r.Copies)}
	for i, s := range rec {
		s = strings.ToValidUTF8(s, "\uFFFD")
		if x.opt.BOM {
			s = defuse(s)
		}
		rec[i] = s
	}
	return x.csv.Write(rec)
}

// Flush writes out what is buffered (and a CSV header when no row was
// written) and reports the first error of any write.
func (x *Writer) Flush() error {
	if err := x.start(); err != nil {
		return err
	}
	if x.csv != nil {
		x.csv.Flush()
		return x.csv.Error()
	}
	return nil
}

// defuse makes a cell that a spreadsheet would take for a formula plain
// text (see Options.BOM).
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// validRow replaces invalid UTF-8 in the row's strings (JSON cannot
// carry it) with U+FFFD.
func validRow(r Row) Row {
	fix := func(s *string) {
		if !utf8.ValidString(*s) {
			*s = strings.ToValidUTF8(*s, "\uFFFD")
		}
	}
	for _, s := range []*string{&r.ID, &r.Published, &r.Source, &r.Title, &r.URL, &r.Cluster, &r.Story} {
		fix(s)
	}
	for _, l := range [][]string{r.Places, r.Entities, r.People, r.Organizations} {
		for i := range l {
			fix(&l[i])
		}
	}
	// Empty lists are [] rather than null: every line has every field.
	for _, l := range []*[]string{&r.Places, &r.Entities, &r.People, &r.Organizations} {
		if *l == nil {
			*l = []string{}
		}
	}
	return r
}
