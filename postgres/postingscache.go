package postgres

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
)

// The postings cache keeps, for the analyzed terms searched lately, the
// rows of the postings table (document row id and weighted frequency),
// so that a query of such terms joined by AND, OR and NOT is matched
// and scored in Go. A list is complete for the documents of the search
// index's load (generation) it was read or extended in; a search at a
// later load extends it with the postings of the documents loaded
// since, read from the index range of the term that holds them.
//
// Memory: 6 bytes per posting and about 100 bytes per term, within a
// budget; the lists used least recently go first.

// Defaults of Options.PostingsBudget and Options.PreloadDF: the memory
// the postings cache may take, and the document frequency from which
// Warm loads a term's list (the threshold package sqlite uses).
const (
	DefaultPostingsBudget = 256 << 20
	DefaultPreloadDF      = 300
)

// preloadBatch is the number of lists preloadPostings reads in one
// round trip (and one hold of the index's read lock).
const preloadBatch = 64

// postingOverhead is the memory counted per list besides its postings.
const postingOverhead = 96

// postingList is the postings of one term.
type postingList struct {
	ids  []uint32 // ascending document row ids
	tf   []uint16 // weighted frequency in each
	gen  uint32   // complete for the index's documents of loads ≤ gen
	used uint64   // last use, by postingsCache.clock
}

func (l *postingList) bytes(term string) int64 {
	return int64(len(l.ids))*6 + int64(len(term)) + postingOverhead
}

// postingsCache holds postingLists by term (by phrase under phraseKey,
// an entity's documents under entityKeyPrefix and its row id), and the terms
// under each prefix searched.
type postingsCache struct {
	mu       sync.Mutex
	budget   int64 // negative: no cache
	preload  int64 // Warm's document frequency threshold; negative: none
	bytes    int64
	clock    uint64
	lists    map[string]*postingList
	prefixes map[string]*prefixEntry
}

// prefixEntry is the analyzed terms starting with a prefix, sorted, for
// the index's documents of loads ≤ gen.
type prefixEntry struct {
	terms []string
	gen   uint32
	used  uint64
}

func (e *prefixEntry) bytes(prefix string) int64 {
	n := int64(len(prefix)) + postingOverhead
	for _, t := range e.terms {
		n += int64(len(t)) + 16
	}
	return n
}

func newPostingsCache(budget, preload int64) *postingsCache {
	if budget == 0 {
		budget = DefaultPostingsBudget
	}
	if preload == 0 {
		preload = DefaultPreloadDF
	}
	return &postingsCache{budget: budget, preload: preload, lists: map[string]*postingList{}, prefixes: map[string]*prefixEntry{}}
}

// prefixTerms returns the cached terms under prefix and the load they
// are complete for; found is false when none are cached.
func (pc *postingsCache) prefixTerms(prefix string) (terms []string, gen uint32, found bool) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	e := pc.prefixes[prefix]
	if e == nil {
		return nil, 0, false
	}
	pc.clock++
	e.used = pc.clock
	return e.terms, e.gen, true
}

// putPrefix caches the terms under prefix, complete for the loads up to
// gen, unless the cache holds them for a later load. terms must not
// change afterwards.
func (pc *postingsCache) putPrefix(prefix string, terms []string, gen uint32) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	e := &prefixEntry{terms: terms, gen: gen}
	if pc.budget < 0 || e.bytes(prefix) > pc.budget {
		return
	}
	if old := pc.prefixes[prefix]; old != nil {
		if old.gen >= gen {
			return
		}
		pc.bytes -= old.bytes(prefix)
	}
	pc.clock++
	e.used = pc.clock
	pc.prefixes[prefix] = e
	pc.bytes += e.bytes(prefix)
	pc.evict()
}

func (pc *postingsCache) get(term string) *postingList {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	l := pc.lists[term]
	if l != nil {
		pc.clock++
		l.used = pc.clock
	}
	return l
}

