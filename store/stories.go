package store

import (
	"time"

	"github.com/khabar/khabar/search"
)

// Defaults and bounds of StoryFilter and StoryPage.
const (
	DefaultStoryLimit = 20
	MaxStoryLimit     = 1000
	// StorySearchHits is how many of a query's best hits Store.Stories
	// takes the stories of.
	StorySearchHits = search.MaxLimit
	// MaxStoryArticles bounds StoryPage.Articles, earliest first.
	MaxStoryArticles = 1000
	// StoryTop is how many entities, places and dates a StoryPage
	// lists; StoryEvents how many events.
	StoryTop    = 10
	StoryEvents = 50
)

// StoryFilter selects stories for Store.Stories. The zero filter keeps
// every story.
type StoryFilter struct {
	Since time.Time // keeps stories last seen at or after Since
	Until time.Time // keeps stories first seen before Until
	// Query keeps the stories of the documents among the best
	// StorySearchHits hits of the search (near-duplicates included).
	Query  search.Query
	Offset int // stories to skip, at most search.MaxOffset
	Limit  int // stories to return; 0 means DefaultStoryLimit, at most MaxStoryLimit
}

// WithDefaults returns f with its page made valid, as every
// Store.Stories reads it.
func (f StoryFilter) WithDefaults() StoryFilter {
	if f.Limit <= 0 {
		f.Limit = DefaultStoryLimit
	}
	f.Limit = min(f.Limit, MaxStoryLimit)
	f.Offset = min(max(f.Offset, 0), search.MaxOffset)
	return f
}

// SearchRequest is the search whose hits' stories Store.Stories
// returns, when f has a query.
func (f StoryFilter) SearchRequest() search.Request {
	return search.Request{Query: f.Query, Limit: StorySearchHits, ShowCopies: true}
}

// StoryInfo summarizes a story: articles that report one event or
// development, grouped as they were stored (package story).
type StoryInfo struct {
	ID       string    `json:"id"`    // the ID of the story's first document
	Label    string    `json:"label"` // its most central recent headline
	First    time.Time `json:"first"` // when its first article was published (or stored)
	Last     time.Time `json:"last"`  // when its latest one was
	Articles int       `json:"articles"`
	Sources  int       `json:"sources"` // distinct publishers
}

// StoryPage is what the store knows about one story.
type StoryPage struct {
	Story    StoryInfo     `json:"story"`
	Entities []EntityCount `json:"entities"` // people, organizations…: most articles first
	Places   []EntityCount `json:"places"`   // most articles first
	Dates    []DateCount   `json:"dates"`    // dates its articles mention, most articles first
	Events   []EventRecord `json:"events"`   // the events of its articles, by date
	// Articles is its timeline: by publication date, then as stored.
	Articles []StoryArticle `json:"articles"`
}

// DateCount is a date value (YYYY, YYYY-MM or YYYY-MM-DD) with the
// number of articles that mention it.
type DateCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// StoryArticle is one document of a story.
type StoryArticle struct {
	ID        string `json:"id"`
	Title     string `json:"title,omitempty"`
	URL       string `json:"url,omitempty"`
	Source    string `json:"source,omitempty"`
	Published string `json:"published,omitempty"` // YYYY-MM-DD
}

// StoryTime is how the SQL backends keep a story's times: RFC 3339 in
// UTC to the second, which sorts as the times do.
func StoryTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// StorySpan is the first and last publication time of a story's articles
// in one write (both backends record a story's span this way).
type StorySpan struct{ First, Last time.Time }

// Add counts an article published at t; an undated one counts as
// published now.
func (s *StorySpan) Add(t, now time.Time) {
	if t.IsZero() {
		t = now
	}
	if s.First.IsZero() || t.Before(s.First) {
		s.First = t
	}
	if t.After(s.Last) {
		s.Last = t
	}
}
