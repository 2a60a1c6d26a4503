// Package story groups news articles into stories as they arrive: the
// different write-ups of one event or development by different outlets
// and on different days, where package dedup only groups copies of one
// text.
//
// Clustering is incremental and single-pass. An article is turned into a
// sparse vector of weighted features: the search analyzer's terms of its
// headline and lead, weighted by a sublinear term frequency and an inverse
// document frequency learnt from the stream, and its entities, places and
// event actors. It joins the story whose recent members it is most similar
// to, if that similarity reaches a threshold, or else the story of a
// recent member whose headline shares most of its headline's weighted
// words, and otherwise starts a new story. Before that, an article that
// names the event of a large story (a place of its headline or first
// sentence with the story's recurring words about it: see anchor.go)
// joins the largest such story. Near-duplicates (articles the caller
// marks with the same Duplicate key) join their first copy's story
// directly and count as one member.
//
// The cost of adding an article does not grow with the number of stories
// nor with the length of the stream. Candidate stories come from an
// inverted index whose posting lists keep only the most recently active
// stories of each feature; stories silent for longer than the time window
// are never candidates, and the best candidates are chosen with a bounded
// heap. Memory is bounded by the window, not by the history: as the
// stream moves on, the Clusterer evicts the stories closed for good (a
// store keeps them) and forgets the features no recent article had.
//
// Analysis, the costly part, depends on the article alone: Prepare does
// it without a lock, so that a store prepares a batch's articles in
// parallel before its writer adds them one at a time with AddPrepared,
// which applies the stream's document frequencies. Features are numbered
// by a hash of their keys, computed in Prepare, so that vectors compare
// numbers, not strings.
package story

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/khabar/khabar/search"
)

// Defaults of Options.
const (
	DefaultWindow      = 72 * time.Hour
	DefaultThreshold   = 0.32
	DefaultLeadWords   = 120
	DefaultMaxTerms    = 48
	DefaultPostings    = 64
	DefaultCandidates  = 24
	DefaultRecent      = 12
	DefaultTitleWeight = 2
	DefaultPairs       = 1
	DefaultEntity      = 0.8
	DefaultPlace       = 0.3
	DefaultActor       = 0.4
	DefaultAnchor      = 5
	DefaultAnchorCount = 3
	DefaultAnchorTerms = 3
	DefaultHeadWords   = 30
	DefaultHeadline    = 0.35
	// DefaultForget is Options.Forget in time windows.
	DefaultForget = 10
)

// ErrNoID is returned by Add for an article without an ID.
var ErrNoID = errors.New("story: article without an id")

// Options configures a Clusterer. Zero fields take the defaults.
type Options struct {
	// Analyzer turns text into terms; nil means search.DefaultAnalyzer.
	Analyzer search.Analyzer
	// Window is how long a story stays open after its last article.
	Window time.Duration
	// Threshold is the least similarity (0–1) with which an article joins
	// a story.
	Threshold float64
	// LeadWords is how many words of the body, from its start, count.
	LeadWords int
	// MaxTerms keeps an article's strongest terms only.
	MaxTerms int
	// Postings is the length of each feature's list of recent stories.
	Postings int
	// Candidates is how many stories are compared exactly per article.
	Candidates int
	// Recent is how many of a story's latest members it is compared by.
	Recent int
	// Pairs weighs pairs of adjacent terms against single terms; a
	// negative value leaves pairs out.
	Pairs float64
	// Merge, when positive, is the least similarity with which an
	// article joining one story merges another into it. Zero never
	// merges (on the evaluation it cost precision and found nothing).
	Merge float64
	// TitleWeight multiplies the counts of the headline's terms.
	TitleWeight float64
	// Entity, Place and Actor weigh an article's entities, places and
	// event actors against its words (which weigh 1).
	Entity, Place, Actor float64
	// Anchor is the least weight of the anchors (see anchor.go) an
	// article shares with a story's recent members, as the sum of their
	// terms' inverse document frequencies, for it to join the story
	// whatever its similarity with other stories; a negative value turns
	// anchors off.
	Anchor float64
	// AnchorCount is how many of a story's recent members must hold an
	// anchor for it to count.
	AnchorCount int
	// AnchorTerms is the least number of anchor terms shared.
	AnchorTerms int
	// HeadWords is how many terms of the lead, after the headline's,
	// make anchors.
	HeadWords int
	// Headline is the least cosine of an article's headline (its terms
	// and pairs of terms, weighted as in the article's vector) with a
	// recent member's headline for the article to join that member's
	// story when its whole similarity falls short of Threshold; a
	// negative value turns headlines off.
	Headline float64
	// ArticleIDs names a new story by the ID of the article that starts
	// it rather than by a sequence number, so that story IDs are unique
	// and stable across clusterers (as a store needs; see Tracker).
	ArticleIDs bool
	// Forget is how long the Clusterer remembers the document frequency
	// of a feature (a term, pair of terms, entity, place, actor or
	// anchor) that no article has had since and no story in memory is
	// indexed by; one that a single article had is forgotten after
	// Window. Zero means DefaultForget windows. A feature seen again
	// after it was forgotten counts from one.
	Forget time.Duration
}