// put caches l unless the cache holds a list of a later load, and keeps
// the cache within its budget. l must not change afterwards.
func (pc *postingsCache) put(term string, l *postingList) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if pc.budget < 0 || l.bytes(term) > pc.budget {
		return
	}
	if old := pc.lists[term]; old != nil {
		if old.gen >= l.gen {
			return
		}
		pc.bytes -= old.bytes(term)
	}
	pc.clock++
	l.used = pc.clock
	pc.lists[term] = l
	pc.bytes += l.bytes(term)
	pc.evict()
}

// evict drops the entries used least recently, except the one just
// used, until the cache is within its budget. The caller holds pc.mu.
func (pc *postingsCache) evict() {
	for pc.bytes > pc.budget {
		victim, oldest, isPrefix := "", uint64(math.MaxUint64), false
		for k, v := range pc.lists {
			if v.used < oldest && v.used != pc.clock {
				victim, oldest = k, v.used
			}
		}
		for k, v := range pc.prefixes {
			if v.used < oldest && v.used != pc.clock {
				victim, oldest, isPrefix = k, v.used, true
			}
		}
		switch {
		case oldest == math.MaxUint64:
			return
		case isPrefix:
			pc.bytes -= pc.prefixes[victim].bytes(victim)
			delete(pc.prefixes, victim)
		default:
			pc.bytes -= pc.lists[victim].bytes(victim)
			delete(pc.lists, victim)
		}
	}
}

// clear empties the cache.
func (pc *postingsCache) clear() {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	clear(pc.lists)
	clear(pc.prefixes)
	pc.bytes = 0
}

// PostingsStats describes a DB's postings cache.
type PostingsStats struct {
	Terms    int   // cached lists of terms
	Phrases  int   // cached lists of phrases and exact words
	Prefixes int   // prefixes whose terms are cached
	Entities int   // cached lists of an entity's documents
	Postings int64 // (term or phrase, document) pairs the lists hold
	Bytes    int64 // memory counted against the budget
}

// PostingsStats returns the state of the postings cache (zero for a DB
// opened with Options.NoSearchIndex).
func (s *DB) PostingsStats() PostingsStats {
	var st PostingsStats
	if s.ix == nil {
		return st
	}
	pc := s.ix.post
	pc.mu.Lock()
	defer pc.mu.Unlock()
	for k, l := range pc.lists {
		switch {
		case strings.HasPrefix(k, entityKeyPrefix):
			st.Entities++
		case strings.HasPrefix(k, "\x00"):
			st.Phrases++
		default:
			st.Terms++
		}
		st.Postings += int64(len(l.ids))
	}
	st.Prefixes = len(pc.prefixes)
	st.Bytes = pc.bytes
	return st
}

// postingsOf returns the postings of terms for the index's documents at
// its current load: from the cache, read or extended in one round trip
// where needed (in a snapshot that holds the index's documents). ok is false when a list cannot be
// held (a frequency above 65,535). The caller holds ix.mu for reading.
func (ix *searchIndex) postingsOf(ctx context.Context, tx dbQuerier, terms []string) (lists []*postingList, ok bool, err error) {
	lists = make([]*postingList, len(terms))
	type pending struct {
		i    int
		old  *postingList
		from int64 // lowest row id loaded after old, 0: read whole
	}
	var todo []pending
	b := &pgx.Batch{}
	for i, t := range terms {
		l := ix.post.get(t)
		if l != nil && l.gen == ix.gen {
			lists[i] = l
			continue
		}
		if l != nil && l.gen > ix.gen {
			l = nil // a reset index: cannot happen otherwise
		}
		p := pending{i: i, old: l}
		if l != nil {
			p.from = math.MaxInt64
			for _, id := range ix.order[ix.genLen[l.gen]:] {
				p.from = min(p.from, int64(id))
			}
		}
		todo = append(todo, p)
		if p.from > 0 {
			b.Queue(`SELECT doc, tf FROM postings WHERE term = $1 AND doc >= $2 ORDER BY doc`, t, p.from)
		} else {
			b.Queue(`SELECT doc, tf FROM postings WHERE term = $1 ORDER BY doc`, t)
		}
	}
	if len(todo) == 0 {
		return lists, true, nil
	}
	br := tx.SendBatch(ctx, b)
	defer br.Close()
	ok = true
	for _, p := range todo {
		rows, err := br.Query()
		if err != nil {
			return nil, false, fmt.Errorf("postings of %q: %w", terms[p.i], err)
		}
		var ids []uint32
		var tfs []uint16
		var doc int64
		var tf int32
		_, err = pgx.ForEachRow(rows, []any{&doc, &tf}, func() error {
			if !ix.present(doc) {
				return nil // committed after the index was loaded
			}
			if p.old != nil && ix.docs[doc].gen <= p.old.gen {
				return nil // in the list already
			}
			if tf < 0 || tf > math.MaxUint16 {
				ok = false
			}
			ids, tfs = append(ids, uint32(doc)), append(tfs, uint16(tf))
			return nil
		})
		if err != nil {
			return nil, false, fmt.Errorf("postings of %q: %w", terms[p.i], err)
		}
		l := &postingList{ids: ids, tf: tfs, gen: ix.gen}
		if p.old != nil {
			l = &postingList{ids: mergeIDs(p.old.ids, ids), gen: ix.gen}
			l.tf = mergeTF(p.old.ids, p.old.tf, ids, tfs, len(l.ids))
		}
		lists[p.i] = l
		if ok {
			ix.post.put(terms[p.i], l)
		}
	}
	return lists, ok, br.Close()
}

