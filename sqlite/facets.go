package sqlite

import (
	"cmp"
	"fmt"
	"slices"
	"sync"

	"github.com/khabar/khabar/search"
)

// facets counts the matches (already collapsed: one per cluster) by
// entity, place, source and month, exactly, as the SQL path does:
// entities and places most frequent first (ties by name), places being
// the LOC entities; sources most frequent first (ties by name); months
// newest first. The caller holds ix.mu for reading.
func (ix *docIndex) facets(ms []match, n int) *search.Facets {
	f := &search.Facets{Entities: []search.FacetValue{}, Places: []search.FacetValue{},
		Sources: []search.FacetValue{}, Months: []search.FacetValue{}}

	cp := entityCounts.Get().(*[]int32)
	counts := *cp
	if len(counts) < len(ix.entities) {
		counts = make([]int32, len(ix.entities))
	}
	var touched []uint32
	srcCounts := make([]int, len(ix.sources))
	months := map[int32]int{}
	for _, m := range ms {
		d := &ix.docs[m.id]
		for _, e := range ix.ents[d.entStart:d.entEnd] {
			if counts[e] == 0 {
				touched = append(touched, e)
			}
			counts[e]++
		}
		srcCounts[d.source]++
		if d.day != 0 {
			months[d.day/100]++
		}
	}

	less := func(a, b entityCount) bool {
		if a.count != b.count {
			return a.count > b.count
		}
		return ix.entities[a.id].name < ix.entities[b.id].name
	}
	var ents, locs []entityCount
	for _, e := range touched {
		ec := entityCount{id: e, count: counts[e]}
		counts[e] = 0
		if ix.entities[e].loc {
			locs = append(locs, ec)
		} else {
			ents = append(ents, ec)
		}
	}
	*cp = counts
	entityCounts.Put(cp)
	for _, x := range []struct {
		dst *[]search.FacetValue
		src []entityCount
	}{{&f.Entities, ents}, {&f.Places, locs}} {
		for _, ec := range best(x.src, n, less) {
			*x.dst = append(*x.dst, search.FacetValue{Value: ix.entities[ec.id].name, Count: int(ec.count)})
		}
	}

	var srcs []search.FacetValue
	for id, c := range srcCounts {
		if c > 0 && id != 0 {
			srcs = append(srcs, search.FacetValue{Value: ix.sources[id], Count: c})
		}
	}
	f.Sources = append(f.Sources, best(srcs, n, func(a, b search.FacetValue) bool {
		return a.Count > b.Count || a.Count == b.Count && a.Value < b.Value
	})...)

	keys := make([]int32, 0, len(months))
	for k := range months {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b int32) int { return cmp.Compare(b, a) })
	for _, k := range keys[:min(n, len(keys))] {
		f.Months = append(f.Months, search.FacetValue{Value: fmt.Sprintf("%04d-%02d", k/100, k%100), Count: months[k]})
	}
	return f
}

// entityCounts recycles the per-entity counters of facets (zeroed after
// use).
var entityCounts = sync.Pool{New: func() any { return new([]int32) }}

type entityCount struct {
	id    uint32
	count int32
}

// best returns the n first of vs in the order of less, sorted, as the
// prefix of vs, which it permutes. It keeps a heap of n, so a facet over a large result
// costs little more than one pass.
func best[T any](vs []T, n int, less func(a, b T) bool) []T {
	if n <= 0 {
		return nil
	}
	order := func(a, b T) int {
		if less(a, b) {
			return -1
		}
		if less(b, a) {
			return 1
		}
		return 0
	}
	if n*8 >= len(vs) {
		slices.SortFunc(vs, order)
		return vs[:min(n, len(vs))]
	}
	h := vs[:n:n] // the best n seen, the worst of them at the root
	down := func(i int) {
		for {
			l := 2*i + 1
			if l >= n {
				return
			}
			w := l
			if r := l + 1; r < n && less(h[l], h[r]) {
				w = r
			}
			if !less(h[i], h[w]) {
				return
			}
			h[i], h[w] = h[w], h[i]
			i = w
		}
	}
	for i := n/2 - 1; i >= 0; i-- {
		down(i)
	}
	for i := n; i < len(vs); i++ {
		if less(vs[i], h[0]) {
			h[0], vs[i] = vs[i], h[0] // swap: vs stays a permutation
			down(0)
		}
	}
	slices.SortFunc(h, order)
	return h
}
