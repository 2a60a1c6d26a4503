package ner

// jointTable maps a feature hash to both stages' weights, so that tagging
// probes one table per feature and reads one row of memory per hit. Its
// slots are 8 bytes (a 32-bit tag of the key and the row), so that the
// whole slot array stays in a core's L2 cache; the full keys are checked
// in a separate array only when a tag matches.
type jointTable struct {
	slots []uint64 // tag<<32 | (row+1)<<2 | has; 0 marks an empty slot
	mask  uint64
	keys  []uint64 // the key of each row (key 0 stored as zeroKey)
	// w holds one joint row per feature: the first stage's L weights,
	// then the second stage's L weights (zero where a stage lacks it).
	w []float32
}

func newJointTable(m1, m2 *model, L int) *jointTable {
	all := make(map[uint64][2]int32, len(m1.index)+len(m2.index))
	for k, r := range m1.index {
		all[k] = [2]int32{r, -1}
	}
	for k, r := range m2.index {
		v, ok := all[k]
		if !ok {
			v[0] = -1
		}
		v[1] = r
		all[k] = v
	}
	n := 16
	for n < 2*len(all) {
		n *= 2
	}
	t := &jointTable{
		slots: make([]uint64, n),
		mask:  uint64(n - 1),
		keys:  make([]uint64, 0, len(all)),
		w:     make([]float32, 0, 2*L*len(all)),
	}
	for k, v := range all {
		if k == 0 {
			k = zeroKey
		}
		i := (k ^ k>>29) & t.mask
		for t.slots[i] != 0 {
			i = (i + 1) & t.mask
		}
		row, has := uint64(len(t.keys)), uint64(0)
		t.keys = append(t.keys, k)
		if v[0] >= 0 {
			t.w = append(t.w, m1.w[int(v[0])*L:int(v[0]+1)*L]...)
			has |= 1
		} else {
			t.w = append(t.w, make([]float32, L)...)
		}
		if v[1] >= 0 {
			t.w = append(t.w, m2.w[int(v[1])*L:int(v[1]+1)*L]...)
			has |= 2
		} else {
			t.w = append(t.w, make([]float32, L)...)
		}
		t.slots[i] = k>>32<<32 | (row+1)<<2 | has
	}
	return t
}

// lookup returns the joint row of k and which stages have it (0: none).
func (t *jointTable) lookup(k uint64) (int32, uint32) {
	if k == 0 {
		k = zeroKey
	}
	tag := k >> 32
	for i := (k ^ k>>29) & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s == 0 {
			return 0, 0
		}
		if s>>32 == tag {
			r := int32(uint32(s)>>2) - 1
			if t.keys[r] == k {
				return r, uint32(s) & 3
			}
		}
	}
}

// addRow adds row to s element by element (len(s) == len(row)).
func addRow(s, row []float32) {
	if len(row) == 9 { // O and B/I of four types: unrolled
		a, r := (*[9]float32)(s), (*[9]float32)(row)
		a[0] += r[0]
		a[1] += r[1]
		a[2] += r[2]
		a[3] += r[3]
		a[4] += r[4]
		a[5] += r[5]
		a[6] += r[6]
		a[7] += r[7]
		a[8] += r[8]
		return
	}
	s = s[:len(row)]
	for k, v := range row {
		s[k] += v
	}
}

// addRefs adds the joint rows of refs to s (first stage) and s2 (second
// stage), in order, each to the stages that have it.
func (t *jointTable) addRefs(s, s2 []float32, refs []jointRef) {
	L := len(s)
	for _, ref := range refs {
		r, has := ref.row, ref.has
		if has == 0 {
			continue
		}
		row := t.w[int(r)*2*L : int(r+1)*2*L]
		if has&1 != 0 {
			addRow(s, row[:L])
		}
		if has&2 != 0 {
			addRow(s2, row[L:])
		}
	}
}

