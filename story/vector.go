package story

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
)

// feature is one weighted dimension of an article's vector: an analyzer
// term or pair of terms, or an entity ("e:"), place ("p:") or actor
// ("a:") key, by its number in the Clusterer's dictionary.
type feature struct {
	id int32
	w  float64
}

// vector is an article's features, sorted by id, with unit length.
type vector []feature

// dot returns the dot product of two vectors sorted by id.
func dot(a, b vector) float64 {
	var s float64
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].id == b[j].id:
			s += a[i].w * b[j].w
			i++
			j++
		case a[i].id < b[j].id:
			i++
		default:
			j++
		}
	}
	return s
}

// featureState is what the Clusterer knows of one feature.
type featureState struct {
	df       int // articles holding it
	postings postings
}

// intern returns the number of the feature with key k, adding it to the
// dictionary when it is new.
func (c *Clusterer) intern(k string) int32 {
	id, ok := c.dict[k]
	if !ok {
		id = int32(len(c.feats))
		c.dict[k] = id
		c.feats = append(c.feats, featureState{})
	}
	return id
}

// weighted is a term's feature with its key, to choose the strongest.
type weighted struct {
	feature
	key string
}

// vector builds the vector of a prepared article and counts its features
// in the document frequencies.
func (c *Clusterer) vector(p *Prepared) vector {
	// Update the document frequencies first, so that a feature seen for
	// the first time has a finite weight.
	c.docs++
	words := c.words[:0]
	for i := range p.terms {
		t := &p.terms[i]
		n := t.count(c.opt.TitleWeight, c.opt.Pairs)
		if n <= 0 {
			// A pair when Options.Pairs leaves pairs out.
			continue
		}
		id := c.intern(t.key)
		c.feats[id].df++
		words = append(words, weighted{feature{id, n}, t.key})
	}
	weights := [3]float64{c.opt.Entity, c.opt.Place, c.opt.Actor}
	var ids [3][]int32
	n := 0
	for g, keys := range p.groups {
		if weights[g] == 0 || len(keys) == 0 {
			continue
		}
		ids[g] = make([]int32, len(keys))
		for i, k := range keys {
			id := c.intern(k)
			c.feats[id].df++
			ids[g][i] = id
		}
		n += len(keys)
	}
	for i := range words {
		words[i].w = (1 + math.Log(words[i].w)) * c.idf(words[i].id)
	}
	slices.SortFunc(words, func(a, b weighted) int {
		if a.w != b.w {
			if a.w > b.w {
				return -1
			}
			return 1
		}
		return strings.Compare(a.key, b.key)
	})
	c.words = words[:0]
	if len(words) > c.opt.MaxTerms {
		words = words[:c.opt.MaxTerms]
	}
	v := make(vector, len(words), len(words)+n)
	for i, w := range words {
		v[i] = w.feature
	}
	clear(c.words[:cap(c.words)])
	normalize(v)
	// Entities, places and actors form their own unit vectors, scaled by
	// their weights, so that their share does not depend on how many
	// words an article has.
	for g, gids := range ids {
		if len(gids) == 0 {
			continue
		}
		start := len(v)
		for _, id := range gids {
			v = append(v, feature{id, c.idf(id)})
		}
		part := v[start:]
		normalize(part)
		for i := range part {
			part[i].w *= math.Sqrt(weights[g])
		}
	}
	slices.SortFunc(v, func(a, b feature) int { return cmp.Compare(a.id, b.id) })
	normalize(v)
	return v
}

// headline returns the unit vector of a prepared article's headline: its
// terms and pairs of terms, weighted as vector weighs them, without the
// lead; nil when Options.Headline is off. It must follow vector, which
// numbers the terms and counts them.
func (c *Clusterer) headline(p *Prepared) vector {
	if c.opt.Headline <= 0 {
		return nil
	}
	var h vector
	for i := range p.terms {
		t := &p.terms[i]
		n := float64(t.title) + c.opt.Pairs*float64(t.titlePair)
		if n <= 0 {
			continue
		}
		id, ok := c.dict[t.key]
		if !ok {
			continue
		}
		h = append(h, feature{id, (1 + math.Log(n)) * c.idf(id)})
	}
	slices.SortFunc(h, func(a, b feature) int { return cmp.Compare(a.id, b.id) })
	normalize(h)
	return h
}

// idf is a smoothed inverse document frequency.
func (c *Clusterer) idf(id int32) float64 {
	return math.Log(float64(c.docs+1) / float64(c.feats[id].df+1))
}

func normalize(v vector) {
	var n float64
	for _, f := range v {
		n += f.w * f.w
	}
	if n == 0 {
		return
	}
	n = math.Sqrt(n)
	for i := range v {
		v[i].w /= n
	}
}

// lead returns the first n words of text.
func lead(text string, n int) string {
	words := 0
	in := false
	for i, r := range text {
		space := r == ' ' || r == '\n' || r == '\t' || r == '\r'
		if !space && !in {
			words++
			if words > n {
				return text[:i]
			}
		}
		in = !space
	}
	return text
}

// member is one article of a story, kept while it is recent.
type member struct {
	title   string
	v       vector
	head    vector // its headline's vector; nil without Options.Headline
	anchors []anchor
}

// story is the clusterer's state for one story.
type story struct {
	id          string
	first, last time.Time
	recent      []member          // the latest members, oldest first
	centroid    map[int32]float64 // sum of the recent members' vectors
	anchors     map[int32]int32   // the recent members' anchors, counted
	norm        float64           // the centroid's length; -1: to compute
	ids         []string
	sources     map[string]int
	entities    map[string]int
	places      map[string]int
	names       map[string]string
	into        *story   // the story this one was merged into
	merged      []string // ids of the stories merged into this one

	// Clusterer.best's sum of shared weights, valid when mark is the
	// Clusterer's epoch.
	acc    float64
	shared int
	mark   uint64
}

