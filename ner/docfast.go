package ner

// This file holds the fast path's document features: word keys interned
// to small numbers per document, counts in a slice rather than a map, and
// the second stage's rows of all document features looked up once per
// Tagger, since those features hash only a few small numbers.

// docClasses is the number of label classes (O, then each type) that the
// document statistics count.
const docClasses = 5

// docTable holds the second stage's row (−1: none) of every document
// feature that docFeats can produce, for taggers of at most maxDocLabels
// labels.
type docTable struct {
	s1   [maxDocLabels]int32
	s1l  [maxDocLabels][maxDocLabels]int32
	s1r  [maxDocLabels][maxDocLabels]int32
	docU int32
	doc1 [docClasses][3]int32
	doc2 [docClasses][3][maxDocLabels]int32
	docN [2][docClasses]int32
}

// maxDocLabels is the largest label set the docTable serves: O and B/I
// of four types.
const maxDocLabels = 1 + 2*(docClasses-1)

// newDocTable looks up the document features of m (L labels) the way
// docFeats hashes them; nil when L is too large.
func newDocTable(m *model, L int) *docTable {
	if L > maxDocLabels {
		return nil
	}
	row := func(h hash) int32 {
		if r, ok := m.table.lookup(uint64(h)); ok {
			return r
		}
		return -1
	}
	t := &docTable{docU: row(newHash(tDoc).byte('u'))}
	for a := 0; a < maxDocLabels; a++ {
		t.s1[a] = row(newHash(tS1).byte(byte(a)))
		for b := 0; b < maxDocLabels; b++ {
			t.s1l[a][b] = row(newHash(tS1L).byte(byte(a)).byte(byte(b)))
			t.s1r[a][b] = row(newHash(tS1R).byte(byte(a)).byte(byte(b)))
		}
	}
	for c := 0; c < docClasses; c++ {
		for b := 0; b < 3; b++ {
			t.doc1[c][b] = row(newHash(tDoc).byte(byte(c)).byte(byte(b)))
			for s := 0; s < maxDocLabels; s++ {
				t.doc2[c][b][s] = row(newHash(tDoc).byte(byte(c)).byte(byte(b)).byte(byte(s)))
			}
		}
		for k, d := range [2]int{-1, 1} {
			t.docN[k][c] = row(newHash(tDocN).byte(byte(d + 2)).byte(byte(c)))
		}
	}
	return t
}

// othersOfID is othersOf over interned keys.
func othersOfID(stats [][docClasses]int32, id int32, own int) (st [docClasses]int32, total int32) {
	st = stats[id]
	st[own]--
	for _, v := range st {
		total += v
	}
	return st, total
}

// rows appends the second-stage rows of token i's document features, in
// the order docFeats appends their hashes (−1 where the model lacks one).
// ids are the interned docKeys of the sentence (−1 for ""), self its
// first-stage labels, stats the window's counts by id.
func (t *docTable) rows(dst []int32, self []int, ids []int32, i int, stats [][docClasses]int32) []int32 {
	s1 := self[i]
	dst = append(dst, t.s1[s1])
	if i > 0 {
		dst = append(dst, t.s1l[self[i-1]][s1])
	}
	if i+1 < len(self) {
		dst = append(dst, t.s1r[s1][self[i+1]])
	}
	if id := ids[i]; id >= 0 {
		st, total := othersOfID(stats, id, labelClass(s1))
		if total <= 0 {
			dst = append(dst, t.docU)
		} else {
			for c, v := range st {
				if v <= 0 {
					continue
				}
				b := 0
				if 3*v >= total {
					b = 1
				}
				if 3*v >= 2*total {
					b = 2
				}
				dst = append(dst, t.doc1[c][b], t.doc2[c][b][s1])
			}
		}
	}
	for k, d := range [2]int{-1, 1} {
		j := i + d
		if j < 0 || j >= len(ids) || ids[j] < 0 {
			continue
		}
		st, total := othersOfID(stats, ids[j], labelClass(self[j]))
		for c := 1; c < docClasses; c++ {
			if total > 0 && 2*st[c] > total {
				dst = append(dst, t.docN[k][c])
			}
		}
	}
	return dst
}

// idItem is one counted token of a sentence: its interned key and the
// class the first stage gave it.
type idItem struct {
	id    int32
	class int32
}

// idWindow is docWindow over interned keys.
type idWindow struct {
	items [][]idItem
	stats [][docClasses]int32 // by key id
	slide
}

// reset empties w for a document of keys distinct keys.
func (w *idWindow) reset(items [][]idItem, keys int) {
	w.items, w.slide = items, slide{}
	if cap(w.stats) < keys {
		w.stats = make([][docClasses]int32, keys)
	}
	w.stats = w.stats[:keys]
	clear(w.stats)
}

func (w *idWindow) count(s int, delta int32) {
	for _, it := range w.items[s] {
		w.stats[it.id][it.class] += delta
	}
}

// moveTo makes the window cover sentences [i-n, i+n] (clipped).
func (w *idWindow) moveTo(i, n int) { w.slide.moveTo(i, n, len(w.items), w.count) }
