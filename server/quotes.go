package server

import (
	"errors"
	"net/http"
	"net/url"
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
	f.Query = queryParam(q, &errs)
	if first, _, ok := dateParam(q, "from", &errs); ok {
		f.Query.From = first
	}
	if _, last, ok := dateParam(q, "to", &errs); ok {
		f.Query.To = last
	}
	if !f.Query.From.IsZero() && !f.Query.To.IsZero() && f.Query.To.Before(f.Query.From) {
		errs = append(errs, errors.New("to is before from"))
	}
	f.Offset, f.Limit = pageParams(q, store.DefaultQuoteLimit, MaxQuotesLimit, &errs)
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
		s.storeFail(w, r, http.StatusInternalServerError, err, "")
		return
	}
	s.json(w, r, http.StatusOK, res)
}