func (o Options) withDefaults() Options {
	if o.Analyzer == nil {
		o.Analyzer = search.DefaultAnalyzer()
	}
	if o.Window <= 0 {
		o.Window = DefaultWindow
	}
	if o.Threshold <= 0 {
		o.Threshold = DefaultThreshold
	}
	if o.LeadWords <= 0 {
		o.LeadWords = DefaultLeadWords
	}
	if o.MaxTerms <= 0 {
		o.MaxTerms = DefaultMaxTerms
	}
	if o.Postings <= 0 {
		o.Postings = DefaultPostings
	}
	if o.Candidates <= 0 {
		o.Candidates = DefaultCandidates
	}
	if o.Recent <= 0 {
		o.Recent = DefaultRecent
	}
	if o.Pairs < 0 {
		o.Pairs = 0
	} else if o.Pairs == 0 {
		o.Pairs = DefaultPairs
	}
	if o.TitleWeight <= 0 {
		o.TitleWeight = DefaultTitleWeight
	}
	if o.Entity < 0 {
		o.Entity = 0
	} else if o.Entity == 0 {
		o.Entity = DefaultEntity
	}
	if o.Place < 0 {
		o.Place = 0
	} else if o.Place == 0 {
		o.Place = DefaultPlace
	}
	if o.Anchor == 0 {
		o.Anchor = DefaultAnchor
	}
	if o.AnchorCount <= 0 {
		o.AnchorCount = DefaultAnchorCount
	}
	if o.AnchorTerms <= 0 {
		o.AnchorTerms = DefaultAnchorTerms
	}
	if o.HeadWords <= 0 {
		o.HeadWords = DefaultHeadWords
	}
	if o.Headline == 0 {
		o.Headline = DefaultHeadline
	}
	if o.Actor < 0 {
		o.Actor = 0
	} else if o.Actor == 0 {
		o.Actor = DefaultActor
	}
	if o.Forget <= 0 {
		o.Forget = DefaultForget * o.Window
	}
	return o
}

// Article is what the clusterer needs to know about one article.
type Article struct {
	ID        string
	Title     string
	Text      string // the body; only its lead counts
	Source    string
	Published time.Time // zero: the latest time seen so far
	// Duplicate names the article's near-duplicate cluster (package
	// dedup); articles with the same key are one member of one story.
	Duplicate string
	// Entities, Places and Actors are stable keys (store.EntityKey) of
	// the article's entities, the places it is about and its events'
	// actors. Names maps a key to the name shown for it.
	Entities, Places, Actors []string
	Names                    map[string]string
	// LeadPlaces are the keys of the places other than countries that
	// the headline or the lead's first sentence names: with the first
	// words they make the article's anchors (see Options.Anchor).
	LeadPlaces []string
}

// Assignment is where Add put an article.
type Assignment struct {
	Story string  // the story's id
	New   bool    // the article started the story
	Score float64 // its similarity with the story it joined; 0 when New
	// Duplicate reports that it joined through its near-duplicate key.
	Duplicate bool
}

// Story is a summary of one story.
type Story struct {
	ID       string
	Label    string // the most central headline of its recent members
	First    time.Time
	Last     time.Time
	Articles int
	Sources  int
	Entities []string // names of its most frequent entities, at most 5
	Places   []string // names of its most frequent places, at most 5
	// Members lists the ids of its articles in arrival order.
	Members []string
}

