package server

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// MaxQuery bounds the length of a search query in bytes.
const MaxQuery = 2048

// MaxBatch bounds the documents of one POST /v1/documents.
const MaxBatch = 1000

// analyze answers POST /v1/analyze with the Analysis of the posted text,
// HTML page or JSON document, within the server's analysis limits.
func (s *Server) analyze(w http.ResponseWriter, r *http.Request) {
	body, ok := s.readBody(w, r)
	if !ok {
		return
	}
	doc := khabar.RawDocument{Name: "request body", Body: body}
	switch mt := mediaType(r); mt {
	case "text/plain", "":
		doc.ContentType = "text/plain"
	case "text/html", "application/xhtml+xml":
		doc.ContentType = r.Header.Get("Content-Type")
	case "application/json":
		d, status, code, err := decodeDocument(body, "request body")
		if err != nil {
			s.fail(w, r, status, code, err.Error())
			return
		}
		doc = d
	default:
		s.fail(w, r, http.StatusUnsupportedMediaType, "unsupported_type", "send text/plain, text/html or application/json, not "+mt)
		return
	}
	a, err := s.analyzeLimited(r.Context(), doc, false)
	if err != nil {
		s.failAnalysis(w, r, err)
		return
	}
	s.json(w, r, http.StatusOK, a)
}

// decodeDocument reads one posted JSON document. On error it also
// returns the HTTP status and error code that fit it.
func decodeDocument(data []byte, name string) (khabar.RawDocument, int, string, error) {
	var in docInput
	if err := strictJSON(data, &in); err != nil {
		return khabar.RawDocument{}, http.StatusBadRequest, "bad_json", err
	}
	if err := checkEncoding(data); err != nil {
		return khabar.RawDocument{}, http.StatusUnprocessableEntity, "bad_encoding", err
	}
	d, err := in.toDocument(name)
	if err != nil {
		return d, http.StatusBadRequest, "bad_document", err
	}
	return d, 0, "", nil
}

// putResult is one line of the answer to POST /v1/documents.
type putResult struct {
	Line   int    `json:"line"`
	ID     string `json:"id,omitempty"`
	Status string `json:"status"` // stored, duplicate-url, duplicate-content, failed
	Error  string `json:"error,omitempty"`
}

// putResponse is the answer to POST /v1/documents. Error is set, and the
// status is 422, when no line could be stored.
type putResponse struct {
	Error   *ErrorBody     `json:"error,omitempty"`
	Results []putResult    `json:"results"`
	Counts  map[string]int `json:"counts"`
}

// putDocuments answers POST /v1/documents: one JSON document, or JSON
// Lines (application/x-ndjson) of up to MaxBatch documents, analyzed and
// stored in one transaction. Each line gets its own result. The status
// is 200 when at least one line was stored or found already stored (the
// others say why they failed), and 422 when every line failed, so that
// nothing was stored.
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
		d, _, _, err := decodeDocument(line, fmt.Sprintf("line %d", i+1))
		var a *khabar.Analysis
		if err == nil {
			a, err = s.analyzeLimited(r.Context(), d, true)
			if r.Context().Err() != nil {
				s.failAnalysis(w, r, err) // the client is gone: store nothing
				return
			}
		}
		if err != nil {
			res.Status, res.Error = "failed", err.Error()
			results = append(results, res)
			continue
		}
		docs = append(docs, store.Document{URL: d.URL, Source: d.Source, Author: d.Author, Title: d.Title, ContentType: d.ContentType, Raw: d.Body, Analysis: a})
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
			s.storeFail(w, r, http.StatusInternalServerError, err, "storing failed, nothing was stored: ")
			return
		}
		for i, p := range put {
			results[at[i]].ID, results[at[i]].Status = p.ID, p.Status.String()
		}
	}
	resp := putResponse{Results: results, Counts: map[string]int{}}
	for _, res := range results {
		resp.Counts[res.Status]++
	}
	status := http.StatusOK
	if len(docs) == 0 {
		status = http.StatusUnprocessableEntity
		resp.Error = s.errorBody(r, "nothing_stored", fmt.Sprintf("none of the %d documents could be stored; see results", len(results)))
	}
	s.json(w, r, status, resp)
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
	Story       string           `json:"story,omitempty"` // the id of its story (GET /v1/stories/{id})
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
		Published: rec.Published, Ingested: rec.Ingested, ContentType: rec.ContentType, Hash: rec.Hash, Story: rec.Story, Analysis: rec.Analysis})
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
		s.storeFail(w, r, http.StatusInternalServerError, err, "")
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
	switch g := get("group"); g {
	case "":
	case "story":
		req.GroupStories = true
	default:
		errs = append(errs, fmt.Errorf("group %q: hits can be grouped by story only (group=story)", g))
	}
	req.Offset = intParam(get("offset"), 0, 0, search.MaxOffset, "offset", &errs)
	req.Limit = intParam(get("limit"), search.DefaultLimit, 1, 100, "limit", &errs)
	req.Facets = intParam(get("facets"), 10, 0, 100, "facets", &errs)
	if v := get("recency"); v != "" {
		d, err := search.ParseRecency(v) // NaN, infinite, negative and absurd half-lives are refused
		if err != nil {
			errs = append(errs, err)
		}
		req.Recency = d
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
		if errors.Is(err, store.ErrUnavailable) {
			s.storeFail(w, r, http.StatusInternalServerError, err, "") // 503
			return
		}
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
		s.storeFail(w, r, http.StatusInternalServerError, err, "")
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
		s.storeFail(w, r, http.StatusInternalServerError, err, "")
		return
	}
	if evs == nil {
		evs = []store.EventRecord{}
	}
	s.json(w, r, http.StatusOK, map[string]any{"events": evs})
}
