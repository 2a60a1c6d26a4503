package search

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// QueryError is a query or request that cannot be run, explained in the
// user's terms. Err, when set, is the kind of problem (ErrEmptyQuery,
// ErrQueryTooLong, ErrBadRecency), for errors.Is.
type QueryError struct {
	Msg string
	Err error
}

func (e *QueryError) Error() string { return e.Msg }

// Unwrap returns the kind of problem.
func (e *QueryError) Unwrap() error { return e.Err }

// MinPrefix is the fewest letters (or digits) a prefix (pre*) may have:
// a one-letter prefix matches a large part of the vocabulary.
const MinPrefix = 2

// Unsearchable explains why the full-text part n of a query gives a
// backend nothing to search: it returns a *QueryError wrapping
// ErrEmptyQuery that names the words the analyzer an leaves out (stop
// words, words of no letter). Backends return it for a query with no
// filter whose words all fall away.
func Unsearchable(an Analyzer, n Node) error {
	var parts []string
	var walk func(Node)
	walk = func(n Node) {
		switch n := n.(type) {
		case *And:
			for _, x := range n.Nodes {
				walk(x)
			}
		case *Or:
			for _, x := range n.Nodes {
				walk(x)
			}
		case *Not:
			walk(n.Node)
		case *Word:
			if len(QueryTerms(an, n.Text, false, math.MaxInt, nil)) == 0 {
				if n.Prefix {
					parts = append(parts, fmt.Sprintf("the prefix %s is a word too common to be indexed: give more letters", n))
				} else {
					parts = append(parts, fmt.Sprintf("%s is a word too common to be indexed", n))
				}
			}
		case *Phrase:
			var terms int
			for _, w := range n.Words {
				terms += len(QueryTerms(an, w, true, math.MaxInt, nil))
			}
			if terms == 0 {
				parts = append(parts, fmt.Sprintf("the phrase %s has only words too common to be indexed", n))
			}
		}
	}
	walk(n)
	msg := "nothing to search for: give a word, a phrase or a filter (entity:, place:, said:, source:, type:, from:, to:)"
	if len(parts) > 0 {
		msg = "nothing to search for: " + strings.Join(parts, "; ") + "; search for other words or add a filter"
	}
	return &QueryError{Msg: msg, Err: ErrEmptyQuery}
}

// Recency bounds: a half-life of less than an hour or more than a
// century is a mistake.
const (
	MinRecency = time.Hour
	MaxRecency = 36500 * 24 * time.Hour
)

// ErrBadRecency is the kind of a recency (Request.Recency, or the text
// ParseRecency reads) out of bounds or unreadable.
var ErrBadRecency = errors.New("bad recency half-life")

// ParseRecency parses a recency half-life: a number of days ("30d",
// "0.5d", or "30" alone) or a Go duration ("72h"). A half-life that is
// not a finite number, or is shorter than MinRecency or longer than
// MaxRecency, gives a *QueryError wrapping ErrBadRecency.
func ParseRecency(s string) (time.Duration, error) {
	bad := func(why string) (time.Duration, error) {
		return 0, &QueryError{Msg: fmt.Sprintf("recency %q: %s; give a half-life from 1h to %dd, such as 30d",
			s, why, int(MaxRecency/(24*time.Hour))), Err: ErrBadRecency}
	}
	t := strings.TrimSpace(s)
	days, err := strconv.ParseFloat(strings.TrimSuffix(t, "d"), 64)
	var d time.Duration
	switch {
	case err == nil && (math.IsNaN(days) || math.IsInf(days, 0)):
		return bad("not a number of days")
	case err == nil:
		if days*24 > MaxRecency.Hours() {
			return bad("too long")
		}
		d = time.Duration(days * float64(24*time.Hour))
	case strings.HasSuffix(t, "d"):
		return bad("not a number of days")
	default:
		if d, err = time.ParseDuration(t); err != nil {
			return bad("not a duration")
		}
	}
	switch {
	case d < 0:
		return bad("negative")
	case d > MaxRecency:
		return bad("too long")
	case d < MinRecency:
		return bad("too short")
	}
	return d, nil
}

// Validate checks what Page does not clamp: a query of more than
// MaxNodes nodes gives a *QueryError wrapping ErrQueryTooLong, a Recency
// that is negative or longer than MaxRecency one wrapping ErrBadRecency.
// Backends call it before searching.
func (r Request) Validate() error {
	if n := NodeCount(r.Query.Text); n > MaxNodes {
		return &QueryError{Msg: fmt.Sprintf("query too long: %d words and operators (limit %d)", n, MaxNodes), Err: ErrQueryTooLong}
	}
	if r.Recency < 0 || r.Recency > MaxRecency {
		return &QueryError{Msg: fmt.Sprintf("recency half-life %v: want 0 (none) or up to %dd",
			r.Recency, int(MaxRecency/(24*time.Hour))), Err: ErrBadRecency}
	}
	return nil
}
