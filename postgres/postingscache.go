package postgres

import (
	"context"
	"fmt"
	"math"
	"slices"
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

// DefaultPostingsBudget is the memory the postings cache may take unless
// Options.PostingsBudget says otherwise.
const DefaultPostingsBudget = 256 << 20

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

// postingsCache holds postingLists by term.
type postingsCache struct {
	mu     sync.Mutex
	budget int64 // negative: no cache
	bytes  int64
	clock  uint64
	lists  map[string]*postingList
}

func newPostingsCache(budget int64) *postingsCache {
	if budget == 0 {
		budget = DefaultPostingsBudget
	}
	return &postingsCache{budget: budget, lists: map[string]*postingList{}}
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
	for pc.bytes > pc.budget {
		victim, oldest := "", uint64(math.MaxUint64)
		for k, v := range pc.lists {
			if k != term && v.used < oldest {
				victim, oldest = k, v.used
			}
		}
		if victim == "" {
			return
		}
		pc.bytes -= pc.lists[victim].bytes(victim)
		delete(pc.lists, victim)
	}
}

// clear empties the cache.
func (pc *postingsCache) clear() {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	clear(pc.lists)
	pc.bytes = 0
}

// PostingsStats describes a DB's postings cache.
type PostingsStats struct {
	Terms    int   // cached lists
	Postings int64 // (term, document) pairs they hold
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
	for _, l := range pc.lists {
		st.Terms++
		st.Postings += int64(len(l.ids))
	}
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
