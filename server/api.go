package server

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/pipeline"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// MaxQuery bounds the length of a search query in bytes.
const MaxQuery = 2048

// MaxBatch bounds the documents of one POST /v1/documents.
const MaxBatch = 1000

// docInput is a document posted as JSON.
type docInput struct {
	Title  string `json:"title"`
	Text   string `json:"text"`
	HTML   string `json:"html"`
	URL    string `json:"url"`
	Date   string `json:"date"`
	Source string `json:"source"`
	Author string `json:"author"`
}

// toDocument turns a posted JSON document into a pipeline document.
func (in docInput) toDocument(name string) (pipeline.Document, error) {
	d := pipeline.Document{Name: name, URL: in.URL, Title: in.Title, Source: in.Source, Author: in.Author}
	switch {
	case in.Text != "" && in.HTML != "":
		return d, errors.New("give text or html, not both")
	case in.HTML != "":
		d.Body, d.ContentType = []byte(in.HTML), "text/html"
	case in.Text != "":
		d.Body, d.ContentType = []byte(in.Text), "text/plain"
	default:
		return d, errors.New("no text or html")
	}
	if in.Date != "" {
		t, err := parseDate(in.Date)
		if err != nil {
			return d, err
		}
		d.Date = t
	}
	return d, nil
}

func parseDate(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("date %q: want YYYY-MM-DD or RFC 3339", s)
}

// readBody reads a bounded request body; it writes the error response
// itself and returns ok=false when the body is unusable.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		s.fail(w, r, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("request body over %d bytes", s.cfg.MaxBody))
		return nil, false
	case err != nil:
		s.fail(w, r, http.StatusBadRequest, "bad_body", "reading body: "+err.Error())
		return nil, false
	case len(bytes.TrimSpace(body)) == 0:
		s.fail(w, r, http.StatusBadRequest, "empty_body", "empty request body")
		return nil, false
	}
	return body, true
}

func mediaType(r *http.Request) string {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return ""
	}
	return mt
}

// analyze answers POST /v1/analyze with the Analysis of the posted text,
// HTML page or JSON document.
func (s *Server) analyze(w http.ResponseWriter, r *http.Request) {
	body, ok := s.readBody(w, r)
	if !ok {
		return
	}
	doc := pipeline.Document{Name: "request body", Body: body}
	switch mt := mediaType(r); mt {
	case "text/plain", "":
		doc.ContentType = "text/plain"
	case "text/html", "application/xhtml+xml":
		doc.ContentType = r.Header.Get("Content-Type")
	case "application/json":
		var in docInput
		if err := strictJSON(body, &in); err != nil {
			s.fail(w, r, http.StatusBadRequest, "bad_json", err.Error())
			return
		}
		d, err := in.toDocument("request body")
		if err != nil {
			s.fail(w, r, http.StatusBadRequest, "bad_document", err.Error())
			return
		}
		doc = d
	default:
		s.fail(w, r, http.StatusUnsupportedMediaType, "unsupported_type", "send text/plain, text/html or application/json, not "+mt)
		return
	}
	a, err := s.cfg.Analyzer.Analyze(r.Context(), doc)
	if err != nil {
		s.fail(w, r, http.StatusUnprocessableEntity, "unprocessable", err.Error())
		return
	}
	s.json(w, r, http.StatusOK, a)
}

func strictJSON(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("bad JSON: %w", err)
	}
	if dec.More() {
		return errors.New("bad JSON: more than one value (send JSON Lines as application/x-ndjson)")
	}
	return nil
}

// putResult is one line of the answer to POST /v1/documents.
type putResult struct {
	Line   int    `json:"line"`
	ID     string `json:"id,omitempty"`
	Status string `json:"status"` // stored, duplicate-url, duplicate-content, failed
	Error  string `json:"error,omitempty"`
}

