package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"time"
)

// WatchStore is implemented by stores that keep watches: saved queries
// whose new matches are recorded as documents arrive (package watch
// runs the matching and the deliveries). Both backends implement it.
type WatchStore interface {
	// AddWatch stores a new watch with w's Name, Query and Webhook and
	// returns it with its ID, Secret, Created time and Cursor set: the
	// watch fires for documents stored after it was added.
	AddWatch(ctx context.Context, w Watch) (*Watch, error)
	// Watches returns every watch, oldest first, with its counts.
	Watches(ctx context.Context) ([]Watch, error)
	// GetWatch returns a watch by ID, or ErrNotFound.
	GetWatch(ctx context.Context, id string) (*Watch, error)
	// RemoveWatch deletes a watch and its matches, or returns ErrNotFound.
	RemoveWatch(ctx context.Context, id string) error
	// Arrivals returns up to limit stored documents that came after
	// position after (0: the first), in the order they were stored.
	Arrivals(ctx context.Context, after int64, limit int) ([]Arrival, error)
	// AddWatchMatches records ms as matches of the watch, in order,
	// except those whose Key the watch already has (a story or
	// near-duplicate cluster fires once), and moves the watch's Cursor
	// to cursor, all in one transaction. It returns the matches added,
	// with their Seq set.
	AddWatchMatches(ctx context.Context, id string, cursor int64, ms []WatchMatch) ([]WatchMatch, error)
	// WatchMatches returns the watch's matches with Seq > after: the
	// oldest first when oldest is set (for delivery), else the newest
	// first. limit ≤ 0 means DefaultWatchMatches.
	WatchMatches(ctx context.Context, id string, after int64, limit int, oldest bool) ([]WatchMatch, error)
	// MarkWatch moves one of the watch's marks (WatchDelivered or
	// WatchSeen) forward to seq; it never moves back.
	MarkWatch(ctx context.Context, id string, mark WatchMark, seq int64) error
}

// DefaultWatchMatches is the page of WatchMatches when none is given.
const DefaultWatchMatches = 100

// Watch is a saved query with a name.
type Watch struct {
	ID      string    `json:"id"`
	Name    string    `json:"name"`
	Query   string    `json:"query"`             // in the search language
	Webhook string    `json:"webhook,omitempty"` // URL that new matches are POSTed to; empty: none
	Secret  string    `json:"-"`                 // key of the webhook signature (hex)
	Created time.Time `json:"created"`
	// Cursor is the position (see Arrival.Seq) of the last document
	// the watch was matched against.
	Cursor int64 `json:"-"`
	// Delivered is the Seq of the last match the webhook acknowledged;
	// Seen the Seq of the last match a person was shown.
	Delivered int64 `json:"-"`
	Seen      int64 `json:"-"`
	Matches   int   `json:"matches"` // matches recorded
	// Unseen counts the matches after Seen; Undelivered those after
	// Delivered (for a watch with a webhook).
	Unseen      int `json:"new"`
	Undelivered int `json:"undelivered,omitempty"`
	// Latest is the Seq of its newest match (0: none) and LatestAt when
	// it was recorded.
	Latest   int64     `json:"-"`
	LatestAt time.Time `json:"latest,omitzero"`
}

// Arrival is a stored document in the order of storing.
type Arrival struct {
	Seq       int64 // position in the order of storing; increasing, not dense
	ID        string
	Published string // YYYY-MM-DD or empty
	Ingested  time.Time
}

// WatchMatch is a document a watch fired for.
type WatchMatch struct {
	Seq int64 `json:"seq"` // order of recording in the store, increasing
	// Key names what the match stands for: the document's story, else
	// its near-duplicate cluster; a watch fires once per key.
	Key       string    `json:"key"`
	DocID     string    `json:"id"`
	Title     string    `json:"title"`
	URL       string    `json:"url,omitempty"`
	Source    string    `json:"source,omitempty"`
	Published string    `json:"published,omitempty"`
	Matched   time.Time `json:"matched"` // when it was recorded
}

// WatchMark names a mark of a watch (see MarkWatch).
type WatchMark int

// Marks.
const (
	WatchDelivered WatchMark = iota // acknowledged by the webhook
	WatchSeen                       // shown to a person
)

// NewWatchIDs returns a new random watch ID and webhook secret, as both
// backends give them.
func NewWatchIDs() (id, secret string) {
	var b [40]byte
	rand.Read(b[:])
	return "w" + hex.EncodeToString(b[:8]), hex.EncodeToString(b[8:])
}
