package search

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/khabar/khabar/arabic"
)

// Parser limits.
const (
	MaxQueryBytes = 2048 // longer queries are rejected with ErrQueryTooLong
	MaxClauses    = 64   // words, phrases and filters together
	MaxPhrase     = 32   // words in one phrase
)

// Parse errors.
var (
	ErrEmptyQuery   = errors.New("empty query")
	ErrQueryTooLong = errors.New("query too long")
)

// SyntaxError reports a query that cannot be understood.
type SyntaxError struct {
	Offset int // byte offset in the query
	Msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("query syntax at byte %d: %s", e.Offset, e.Msg)
}

// Parse parses a query in khabar's query language (see the package
// documentation). It never panics: unbalanced quotes close at the end of
// the query, backend syntax such as NEAR( or column: is taken literally,
// and characters that are neither letters nor digits are left for the
// backend's analyzer to drop. A query with nothing to search for gives
// ErrEmptyQuery.
func Parse(s string) (Query, error) {
	var q Query
	if len(s) > MaxQueryBytes {
		return q, fmt.Errorf("%w: %d bytes (limit %d)", ErrQueryTooLong, len(s), MaxQueryBytes)
	}
	if !utf8.ValidString(s) {
		return q, &SyntaxError{Offset: firstInvalid(s), Msg: "invalid UTF-8"}
	}
	p := parser{s: s}
	var items []Node
	orNext := false
	clauses := 0
	for {
		p.skipSpace()
		if p.i >= len(p.s) {
			break
		}
		start := p.i
		clauses++
		if clauses > MaxClauses {
			return q, fmt.Errorf("%w: more than %d clauses", ErrQueryTooLong, MaxClauses)
		}
		neg := false
		for p.i < len(p.s) && p.s[p.i] == '-' {
			neg = true
			p.i++
		}
		var n Node
		if p.i < len(p.s) && p.s[p.i] == '"' {
			words := p.phrase()
			if len(words) > MaxPhrase {
				return q, &SyntaxError{Offset: start, Msg: fmt.Sprintf("phrase of more than %d words", MaxPhrase)}
			}
			if len(words) > 0 {
				n = &Phrase{Words: words}
			}
		} else {
			tok := p.word()
			if !neg && (tok == "OR" || tok == "|" || tok == "أو") {
				orNext = true
				continue
			}
			if !neg && tok == "AND" {
				orNext = false // the implicit conjunction, written out
				continue
			}
			if field, value, ok := p.filter(tok); ok {
				if neg {
					return q, &SyntaxError{Offset: start, Msg: "a filter (" + field + ":) cannot be excluded"}
				}
				if err := q.addFilter(field, value); err != nil {
					return q, &SyntaxError{Offset: start, Msg: err.Error()}
				}
				orNext = false
				continue
			}
			if w := wordNode(tok); w != nil {
				if w.Prefix && alnumCount(w.Text) < MinPrefix {
					return q, &SyntaxError{Offset: start, Msg: fmt.Sprintf("the prefix %s is too short: give at least %d letters before the *", w, MinPrefix)}
				}
				n = w
			}
		}
		if n == nil {
			continue // nothing searchable in this clause: "*", "-", "(" ...
		}
		if neg {
			n = &Not{Node: n}
		}
		if orNext && len(items) > 0 {
			last := items[len(items)-1]
			if _, isNot := last.(*Not); isNot || neg {
				return q, &SyntaxError{Offset: start, Msg: "an exclusion cannot be part of OR"}
			}
			if o, ok := last.(*Or); ok {
				o.Nodes = append(o.Nodes, n)
			} else {
				items[len(items)-1] = &Or{Nodes: []Node{last, n}}
			}
		} else {
			items = append(items, n)
		}
		orNext = false
	}
	switch {
	case len(items) == 1 && !isNot(items[0]):
		q.Text = items[0]
	case len(items) > 0:
		q.Text = &And{Nodes: items}
	}
	if q.Empty() {
		return q, &QueryError{Msg: "empty query: give a word, a phrase or a filter (entity:, place:, said:, source:, type:, from:, to:)", Err: ErrEmptyQuery}
	}
	if !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From) {
		return q, &SyntaxError{Offset: 0, Msg: "to: is before from:"}
	}
	return q, nil
}

