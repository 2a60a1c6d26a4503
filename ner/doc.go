package ner

// The document features of the tagger's second stage: how the first stage
// labelled the same word in a sliding window of sentences around the one
// being tagged. (This file is not the package documentation, which is in
// ner.go.)

// docItem is one counted token of a sentence: its document key and the
// class (O or 1+type) the first stage gave it.
type docItem struct {
	key   string
	class int
}

// slide is a sliding window of sentences [lo, hi) over a document of n
// sentences; the window types below keep their counts beside it.
type slide struct {
	lo, hi int
}

// moveTo makes the window cover sentences [i-w, i+w] (clipped to n),
// calling count(s, +1) for each sentence s that enters and count(s, -1)
// for each that leaves. Calls must come with non-decreasing i.
func (sl *slide) moveTo(i, w, n int, count func(s int, delta int32)) {
	lo, hi := max(0, i-w), min(n, i+w+1)
	for sl.hi < hi {
		count(sl.hi, 1)
		sl.hi++
	}
	for sl.lo < lo {
		if sl.lo < sl.hi {
			count(sl.lo, -1)
		}
		sl.lo++
	}
}

// docWindow keeps first-stage label counts per word key over a sliding
// window of sentences.
type docWindow struct {
	items [][]docItem
	stats map[string]*[5]int32
	slide
}

func newDocWindow(items [][]docItem) *docWindow {
	return &docWindow{items: items, stats: map[string]*[5]int32{}}
}

func (d *docWindow) count(s int, delta int32) {
	for _, it := range d.items[s] {
		p := d.stats[it.key]
		if p == nil {
			p = new([5]int32)
			d.stats[it.key] = p
		}
		p[it.class] += delta
	}
}

// moveTo makes the window cover sentences [i-w, i+w] (clipped).
func (d *docWindow) moveTo(i, w int) { d.slide.moveTo(i, w, len(d.items), d.count) }

// docItems lists the keyed tokens of the sentence last extracted by x
// with their first-stage label classes.
func (x *extractor) docItems(ids []int) []docItem {
	var out []docItem
	for i := range x.info {
		if k := docKey(&x.info[i]); k != "" {
			out = append(out, docItem{k, labelClass(ids[i])})
		}
	}
	return out
}
