// Package search defines khabar's query language and the
// backend-neutral types of a search: the parsed query (an AST of words,
// phrases, OR groups and exclusions plus field filters), the request
// with paging and recency, and the result with hits, snippets and facets.
//
// Backends (package sqlite, later postgres) translate a Query into their
// own full-text syntax. They never see the user's raw string, so no
// query can inject backend syntax.
//
// The query language:
//
//	word            documents containing the word (Arabic-aware: الاجتماعات finds اجتماع)
//	"two words"     the exact phrase (surface forms, only diacritics and hamza folded)
//	-word, -"a b"   exclusion
//	a OR b          either (also | and أو); OR binds tighter than AND
//	a AND b         both, the same as a b (AND is optional; "AND" in quotes is the word)
//	pre*            prefix
//	entity:NAME     documents mentioning an entity (name, alias, KB id or entity key)
//	said:NAME       documents quoting an entity as a speaker (named as for entity:)
//	place:NAME      documents about a place (a LOC entity or the dateline place)
//	source:NAME     documents from a source
//	type:TYPE       documents with an event of a PLOVER type (PROTEST, CONSULT, ...)
//	from:DATE       published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)
//	to:DATE         published on or before DATE (inclusive: to:2015-07 means to 2015-07-31)
//
// Filter values may be quoted: entity:"حلف شمال الأطلسي". An entity or
// place name is resolved to one stored entity through the knowledge
// base and the stored names, and the result says which (Resolution);
// a said: value is resolved the same way.
// A query with words is ordered by relevance; one with only filters or
// exclusions lists the newest documents first (Result.Order).
package search

import (
	"strings"
	"time"
)

// Node is a node of the full-text part of a Query: *Word, *Phrase, *Or,
// *And or *Not.
type Node interface {
	node()
	// String writes the node back in the query language.
	String() string
}

// Word matches documents containing the word after analysis
// (normalization and stemming).
type Word struct {
	Text   string
	Prefix bool // Text* : any word starting with Text
}

// Phrase matches the words in this order, next to each other, in their
// exact surface form.
type Phrase struct {
	Words []string
}

// Or matches documents matching any of its nodes.
type Or struct {
	Nodes []Node
}

// And matches documents matching all of its nodes. At least one of them
// is not a *Not unless the whole query is made of exclusions.
type And struct {
	Nodes []Node
}

// Not excludes documents matching Node. It appears only as a member of
// an And.
type Not struct {
	Node Node
}

func (*Word) node()   {}
func (*Phrase) node() {}
func (*Or) node()     {}
func (*And) node()    {}
func (*Not) node()    {}

func (w *Word) String() string {
	if w.Prefix {
		return w.Text + "*"
	}
	return w.Text
}

func (p *Phrase) String() string { return `"` + strings.Join(p.Words, " ") + `"` }

func (o *Or) String() string { return joinNodes(o.Nodes, " OR ") }

func (a *And) String() string { return joinNodes(a.Nodes, " ") }

func (n *Not) String() string { return "-" + n.Node.String() }

func joinNodes(ns []Node, sep string) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = n.String()
	}
	return strings.Join(parts, sep)
}

// Query is a parsed search query: a full-text part and field filters.
// All filters must hold; several values of one field are alternatives
// (entity:a entity:b finds documents mentioning a or b).
type Query struct {
	Text     Node     // nil when the query has only filters
	Entities []string // entity: values
	Places   []string // place: values
	Said     []string // said: values
	Sources  []string // source: values
	Types    []string // type: values, upper case
	From     time.Time
	To       time.Time // inclusive day; zero when unset
}

// Empty reports whether q matches everything (no text, no filter).
func (q Query) Empty() bool {
	return q.Text == nil && !q.HasFilters()
}

// Positive reports whether n (a query's Text) has a part that is not an
// exclusion, i.e. whether a full-text index can evaluate it alone.
func Positive(n Node) bool {
	switch n := n.(type) {
	case nil:
		return false
	case *Not:
		return false
	case *And:
		for _, c := range n.Nodes {
			if Positive(c) {
				return true
			}
		}
		return false
	default:
		return true
	}
}

