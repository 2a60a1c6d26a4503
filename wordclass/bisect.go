package wordclass

import (
	"math"
	"slices"
)

// bisect builds the class tree over V vectors of D floats: each node's
// words are split into two halves of equal size by balanced 2-means on
// the unit vectors (a few rounds of: score each word by how much closer
// it is to one centroid than the other, cut at the median, recompute the
// centroids), down to depth levels. It returns each word's path. Word ids
// are in frequency order, which the first centroid's seed relies on.
func bisect(vec []float32, V, D, depth int) []Path {
	u := make([]float32, len(vec))
	copy(u, vec)
	for i := 0; i < V; i++ {
		v := u[i*D : i*D+D]
		var n float64
		for _, x := range v {
			n += float64(x) * float64(x)
		}
		if n > 0 {
			s := float32(1 / math.Sqrt(n))
			for d := range v {
				v[d] *= s
			}
		}
	}
	paths := make([]Path, V)
	items := make([]int32, V)
	for i := range items {
		items[i] = int32(i)
	}
	b := bisector{u: u, D: D, depth: depth, paths: paths,
		c0: make([]float64, D), c1: make([]float64, D)}
	b.split(items, Path{}, make([]scored, V))
	return paths
}

type scored struct {
	id    int32
	score float32
}

type bisector struct {
	u      []float32
	D      int
	depth  int
	paths  []Path
	c0, c1 []float64
}

func (b *bisector) vec(id int32) []float32 { return b.u[int(id)*b.D : int(id)*b.D+b.D] }

func (b *bisector) dot(id int32, c []float64) float64 {
	var s float64
	for d, x := range b.vec(id) {
		s += float64(x) * c[d]
	}
	return s
}

// mean sets c to the mean of the vectors of ids.
func (b *bisector) mean(c []float64, ids []scored) {
	clear(c)
	for _, it := range ids {
		for d, x := range b.vec(it.id) {
			c[d] += float64(x)
		}
	}
	for d := range c {
		c[d] /= float64(len(ids))
	}
}

// split gives items (in frequency order) the prefix p and divides them
// further; buf is scratch of at least len(items).
func (b *bisector) split(items []int32, p Path, buf []scored) {
	if int(p.Len) == b.depth || len(items) < 2 {
		for _, id := range items {
			b.paths[id] = p
		}
		return
	}
	// Seeds: the most frequent word, and the word least like it.
	for d, x := range b.vec(items[0]) {
		b.c0[d] = float64(x)
	}
	far, farDot := items[1], math.Inf(1)
	for _, id := range items[1:] {
		if s := b.dot(id, b.c0); s < farDot {
			far, farDot = id, s
		}
	}
	for d, x := range b.vec(far) {
		b.c1[d] = float64(x)
	}
	sc := buf[:len(items)]
	half := len(items) / 2
	for round := 0; round < 6; round++ {
		for i, id := range items {
			sc[i] = scored{id, float32(b.dot(id, b.c1) - b.dot(id, b.c0))}
		}
		slices.SortFunc(sc, func(x, y scored) int {
			switch {
			case x.score < y.score:
				return -1
			case x.score > y.score:
				return 1
			}
			return int(x.id - y.id)
		})
		b.mean(b.c0, sc[:half])
		b.mean(b.c1, sc[half:])
	}
	left := make([]int32, half)
	right := make([]int32, len(items)-half)
	for i, it := range sc[:half] {
		left[i] = it.id
	}
	for i, it := range sc[half:] {
		right[i] = it.id
	}
	slices.Sort(left)
	slices.Sort(right)
	b.split(left, Path{Bits: p.Bits << 1, Len: p.Len + 1}, buf)
	b.split(right, Path{Bits: p.Bits<<1 | 1, Len: p.Len + 1}, buf)
}
