// Package server is khabar's HTTP face: a JSON API under /v1 (described
// by an OpenAPI 3 document at /v1/openapi.json) and a server-rendered,
// right-to-left web UI for people, with every asset embedded.
//
// A Server only wires HTTP to its parts: a store.Store for documents and
// search, and a khabar.DocumentAnalyzer (a *pipeline.Pipeline) for analysis.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/store"
)

// DefaultMaxBody bounds request bodies unless Config.MaxBody says otherwise.
const DefaultMaxBody = 8 << 20

// Config configures a Server.
type Config struct {
	Store    store.Store
	Analyzer khabar.DocumentAnalyzer
	// Token authorizes the write endpoints (POST /v1/documents) through
	// "Authorization: Bearer TOKEN". Empty disables writes.
	Token string
	// ProtectReads makes the read endpoints and the UI require the token too.
	ProtectReads bool
	// MaxBody bounds request bodies in bytes; 0 means DefaultMaxBody.
	// A larger body gets 413.
	MaxBody int64
	// MaxAnalyses bounds the analyses running at once (POST /v1/analyze,
	// POST /v1/documents and the paste page); 0 means runtime.NumCPU().
	// POST /v1/analyze and the paste page answer 503 with Retry-After
	// when every slot is busy; POST /v1/documents waits for one.
	MaxAnalyses int
	// AnalyzeTimeout is the time budget of one analysis; 0 means
	// DefaultAnalyzeTimeout. An analysis that runs out of it gets 504
	// (a failed line in POST /v1/documents).
	AnalyzeTimeout time.Duration
	// CORSOrigins lists origins allowed to call the API from a browser;
	// "*" allows any. Empty (the default) sends no CORS headers.
	CORSOrigins []string
	// Logger receives one line per request; nil means slog.Default().
	Logger *slog.Logger
}

// Server serves the API and the UI. It is an http.Handler.
type Server struct {
	cfg   Config
	mux   *http.ServeMux
	ui    *ui
	slots chan struct{} // one token per running analysis
}

// New returns a Server for cfg.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil || cfg.Analyzer == nil {
		return nil, errors.New("server: Config needs a Store and an Analyzer")
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.MaxAnalyses <= 0 {
		cfg.MaxAnalyses = runtime.NumCPU()
	}
	if cfg.AnalyzeTimeout <= 0 {
		cfg.AnalyzeTimeout = DefaultAnalyzeTimeout
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	u, err := newUI()
	if err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	s := &Server{cfg: cfg, mux: http.NewServeMux(), ui: u, slots: make(chan struct{}, cfg.MaxAnalyses)}
	s.routes()
	return s, nil
}

// access says who may call a route.
type access int

const (
	public access = iota // anyone, always
	read                 // anyone, unless Config.ProtectReads
	write                // holders of the token
)

// route is one entry of the routing table; the OpenAPI test walks it.
type route struct {
	pattern string // "METHOD /path/{param}"
	h       http.HandlerFunc
	access  access
	api     bool // documented in openapi.json; the others are the web UI
}

func (s *Server) table() []route {
	return []route{
		{"GET /healthz", s.healthz, public, true},
		{"GET /v1/openapi.json", s.openapi, read, true},
		{"POST /v1/analyze", s.analyze, read, true},
		{"POST /v1/documents", s.putDocuments, write, true},
		{"GET /v1/documents/{id}", s.getDocument, read, true},
		{"GET /v1/search", s.searchRoute, read, true},
		{"GET /v1/entities/{id}", s.getEntity, read, true},
		{"GET /v1/events", s.events, read, true},
		{"GET /v1/quotes", s.quotes, read, true},
		{"POST /v1/watches", s.addWatch, write, true},
		{"GET /v1/watches", s.listWatches, read, true},
		{"GET /v1/watches/{id}", s.getWatch, read, true},
		{"DELETE /v1/watches/{id}", s.removeWatch, write, true},
		{"GET /v1/watches/{id}/feed.atom", s.watchFeed, read, true},
		{"GET /v1/stories", s.stories, read, true},
		{"GET /v1/stories/{id}", s.getStory, read, true},
		{"GET /{$}", s.uiSearch, read, false},
		{"GET /doc/{id}", s.uiDocument, read, false},
		{"GET /entity/{id}", s.uiEntity, read, false},
		{"GET /story/{id}", s.uiStory, read, false},
		{"GET /watches", s.uiWatches, read, false},
		{"POST /watches", s.uiAddWatch, write, false},
		{"GET /watches/{id}", s.uiWatch, read, false},
		{"POST /watches/{id}/remove", s.uiRemoveWatch, write, false},
		{"GET /paste", s.uiPaste, read, false},
		{"POST /paste", s.uiPaste, read, false},
		{"GET /login", s.uiLogin, public, false},
		{"POST /login", s.uiLogin, public, false},
		{"POST /logout", s.uiLogout, public, false},
		{"GET /static/", s.static, public, false},
	}
}

