// Package server is khabar's HTTP face: a JSON API under /v1 (described
// by an OpenAPI 3 document at /v1/openapi.json) and a server-rendered,
// right-to-left web UI for people, with every asset embedded.
//
// A Server only wires HTTP to its parts: a store.Store for documents and
// search, and an Analyzer (a *pipeline.Pipeline) for analysis.
package server

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/pipeline"
	"github.com/khabar/khabar/store"
)

// Analyzer analyzes one document; *pipeline.Pipeline is one.
type Analyzer interface {
	Analyze(ctx context.Context, doc pipeline.Document) (*khabar.Analysis, error)
}

// DefaultMaxBody bounds request bodies unless Config.MaxBody says otherwise.
const DefaultMaxBody = 8 << 20

// Config configures a Server.
type Config struct {
	Store    store.Store
	Analyzer Analyzer
	// Token authorizes the write endpoints (POST /v1/documents) through
	// "Authorization: Bearer TOKEN". Empty disables writes.
	Token string
	// ProtectReads makes the read endpoints and the UI require the token too.
	ProtectReads bool
	// MaxBody bounds request bodies in bytes; 0 means DefaultMaxBody.
	MaxBody int64
	// CORSOrigins lists origins allowed to call the API from a browser;
	// "*" allows any. Empty (the default) sends no CORS headers.
	CORSOrigins []string
	// Logger receives one line per request; nil means slog.Default().
	Logger *slog.Logger
}

// Server serves the API and the UI. It is an http.Handler.
type Server struct {
	cfg Config
	mux *http.ServeMux
	ui  *ui
}

// New returns a Server for cfg.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil || cfg.Analyzer == nil {
		return nil, errors.New("server: Config needs a Store and an Analyzer")
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	u, err := newUI()
	if err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	s := &Server{cfg: cfg, mux: http.NewServeMux(), ui: u}
	s.routes()
	return s, nil
}

// route is one entry of the routing table; the OpenAPI test walks it.
type route struct {
	pattern string // "METHOD /path/{param}"
	h       http.HandlerFunc
	write   bool // needs the token
	api     bool // documented in openapi.json
}

func (s *Server) table() []route {
	return []route{
		{"GET /healthz", s.healthz, false, true},
		{"GET /v1/openapi.json", s.openapi, false, true},
		{"POST /v1/analyze", s.analyze, false, true},
		{"POST /v1/documents", s.putDocuments, true, true},
		{"GET /v1/documents/{id}", s.getDocument, false, true},
		{"GET /v1/search", s.search, false, true},
		{"GET /v1/entities/{id}", s.getEntity, false, true},
		{"GET /v1/events", s.events, false, true},
		{"GET /{$}", s.uiSearch, false, false},
		{"GET /doc/{id}", s.uiDocument, false, false},
		{"GET /entity/{id}", s.uiEntity, false, false},
		{"GET /paste", s.uiPaste, false, false},
		{"POST /paste", s.uiPaste, false, false},
		{"GET /static/", s.ui.static, false, false},
	}
}

func (s *Server) routes() {
	for _, r := range s.table() {
		h := r.h
		switch {
		case r.write:
			h = s.requireToken(h)
		case s.cfg.ProtectReads && r.pattern != "GET /healthz":
			h = s.requireToken(h)
		}
		s.mux.Handle(r.pattern, h)
	}
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, http.StatusNotFound, "not_found", "no route for "+r.Method+" "+r.URL.Path)
	})
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
		if p := recover(); p != nil {
			s.cfg.Logger.Error("panic", "request_id", id, "panic", fmt.Sprint(p))
			if !rec.wrote {
				s.fail(rec, r, http.StatusInternalServerError, "internal", "internal error")
			}
		}
		s.cfg.Logger.Info("http", "method", r.Method, "path", r.URL.Path, "status", rec.status,
			"ms", time.Since(start).Milliseconds(), "request_id", id)
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

func (s *Server) requireToken(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.cfg.Token == "" {
			s.fail(w, r, http.StatusForbidden, "writes_disabled", "this server has no API token configured; writes are disabled")
			return
		}
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok {
			if c, err := r.Cookie("khabar_token"); err == nil {
				got, ok = c.Value, true
			}
		}
		if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(s.cfg.Token)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="khabar"`)
			s.fail(w, r, http.StatusUnauthorized, "unauthorized", "missing or wrong API token")
			return
		}
		h(w, r)
	}
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
