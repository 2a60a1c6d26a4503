// Package store defines khabar's persistent store: the domain interface
// every backend implements (package sqlite, the embedded default, and
// package postgres) and the rules they share: document identity, entity
// keys and name normalization, the shaping of a Document into rows
// (RowOf, EntityRowOf, Evidence, EncodeAnalysis), option defaults and
// the guard that makes Close wait for calls in progress.
//
// A store keeps each document once (by URL and by content hash), its
// Analysis JSON, a full-text index built with khabar's own analyzer, and
// query tables for entities, mentions, dates, quotes and events.
// Package storetest holds the conformance suite every backend passes.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/search"
)

// Errors returned by stores.
var (
	ErrNotFound = errors.New("not found")
	ErrClosed   = errors.New("store closed")
	ErrInvalid  = errors.New("invalid document")
	// ErrUnavailable is wrapped by the errors of calls that failed
	// because the database could not be reached (a restart, a
	// fail-over): the same call may succeed later.
	ErrUnavailable = errors.New("store unavailable")
	// ErrReadOnly is wrapped by the errors of writes to a store that
	// can only be read (such as a PostgreSQL hot standby with no
	// primary to send writes to).
	ErrReadOnly = errors.New("store is read-only")
)

// Store is a persistent store of analyzed documents. Implementations are
// safe for concurrent use: any number of readers may run while a Put is
// in progress.
type Store interface {
	// Put stores docs in one transaction: either all of the new ones are
	// stored or, on error, none is. A document whose URL or content hash
	// is already stored (or appears earlier in docs) is not stored again
	// and is reported as a duplicate. The results are in the order of docs.
	Put(ctx context.Context, docs []Document) ([]PutResult, error)
	// Get returns a stored document by ID, or ErrNotFound.
	Get(ctx context.Context, id string) (*Record, error)
	// Lookup returns the ID of the document stored under url, or ErrNotFound.
	Lookup(ctx context.Context, url string) (string, error)
	// Search runs a query.
	Search(ctx context.Context, req search.Request) (*search.Result, error)
	// Entity returns an entity's page. ref is an entity key, a KB id or
	// a name; a name matches the entity of that normalized name found in
	// the most documents. Unknown entities give ErrNotFound.
	Entity(ctx context.Context, ref string, opt EntityOptions) (*EntityPage, error)
	// Events returns the events matching f, newest first.
	Events(ctx context.Context, f EventFilter) ([]EventRecord, error)
	// Quotes returns the stored quotes matching f, newest first (see
	// QuoteResult). A speaker that names no stored entity gives no
	// quotes and a Resolution whose Note says why.
	Quotes(ctx context.Context, f QuoteFilter) (*QuoteResult, error)
	// Stories returns the stories matching f, the latest last seen
	// first.
	Stories(ctx context.Context, f StoryFilter) ([]StoryInfo, error)
	// Story returns a story's page, or ErrNotFound.
	Story(ctx context.Context, id string) (*StoryPage, error)
	// StoriesOf returns the story of each of the documents ids that
	// has one.
	StoriesOf(ctx context.Context, ids []string) (map[string]string, error)
	// Stats counts what the store holds.
	Stats(ctx context.Context) (Stats, error)
	// Close releases the store. Calls after Close return ErrClosed.
	Close() error
}

// Document is one analyzed document to store.
type Document struct {
	URL         string // identity: at most one document per URL; may be empty
	Source      string // publisher or agency
	Author      string
	Title       string // falls back to Analysis.Title
	ContentType string // of Raw
	Raw         []byte // original bytes, kept when set (e.g. HTML); may be nil
	// Analysis is required; its Text is the document's text and is the
	// basis of the content hash. Published ("YYYY-MM-DD") dates it.
	Analysis *khabar.Analysis
}

// Status says what Put did with a document.
type Status int

// Put statuses.
const (
	Stored           Status = iota // newly stored
	DuplicateURL                   // a document with this URL is already stored
	DuplicateContent               // a document with this content hash is already stored
)

func (s Status) String() string {
	switch s {
	case Stored:
		return "stored"
	case DuplicateURL:
		return "duplicate-url"
	case DuplicateContent:
		return "duplicate-content"
	}
	return "unknown"
}