// Clusterer assigns articles to stories. It is safe for concurrent use;
// articles are clustered in the order Add is called.
//
// A Clusterer holds the stories still open and those closed since its
// last sweep: every quarter window of the stream's time, Add evicts the
// stories that can take no more articles, those whose last article is
// more than two windows (see Options.Window) older than the latest, and
// forgets the features no longer needed (see Options.Forget). Story,
// Stories and Len then no longer know the evicted stories.
type Clusterer struct {
	opt Options

	mu      sync.Mutex
	now     time.Time
	nowUnix int64            // now, in Unix seconds
	swept   time.Time        // now at the last sweep; zero: none yet
	manual  bool             // sweep only when asked (Tracker.Sync)
	docs    int              // articles seen, for the document frequencies
	dict    map[uint64]int32 // feature id → its slot in feats
	feats   []featureState   // by slot
	free    []int32          // slots of forgotten features
	stories map[string]*story
	order   []string          // story ids in creation order
	dups    map[string]string // duplicate key → story id
	seq     int

	// Scratch memory of one Add.
	epoch   uint64 // marks the stories best has summed weights for
	touched []*story
	cands   []*story
	words   []weighted
	built   []slotted
	slots   []int32 // the slots of the vector being added
	ancs    []anchor
}

// New returns an empty Clusterer.
func New(opt Options) *Clusterer {
	return &Clusterer{
		opt:     opt.withDefaults(),
		dict:    make(map[uint64]int32),
		stories: make(map[string]*story),
		dups:    make(map[string]string),
	}
}

// Add clusters one article and returns the story it joined or started.
// It is AddPrepared(c.Prepare(a)).
func (c *Clusterer) Add(a Article) (Assignment, error) {
	if a.ID == "" {
		return Assignment{}, ErrNoID
	}
	return c.AddPrepared(c.Prepare(a))
}

