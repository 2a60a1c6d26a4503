package story

import (
	"slices"
	"strings"
)

// Bounded selections: the strongest terms of an article and its best
// candidate stories are kept in heaps of the size wanted rather than
// sorted whole.

// topCandidates returns the Options.Candidates stories of touched that
// share the most weight with the article (ties: by id), in that order.
// It keeps them in a heap, the weakest at its root, so that its cost is
// linear in the stories touched.
func (c *Clusterer) topCandidates(touched []*story) []*story {
	k := c.opt.Candidates
	cands := c.cands[:0]
	worse := func(i, j int) bool { return byWeight(cands[i], cands[j]) > 0 }
	swap := func(i, j int) { cands[i], cands[j] = cands[j], cands[i] }
	for _, s := range touched {
		switch {
		case len(cands) < k:
			cands = append(cands, s)
			if len(cands) == k {
				for i := k/2 - 1; i >= 0; i-- {
					siftDown(k, i, worse, swap)
				}
			}
		case byWeight(s, cands[0]) < 0:
			cands[0] = s
			siftDown(k, 0, worse, swap)
		}
	}
	slices.SortFunc(cands, byWeight)
	return cands
}

// byWeight orders stories by the weight they share with an article,
// heaviest first, then by id.
func byWeight(a, b *story) int {
	if a.acc != b.acc {
		if a.acc > b.acc {
			return -1
		}
		return 1
	}
	return strings.Compare(a.id, b.id)
}

// strongest sorts the MaxTerms heaviest of words first, by weight and
// then key, and returns them.
func strongest(words []weighted, maxTerms int) []weighted {
	byWeight := func(a, b weighted) int {
		if a.w != b.w {
			if a.w > b.w {
				return -1
			}
			return 1
		}
		return strings.Compare(a.key, b.key)
	}
	if len(words) > 2*maxTerms {
		// Keep the heaviest in a heap of maxTerms, the lightest of them
		// at its root, instead of sorting them all.
		h := words[:maxTerms]
		worse := func(i, j int) bool { return byWeight(h[i], h[j]) > 0 }
		for i := maxTerms/2 - 1; i >= 0; i-- {
			siftDown(len(h), i, worse, func(i, j int) { h[i], h[j] = h[j], h[i] })
		}
		for _, w := range words[maxTerms:] {
			if byWeight(w, h[0]) < 0 {
				h[0] = w
				siftDown(len(h), 0, worse, func(i, j int) { h[i], h[j] = h[j], h[i] })
			}
		}
		words = h
	}
	slices.SortFunc(words, byWeight)
	if len(words) > maxTerms {
		words = words[:maxTerms]
	}
	return words
}

// siftDown moves element i of a heap of n elements down, where worse(i,
// j) orders the root's element first.
func siftDown(n, i int, worse func(i, j int) bool, swap func(i, j int)) {
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		m := l
		if r := l + 1; r < n && worse(r, l) {
			m = r
		}
		if !worse(m, i) {
			return
		}
		swap(i, m)
		i = m
	}
}