// Request is one search: a query, a page and ranking options.
type Request struct {
	Query  Query
	Offset int // hits to skip
	Limit  int // hits to return; 0 means DefaultLimit, at most MaxLimit
	// Recency, when positive, is the half-life of a freshness boost: a
	// hit's BM25 score is multiplied by 1 + 2^(-age/Recency), age
	// measured from Now to the document's publication date. It is at
	// most MaxRecency (see Validate, ParseRecency).
	Recency time.Duration
	Now     time.Time // reference time for Recency; zero means time.Now()
	// Facets is the number of values to return per facet; 0 means none.
	Facets int
	// ShowCopies returns every near-duplicate as its own hit. By
	// default a search collapses each near-duplicate cluster (see
	// store.Record.Cluster) to its best hit, Total and Facets count
	// clusters, and the hit carries the other copies in Copies and
	// CopyIDs.
	ShowCopies bool
	// GroupStories folds the hits of one story (see store.Record.Story)
	// into its best hit, after near-duplicate copies were folded (unless
	// ShowCopies): Total, Offset and Limit count groups, a document of
	// no story is a group of its own, and the hit names the story in
	// Story and the other hits folded into it in StoryHits and
	// StoryHitIDs. Facets count as without grouping.
	GroupStories bool
}

// Paging limits.
const (
	DefaultLimit = 10
	MaxLimit     = 1000
	MaxOffset    = 100000
)

// Page returns the request's offset and limit with defaults applied and
// clamped to the limits.
func (r Request) Page() (offset, limit int) {
	offset, limit = r.Offset, r.Limit
	if offset < 0 {
		offset = 0
	}
	if offset > MaxOffset {
		offset = MaxOffset
	}
	if limit <= 0 {
		limit = DefaultLimit
	}
	if limit > MaxLimit {
		limit = MaxLimit
	}
	return offset, limit
}

// Result is the answer to a Request.
type Result struct {
	Total  int `json:"total"` // matching documents
	Offset int `json:"offset"`
	// Order is how the hits are ordered: OrderRelevance or OrderNewest.
	Order  string  `json:"order"`
	Hits   []Hit   `json:"hits"`
	Facets *Facets `json:"facets,omitempty"`
	// Resolved says, for each entity:, place: and said: value of the
	// query (the entity: values first, then place:, then said:), which
	// stored entity it was taken to name.
	Resolved []Resolution `json:"resolved,omitempty"`
}

// Hit is one matching document.
type Hit struct {
	ID        string  `json:"id"`
	URL       string  `json:"url,omitempty"`
	Title     string  `json:"title,omitempty"`
	Source    string  `json:"source,omitempty"`
	Published string  `json:"published,omitempty"`
	Score     float64 `json:"score"` // higher is better
	Snippet   Snippet `json:"snippet"`
	// Copies is the number of other matching documents of this hit's
	// near-duplicate cluster folded into it; CopyIDs are their IDs, best
	// first (a backend may list only the first 100).
	Copies  int      `json:"copies,omitempty"`
	CopyIDs []string `json:"copy_ids,omitempty"`
	// Story is the ID of the hit's story when the request grouped by
	// story (Request.GroupStories); empty otherwise, or when the
	// document has no story.
	Story string `json:"story,omitempty"`
	// StoryHits is the number of other hits of the story folded into
	// this one (each with its own copies folded into it unless
	// Request.ShowCopies; those copies are not counted); StoryHitIDs are
	// their IDs, best first (a backend may list only the first
	// MaxStoryHitIDs).
	StoryHits   int      `json:"story_hits,omitempty"`
	StoryHitIDs []string `json:"story_hit_ids,omitempty"`
}

// MaxStoryHitIDs bounds Hit.StoryHitIDs; Hit.StoryHits still counts
// them all.
const MaxStoryHitIDs = 100

// Snippet is a piece of a document's text around the matches, with the
// matched original words marked.
type Snippet struct {
	Text       string   `json:"text"`
	Highlights [][2]int `json:"highlights,omitempty"` // half-open code-point ranges into Text
}

// Facets counts the matching documents by entity, place, source and
// month of publication, most frequent first.
type Facets struct {
	Entities []FacetValue `json:"entities"`
	Places   []FacetValue `json:"places"`
	Sources  []FacetValue `json:"sources"`
	Months   []FacetValue `json:"months"` // "YYYY-MM"
}

// FacetValue is one value of a facet with its document count.
type FacetValue struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}
