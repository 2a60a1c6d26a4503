package sqlite

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/ncruces/go-sqlite3"

	"github.com/khabar/khabar/search"
)

// FTS5 costs about a microsecond per matching row in this (WASM
// translated) SQLite, most of it in walking the doclists and calling
// khabar_bm25 for every row: a word found in 5,000 documents takes
// milliseconds. The postings cache keeps, for single terms, what
// khabar_bm25 receives from FTS5 (the matching row ids and the weighted
// frequency of the term in each) so that queries made of such terms
// joined by AND, OR and NOT are matched and scored in Go, with the same
// arithmetic (scorer.scores) and therefore the same scores as the FTS5
// path.
//
// A term's list is filled from FTS5 on first use and is complete up to
// a row id, upTo. Rows are only ever added, with growing row ids (the
// document's), so a list complete up to upTo stays so: a search whose
// snapshot holds rows above upTo extends it with the rows in
// (upTo, snapshot] (FTS5 honours rowid ranges), and a search of an older
// snapshot uses the prefix up to its own highest row id. A list never
// leaves the cache's lock partly written: extending makes a new one.
// As a guard against a deleted row, when a search needs a term's
// document frequency (any expression but a plain OR) it takes it from
// fts5vocab once per snapshot, as the FTS5 path does, unless the list
// was read whole in that snapshot; a list of another length is dropped
// and the search takes the FTS5 path.
//
// Memory: 6 bytes per (term, document) pair plus about 100 bytes per
// term, within a budget (least recently used lists go first).

// PostingsOptions configures a DB's postings cache (see
// DB.SetPostingsOptions).
type PostingsOptions struct {
	// Budget bounds the memory of the cached lists, in bytes; 0 means
	// DefaultPostingsBudget, a negative value disables the cache.
	Budget int64
	// PreloadDF makes Warm load the lists of the terms (not the exact
	// forms of quoted phrases) found in at least this many documents,
	// most frequent first, as far as the budget allows; 0 means
	// DefaultPreloadDF, a negative value preloads nothing.
	PreloadDF int64
}

// Defaults of PostingsOptions. On the 30,085 distinct saudinewsnet
// articles the preload takes 3,024 terms (df ≥ 300, exact forms left
// out) with 3.3 million postings: 20 MB, loaded in about 4 seconds on
// top of the search index (of which 1.3 s to list the terms).
const (
	DefaultPostingsBudget = 64 << 20
	DefaultPreloadDF      = 300
)

// postingOverhead is the memory counted per cached list besides its
// postings and its key.
const postingOverhead = 96

// postingList is the postings of one FTS5 phrase (a single term).
type postingList struct {
	ids  []uint32 // ascending row ids, all ≤ upTo
	tf   []uint16 // weighted frequency in each (columnWeights)
	upTo int64    // complete for the row ids ≤ upTo
	used uint64   // last use, by postingsCache.clock
}

func (l *postingList) bytes(key string) int64 {
	return int64(len(l.ids))*6 + int64(len(key)) + postingOverhead
}

// cut returns the postings with row ids ≤ snap.
func (l *postingList) cut(snap int64) ([]uint32, []uint16) {
	if l.upTo <= snap {
		return l.ids, l.tf
	}
	n, _ := slices.BinarySearch(l.ids, uint32(min(snap+1, math.MaxUint32)))
	return l.ids[:n], l.tf[:n]
}

// postingsCache holds postingLists by phrase expression.
type postingsCache struct {
	mu      sync.Mutex
	budget  int64
	preload int64
	bytes   int64
	clock   uint64
	lists   map[string]*postingList
}

func newPostingsCache() *postingsCache {
	return &postingsCache{budget: DefaultPostingsBudget, preload: DefaultPreloadDF, lists: map[string]*postingList{}}
}

