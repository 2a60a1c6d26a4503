package story

import (
	"math"

	"github.com/khabar/khabar/search"
	"sort"
	"strings"
	"time"
)

// feature is one weighted dimension of an article's vector: an analyzer
// term, or an entity ("e:"), place ("p:") or actor ("a:") key.
type feature struct {
	key string
	w   float64
}

// vector is an article's features, sorted by key, with unit length.
type vector []feature

// dot returns the dot product of two vectors sorted by key.
func dot(a, b vector) float64 {
	var s float64
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].key == b[j].key:
			s += a[i].w * b[j].w
			i++
			j++
		case a[i].key < b[j].key:
			i++
		default:
			j++
		}
	}
	return s
}

// vector builds an article's vector and counts its features in the
// document frequencies.
func (c *Clusterer) vector(a Article) vector {
	counts := make(map[string]float64)
	// Terms and pairs of adjacent terms (مسجد قوات الطوارئ gives
	// "مسجد قوه" and "قوه طوارء"): a pair names an event more precisely
	// than its words.
	count := func(toks []search.Token, w float64) {
		for i, t := range toks {
			counts[t.Term] += w
			if i > 0 {
				counts[toks[i-1].Term+" "+t.Term] += w * c.opt.Pairs
			}
		}
	}
	toks := c.opt.Analyzer.Analyze(a.Title, nil)
	count(toks, c.opt.TitleWeight)
	toks = c.opt.Analyzer.Analyze(lead(a.Text, c.opt.LeadWords), toks[:0])
	count(toks, 1)
	// Update the document frequencies first, so that a feature seen for
	// the first time has a finite weight.
	c.docs++
	for k := range counts {
		c.df[k]++
	}
	extra := func(prefix string, keys []string, w float64) {
		if w == 0 {
			return
		}
		seen := make(map[string]bool, len(keys))
		for _, k := range keys {
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			c.df[prefix+k]++
		}
	}
	extra("e:", a.Entities, c.opt.Entity)
	extra("p:", a.Places, c.opt.Place)
	extra("a:", a.Actors, c.opt.Actor)

	words := make(vector, 0, len(counts))
	for k, n := range counts {
		words = append(words, feature{k, (1 + math.Log(n)) * c.idf(k)})
	}
	sort.Slice(words, func(i, j int) bool {
		if words[i].w != words[j].w {
			return words[i].w > words[j].w
		}
		return words[i].key < words[j].key
	})
	if len(words) > c.opt.MaxTerms {
		words = words[:c.opt.MaxTerms]
	}
	normalize(words)
	v := words
	// Entities, places and actors form their own unit vectors, scaled by
	// their weights, so that their share does not depend on how many
	// words an article has.
	for _, g := range []struct {
		prefix string
		keys   []string
		w      float64
	}{{"e:", a.Entities, c.opt.Entity}, {"p:", a.Places, c.opt.Place}, {"a:", a.Actors, c.opt.Actor}} {
		if g.w == 0 || len(g.keys) == 0 {
			continue
		}
		var part vector
		seen := make(map[string]bool, len(g.keys))
		for _, k := range g.keys {
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			part = append(part, feature{g.prefix + k, c.idf(g.prefix + k)})
		}
		normalize(part)
		for i := range part {
			part[i].w *= math.Sqrt(g.w)
		}
		v = append(v, part...)
	}
	sort.Slice(v, func(i, j int) bool { return v[i].key < v[j].key })
	normalize(v)
	return v
}

// idf is a smoothed inverse document frequency.
func (c *Clusterer) idf(k string) float64 {
	return math.Log(float64(c.docs+1) / float64(c.df[k]+1))
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
	title string
	v     vector
}

// story is the clusterer's state for one story.
type story struct {
	id          string
	first, last time.Time
	recent      []member           // the latest members, oldest first
	centroid    map[string]float64 // sum of the recent members' vectors
	ids         []string
	sources     map[string]int
	entities    map[string]int
	places      map[string]int
	names       map[string]string
	into        *story   // the story this one was merged into
	merged      []string // ids of the stories merged into this one
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
		centroid: make(map[string]float64),
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
	var d, n float64
	for _, f := range v {
		d += f.w * s.centroid[f.key]
	}
	for _, w := range s.centroid {
		n += w * w
	}
	if n > 0 {
		if c := d / math.Sqrt(n); c > best {
			best = c
		}
	}
	return best
}

// add records a new member.
func (s *story) add(a Article, v vector, t time.Time, recent int) {
	s.addMember(member{title: a.Title, v: v}, recent)
	s.addCopy(a, t)
}

// addMember adds m to the recent members and the centroid, dropping the
// oldest beyond recent.
func (s *story) addMember(m member, recent int) {
	s.recent = append(s.recent, m)
	v := m.v
	for _, f := range v {
		s.centroid[f.key] += f.w
	}
	if len(s.recent) > recent {
		drop := s.recent[:len(s.recent)-recent]
		for _, m := range drop {
			for _, f := range m.v {
				if w := s.centroid[f.key] - f.w; w > 1e-9 {
					s.centroid[f.key] = w
				} else {
					delete(s.centroid, f.key)
				}
			}
		}
		s.recent = append(s.recent[:0], s.recent[len(s.recent)-recent:]...)
	}
}

// addCopy records an article without adding its vector: a near-duplicate
// of a member, or a new member whose vector add has kept.
func (s *story) addCopy(a Article, t time.Time) {
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
