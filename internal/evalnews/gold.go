package evalnews

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Article is the gold reading of one record of the news corpus, one line
// of a gold file (see docs/news-gold/GUIDE.md).
type Article struct {
	Line   int    `json:"line"`   // 1-based line number of the record in the corpus
	Source string `json:"source"` // the record's "source" field, checked against the record
	Split  string `json:"split,omitempty"`
	// QuotesOnly marks a record whose quotes alone were annotated: its
	// entities are not scored (Entities must be empty), so that khabar's
	// mentions do not count as extras.
	QuotesOnly bool `json:"quotes_only,omitempty"`
	// EntitiesOnly marks a record whose entities alone were annotated:
	// its quotes are not scored (Quotes must be empty), so that khabar's
	// quotes do not count as extras.
	EntitiesOnly bool     `json:"entities_only,omitempty"`
	Entities     []Entity `json:"entities"`
	Quotes       []Quote  `json:"quotes"`
}

// Entity is one distinct (type, name) of an article with the number of
// times it occurs in the title and content.
type Entity struct {
	Type  string `json:"type"` // PER, ORG, LOC or MISC
	Text  string `json:"text"`
	Count int    `json:"count"`
}

// Quote is one gold quote: code-point offsets of what was said in the
// record's content (or title), and who said it.
type Quote struct {
	Field       string `json:"field,omitempty"` // "content" (the default) or "title"
	Start       int    `json:"start"`
	End         int    `json:"end"`
	Speaker     string `json:"speaker"`                // fullest name; "" when the article names nobody
	SpeakerText string `json:"speaker_text,omitempty"` // the phrase standing for an unnamed speaker
	SpeakerType string `json:"speaker_type,omitempty"` // PER or ORG
	Source      string `json:"source,omitempty"`       // the outlet the statement was reported through
}

// field returns the quote's field with its default.
func (q Quote) field() string {
	if q.Field == "" {
		return "content"
	}
	return q.Field
}

// Types are the entity types of the gold set, in report order.
var Types = []string{"PER", "ORG", "LOC", "MISC"}

func validType(t string) bool {
	for _, x := range Types {
		if t == x {
			return true
		}
	}
	return false
}

// maxGoldLine bounds one line of a gold file.
const maxGoldLine = 4 << 20

// ReadGold reads a gold file: one JSON object per non-blank line. name
// is used in errors, which give the line of the gold file. Unknown fields,
// bad types, empty names, counts below 1, bad offsets and a record line
// given twice are errors.
func ReadGold(r io.Reader, name string) ([]Article, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, maxGoldLine)
	var out []Article
	seen := map[int]int{}
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		where := fmt.Sprintf("%s:%d", name, n)
		var a Article
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&a); err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		if dec.More() {
			return nil, fmt.Errorf("%s: more than one JSON value on the line", where)
		}
		if err := a.check(); err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		if prev, ok := seen[a.Line]; ok {
			return nil, fmt.Errorf("%s: record line %d already given on line %d", where, a.Line, prev)
		}
		seen[a.Line] = n
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("%s: a line is longer than %d bytes", name, maxGoldLine)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// check validates what can be checked without the record.
func (a *Article) check() error {
	if a.Line < 1 {
		return fmt.Errorf("\"line\" %d: want a record line number ≥ 1", a.Line)
	}
	if a.Source == "" {
		return fmt.Errorf("record %d: empty \"source\"", a.Line)
	}
	if a.QuotesOnly && len(a.Entities) > 0 {
		return fmt.Errorf("record %d: \"quotes_only\" with %d entities: a quotes-only record lists none", a.Line, len(a.Entities))
	}
	if a.EntitiesOnly && a.QuotesOnly {
		return fmt.Errorf("record %d: both \"entities_only\" and \"quotes_only\"", a.Line)
	}
	if a.EntitiesOnly && len(a.Quotes) > 0 {
		return fmt.Errorf("record %d: \"entities_only\" with %d quotes: an entities-only record lists none", a.Line, len(a.Quotes))
	}
	seen := map[[2]string]bool{}
	for i, e := range a.Entities {
		if !validType(e.Type) {
			return fmt.Errorf("record %d: entity %d (%q): type %q, want one of %s", a.Line, i, e.Text, e.Type, strings.Join(Types, ", "))
		}
		if strings.TrimSpace(e.Text) == "" {
			return fmt.Errorf("record %d: entity %d: empty text", a.Line, i)
		}
		if e.Count < 1 {
			return fmt.Errorf("record %d: entity %d (%q): count %d, want ≥ 1", a.Line, i, e.Text, e.Count)
		}
		// Two spellings of one name (مدينة جدة and جدة) are two entries
		// that scoring adds up; the same text twice is a mistake.
		k := [2]string{e.Type, strings.TrimSpace(e.Text)}
		if seen[k] {
			return fmt.Errorf("record %d: entity %d (%s %q) listed twice: give one entry with its count", a.Line, i, e.Type, e.Text)
		}
		seen[k] = true
	}
	for i, q := range a.Quotes {
		if f := q.field(); f != "content" && f != "title" {
			return fmt.Errorf("record %d: quote %d: field %q, want content or title", a.Line, i, q.Field)
		}
		if q.Start < 0 || q.End <= q.Start {
			return fmt.Errorf("record %d: quote %d: offsets [%d, %d) are not a span", a.Line, i, q.Start, q.End)
		}
		switch q.SpeakerType {
		case "", "PER", "ORG":
		default:
			return fmt.Errorf("record %d: quote %d: speaker_type %q, want PER or ORG", a.Line, i, q.SpeakerType)
		}
		if q.Speaker == "" && q.SpeakerText == "" {
			return fmt.Errorf("record %d: quote %d: neither speaker nor speaker_text", a.Line, i)
		}
	}
	return nil
}
