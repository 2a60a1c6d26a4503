package server

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// MaxStoriesLimit bounds the limit parameter of GET /v1/stories.
const MaxStoriesLimit = 100

// storyFilter builds a story listing from the URL parameters of
// GET /v1/stories: q (the query language: stories with a matching
// article), since and until (YYYY, YYYY-MM or YYYY-MM-DD: last seen on
// or after, first seen on or before), limit and offset.
func storyFilter(q url.Values) (store.StoryFilter, error) {
	var f store.StoryFilter
	var errs []error
	f.Query = queryParam(q, &errs)
	f.Since, _, _ = dateParam(q, "since", &errs)
	if _, last, _ := dateParam(q, "until", &errs); !last.IsZero() {
		f.Until = last.Add(24 * time.Hour)
	}
	f.Offset, f.Limit = pageParams(q, store.DefaultStoryLimit, MaxStoriesLimit, &errs)
	return f, errors.Join(errs...)
}

// storyList is the answer to GET /v1/stories.
type storyList struct {
	Stories []store.StoryInfo `json:"stories"`
}

// stories answers GET /v1/stories: the stories, latest last seen first.
func (s *Server) stories(w http.ResponseWriter, r *http.Request) {
	f, err := storyFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, "bad_query", err.Error())
		return
	}
	list, err := s.cfg.Store.Stories(r.Context(), f)
	var qe *search.QueryError
	switch {
	case errors.As(err, &qe):
		s.fail(w, r, http.StatusBadRequest, "bad_query", err.Error())
		return
	case err != nil:
		s.storeFail(w, r, http.StatusInternalServerError, err, "")
		return
	}
	s.json(w, r, http.StatusOK, storyList{list})
}

// getStory answers GET /v1/stories/{id}: a story's page.
func (s *Server) getStory(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if id == "" || len(id) > 512 || !utf8.ValidString(id) {
		s.fail(w, r, http.StatusBadRequest, "bad_id", "bad story id")
		return
	}
	p, err := s.cfg.Store.Story(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.fail(w, r, http.StatusNotFound, "not_found", "no story "+strconv.Quote(id))
		return
	}
	if err != nil {
		s.storeFail(w, r, http.StatusInternalServerError, err, "")
		return
	}
	s.json(w, r, http.StatusOK, p)
}

// storyView is the story page's data.
type storyView struct {
	Page    *store.StoryPage
	Sources []sourceCount // its articles per source, most first
}

// sourceCount is a number of a story's articles from one source.
type sourceCount struct {
	Name  string
	Count int
}

// uiStory renders a story's page: its timeline of articles, sources,
// entities, places, dates and events.
func (s *Server) uiStory(w http.ResponseWriter, r *http.Request) {
	p, err := s.cfg.Store.Story(r.Context(), r.PathValue("id"))
	if errors.Is(err, store.ErrNotFound) {
		s.uiError(w, r, http.StatusNotFound, "err_no_story", "")
		return
	}
	if err != nil {
		s.cfg.Logger.Error("story page", "request_id", requestID(r), "err", err)
		status, key := uiStoreStatus(w, err)
		s.uiError(w, r, status, key, "")
		return
	}
	v := storyView{Page: p}
	at := map[string]int{}
	for _, a := range p.Articles {
		if a.Source == "" {
			continue
		}
		if i, ok := at[a.Source]; ok {
			v.Sources[i].Count++
			continue
		}
		at[a.Source] = len(v.Sources)
		v.Sources = append(v.Sources, sourceCount{a.Source, 1})
	}
	slices.SortStableFunc(v.Sources, func(a, b sourceCount) int { return b.Count - a.Count })
	s.render(w, r, http.StatusOK, "story", p.Story.Label, v)
}

// hitStories returns the story of each hit that has one; a failure
// only leaves the links out.
func (s *Server) hitStories(r *http.Request, hits []search.Hit) map[string]string {
	if len(hits) == 0 {
		return nil
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	m, err := s.cfg.Store.StoriesOf(r.Context(), ids)
	if err != nil {
		s.cfg.Logger.Error("stories of hits", "request_id", requestID(r), "err", err)
		return nil
	}
	return m
}
