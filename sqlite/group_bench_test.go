package sqlite

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// BenchmarkGroupStories measures what a search does in Go after the
// full-text match, with and without grouping by story: folding
// near-duplicates, then grouping, then the first page (10 hits) and its
// story hits, on an index of a million documents in 300,000 stories
// (a tenth of them in clusters of two).
func BenchmarkGroupStories(b *testing.B) {
	const docs, stories = 1_000_000, 300_000
	rng := rand.New(rand.NewPCG(1, 2))
	ix := newDocIndex()
	ix.docs = make([]docInfo, docs+1)
	ix.clusterN = make([]uint32, docs+1)
	for id := 1; id <= docs; id++ {
		d := &ix.docs[id]
		d.cluster = uint32(id)
		if id%10 == 0 {
			d.cluster = uint32(id - 1) // a copy of the previous document
		}
		ix.clusterN[d.cluster]++
		d.day = 20150101 + int32(rng.IntN(28))
		d.story, d.storySeq = uint32(1+rng.IntN(stories)), uint32(id)
		if d.cluster != uint32(id) {
			d.story = ix.docs[d.cluster].story
		}
		ix.maxStory = max(ix.maxStory, d.story)
	}
	for _, n := range []int{100, 10_000, 100_000, 1_000_000} {
		all := make([]match, 0, n)
		for _, id := range rng.Perm(docs)[:n] {
			all = append(all, match{id: uint32(id + 1), day: ix.docs[id+1].day, score: rng.Float64()})
		}
		ms := make([]match, n)
		for _, group := range []bool{false, true} {
			b.Run(fmt.Sprintf("matches=%d/group=%v", n, group), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					copy(ms, all)
					kept, _ := collapseMatches(ix, ms)
					var g *storyGroups
					if group {
						kept, g = groupStories(ix, kept, docs)
					}
					page := topK(kept, 10)
					if group {
						g.pageGroups(page)
					}
				}
			})
		}
	}
}