// prefixFeats appends the features that begin every token of word c but
// the first of a sentence, for the feature groups g, in the order
// extractor.token adds them: bias, word, clitics, affixes, shape. With
// extractor.noPrefix, token leaves exactly these out.
func prefixFeats(dst []uint64, g uint32, c *wordInfo) []uint64 {
	dst = append(dst, uint64(newHash(tBias)))
	if g&FeatWord != 0 {
		dst = append(dst, c.word)
	}
	if g&FeatClitic != 0 {
		dst = append(dst, c.pro, c.base, c.core)
	}
	if g&FeatAffix != 0 {
		dst = append(dst, c.affix...)
	}
	if g&FeatShape != 0 {
		dst = append(dst, c.shape)
	}
	if g&FeatCluster != 0 {
		dst = append(dst, c.clus...)
	}
	return dst
}

// prefixSum returns c's cached scores (both stages, 2L) from the
// features prefixFeats lists for the groups g, summed from zero in their
// order: starting a token's scores from it gives the very sums that
// adding those rows one by one would.
func (d *decoder) prefixSum(jt *jointTable, c *wordInfo, g uint32, L int) []float32 {
	if c.sum != nil {
		return c.sum
	}
	if cap(d.sumSlab)-len(d.sumSlab) < 2*L {
		d.sumSlab = make([]float32, 0, 256*2*L)
	}
	at := len(d.sumSlab)
	d.sumSlab = d.sumSlab[:at+2*L]
	sum := d.sumSlab[at : at+2*L : at+2*L]
	d.pfeats = prefixFeats(d.pfeats[:0], g, c)
	d.prow = d.prow[:0]
	for _, f := range d.pfeats {
		r, has := jt.lookup(f)
		d.prow = append(d.prow, jointRef{r, has})
	}
	jt.addRefs(sum[:L], sum[L:], d.prow)
	c.sum = sum
	return sum
}