// root returns the story s was merged into, or s.
func (s *story) root() *story {
	for s != nil && s.into != nil {
		s = s.into
	}
	return s
}

func newStory(id string, t time.Time) *story {
	return &story{
		id: id, first: t, last: t,
		centroid: make(map[int32]float64),
		anchors:  make(map[int32]int32),
		sources:  make(map[string]int),
		entities: make(map[string]int),
		places:   make(map[string]int),
		names:    make(map[string]string),
	}
}

// similarity is the largest cosine between v and the story's recent
// members or their centroid: the centroid carries what a story's
// members share (a large story's reactions share the event's words, not
// each other's speakers), a member what a small story is about.
func (s *story) similarity(v vector) float64 {
	var best float64
	for _, m := range s.recent {
		if d := dot(v, m.v); d > best {
			best = d
		}
	}
	if len(s.recent) < 2 {
		return best
	}
	var d float64
	for _, f := range v {
		d += f.w * s.centroid[f.id]
	}
	if s.norm < 0 {
		var n float64
		for _, w := range s.centroid {
			n += w * w
		}
		s.norm = math.Sqrt(n)
	}
	if n := s.norm; n > 0 {
		if c := d / n; c > best {
			best = c
		}
	}
	return best
}

// headSimilarity is the largest cosine between the headline vector h
// and the story's recent members' headlines.
func (s *story) headSimilarity(h vector) float64 {
	var best float64
	for _, m := range s.recent {
		if d := dot(h, m.head); d > best {
			best = d
		}
	}
	return best
}

// add records a new member.
func (s *story) add(a *Article, v, h vector, anc []anchor, t time.Time, recent int) {
	s.addMember(member{title: a.Title, v: v, head: h, anchors: anc}, recent)
	s.addCopy(a, t)
}

// addMember adds m to the recent members and the centroid, dropping the
// oldest beyond recent.
func (s *story) addMember(m member, recent int) {
	s.recent = append(s.recent, m)
	s.norm = -1
	v := m.v
	for _, f := range v {
		s.centroid[f.id] += f.w
	}
	for _, x := range m.anchors {
		s.anchors[x.id]++
	}
	if len(s.recent) > recent {
		drop := s.recent[:len(s.recent)-recent]
		for _, m := range drop {
			for _, x := range m.anchors {
				if s.anchors[x.id]--; s.anchors[x.id] <= 0 {
					delete(s.anchors, x.id)
				}
			}
			for _, f := range m.v {
				if w := s.centroid[f.id] - f.w; w > 1e-9 {
					s.centroid[f.id] = w
				} else {
					delete(s.centroid, f.id)
				}
			}
		}
		s.recent = append(s.recent[:0], s.recent[len(s.recent)-recent:]...)
	}
}

// addCopy records an article without adding its vector: a near-duplicate
// of a member, or a new member whose vector add has kept.
func (s *story) addCopy(a *Article, t time.Time) {
	if t.After(s.last) {
		s.last = t
	}
	if t.Before(s.first) {
		s.first = t
	}
	s.ids = append(s.ids, a.ID)
	if a.Source != "" {
		s.sources[a.Source]++
	}
	for _, k := range a.Entities {
		s.entities[k]++
		if n := a.Names[k]; n != "" {
			s.names[k] = n
		}
	}
	for _, k := range a.Places {
		s.places[k]++
		if n := a.Names[k]; n != "" {
			s.names[k] = n
		}
	}
}

// summary describes the story.
func (s *story) summary() Story {
	out := Story{
		ID: s.id, First: s.first, Last: s.last,
		Articles: len(s.ids), Sources: len(s.sources),
		Members:  append([]string(nil), s.ids...),
		Label:    s.label(),
		Entities: s.top(s.entities, 5),
		Places:   s.top(s.places, 5),
	}
	return out
}

// label is the title of the recent member most similar to the others.
func (s *story) label() string {
	best, bestScore := "", -1.0
	for i, m := range s.recent {
		if strings.TrimSpace(m.title) == "" {
			continue
		}
		var sc float64
		for j, o := range s.recent {
			if i != j {
				sc += dot(m.v, o.v)
			}
		}
		if sc > bestScore {
			best, bestScore = m.title, sc
		}
	}
	return strings.TrimSpace(best)
}

// top returns the names of the n most frequent keys of counts.
func (s *story) top(counts map[string]int, n int) []string {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if counts[keys[i]] != counts[keys[j]] {
			return counts[keys[i]] > counts[keys[j]]
		}
		return keys[i] < keys[j]
	})
	if len(keys) > n {
		keys = keys[:n]
	}
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k
		if name := s.names[k]; name != "" {
			out[i] = name
		}
	}
	return out
}

// postings is a feature's list of recently active stories, newest last.
type postings struct {
	stories []*story
}

// add moves s to the end of the list, dropping the oldest story when the
// list is longer than max.
func (p *postings) add(s *story, max int) {
	if n := len(p.stories); n > 0 && p.stories[n-1] == s {
		return
	}
	for i, o := range p.stories {
		if o == s {
			copy(p.stories[i:], p.stories[i+1:])
			p.stories[len(p.stories)-1] = s
			return
		}
	}
	if len(p.stories) >= max {
		copy(p.stories, p.stories[1:])
		p.stories[len(p.stories)-1] = s
		return
	}
	p.stories = append(p.stories, s)
}