// putDocuments answers POST /v1/documents: one JSON document, or JSON
// Lines (application/x-ndjson) of up to MaxBatch documents, analyzed and
// stored in one transaction. Each line gets its own result.
func (s *Server) putDocuments(w http.ResponseWriter, r *http.Request) {
	body, ok := s.readBody(w, r)
	if !ok {
		return
	}
	var lines [][]byte
	switch mt := mediaType(r); mt {
	case "application/json":
		lines = [][]byte{body}
	case "application/x-ndjson", "application/jsonl", "application/x-jsonlines":
		sc := bufio.NewScanner(bytes.NewReader(body))
		sc.Buffer(nil, int(s.cfg.MaxBody)+1)
		for sc.Scan() {
			lines = append(lines, bytes.Clone(sc.Bytes()))
		}
	default:
		s.fail(w, r, http.StatusUnsupportedMediaType, "unsupported_type", "send application/json or application/x-ndjson, not "+mt)
		return
	}
	if len(lines) > MaxBatch {
		s.fail(w, r, http.StatusRequestEntityTooLarge, "too_many", fmt.Sprintf("%d documents; at most %d per request", len(lines), MaxBatch))
		return
	}
	results := make([]putResult, 0, len(lines))
	var docs []store.Document
	var at []int // index into results of each doc
	for i, line := range lines {
		res := putResult{Line: i + 1}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var in docInput
		err := strictJSON(line, &in)
		var d pipeline.Document
		if err == nil {
			d, err = in.toDocument(fmt.Sprintf("line %d", i+1))
		}
		var a *khabar.Analysis
		if err == nil {
			a, err = s.cfg.Analyzer.Analyze(r.Context(), d)
		}
		if err != nil {
			res.Status, res.Error = "failed", err.Error()
			results = append(results, res)
			continue
		}
		ct := d.ContentType
		docs = append(docs, store.Document{URL: in.URL, Source: in.Source, Author: in.Author, Title: in.Title, ContentType: ct, Raw: d.Body, Analysis: a})
		at = append(at, len(results))
		results = append(results, res)
	}
	if len(results) == 0 {
		s.fail(w, r, http.StatusBadRequest, "empty_body", "no documents in the body")
		return
	}
	if len(docs) > 0 {
		put, err := s.cfg.Store.Put(r.Context(), docs)
		if err != nil {
			s.fail(w, r, http.StatusInternalServerError, "store", "storing failed, nothing was stored: "+err.Error())
			return
		}
		for i, p := range put {
			results[at[i]].ID, results[at[i]].Status = p.ID, p.Status.String()
		}
	}
	counts := map[string]int{}
	for _, res := range results {
		counts[res.Status]++
	}
	s.json(w, r, http.StatusOK, map[string]any{"results": results, "counts": counts})
}

// documentView is the JSON form of a stored document.
type documentView struct {
	ID          string           `json:"id"`
	URL         string           `json:"url,omitempty"`
	Source      string           `json:"source,omitempty"`
	Author      string           `json:"author,omitempty"`
	Title       string           `json:"title,omitempty"`
	Published   string           `json:"published,omitempty"`
	Ingested    time.Time        `json:"ingested"`
	ContentType string           `json:"content_type,omitempty"`
	Hash        string           `json:"hash"`
	Analysis    *khabar.Analysis `json:"analysis"`
}

func (s *Server) getDocument(w http.ResponseWriter, r *http.Request) {
	rec, ok := s.document(w, r)
	if !ok {
		return
	}
	if r.URL.Query().Get("download") != "" {
		w.Header().Set("Content-Disposition", `attachment; filename="`+rec.ID+`.json"`)
		s.json(w, r, http.StatusOK, rec.Analysis)
		return
	}
	s.json(w, r, http.StatusOK, documentView{ID: rec.ID, URL: rec.URL, Source: rec.Source, Author: rec.Author, Title: rec.Title,
		Published: rec.Published, Ingested: rec.Ingested, ContentType: rec.ContentType, Hash: rec.Hash, Analysis: rec.Analysis})
}

// document loads the document named by the {id} path value.
func (s *Server) document(w http.ResponseWriter, r *http.Request) (*store.Record, bool) {
	id := r.PathValue("id")
	if id == "" || len(id) > 128 || !utf8.ValidString(id) {
		s.fail(w, r, http.StatusBadRequest, "bad_id", "bad document id")
		return nil, false
	}
	rec, err := s.cfg.Store.Get(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.fail(w, r, http.StatusNotFound, "not_found", "no document "+strconv.Quote(id))
		return nil, false
	}
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "store", err.Error())
		return nil, false
	}
	return rec, true
}