// fastTagIDs is tagIDs for two-stage models whose second stage uses the
// first stage's features plus FeatDoc: features are extracted and looked
// up once, the document features are added in the second pass.
func (t *Tagger) fastTagIDs(d *decoder, sents [][]string) [][]int {
	L := len(t.labels)
	m1, m2, jt := t.m1, t.m2, t.joint
	b := &d.doc
	total := 0
	for _, ws := range sents {
		total += len(ws)
	}
	b.grow(len(sents), total, L)
	s1, ids, base2, items, out := b.s1, b.ids, b.base2, b.items, b.out
	// The second stage's scores, the interned word keys, both stages'
	// labels and the document items of all sentences are carved from
	// the decoder's buffers.
	b2all, idall, l1all, l2all := b.b2all, b.idall, b.l1all, b.l2all
	itemSlab := b.itemSlab[:0]
	if b.intern == nil {
		b.intern = make(map[string]int32)
	}
	intern := b.intern
	for i, ws := range sents {
		n := len(ws)
		if n == 0 {
			continue
		}
		x := d.x
		x.groups, x.doc, x.noPrefix = m1.groups, nil, true
		x.extract(ws)
		if cap(d.score) < n*L {
			d.score = make([]float32, n*L)
		}
		d.score = d.score[:n*L]
		b2 := b2all[: n*L : n*L]
		b2all = b2all[n*L:]
		// Start each token's scores from its word's cached prefix sum,
		// then probe the rest of its features (all probes first: they
		// are independent, so their cache misses overlap) and add their
		// rows.
		d.rows, d.rOffs = d.rows[:0], append(d.rOffs[:0], 0)
		for j := 0; j < n; j++ {
			lo, hi := int(x.offs[j]), int(x.offs[j+1])
			s, s2 := d.score[j*L:(j+1)*L], b2[j*L:(j+1)*L]
			if j > 0 {
				sum := d.prefixSum(jt, x.toks[j], x.groups, L)
				copy(s, sum[:L])
				copy(s2, sum[L:])
			} else {
				clear(s)
				clear(s2)
			}
			for _, f := range x.feats[lo:hi] {
				r, has := jt.lookup(f)
				d.rows = append(d.rows, jointRef{r, has})
			}
			d.rOffs = append(d.rOffs, int32(len(d.rows)))
		}
		for j := 0; j < n; j++ {
			jt.addRefs(d.score[j*L:(j+1)*L], b2[j*L:(j+1)*L], d.rows[d.rOffs[j]:d.rOffs[j+1]])
		}
		s1[i] = l1all[:n:n]
		l1all = l1all[n:]
		copy(s1[i], viterbi(d, n, L, m1.trans, t.allow))
		is := idall[:n:n]
		idall = idall[n:]
		at := len(itemSlab)
		for j := range x.info {
			is[j] = -1
			if k := docKey(&x.info[j]); k != "" {
				id, ok := intern[k]
				if !ok {
					id = int32(len(intern))
					intern[k] = id
				}
				is[j] = id
				itemSlab = append(itemSlab, idItem{id, int32(labelClass(s1[i][j]))})
			}
		}
		ids[i], base2[i] = is, b2
		items[i] = itemSlab[at:len(itemSlab):len(itemSlab)]
	}
	// items alias itemSlab, which may have moved while it grew: carve
	// again from its final array.
	at := 0
	for i := range items {
		n := len(items[i])
		items[i] = itemSlab[at : at+n : at+n]
		at += n
	}
	b.itemSlab = itemSlab
	win := &b.win
	win.reset(items, len(intern))
	clear(intern) // its keys are the document's words
	rows, dt, w2 := b.rows, t.docRows, m2.w
	scratch := d.score // kept for the next call; stage two scores in base2
	for i := range sents {
		n := len(sents[i])
		if n == 0 {
			continue
		}
		win.moveTo(i, t.window)
		b2 := base2[i]
		for j := 0; j < n; j++ {
			rows = dt.rows(rows[:0], s1[i], ids[i], j, win.stats)
			s2 := b2[j*L : (j+1)*L]
			for _, r := range rows {
				if r >= 0 {
					addRow(s2, w2[int(r)*L:int(r+1)*L])
				}
			}
		}
		d.score = b2
		t.biasO(d.score)
		out[i] = l2all[:n:n]
		l2all = l2all[n:]
		copy(out[i], viterbi(d, n, L, m2.trans, t.allow))
	}
	d.score = scratch
	b.rows = rows
	return out
}

// docBufs are fastTagIDs's per-document buffers, kept in the decoder.
type docBufs struct {
	s1, out      [][]int
	ids          [][]int32
	base2        [][]float32
	items        [][]idItem
	b2all        []float32
	idall        []int32
	l1all, l2all []int
	itemSlab     []idItem
	rows         []int32
	intern       map[string]int32 // docKey → id, during one document
	win          idWindow
}

// grow sizes b for sents sentences of total words and L labels, clearing
// the per-sentence slices.
func (b *docBufs) grow(sents, total, L int) {
	if cap(b.s1) < sents {
		b.s1, b.out = make([][]int, sents), make([][]int, sents)
		b.ids, b.base2 = make([][]int32, sents), make([][]float32, sents)
		b.items = make([][]idItem, sents)
	}
	b.s1, b.out, b.ids, b.base2, b.items = b.s1[:sents], b.out[:sents], b.ids[:sents], b.base2[:sents], b.items[:sents]
	clear(b.s1)
	clear(b.out)
	clear(b.ids)
	clear(b.base2)
	clear(b.items)
	if cap(b.b2all) < total*L {
		b.b2all = make([]float32, total*L)
	}
	b.b2all = b.b2all[:total*L]
	if cap(b.idall) < total {
		b.idall = make([]int32, total)
		b.l1all, b.l2all = make([]int, total), make([]int, total)
	}
	b.idall, b.l1all, b.l2all = b.idall[:total], b.l1all[:total], b.l2all[:total]
}