// mergeIDs merges two ascending lists of distinct ids.
func mergeIDs(a, b []uint32) []uint32 {
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 || a[len(a)-1] < b[0] {
		return slices.Concat(a, b)
	}
	return union(a, b)
}

// mergeTF returns the frequencies of mergeIDs(aIDs, bIDs), n of them.
func mergeTF(aIDs []uint32, aTF []uint16, bIDs []uint32, bTF []uint16, n int) []uint16 {
	out := make([]uint16, 0, n)
	i, j := 0, 0
	for i < len(aIDs) || j < len(bIDs) {
		if j >= len(bIDs) || (i < len(aIDs) && aIDs[i] < bIDs[j]) {
			out = append(out, aTF[i])
			i++
		} else {
			out = append(out, bTF[j])
			j++
		}
	}
	return out
}

// preloadPostings loads into the cache the lists of the terms found in
// at least the cache's preload threshold of documents, most frequent
// first, while they fit in the budget (as package sqlite's Warm does).
// The frequencies are counted over the postings table, which may hold
// documents committed after the index was loaded: they only order the
// terms and estimate their lists' memory. It holds ix.mu for reading
// one batch of lists at a time, so that a sync waits for one batch at
// most, not for the whole preload.
func (ix *searchIndex) preloadPostings(ctx context.Context, q dbQuerier) error {
	pc := ix.post
	pc.mu.Lock()
	minDF, budget := pc.preload, pc.budget
	pc.mu.Unlock()
	if minDF < 0 || budget < 0 {
		return nil
	}
	type termDF struct {
		term string
		df   int64
	}
	rows, err := q.Query(ctx, `SELECT term, count(*) FROM postings GROUP BY term HAVING count(*) >= $1`, minDF)
	if err != nil {
		return fmt.Errorf("listing frequent terms: %w", err)
	}
	var terms []termDF
	var t termDF
	if _, err := pgx.ForEachRow(rows, []any{&t.term, &t.df}, func() error {
		terms = append(terms, t)
		return nil
	}); err != nil {
		return fmt.Errorf("listing frequent terms: %w", err)
	}
	slices.SortFunc(terms, func(a, b termDF) int {
		if a.df != b.df {
			return cmp.Compare(b.df, a.df)
		}
		return strings.Compare(a.term, b.term)
	})
	var used int64
	var batch []string
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		ix.mu.RLock()
		_, _, err := ix.postingsOf(ctx, q, batch)
		ix.mu.RUnlock()
		batch = batch[:0]
		return err
	}
	for _, t := range terms {
		size := int64(len(t.term)) + postingOverhead + 6*t.df
		if used+size > budget {
			break
		}
		used += size
		if batch = append(batch, t.term); len(batch) == preloadBatch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}