// SetPostingsOptions configures the postings cache; it empties the
// cache when the budget shrinks below what it holds. It does nothing
// for a DB opened with Options.NoSearchIndex, which has no cache.
func (s *DB) SetPostingsOptions(o PostingsOptions) {
	if s.ix == nil {
		return
	}
	pc := s.ix.post
	pc.mu.Lock()
	defer pc.mu.Unlock()
	pc.budget, pc.preload = o.Budget, o.PreloadDF
	if pc.budget == 0 {
		pc.budget = DefaultPostingsBudget
	}
	if pc.preload == 0 {
		pc.preload = DefaultPreloadDF
	}
	pc.evict("")
}

// PostingsStats describes the postings cache.
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

// get returns the cached list of phrase key, marking it used.
func (pc *postingsCache) get(key string) *postingList {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	l := pc.lists[key]
	if l != nil {
		pc.clock++
		l.used = pc.clock
	}
	return l
}

// put caches l for key unless the cache holds a list complete further,
// and keeps the cache within its budget. l must not change afterwards.
func (pc *postingsCache) put(key string, l *postingList) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if pc.budget < 0 || l.bytes(key) > pc.budget {
		return
	}
	if old := pc.lists[key]; old != nil {
		if old.upTo >= l.upTo {
			return
		}
		pc.bytes -= old.bytes(key)
	}
	pc.clock++
	l.used = pc.clock
	pc.lists[key] = l
	pc.bytes += l.bytes(key)
	pc.evict(key)
}

// drop forgets the list of key.
func (pc *postingsCache) drop(key string) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if l := pc.lists[key]; l != nil {
		pc.bytes -= l.bytes(key)
		delete(pc.lists, key)
	}
}

// evict drops the least recently used lists, except keep, until the
// cache is within its budget. The caller holds pc.mu.
func (pc *postingsCache) evict(keep string) {
	for pc.bytes > max(pc.budget, 0) && len(pc.lists) > 0 {
		var victim string
		var oldest uint64 = math.MaxUint64
		for k, l := range pc.lists {
			if k != keep && l.used < oldest {
				victim, oldest = k, l.used
			}
		}
		if oldest == math.MaxUint64 {
			if pc.budget >= 0 {
				return // keep alone fits
			}
			victim = keep
		}
		pc.bytes -= pc.lists[victim].bytes(victim)
		delete(pc.lists, victim)
	}
}

// enabled reports whether the cache may hold lists.
func (pc *postingsCache) enabled() bool {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	return pc.budget >= 0
}

// postings returns the postings of the single-term phrase p with row ids
// ≤ snap, from the cache, extending or filling it from FTS5 in c's
// snapshot. ok is false when p's postings cannot be cached (a frequency
// too large for the list). The caller holds ix.mu for reading.
func postings(c *sqlite3.Conn, ix *docIndex, snap int64, p ftsPhrase) (ids []uint32, tf []uint16, ok bool, err error) {
	pc := ix.post
	l := pc.get(p.expr)
	if l == nil || l.upTo < snap {
		var from int64
		if l != nil {
			from = l.upTo
		}
		newIDs, newTF, ok, err := loadPostings(c, ix, p.expr, from, snap)
		if err != nil || !ok {
			return nil, nil, false, err
		}
		next := &postingList{ids: newIDs, tf: newTF, upTo: snap}
		if l != nil {
			next.ids = slices.Concat(l.ids, newIDs)
			next.tf = slices.Concat(l.tf, newTF)
		} else if len(p.terms) == 1 && !p.prefix {
			// Read whole in this snapshot: its length is the document
			// frequency, which phraseDF would count again.
			ix.storeDF(snap, p.expr, int64(len(newIDs)))
		}
		pc.put(p.expr, next)
		l = next
	}
	ids, tf = l.cut(snap)
	return ids, tf, true, nil
}