// PutResult is the outcome of storing one document.
type PutResult struct {
	ID     string // the stored document's ID (the earlier one for duplicates)
	Status Status
	// Cluster, for a Stored document, names its near-duplicate cluster:
	// the ID of the cluster's first document, the document's own ID
	// when it starts a new one. See Record.Cluster.
	Cluster string
}

// Record is a stored document.
type Record struct {
	ID          string
	URL         string
	Source      string
	Author      string
	Title       string
	Published   string // YYYY-MM-DD, may be empty
	Ingested    time.Time
	ContentType string
	Raw         []byte
	Hash        string // hex sha256 of the normalized text
	Analysis    *khabar.Analysis
	// Cluster is the ID of the first stored document of this document's
	// near-duplicate cluster (its own ID when it has no earlier near
	// duplicate). A document joins the cluster of the earliest stored
	// document whose MinHash similarity (package dedup, default options)
	// reaches dedup.DefaultThreshold. Searches return one hit per
	// cluster unless search.Request.ShowCopies is set.
	Cluster string
	// Story is the ID of the document's story (see Store.Story); empty
	// for a document stored without one.
	Story string
}

// EntityOptions bounds an entity page.
type EntityOptions struct {
	Days        int // mention days to return, newest first; 0 means 365
	CoOccurring int // co-occurring entities; 0 means 20
	Quotes      int // quotes; 0 means 20
}

// EntityInfo describes an entity across documents.
type EntityInfo struct {
	Key       string `json:"key"` // stable identity: "kb:ID" or "TYPE:normalized name"
	Type      string `json:"type"`
	Name      string `json:"name"`
	KBID      string `json:"kb_id,omitempty"`
	Wikidata  string `json:"wikidata,omitempty"`
	Country   string `json:"country,omitempty"`
	Documents int    `json:"documents"` // documents mentioning it
	Mentions  int    `json:"mentions"`  // mentions in all documents
}

// EntityPage is what the store knows about one entity.
type EntityPage struct {
	Entity      EntityInfo    `json:"entity"`
	PerDay      []DayCount    `json:"per_day"`     // mentions per publication day, newest first
	CoOccurring []EntityCount `json:"cooccurring"` // entities in the same documents, most shared documents first
	Quotes      []QuoteRecord `json:"quotes"`      // what it said (alone or with others), newest first
}

// DayCount is a number of mentions on one day.
type DayCount struct {
	Day   string `json:"day"` // YYYY-MM-DD
	Count int    `json:"count"`
}

// EntityCount is an entity with a document count.
type EntityCount struct {
	Entity EntityInfo `json:"entity"`
	Count  int        `json:"count"`
}

// QuoteRecord is a stored quote.
type QuoteRecord struct {
	DocID     string `json:"doc"`
	Published string `json:"published,omitempty"`
	Text      string `json:"text"`
	Cue       string `json:"cue,omitempty"`
	Direct    bool   `json:"direct"`
	Speaker   string `json:"speaker,omitempty"` // entity key
}

// EventFilter selects events. Empty fields match everything; Actor and
// Place are entity references as for Store.Entity.
type EventFilter struct {
	Type   string
	Actor  string
	Place  string
	From   time.Time
	To     time.Time // inclusive day
	Offset int
	Limit  int // 0 means 50, at most 1000
}

// EventRecord is a stored event.
type EventRecord struct {
	DocID    string   `json:"doc"`
	Type     string   `json:"type"`
	Mode     string   `json:"mode,omitempty"`
	Date     string   `json:"date,omitempty"` // the event's date, else the document's
	Place    string   `json:"place,omitempty"`
	Actors   []string `json:"actors"` // entity keys
	Evidence string   `json:"evidence"`
}

// Stats counts what a store holds.
type Stats struct {
	Documents int   `json:"documents"`
	Entities  int   `json:"entities"`
	Mentions  int   `json:"mentions"`
	Dates     int   `json:"dates"`
	Quotes    int   `json:"quotes"`
	Events    int   `json:"events"`
	Bytes     int64 `json:"bytes"` // on disk
}
