package story

import "slices"

// Memory. An article is never placed earlier than one window before the
// latest (see place), and joins only a story whose last article is at
// most one window older than itself, so a story whose last article is
// more than two windows older than the latest can take no more articles.
// The Clusterer evicts it: the story's summary and members are gone from
// memory (a store keeps them). A feature's document frequency is kept while a story in memory
// is indexed by it, or while articles have it: one that a single article
// had is forgotten a window after, others Options.Forget after. What
// the Clusterer holds is thus bounded by what the stream brings in a
// window (stories) and in Options.Forget (features), not by its length.

// sweepEvery is how far the stream's present moves, in windows, between
// two sweeps: memory holds the stories of the last two windows and a
// quarter.
const sweepEvery = 4

// sweep evicts the closed stories and forgets the features no longer
// needed, when the stream's present has moved a quarter window since the
// last sweep; otherwise it does nothing. Its cost, linear in what the
// Clusterer holds, is spread over the articles of a quarter window.
func (c *Clusterer) sweep() {
	if c.now.IsZero() {
		return
	}
	if !c.swept.IsZero() && c.now.Sub(c.swept) < c.opt.Window/sweepEvery {
		return
	}
	c.swept = c.now
	cutoff := c.now.Add(-c.opt.Window)
	closed := cutoff.Add(-c.opt.Window)
	evicted := 0
	for id, s := range c.stories {
		if r := s.root(); !r.last.Before(closed) {
			continue
		}
		delete(c.stories, id)
		s.gone = true
		for _, k := range s.dups {
			if c.dups[k] == id {
				delete(c.dups, k)
			}
		}
		evicted++
	}
	if evicted > 0 {
		c.order = slices.DeleteFunc(c.order, func(id string) bool { return c.stories[id] == nil })
	}
	forget := c.now.Add(-c.opt.Forget).Unix()
	hapax := cutoff.Unix()
	for slot := range c.feats {
		f := &c.feats[slot]
		if f.df < 0 {
			continue
		}
		if evicted > 0 {
			f.postings.stories = slices.DeleteFunc(f.postings.stories, func(s *story) bool { return s.gone })
		}
		if len(f.postings.stories) > 0 || f.last >= forget && (f.df > 1 || f.last >= hapax) {
			continue
		}
		delete(c.dict, f.id)
		*f = featureState{df: -1}
		c.free = append(c.free, int32(slot))
	}
}

// evict sweeps (see sweep) a Clusterer that sweeps only when asked.
func (c *Clusterer) evict() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sweep()
}

// held reports how many stories and features the Clusterer holds.
func (c *Clusterer) held() (stories, features int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.stories), len(c.dict)
}