// loadPostings reads from FTS5 the rows in (from, to] matching the
// phrase expr, with the phrase's weighted frequency in each, as
// khabar_bm25 sees them.
func loadPostings(c *sqlite3.Conn, ix *docIndex, expr string, from, to int64) ([]uint32, []uint16, bool, error) {
	sc := &scorer{ix: ix, maxID: to, nPhrase: 1}
	err := each(c, `SELECT khabar_bm25(fts, ?) FROM fts WHERE fts MATCH ? AND rowid > ? AND rowid <= ?`,
		[]any{ptrArg{sc}, expr, from, to}, func(*sqlite3.Stmt) error { return nil })
	if err != nil {
		if isPhraseCountError(err) {
			return nil, nil, false, nil
		}
		return nil, nil, false, fmt.Errorf("postings of %s: %w", expr, err)
	}
	tf := make([]uint16, len(sc.freq))
	for i, f := range sc.freq {
		if f < 0 || f > math.MaxUint16 || f != math.Trunc(f) {
			return nil, nil, false, nil
		}
		tf[i] = uint16(f)
	}
	ids := make([]uint32, len(sc.ids)) // no spare capacity: the budget counts lengths
	copy(ids, sc.ids)
	return ids, tf, true, nil
}

// ftsTotals returns FTS5's row count and total row length (all columns)
// in c's snapshot, from its averages record (row 1 of fts_data: a varint
// row count, then a varint token total per column), as khabar_bm25 gets
// them from RowCount and ColumnTotalSize. ok is false when the record
// is missing or malformed.
func ftsTotals(c *sqlite3.Conn) (rows, total int64, ok bool, err error) {
	var rec []byte
	err = each(c, `SELECT block FROM fts_data WHERE id = 1`, nil, func(st *sqlite3.Stmt) error {
		rec = append([]byte(nil), st.ColumnRawBlob(0)...)
		return nil
	})
	if err != nil || len(rec) == 0 {
		return 0, 0, false, err
	}
	v, n := getVarint(rec)
	if n == 0 {
		return 0, 0, false, nil
	}
	rows, rec = int64(v), rec[n:]
	for cols := 0; len(rec) > 0; cols++ {
		v, n := getVarint(rec)
		if n == 0 || cols >= len(columnWeights) {
			return 0, 0, false, nil
		}
		total += int64(v)
		rec = rec[n:]
	}
	return rows, total, true, nil
}

// preloadPostings loads into the cache the lists of the most frequent
// terms (document frequency ≥ the cache's preload threshold, exact
// forms left out), most frequent first, while they fit in the budget.
// It takes ix.mu for reading one list at a time, so that a search index
// refresh waits for one list at most, not for the whole preload.
func preloadPostings(ctx context.Context, c *sqlite3.Conn, ix *docIndex, snap int64) error {
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
	var terms []termDF
	err := each(c, `SELECT term, doc FROM temp.`+vocabTable, nil, func(st *sqlite3.Stmt) error {
		if df := st.ColumnInt64(1); df >= minDF {
			if t := st.ColumnText(0); !strings.HasPrefix(t, search.ExactPrefix) {
				terms = append(terms, termDF{t, df})
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("listing frequent terms: %w", err)
	}
	slices.SortFunc(terms, func(a, b termDF) int {
		if a.df != b.df {
			return int(b.df - a.df)
		}
		return strings.Compare(a.term, b.term)
	})
	var used int64
	for _, t := range terms {
		if err := ctx.Err(); err != nil {
			return err
		}
		var b strings.Builder
		quoteTerms(&b, []string{t.term})
		p := ftsPhrase{expr: b.String(), terms: []string{t.term}}
		size := int64(len(p.expr)) + postingOverhead + 6*t.df
		if used+size > budget {
			break
		}
		ix.mu.RLock()
		ids, _, ok, err := postings(c, ix, snap, p)
		ix.mu.RUnlock()
		if err != nil {
			return err
		}
		if ok && int64(len(ids)) != t.df {
			ix.post.drop(p.expr) // a tokenizer that splits the term, or a deleted row
		}
		used += size
	}
	return nil
}
