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
// ("a:") key, by its id (featureID of the key).
type feature struct {
	id uint64
	w  float64
}

// featureID is a feature's id: the 64-bit FNV-1a hash of its key. Ids
// are computed in Prepare, without the Clusterer's lock, and stay the
// same when the Clusterer forgets a feature and learns it again; two
// keys with one id (about one chance in 10^7 among millions of keys)
// share their document frequency.
func featureID(key string) uint64 {
	return hashMore(fnvOffset, key)
}

// fnvOffset is FNV-1a's initial hash.
const fnvOffset = 14695981039346656037

// hashMore returns h with the bytes of s hashed into it (FNV-1a), so that
// a key made of parts is hashed without building it.
func hashMore(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
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

// featureState is what the Clusterer knows of one feature, in its slot
// of Clusterer.feats.
type featureState struct {
	id       uint64
	df       int32 // articles holding it; -1: a free slot
	last     int64 // the stream's present (Unix seconds) when last seen
	postings postings
}

// intern returns the slot of the feature id, adding it when it is new,
// and marks it seen now. Slots are valid until the next sweep.
func (c *Clusterer) intern(id uint64) int32 {
	slot, ok := c.dict[id]
	if !ok {
		if n := len(c.free); n > 0 {
			slot = c.free[n-1]
			c.free = c.free[:n-1]
		} else {
			slot = int32(len(c.feats))
			c.feats = append(c.feats, featureState{})
		}
		c.feats[slot] = featureState{id: id}
		c.dict[id] = slot
	}
	c.feats[slot].last = c.nowUnix
	return slot
}

// weighted is a term's feature with its key and slot, to choose the
// strongest.
type weighted struct {
	feature
	slot int32
	key  string
}

// slotted is a feature with its slot, while a vector is built.
type slotted struct {
	feature
	slot int32
}

// vector builds the vector of a prepared article and counts its features
// in the document frequencies. It also leaves the slots of the vector's
// features, in the vector's order, in c.slots, for best and join.
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
		slot := c.intern(t.id)
		c.feats[slot].df++
		words = append(words, weighted{feature{t.id, n}, slot, t.key})
	}
	weights := [3]float64{c.opt.Entity, c.opt.Place, c.opt.Actor}
	var slots [3][]int32
	n := 0
	for g, ids := range p.groups {
		if weights[g] == 0 || len(ids) == 0 {
			continue
		}
		slots[g] = make([]int32, len(ids))
		for i, id := range ids {
			slot := c.intern(id)
			c.feats[slot].df++
			slots[g][i] = slot
		}
		n += len(ids)
	}
	for i := range words {
		words[i].w = (1 + math.Log(words[i].w)) * c.idf(words[i].slot)
	}
	words = strongest(words, c.opt.MaxTerms)
	c.words = words[:0]
	built := c.built[:0]
	for _, w := range words {
		built = append(built, slotted{w.feature, w.slot})
	}
	clear(c.words[:cap(c.words)])
	normalizeSlotted(built)
	// Entities, places and actors form their own unit vectors, scaled by
	// their weights, so that their share does not depend on how many
	// words an article has.
	for g, gslots := range slots {
		if len(gslots) == 0 {
			continue
		}
		start := len(built)
		for i, slot := range gslots {
			built = append(built, slotted{feature{p.groups[g][i], c.idf(slot)}, slot})
		}
		part := built[start:]
		normalizeSlotted(part)
		for i := range part {
			part[i].w *= math.Sqrt(weights[g])
		}
	}
	slices.SortFunc(built, func(a, b slotted) int { return cmp.Compare(a.id, b.id) })
	v := make(vector, len(built))
	c.slots = c.slots[:0]
	for i, f := range built {
		v[i] = f.feature
		c.slots = append(c.slots, f.slot)
	}
	c.built = built[:0]
	normalize(v)
	return v
}

// headline returns the unit vector of a prepared article's headline: its
// terms and pairs of terms, weighted as vector weighs them, without the
// lead; nil when Options.Headline is off. It must follow vector, which
// counts the terms.
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
		slot, ok := c.dict[t.id]
		if !ok {
			continue
		}
		h = append(h, feature{t.id, (1 + math.Log(n)) * c.idf(slot)})
	}
	slices.SortFunc(h, func(a, b feature) int { return cmp.Compare(a.id, b.id) })
	normalize(h)
	return h
}

// idf is a smoothed inverse document frequency of the feature in slot.
func (c *Clusterer) idf(slot int32) float64 {
	return math.Log(float64(c.docs+1) / float64(c.feats[slot].df+1))
}

// normalizeSlotted is normalize for features with their slots.
func normalizeSlotted(v []slotted) {
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
	head    vector   // its headline's vector; nil without Options.Headline
	anchors []uint64 // the ids of its anchors
}

// story is the clusterer's state for one story.
type story struct {
	id          string
	first, last time.Time
	recent      []member           // the latest members, oldest first
	centroid    map[uint64]float64 // sum of the recent members' vectors
	anchors     map[uint64]int32   // the recent members' anchors, counted
	norm        float64            // the centroid's length; -1: to compute
	ids         []string
	sources     map[string]int
	entities    map[string]int
	places      map[string]int
	names       map[string]string
	into        *story   // the story this one was merged into
	merged      []string // ids of the stories merged into this one
	dups        []string // its near-duplicate keys in Clusterer.dups
	gone        bool     // evicted (see Clusterer.sweep)

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
		centroid: make(map[uint64]float64),
		anchors:  make(map[uint64]int32),
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
	var ids []uint64
	if len(anc) > 0 {
		ids = make([]uint64, len(anc))
		for i, x := range anc {
			ids[i] = x.id
		}
	}
	s.addMember(member{title: a.Title, v: v, head: h, anchors: ids}, recent)
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
		s.anchors[x]++
	}
	if len(s.recent) > recent {
		drop := s.recent[:len(s.recent)-recent]
		for _, m := range drop {
			for _, x := range m.anchors {
				if s.anchors[x]--; s.anchors[x] <= 0 {
					delete(s.anchors, x)
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