func isNot(n Node) bool { _, ok := n.(*Not); return ok }

// wordNode returns the Word for a bare token, or nil when the token has
// no letter or digit.
func wordNode(tok string) *Word {
	prefix := false
	for strings.HasSuffix(tok, "*") {
		tok = tok[:len(tok)-1]
		prefix = true
	}
	if !hasAlnum(tok) {
		return nil
	}
	return &Word{Text: tok, Prefix: prefix}
}

// alnumCount counts the letters and digits of s.
func alnumCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

func hasAlnum(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

type parser struct {
	s string
	i int
}

func (p *parser) skipSpace() {
	for p.i < len(p.s) {
		r, n := utf8.DecodeRuneInString(p.s[p.i:])
		if !unicode.IsSpace(r) {
			return
		}
		p.i += n
	}
}

// word reads up to the next space or quote. A quote right after "field:"
// continues the token up to the closing quote.
func (p *parser) word() string {
	start := p.i
	for p.i < len(p.s) {
		r, n := utf8.DecodeRuneInString(p.s[p.i:])
		if unicode.IsSpace(r) {
			break
		}
		if r == '"' {
			if p.i > start && p.s[p.i-1] == ':' {
				p.i += n
				if j := strings.IndexByte(p.s[p.i:], '"'); j >= 0 {
					p.i += j + 1
				} else {
					p.i = len(p.s)
				}
				continue
			}
			break
		}
		p.i += n
	}
	return p.s[start:p.i]
}

// phrase reads a quoted phrase (the opening quote at p.i) and returns
// its words; an unclosed quote runs to the end of the query.
func (p *parser) phrase() []string {
	p.i++ // opening quote
	end := strings.IndexByte(p.s[p.i:], '"')
	var body string
	if end < 0 {
		body, p.i = p.s[p.i:], len(p.s)
	} else {
		body, p.i = p.s[p.i:p.i+end], p.i+end+1
	}
	var words []string
	for _, w := range strings.Fields(body) {
		w = strings.Trim(w, "*")
		if hasAlnum(w) {
			words = append(words, w)
		}
	}
	return words
}

var fields = map[string]bool{"entity": true, "place": true, "said": true, "source": true, "type": true, "from": true, "to": true}

// filter splits "field:value" for a known field. Unknown fields are not
// filters: the token is searched literally.
func (p *parser) filter(tok string) (field, value string, ok bool) {
	i := strings.IndexByte(tok, ':')
	if i <= 0 {
		return "", "", false
	}
	field = strings.ToLower(tok[:i])
	if !fields[field] {
		return "", "", false
	}
	value = strings.TrimSpace(strings.Trim(tok[i+1:], `"`))
	return field, value, true
}

func (q *Query) addFilter(field, value string) error {
	if value == "" {
		return fmt.Errorf("%s: needs a value", field)
	}
	switch field {
	case "entity":
		q.Entities = append(q.Entities, value)
	case "place":
		q.Places = append(q.Places, value)
	case "said":
		q.Said = append(q.Said, value)
	case "source":
		q.Sources = append(q.Sources, value)
	case "type":
		q.Types = append(q.Types, strings.ToUpper(value))
	case "from":
		from, _, err := ParseDate(value)
		if err != nil {
			return fmt.Errorf("from: %w", err)
		}
		q.From = from
	case "to":
		_, to, err := ParseDate(value)
		if err != nil {
			return fmt.Errorf("to: %w", err)
		}
		q.To = to
	}
	return nil
}

// ParseDate parses YYYY, YYYY-MM or YYYY-MM-DD (ASCII or Arabic-Indic
// digits) and returns the first and the last day of that period.
func ParseDate(s string) (first, last time.Time, err error) {
	s = arabic.FoldDigits(s)
	switch len(s) {
	case 4:
		first, err = time.Parse("2006", s)
		last = first.AddDate(1, 0, -1)
	case 7:
		first, err = time.Parse("2006-01", s)
		last = first.AddDate(0, 1, -1)
	case 10:
		first, err = time.Parse("2006-01-02", s)
		last = first
	default:
		err = errors.New("not a date")
	}
	if err != nil {
		return time.Time{}, time.Time{}, fmt.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	return first, last, nil
}

func firstInvalid(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				return i
			}
		}
	}
	return 0
}
