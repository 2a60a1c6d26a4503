package server

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"
	"unicode/utf8"

	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// MaxQuotesLimit bounds the limit parameter of GET /v1/quotes.
const MaxQuotesLimit = 100

// quoteFilter builds a quote search from the URL parameters of
// GET /v1/quotes: speaker (an entity key, KB id or name), q (the query
// language: words matched in the quote, filters on its article), from
// and to (YYYY, YYYY-MM or YYYY-MM-DD, on the article's date), limit
// and offset.
func quoteFilter(q url.Values) (store.QuoteFilter, error) {
	var f store.QuoteFilter
	var errs []error
	f.Speaker = q.Get("speaker")
	if len(f.Speaker) > 512 || !utf8.ValidString(f.Speaker) {
		errs = append(errs, errors.New("speaker: at most 512 bytes of UTF-8"))
		f.Speaker = ""
	}
	if text := q.Get("q"); text != "" {
		switch {
		case len(text) > MaxQuery:
			errs = append(errs, fmt.Errorf("query of %d bytes; at most %d", len(text), MaxQuery))
		case !utf8.ValidString(text):
			errs = append(errs, errors.New("query is not valid UTF-8"))
		default:
			query, err := search.Parse(text)
			if err != nil {
				errs = append(errs, err)
			}
			f.Query = query
		}
	}
	for _, p := range []struct {
		name string
		dst  *time.Time
		last bool
	}{{"from", &f.Query.From, false}, {"to", &f.Query.To, true}} {
		if v := q.Get(p.name); v != "" {
			first, last, err := search.ParseDate(v)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", p.name, err))
			}
			if *p.dst = first; p.last {
				*p.dst = last
			}
		}
	}
	if !f.Query.From.IsZero() && !f.Query.To.IsZero() && f.Query.To.Before(f.Query.From) {
		errs = append(errs, errors.New("to is before from"))
	}
	f.Offset = intParam(q.Get("offset"), 0, 0, search.MaxOffset, "offset", &errs)
	f.Limit = intParam(q.Get("limit"), store.DefaultQuoteLimit, 1, MaxQuotesLimit, "limit", &errs)
	return f, errors.Join(errs...)
}

// quotes answers GET /v1/quotes: the stored quotes, newest first.
func (s *Server) quotes(w http.ResponseWriter, r *http.Request) {
	f, err := quoteFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, "bad_query", err.Error())
		return
	}
	res, err := s.cfg.Store.Quotes(r.Context(), f)
	var qe *search.QueryError
	switch {
	case errors.As(err, &qe):
		s.fail(w, r, http.StatusBadRequest, "bad_query", err.Error())
		return
	case err != nil:
		s.fail(w, r, http.StatusInternalServerError, "store", err.Error())
		return
	}
	s.json(w, r, http.StatusOK, res)
}
