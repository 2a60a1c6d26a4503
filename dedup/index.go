package dedup

import (
	"encoding/binary"
	"fmt"
	"sync"
)

// Index assigns documents to clusters of near-duplicates as they arrive.
// It is safe for concurrent use.
type Index struct {
	opt     Options
	mu      sync.Mutex
	buckets map[bandKey][]int // band hash → document numbers
	docs    []entry
}

type bandKey struct {
	band int
	hash uint64
}

type entry struct {
	id      string
	cluster string
	sig     Signature
}

// NewIndex returns an empty index.
func NewIndex(opt Options) *Index {
	return &Index{opt: opt.withDefaults(), buckets: make(map[bandKey][]int)}
}

// Match is a near-duplicate found for a document.
type Match struct {
	ID         string  // the earlier document
	Cluster    string  // its cluster
	Similarity float64 // estimated Jaccard similarity
}

// Add indexes a document under id and returns its cluster: the cluster of
// its most similar earlier document at or above the threshold, else a new
// cluster named by id. best is that document, if any.
func (x *Index) Add(id string, sig Signature) (cluster string, best *Match, err error) {
	if want := x.opt.Bands * x.opt.Rows; len(sig) != want {
		return "", nil, fmt.Errorf("dedup: signature of %d hashes, index wants %d: %w", len(sig), want, ErrMismatch)
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	best = x.bestLocked(sig)
	cluster = id
	if best != nil {
		cluster = best.Cluster
	}
	n := len(x.docs)
	x.docs = append(x.docs, entry{id: id, cluster: cluster, sig: sig})
	for b := 0; b < x.opt.Bands; b++ {
		k := bandKey{b, bandHash(sig[b*x.opt.Rows : (b+1)*x.opt.Rows])}
		x.buckets[k] = append(x.buckets[k], n)
	}
	return cluster, best, nil
}

// Query returns the most similar indexed document at or above the
// threshold, or nil.
func (x *Index) Query(sig Signature) *Match {
	if len(sig) != x.opt.Bands*x.opt.Rows {
		return nil
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.bestLocked(sig)
}

// Len reports how many documents the index holds.
func (x *Index) Len() int {
	x.mu.Lock()
	defer x.mu.Unlock()
	return len(x.docs)
}

func (x *Index) bestLocked(sig Signature) *Match {
	var best *Match
	seen := make(map[int]struct{})
	for b := 0; b < x.opt.Bands; b++ {
		k := bandKey{b, bandHash(sig[b*x.opt.Rows : (b+1)*x.opt.Rows])}
		for _, n := range x.buckets[k] {
			if _, dup := seen[n]; dup {
				continue
			}
			seen[n] = struct{}{}
			s, _ := Similarity(sig, x.docs[n].sig)
			if s >= x.opt.Threshold && (best == nil || s > best.Similarity) {
				best = &Match{ID: x.docs[n].id, Cluster: x.docs[n].cluster, Similarity: s}
			}
		}
	}
	return best
}

func bandHash(rows []uint64) uint64 {
	var b [8]byte
	h := uint64(14695981039346656037)
	for _, r := range rows {
		binary.LittleEndian.PutUint64(b[:], r)
		for _, c := range b {
			h ^= uint64(c)
			h *= 1099511628211
		}
	}
	return h
}

// BandKeys returns the LSH band keys of a signature made with the
// default options, for stores that keep the index in database tables:
// documents sharing a key are candidates. A text without words gets no
// keys, since its signature would match every other empty one. The keys
// are stable across processes and releases of this package's defaults.
func BandKeys(sig Signature) []int64 {
	empty := true
	for _, v := range sig {
		if v != ^uint64(0) {
			empty = false
			break
		}
	}
	if empty {
		return nil
	}
	bands, rows := DefaultBands, DefaultRows
	keys := make([]int64, 0, bands)
	var buf [8]byte
	for b := 0; b < bands && (b+1)*rows <= len(sig); b++ {
		h := uint64(14695981039346656037) ^ uint64(b+1)*0x9e3779b97f4a7c15
		for _, r := range sig[b*rows : (b+1)*rows] {
			binary.LittleEndian.PutUint64(buf[:], r)
			for _, c := range buf {
				h ^= uint64(c)
				h *= 1099511628211
			}
		}
		keys = append(keys, int64(h))
	}
	return keys
}