// AddPrepared clusters one prepared article (see Prepare) and returns
// the story it joined or started.
func (c *Clusterer) AddPrepared(p Prepared) (Assignment, error) {
	a := &p.Article
	if a.ID == "" {
		return Assignment{}, ErrNoID
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	t := c.place(a.Published)
	if !c.manual {
		c.sweep()
	}
	if a.Duplicate != "" {
		if id, ok := c.dups[a.Duplicate]; ok {
			if s := c.stories[id].root(); s != nil && c.open(s, t) {
				s.addCopy(a, t)
				return Assignment{Story: s.id, Duplicate: true}, nil
			}
		}
	}
	v := c.vector(&p)
	h := c.headline(&p)
	anc := c.numberAnchors(&p)
	best, score, others, head, headScore := c.best(v, c.slots, h, t)

	var s *story
	if ab := c.anchorBest(anc, t); ab != nil {
		// The article names the event of a large story.
		s = ab
		score = max(ab.similarity(v), 1e-9)
	} else if best != nil && score >= c.opt.Threshold {
		s = best
		// An article close to several stories shows they are one.
		for _, o := range others {
			c.merge(s, o)
		}
	} else if head != nil && headScore >= c.opt.Headline {
		// Headlines that share most of their words report one event,
		// however different their leads.
		s = head
		score = max(score, 1e-9)
		if s != best {
			score = max(s.similarity(v), 1e-9)
		}
	} else {
		c.seq++
		id := fmt.Sprintf("s%d", c.seq)
		if c.opt.ArticleIDs {
			id = a.ID
		}
		s = c.newStory(id, t)
		score = 0
	}
	c.join(s, a, v, c.slots, h, anc, t)
	return Assignment{Story: s.id, New: score == 0, Score: score}, nil
}

// Restore adds an article to the story with the given ID, creating the
// story if there is none, whatever its similarity: it replays an
// assignment made before, by this or another Clusterer, so that a
// Clusterer rebuilt from a store's records continues the same stories.
// The article counts in the document frequencies as Add counts it, and
// a near-duplicate of a member of the story is a copy.
func (c *Clusterer) Restore(a Article, id string) error {
	if a.ID == "" {
		return ErrNoID
	}
	if id == "" {
		return fmt.Errorf("story: restoring article %s without a story id", a.ID)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	t := c.place(a.Published)
	s := c.stories[id].root()
	if s == nil {
		s = c.newStory(id, t)
	} else if a.Duplicate != "" && c.stories[c.dups[a.Duplicate]].root() == s {
		s.addCopy(&a, t)
		return nil
	}
	p := c.Prepare(a)
	v := c.vector(&p)
	c.join(s, &p.Article, v, c.slots, c.headline(&p), c.numberAnchors(&p), t)
	return nil
}

// place returns the time at which an article published at t is
// clustered, and moves the stream's present to it when it is later.
func (c *Clusterer) place(t time.Time) time.Time {
	if t.IsZero() || t.Before(c.now) && c.now.Sub(t) > c.opt.Window {
		// An undated article, or one older than anything still open,
		// is placed at the stream's present.
		t = c.now
	}
	if t.After(c.now) {
		c.now = t
		c.nowUnix = t.Unix()
	}
	return t
}

// newStory creates and records an empty story.
func (c *Clusterer) newStory(id string, t time.Time) *story {
	s := newStory(id, t)
	c.stories[id] = s
	c.order = append(c.order, id)
	return s
}

// join adds a, with its vector v (whose features are in slots),
// headline vector h and anchors anc, to s and to the index.
func (c *Clusterer) join(s *story, a *Article, v vector, slots []int32, h vector, anc []anchor, t time.Time) {
	s.add(a, v, h, anc, t, c.opt.Recent)
	for _, slot := range slots {
		c.feats[slot].postings.add(s, c.opt.Postings)
	}
	for _, x := range anc {
		c.feats[x.slot].postings.add(s, c.opt.Postings)
	}
	if a.Duplicate != "" {
		if c.dups[a.Duplicate] != s.id {
			s.dups = append(s.dups, a.Duplicate)
		}
		c.dups[a.Duplicate] = s.id
	}
}

// open reports whether s still takes articles at time t.
func (c *Clusterer) open(s *story, t time.Time) bool {
	return t.Sub(s.last) <= c.opt.Window
}

// best returns the most similar open story for v, found through the
// postings of v's features (in slots), and the other stories whose
// similarity reaches Options.Merge; and, of the same candidates, the
// story with the headline most like h (see Options.Headline) and that
// headline cosine.
func (c *Clusterer) best(v vector, slots []int32, h vector, t time.Time) (*story, float64, []*story, *story, float64) {
	c.epoch++
	touched := c.touched[:0]
	cutoff := t.Add(-c.opt.Window)
	for i, f := range v {
		for _, s := range c.feats[slots[i]].postings.stories {
			if s = s.root(); s.last.Before(cutoff) {
				continue
			}
			if s.mark != c.epoch {
				s.mark, s.acc = c.epoch, 0
				touched = append(touched, s)
			}
			s.acc += f.w
		}
	}
	cands := c.topCandidates(touched)
	clear(touched)
	c.touched = touched[:0]
	var best, head *story
	var bestScore, headScore float64
	var above []*story
	for _, s := range cands {
		sc := s.similarity(v)
		if sc > bestScore || sc == bestScore && best != nil && s.id < best.id {
			best, bestScore = s, sc
		}
		if len(h) > 0 {
			if hs := s.headSimilarity(h); hs > headScore || hs == headScore && head != nil && s.id < head.id {
				head, headScore = s, hs
			}
		}
		if c.opt.Merge > 0 && sc >= c.opt.Merge {
			above = append(above, s)
		}
	}
	clear(cands)
	c.cands = cands[:0]
	others := above[:0]
	for _, o := range above {
		if o != best {
			others = append(others, o)
		}
	}
	return best, bestScore, others, head, headScore
}

// merge moves story o into s: its members, counts and recent vectors.
// o's id then stands for s.
func (c *Clusterer) merge(s, o *story) {
	if o == s || o.into != nil {
		return
	}
	o.into = s
	if o.first.Before(s.first) {
		s.first = o.first
	}
	if o.last.After(s.last) {
		s.last = o.last
	}
	s.ids = append(s.ids, o.ids...)
	for k, n := range o.sources {
		s.sources[k] += n
	}
	for k, n := range o.entities {
		s.entities[k] += n
	}
	for k, n := range o.places {
		s.places[k] += n
	}
	for k, n := range o.names {
		s.names[k] = n
	}
	for _, m := range o.recent {
		s.addMember(m, c.opt.Recent)
	}
	o.recent, o.centroid = nil, nil
	s.merged = append(s.merged, o.id)
}

// Len reports how many stories the Clusterer holds: the open ones and
// those closed since its last sweep (see Clusterer).
func (c *Clusterer) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, s := range c.stories {
		if s.into == nil {
			n++
		}
	}
	return n
}

// Open reports how many stories are still open: last joined within
// Options.Window of the latest article clustered.
func (c *Clusterer) Open() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, s := range c.stories {
		if s.into == nil && c.open(s, c.now) {
			n++
		}
	}
	return n
}

// Story returns the summary of the story with the given id; false when
// there is none or it was evicted (see Clusterer).
func (c *Clusterer) Story(id string) (Story, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.stories[id]
	if !ok {
		return Story{}, false
	}
	return s.root().summary(), true
}

// Stories returns the summaries of the stories the Clusterer holds (see
// Len), in the order they began.
func (c *Clusterer) Stories() []Story {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]Story, 0, len(c.order))
	for _, id := range c.order {
		if s := c.stories[id]; s.into == nil {
			out = append(out, s.summary())
		}
	}
	return out
}
