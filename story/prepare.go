package story

import (
	"slices"
	"strings"
	"sync"

	"github.com/khabar/khabar/search"
)

// Prepared is an article with the part of its vector that depends on the
// article alone: the analyzer's terms of its headline and lead and the
// pairs of adjacent terms, counted, and its entity, place and actor keys.
// What depends on the stream (the inverse document frequencies, the
// choice of the strongest terms) is left to AddPrepared.
//
// Preparing is most of the cost of clustering an article, and it takes no
// lock: a store prepares the articles of a batch in parallel, before it
// writes them, and its writer adds them one at a time. A Prepared must
// come from a Clusterer or Tracker with the same Analyzer and LeadWords
// as the Clusterer it is added to.
type Prepared struct {
	// Article is the article prepared. Its ID, Source, Published,
	// Duplicate and Names may be changed before AddPrepared (a store
	// learns an article's near-duplicate cluster only as it writes it);
	// its Title, Text, Entities, Places and Actors are already counted.
	Article Article

	terms   []termCount // sorted by key, without repeats
	groups  [3][]uint64 // ids of the "e:", "p:" and "a:" keys, without repeats or empty keys, in article order
	anchors []anchorKey // by place
}

// termCount is how often a term, or a pair of adjacent terms, occurs in
// an article's headline and lead. The weights of Options (TitleWeight,
// Pairs) are applied when the article is added.
type termCount struct {
	key                 string
	id                  uint64 // featureID(key)
	title, lead         int32  // as a term
	titlePair, leadPair int32  // as a pair
}

// count returns the term's count with the title and pair weights.
func (t *termCount) count(titleWeight, pairs float64) float64 {
	n := titleWeight*float64(t.title) + float64(t.lead)
	if t.titlePair != 0 || t.leadPair != 0 {
		n += pairs * (titleWeight*float64(t.titlePair) + float64(t.leadPair))
	}
	return n
}

// groupPrefixes are the key prefixes of Prepared.groups.
var groupPrefixes = [3]string{"e:", "p:", "a:"}

// tokenPool holds analyzer buffers for prepare.
var tokenPool = sync.Pool{New: func() any { s := make([]search.Token, 0, 256); return &s }}

// Prepare prepares a for AddPrepared. It is safe to call concurrently
// with any other method.
func (c *Clusterer) Prepare(a Article) Prepared { return prepare(&c.opt, a) }

// Prepare prepares a for AddPrepared on the Clusterers of t. It is safe
// to call concurrently with any other method, Sync included.
func (t *Tracker) Prepare(a Article) Prepared { return prepare(&t.opt, a) }

func prepare(opt *Options, a Article) Prepared {
	bufp := tokenPool.Get().(*[]search.Token)
	toks := opt.Analyzer.Analyze(a.Title, (*bufp)[:0])
	nTitle := len(toks)
	toks = opt.Analyzer.Analyze(lead(a.Text, opt.LeadWords), toks)

	// Every occurrence of a term or a pair, then sorted and summed. The
	// pairs' keys ("مسجد قوه") are built in one buffer, one string.
	type occ struct {
		key  string
		kind int8 // 0 title term, 1 lead term, 2 title pair, 3 lead pair
	}
	occs := make([]occ, 0, 2*len(toks))
	size := 0
	for i, t := range toks {
		if i > 0 && i != nTitle {
			size += len(toks[i-1].Term) + 1 + len(t.Term)
		}
	}
	var b strings.Builder
	b.Grow(size)
	type span struct{ start, end int32 }
	spans := make([]span, 0, len(toks))
	for i, t := range toks {
		if i == 0 || i == nTitle {
			continue
		}
		start := b.Len()
		b.WriteString(toks[i-1].Term)
		b.WriteByte(' ')
		b.WriteString(t.Term)
		spans = append(spans, span{int32(start), int32(b.Len())})
	}
	pairs := b.String()
	k := 0
	for i, t := range toks {
		term, pair := int8(0), int8(2)
		if i >= nTitle {
			term, pair = 1, 3
		}
		occs = append(occs, occ{t.Term, term})
		if i == 0 || i == nTitle {
			continue
		}
		sp := spans[k]
		k++
		occs = append(occs, occ{pairs[sp.start:sp.end], pair})
	}
	p := Prepared{Article: a}
	p.anchors = prepareAnchors(opt, &p.Article, toks, nTitle, nil)
	clear(toks)
	*bufp = toks[:0]
	tokenPool.Put(bufp)

	slices.SortFunc(occs, func(x, y occ) int { return strings.Compare(x.key, y.key) })
	for i := 0; i < len(occs); {
		tc := termCount{key: occs[i].key, id: featureID(occs[i].key)}
		for ; i < len(occs) && occs[i].key == tc.key; i++ {
			switch occs[i].kind {
			case 0:
				tc.title++
			case 1:
				tc.lead++
			case 2:
				tc.titlePair++
			default:
				tc.leadPair++
			}
		}
		p.terms = append(p.terms, tc)
	}
	for g, keys := range [3][]string{a.Entities, a.Places, a.Actors} {
		p.groups[g] = prefixed(groupPrefixes[g], keys)
	}
	return p
}

// prefixed returns the feature ids of the keys with prefix, without
// repeats or empty keys, in their order.
func prefixed(prefix string, keys []string) []uint64 {
	var out []uint64
	var seen map[string]bool
	for i, k := range keys {
		if k == "" {
			continue
		}
		if len(keys) > 16 {
			if seen == nil {
				seen = make(map[string]bool, len(keys))
			}
			if seen[k] {
				continue
			}
			seen[k] = true
		} else if slices.Contains(keys[:i], k) {
			continue
		}
		out = append(out, featureID(prefix+k))
	}
	return out
}