func (s *Server) routes() {
	for _, r := range s.table() {
		h := r.h
		switch {
		case r.access == write, r.access == read && s.cfg.ProtectReads:
			h = s.requireToken(h, r.api)
		}
		s.mux.Handle(r.pattern, h)
	}
	s.mux.HandleFunc("/", s.noRoute)
}

// noRoute answers requests that no route takes: 405 with an Allow header
// when the path has routes for other methods, else 404. Browsers (which
// accept text/html) get the UI's error page outside /v1/.
func (s *Server) noRoute(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		probe := &http.Request{Method: m, URL: r.URL, Host: r.Host, Header: http.Header{}}
		if _, pattern := s.mux.Handler(probe); pattern != "/" && pattern != "" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		if wantsHTML(r) {
			s.uiError(w, r, http.StatusMethodNotAllowed, "err_method", "")
			return
		}
		s.fail(w, r, http.StatusMethodNotAllowed, "method_not_allowed", r.Method+" is not allowed on "+r.URL.Path+"; allowed: "+strings.Join(allow, ", "))
		return
	}
	s.notFound(w, r)
}

// notFound answers 404: the UI's error page for browsers outside /v1/,
// else a JSON error.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	if wantsHTML(r) {
		s.uiError(w, r, http.StatusNotFound, "err_no_page", "")
		return
	}
	s.fail(w, r, http.StatusNotFound, "not_found", "no route for "+r.Method+" "+r.URL.Path)
}

// wantsHTML reports whether r comes from a browser (it accepts
// text/html) for a path outside the API.
func wantsHTML(r *http.Request) bool {
	return !strings.HasPrefix(r.URL.Path, "/v1/") && r.URL.Path != "/healthz" && strings.Contains(r.Header.Get("Accept"), "text/html")
}

// ServeHTTP serves one request: request ID, CORS, panic safety and a log line around the routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	id := r.Header.Get("X-Request-ID")
	if id == "" || len(id) > 64 {
		id = newRequestID()
	}
	r = r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id))
	w.Header().Set("X-Request-ID", id)
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	defer func() {
		p := recover()
		if p != nil && p != http.ErrAbortHandler {
			s.cfg.Logger.Error("panic", "request_id", id, "panic", fmt.Sprint(p))
			if !rec.wrote {
				s.fail(rec, r, http.StatusInternalServerError, "internal", "internal error")
			}
		}
		s.cfg.Logger.Info("http", "method", r.Method, "path", r.URL.Path, "status", rec.status,
			"ms", time.Since(start).Milliseconds(), "request_id", id)
		if p == http.ErrAbortHandler {
			panic(p) // a handler cut a streamed response short: net/http breaks the connection
		}
	}()
	if s.cors(rec, r) {
		return
	}
	s.mux.ServeHTTP(rec, r)
}

// cors adds CORS headers for allowed origins and answers preflights;
// it reports whether the request was fully answered.
func (s *Server) cors(w http.ResponseWriter, r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" || len(s.cfg.CORSOrigins) == 0 || !strings.HasPrefix(r.URL.Path, "/v1/") {
		return false
	}
	if !slices.Contains(s.cfg.CORSOrigins, "*") && !slices.Contains(s.cfg.CORSOrigins, origin) {
		return false
	}
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", origin)
	h.Add("Vary", "Origin")
	if r.Method == http.MethodOptions {
		h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
		h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Request-ID")
		h.Set("Access-Control-Max-Age", "600")
		w.WriteHeader(http.StatusNoContent)
		return true
	}
	return false
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	st, err := s.cfg.Store.Stats(r.Context())
	if err != nil {
		s.fail(w, r, http.StatusServiceUnavailable, "unavailable", "store: "+err.Error())
		return
	}
	s.json(w, r, http.StatusOK, map[string]any{"status": "ok", "documents": st.Documents})
}

// statusRecorder remembers the status code for the log line.
type statusRecorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (s *statusRecorder) WriteHeader(code int) {
	if !s.wrote {
		s.status, s.wrote = code, true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	s.wrote = true
	return s.ResponseWriter.Write(b)
}
