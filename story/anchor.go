package story

import (
	"slices"
	"strings"
	"time"

	"github.com/khabar/khabar/search"
)

// Anchors link an article to a large story when its words are too
// many, or too common in the day's stream, for the cosine to find it: a
// large story's reactions, condolences and follow-ups each bring their
// own speakers and details, and share little beyond the event's name:
// its place and a few words about what happened there. An anchor is a
// pair of a place the article's headline or first sentence names (a city
// or province of the knowledge base: not a country, a site or an
// unlinked name, which many stories share) and a term of its headline or
// first words that is not part of the name of a place it names (the
// headline's "Asir" is no word about what happened in Abha, nor "the
// United States" about Washington). A story's anchors are those that Options.AnchorCount of
// its recent members hold, so that only a story several articles have
// reported the same way has any. An article that shares
// Options.AnchorTerms such terms with a story, for one place, whose
// inverse document frequencies sum to Options.Anchor, joins it before
// any similarity is compared.

// anchor is one of an article's anchors: the feature id of the (place,
// term) pair, the slots of the pair and of its term (valid only during
// the AddPrepared that numbered them), and the place's index in the
// article's LeadPlaces.
type anchor struct {
	id         uint64
	slot, term int32
	place      int32
}

// anchorKey is an anchor of a Prepared article before it is numbered:
// the feature ids of the pair and of its term.
type anchorKey struct {
	id, term uint64
	place    int32
}

// prepareAnchors returns the anchors of an article whose analyzed
// headline and lead are toks, the headline's being the first nTitle:
// each lead place with each distinct term of the headline and the first
// head terms of the lead, less the terms of the names of its lead places
// and of the countries it names.
func prepareAnchors(opt *Options, a *Article, toks []search.Token, nTitle int, buf []search.Token) []anchorKey {
	if len(a.LeadPlaces) == 0 || opt.Anchor < 0 {
		return nil
	}
	end := min(len(toks), nTitle+opt.HeadWords)
	terms := make([]string, 0, end)
	for _, t := range toks[:end] {
		terms = append(terms, t.Term)
	}
	slices.Sort(terms)
	terms = slices.Compact(terms)
	// The words of the names of the article's lead places and of the
	// countries it names are no words about what happened there:
	// "Abha" with "Asir", "the United States" with "Washington" name
	// one place twice.
	for _, p := range a.Places {
		if isCountry(p) {
			terms, buf = dropNameTerms(opt, terms, a.Names[p], buf)
		}
	}
	for i, p := range a.LeadPlaces {
		if p == "" || slices.Contains(a.LeadPlaces[:i], p) {
			continue
		}
		name := a.Names[p]
		if name == "" {
			name = p[strings.LastIndexByte(p, ':')+1:]
		}
		terms, buf = dropNameTerms(opt, terms, name, buf)
	}
	var out []anchorKey
	places := 0
	for i, p := range a.LeadPlaces {
		if p == "" || slices.Contains(a.LeadPlaces[:i], p) {
			continue
		}
		for _, t := range terms {
			out = append(out, anchorKey{id: anchorID(p, t), term: featureID(t), place: int32(places)})
		}
		places++
	}
	return out
}

// anchorID is the feature id of the anchor of place p and term t: that
// of the key "x:" + p + "\x00" + t.
func anchorID(p, t string) uint64 {
	return hashMore(hashMore(hashMore(featureID("x:"), p), "\x00"), t)
}

// isCountry reports whether the place key p is a country of the
// knowledge base ("kb:country:QA").
func isCountry(p string) bool {
	return strings.HasPrefix(p, "kb:country:")
}

// dropNameTerms removes from terms those of the name, analyzed into buf,
// and returns them and buf.
func dropNameTerms(opt *Options, terms []string, name string, buf []search.Token) ([]string, []search.Token) {
	if name == "" {
		return terms, buf
	}
	buf = opt.Analyzer.Analyze(name, buf[:0])
	return slices.DeleteFunc(terms, func(t string) bool {
		return slices.ContainsFunc(buf, func(n search.Token) bool { return n.Term == t })
	}), buf
}

// numberAnchors gives a prepared article's anchors their slots.
// They are scratch memory, valid until the next call.
func (c *Clusterer) numberAnchors(p *Prepared) []anchor {
	if len(p.anchors) == 0 {
		return nil
	}
	out := c.ancs[:0]
	for _, k := range p.anchors {
		out = append(out, anchor{id: k.id, slot: c.intern(k.id), term: c.intern(k.term), place: k.place})
	}
	c.ancs = out[:0]
	return out
}

// anchorBest returns the open story, of those with which an article
// whose anchors are anc shares Options.AnchorTerms terms and
// Options.Anchor of weight with one of its places, that has the most
// articles; nil when there is none. The largest rather than the closest:
// the first hours of a big event leave several stories about it (the
// condolence calls, the funerals, the statements), and an article that
// names the event joins the one that has gathered the most coverage, so
// that later coverage gathers in one story.
func (c *Clusterer) anchorBest(anc []anchor, t time.Time) *story {
	if c.opt.Anchor < 0 {
		return nil
	}
	var best *story
	var bestScore float64
	for i := 0; i < len(anc); {
		place := anc[i].place
		c.epoch++
		touched := c.touched[:0]
		for ; i < len(anc) && anc[i].place == place; i++ {
			a := anc[i]
			w := c.idf(a.term)
			for _, s := range c.feats[a.slot].postings.stories {
				if s = s.root(); !c.open(s, t) || int(s.anchors[a.id]) < c.opt.AnchorCount {
					continue
				}
				if s.mark != c.epoch {
					s.mark, s.acc, s.shared = c.epoch, 0, 0
					touched = append(touched, s)
				}
				s.acc += w
				s.shared++
			}
		}
		for _, s := range touched {
			if s.shared < c.opt.AnchorTerms || s.acc < c.opt.Anchor {
				continue
			}
			if best == nil || len(s.ids) > len(best.ids) ||
				len(s.ids) == len(best.ids) && (s.acc > bestScore || s.acc == bestScore && s.id < best.id) {
				best, bestScore = s, s.acc
			}
		}
		clear(touched)
		c.touched = touched[:0]
	}
	return best
}
