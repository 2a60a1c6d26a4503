package server

import (
	"errors"
	"fmt"
	"net/url"
	"time"
	"unicode/utf8"

	"github.com/khabar/khabar/search"
)

// This file reads the URL parameters GET /v1/stories and GET /v1/quotes
// share. Each helper appends what is wrong to errs and goes on, so that
// a request learns all its mistakes at once.

// queryParam reads q, the query language: at most MaxQuery bytes of
// UTF-8. It returns the zero query when q is absent or wrong.
func queryParam(q url.Values, errs *[]error) search.Query {
	text := q.Get("q")
	switch {
	case text == "":
		return search.Query{}
	case len(text) > MaxQuery:
		*errs = append(*errs, fmt.Errorf("query of %d bytes; at most %d", len(text), MaxQuery))
		return search.Query{}
	case !utf8.ValidString(text):
		*errs = append(*errs, errors.New("query is not valid UTF-8"))
		return search.Query{}
	}
	query, err := search.Parse(text)
	if err != nil {
		*errs = append(*errs, err)
	}
	return query
}

// dateParam reads the date parameter name (YYYY, YYYY-MM or YYYY-MM-DD)
// as the first and the last day of its period, both zero when it is
// wrong. ok is false when the parameter is absent.
func dateParam(q url.Values, name string, errs *[]error) (first, last time.Time, ok bool) {
	v := q.Get(name)
	if v == "" {
		return first, last, false
	}
	first, last, err := search.ParseDate(v)
	if err != nil {
		*errs = append(*errs, fmt.Errorf("%s: %w", name, err))
	}
	return first, last, true
}

// pageParams reads offset (0 to search.MaxOffset, 0 by default) and
// limit (1 to max, def by default).
func pageParams(q url.Values, def, max int, errs *[]error) (offset, limit int) {
	offset = intParam(q.Get("offset"), 0, 0, search.MaxOffset, "offset", errs)
	limit = intParam(q.Get("limit"), def, 1, max, "limit", errs)
	return offset, limit
}