// searchRequest builds a search request from URL parameters.
func searchRequest(q map[string][]string) (search.Request, error) {
	get := func(k string) string {
		if v := q[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	var req search.Request
	text := get("q")
	if len(text) > MaxQuery {
		return req, fmt.Errorf("query of %d bytes; at most %d", len(text), MaxQuery)
	}
	if !utf8.ValidString(text) {
		return req, errors.New("query is not valid UTF-8")
	}
	query, err := search.Parse(text)
	if err != nil {
		return req, err
	}
	req.Query = query
	req.ShowCopies = get("copies") != ""
	var errs []error
	req.Offset = intParam(get("offset"), 0, 0, search.MaxOffset, "offset", &errs)
	req.Limit = intParam(get("limit"), search.DefaultLimit, 1, 100, "limit", &errs)
	req.Facets = intParam(get("facets"), 10, 0, 100, "facets", &errs)
	if v := get("recency"); v != "" {
		days, err := strconv.ParseFloat(strings.TrimSuffix(v, "d"), 64)
		if err != nil || days <= 0 || days > 36500 {
			errs = append(errs, fmt.Errorf("recency %q: want a number of days such as 30d", v))
		} else {
			req.Recency = time.Duration(days * float64(24*time.Hour))
		}
	}
	return req, errors.Join(errs...)
}

// intParam parses an optional integer parameter within [lo, hi].
func intParam(v string, def, lo, hi int, name string, errs *[]error) int {
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		*errs = append(*errs, fmt.Errorf("%s %q: want an integer from %d to %d", name, v, lo, hi))
		return def
	}
	return n
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	req, err := searchRequest(r.URL.Query())
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, "bad_query", err.Error())
		return
	}
	res, err := s.cfg.Store.Search(r.Context(), req)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, "bad_query", err.Error())
		return
	}
	s.json(w, r, http.StatusOK, res)
}

func (s *Server) getEntity(w http.ResponseWriter, r *http.Request) {
	page, ok := s.entity(w, r)
	if ok {
		s.json(w, r, http.StatusOK, page)
	}
}

func (s *Server) entity(w http.ResponseWriter, r *http.Request) (*store.EntityPage, bool) {
	id := r.PathValue("id")
	if id == "" || len(id) > 512 || !utf8.ValidString(id) {
		s.fail(w, r, http.StatusBadRequest, "bad_id", "bad entity id")
		return nil, false
	}
	page, err := s.cfg.Store.Entity(r.Context(), id, store.EntityOptions{})
	if errors.Is(err, store.ErrNotFound) {
		s.fail(w, r, http.StatusNotFound, "not_found", "no entity "+strconv.Quote(id))
		return nil, false
	}
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "store", err.Error())
		return nil, false
	}
	return page, true
}

func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var errs []error
	f := store.EventFilter{Type: strings.ToUpper(q.Get("type")), Actor: q.Get("actor"), Place: q.Get("place")}
	f.Offset = intParam(q.Get("offset"), 0, 0, search.MaxOffset, "offset", &errs)
	f.Limit = intParam(q.Get("limit"), 50, 1, 1000, "limit", &errs)
	for _, p := range []struct {
		name string
		dst  *time.Time
	}{{"from", &f.From}, {"to", &f.To}} {
		if v := q.Get(p.name); v != "" {
			t, err := time.Parse("2006-01-02", v)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s %q: want YYYY-MM-DD", p.name, v))
			}
			*p.dst = t
		}
	}
	if err := errors.Join(errs...); err != nil {
		s.fail(w, r, http.StatusBadRequest, "bad_filter", err.Error())
		return
	}
	evs, err := s.cfg.Store.Events(r.Context(), f)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "store", err.Error())
		return
	}
	if evs == nil {
		evs = []store.EventRecord{}
	}
	s.json(w, r, http.StatusOK, map[string]any{"events": evs})
}
