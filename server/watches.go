package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/khabar/khabar/store"
	"github.com/khabar/khabar/watch"
)

// feedEntries is the number of matches in a watch's Atom feed.
const feedEntries = 100

// watchStore returns the store's watches, or answers 501.
func (s *Server) watchStore(w http.ResponseWriter, r *http.Request) (store.WatchStore, bool) {
	ws, ok := s.cfg.Store.(store.WatchStore)
	if !ok {
		s.fail(w, r, http.StatusNotImplemented, "no_watches", "this store keeps no watches")
	}
	return ws, ok
}

// newWatch is the body of POST /v1/watches.
type newWatch struct {
	Name    string `json:"name"`
	Query   string `json:"query"`
	Webhook string `json:"webhook,omitempty"`
}

// createdWatch is a new watch with its webhook secret, shown this once.
type createdWatch struct {
	store.Watch
	Secret string `json:"secret"`
}

func (s *Server) addWatch(w http.ResponseWriter, r *http.Request) {
	ws, ok := s.watchStore(w, r)
	if !ok {
		return
	}
	var in newWatch
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		s.fail(w, r, http.StatusBadRequest, "bad_json", "watch: "+err.Error())
		return
	}
	nw := store.Watch{Name: strings.TrimSpace(in.Name), Query: strings.TrimSpace(in.Query), Webhook: in.Webhook}
	if err := watch.Validate(nw); err != nil {
		s.fail(w, r, http.StatusBadRequest, "bad_watch", err.Error())
		return
	}
	added, err := ws.AddWatch(r.Context(), nw)
	if err != nil {
		s.storeFail(w, r, http.StatusInternalServerError, err, "")
		return
	}
	w.Header().Set("Location", "/v1/watches/"+added.ID)
	s.json(w, r, http.StatusCreated, createdWatch{Watch: *added, Secret: added.Secret})
}

func (s *Server) listWatches(w http.ResponseWriter, r *http.Request) {
	ws, ok := s.watchStore(w, r)
	if !ok {
		return
	}
	list, err := ws.Watches(r.Context())
	if err != nil {
		s.storeFail(w, r, http.StatusInternalServerError, err, "")
		return
	}
	if list == nil {
		list = []store.Watch{}
	}
	s.json(w, r, http.StatusOK, map[string]any{"watches": list})
}

// watch loads the watch named by the {id} path value.
func (s *Server) watch(w http.ResponseWriter, r *http.Request) (store.WatchStore, *store.Watch, bool) {
	ws, ok := s.watchStore(w, r)
	if !ok {
		return nil, nil, false
	}
	id := r.PathValue("id")
	if id == "" || len(id) > 64 {
		s.fail(w, r, http.StatusBadRequest, "bad_id", "bad watch id")
		return nil, nil, false
	}
	wt, err := ws.GetWatch(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.fail(w, r, http.StatusNotFound, "not_found", "no watch "+strconv.Quote(id))
		return nil, nil, false
	}
	if err != nil {
		s.storeFail(w, r, http.StatusInternalServerError, err, "")
		return nil, nil, false
	}
	return ws, wt, true
}

func (s *Server) getWatch(w http.ResponseWriter, r *http.Request) {
	ws, wt, ok := s.watch(w, r)
	if !ok {
		return
	}
	ms, err := ws.WatchMatches(r.Context(), wt.ID, 0, feedEntries, false)
	if err != nil {
		s.storeFail(w, r, http.StatusInternalServerError, err, "")
		return
	}
	if ms == nil {
		ms = []store.WatchMatch{}
	}
	s.json(w, r, http.StatusOK, map[string]any{"watch": wt, "matches": ms})
}

func (s *Server) removeWatch(w http.ResponseWriter, r *http.Request) {
	ws, ok := s.watchStore(w, r)
	if !ok {
		return
	}
	err := ws.RemoveWatch(r.Context(), r.PathValue("id"))
	if errors.Is(err, store.ErrNotFound) {
		s.fail(w, r, http.StatusNotFound, "not_found", "no watch "+strconv.Quote(r.PathValue("id")))
		return
	}
	if err != nil {
		s.storeFail(w, r, http.StatusInternalServerError, err, "")
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// watchFeed answers the Atom feed of a watch, newest match first, with
// an ETag and Last-Modified for conditional requests (304).
func (s *Server) watchFeed(w http.ResponseWriter, r *http.Request) {
	ws, wt, ok := s.watch(w, r)
	if !ok {
		return
	}
	ms, err := ws.WatchMatches(r.Context(), wt.ID, 0, feedEntries, false)
	if err != nil {
		s.storeFail(w, r, http.StatusInternalServerError, err, "")
		return
	}
	scheme := "http"
	if secure(r) {
		scheme = "https"
	}
	var b bytes.Buffer
	if err := watch.WriteAtom(&b, watch.Feed{Watch: *wt, Base: scheme + "://" + r.Host, Matches: ms}); err != nil {
		s.fail(w, r, http.StatusInternalServerError, "internal", err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Header().Set("ETag", watch.ETag(*wt))
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, "", watch.Updated(*wt), bytes.NewReader(b.Bytes()))
}
