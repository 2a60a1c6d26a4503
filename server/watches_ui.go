package server

import (
	"errors"
	"net/http"
	"strings"

	"github.com/khabar/khabar/store"
	"github.com/khabar/khabar/watch"
)

// watchPageMatches is the number of matches a watch's page lists.
const watchPageMatches = 100

// watchesView is the data of the watches page.
type watchesView struct {
	Watches []store.Watch
	CanEdit bool   // the browser holds the token: offer to add and remove
	Login   bool   // the server has a token the browser lacks: offer to log in
	Error   string // a messages key
	Detail  string // what was wrong, in English
	Name    string // the add form's values, kept after an error
	Query   string
}

// watchView is the data of a watch's page.
type watchView struct {
	Watch   *store.Watch
	Matches []watchMatchView
	New     int // matches not seen before this visit
	CanEdit bool
}

// watchMatchView is one match on a watch's page.
type watchMatchView struct {
	store.WatchMatch
	New bool // recorded after the previous visit
}

// uiWatchStore returns the store's watches, or answers the error page.
func (s *Server) uiWatchStore(w http.ResponseWriter, r *http.Request) (store.WatchStore, bool) {
	ws, ok := s.cfg.Store.(store.WatchStore)
	if !ok {
		s.uiError(w, r, http.StatusNotImplemented, "err_no_watches", "")
	}
	return ws, ok
}

// uiWatches renders the watches page: each watch with its query and the
// number of its matches not seen yet.
func (s *Server) uiWatches(w http.ResponseWriter, r *http.Request) {
	s.renderWatches(w, r, http.StatusOK, watchesView{})
}

// renderWatches renders the watches page with v's form state.
func (s *Server) renderWatches(w http.ResponseWriter, r *http.Request, status int, v watchesView) {
	ws, ok := s.uiWatchStore(w, r)
	if !ok {
		return
	}
	list, err := ws.Watches(r.Context())
	if err != nil {
		s.cfg.Logger.Error("watches page", "request_id", requestID(r), "err", err)
		status, key := uiStoreStatus(w, err)
		s.uiError(w, r, status, key, "")
		return
	}
	v.Watches = list
	v.CanEdit = s.cfg.Token != "" && s.authorized(r)
	v.Login = s.cfg.Token != "" && !v.CanEdit
	s.render(w, r, status, "watches", translate(lang(r), "watches"), v)
}

// uiWatch renders a watch's page: its matches, newest first, those
// recorded since the last visit marked new; the visit marks them seen.
func (s *Server) uiWatch(w http.ResponseWriter, r *http.Request) {
	ws, ok := s.uiWatchStore(w, r)
	if !ok {
		return
	}
	id := r.PathValue("id")
	if id == "" || len(id) > 64 {
		s.uiError(w, r, http.StatusNotFound, "err_no_watch", "")
		return
	}
	wt, err := ws.GetWatch(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.uiError(w, r, http.StatusNotFound, "err_no_watch", "")
		return
	}
	if err != nil {
		s.cfg.Logger.Error("watch page", "request_id", requestID(r), "err", err)
		status, key := uiStoreStatus(w, err)
		s.uiError(w, r, status, key, "")
		return
	}
	ms, err := ws.WatchMatches(r.Context(), wt.ID, 0, watchPageMatches, false)
	if err != nil {
		s.cfg.Logger.Error("watch page matches", "request_id", requestID(r), "err", err)
		status, key := uiStoreStatus(w, err)
		s.uiError(w, r, status, key, "")
		return
	}
	v := watchView{Watch: wt, CanEdit: s.cfg.Token != "" && s.authorized(r)}
	var newest int64
	for _, m := range ms {
		mv := watchMatchView{WatchMatch: m, New: m.Seq > wt.Seen}
		if mv.New {
			v.New++
		}
		newest = max(newest, m.Seq)
		v.Matches = append(v.Matches, mv)
	}
	if newest > wt.Seen {
		// A failure only leaves the matches new for the next visit.
		if err := ws.MarkWatch(r.Context(), wt.ID, store.WatchSeen, newest); err != nil {
			s.cfg.Logger.Error("watch page mark seen", "request_id", requestID(r), "err", err)
		}
	}
	s.render(w, r, http.StatusOK, "watch", wt.Name, v)
}

// uiFormWrite checks a form POST of the UI: same origin (the token
// cookie is SameSite=Strict, and cross-origin requests are refused here
// too), a small body that parses. It answers the error itself.
func (s *Server) uiFormWrite(w http.ResponseWriter, r *http.Request) bool {
	if err := http.NewCrossOriginProtection().Check(r); err != nil {
		s.uiError(w, r, http.StatusForbidden, "err_cross_origin", err.Error())
		return false
	}
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		s.uiError(w, r, http.StatusBadRequest, "err_form", err.Error())
		return false
	}
	return true
}

// uiAddWatch adds the watch of the form on the watches page (name and
// query; webhooks are set through the API or the command line, which
// show their secret) and goes to its page.
func (s *Server) uiAddWatch(w http.ResponseWriter, r *http.Request) {
	if !s.uiFormWrite(w, r) {
		return
	}
	ws, ok := s.uiWatchStore(w, r)
	if !ok {
		return
	}
	nw := store.Watch{Name: strings.TrimSpace(r.PostForm.Get("name")), Query: strings.TrimSpace(r.PostForm.Get("query"))}
	if err := watch.Validate(nw); err != nil {
		s.renderWatches(w, r, http.StatusBadRequest, watchesView{Error: "err_bad_watch", Detail: err.Error(), Name: nw.Name, Query: nw.Query})
		return
	}
	added, err := ws.AddWatch(r.Context(), nw)
	if err != nil {
		s.cfg.Logger.Error("add watch", "request_id", requestID(r), "err", err)
		status, key := uiStoreStatus(w, err)
		s.uiError(w, r, status, key, "")
		return
	}
	http.Redirect(w, r, "/watches/"+added.ID, http.StatusSeeOther)
}

// uiRemoveWatch removes a watch and goes back to the watches page.
func (s *Server) uiRemoveWatch(w http.ResponseWriter, r *http.Request) {
	if !s.uiFormWrite(w, r) {
		return
	}
	ws, ok := s.uiWatchStore(w, r)
	if !ok {
		return
	}
	err := ws.RemoveWatch(r.Context(), r.PathValue("id"))
	if errors.Is(err, store.ErrNotFound) {
		s.uiError(w, r, http.StatusNotFound, "err_no_watch", "")
		return
	}
	if err != nil {
		s.cfg.Logger.Error("remove watch", "request_id", requestID(r), "err", err)
		status, key := uiStoreStatus(w, err)
		s.uiError(w, r, status, key, "")
		return
	}
	http.Redirect(w, r, "/watches", http.StatusSeeOther)
}
