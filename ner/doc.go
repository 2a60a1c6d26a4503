package ner

// docItem is one counted token of a sentence: its document key and the
// class (O or 1+type) the first stage gave it.
type docItem struct {
	key   string
	class int
}

// docWindow keeps first-stage label counts per word key over a sliding
// window of sentences [lo, hi).
type docWindow struct {
	items  [][]docItem
	stats  map[string]*[5]int32
	lo, hi int
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

// moveTo makes the window cover sentences [i-w, i+w] (clipped). Calls
// must come with non-decreasing i.
func (d *docWindow) moveTo(i, w int) {
	lo, hi := max(0, i-w), min(len(d.items), i+w+1)
	for d.hi < hi {
		d.count(d.hi, 1)
		d.hi++
	}
	for d.lo < lo {
		if d.lo < d.hi {
			d.count(d.lo, -1)
		}
		d.lo++
	}
}

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
