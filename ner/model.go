package ner

import (
	"math"
	"strings"
	"sync"
)

// Tagger is a trained sequence tagger: an averaged structured perceptron
// over hashed sparse features, decoded with first-order Viterbi under
// IOB2 constraints. With the doc feature group it runs in two stages: the
// second stage also sees the first stage's labels of the sentence and of
// the same words in the surrounding sentences. A Tagger is safe for
// concurrent use.
type Tagger struct {
	labels []string
	allow  []bool // (L+1) × L: IOB2-valid transitions, last row = start
	// firsts counts, per folded form, how often it began an entity in
	// the training data; it decides whether a leading و/ف/ب/ل/ك of an
	// entity is a proclitic (ولبنان) or part of the name (بغداد).
	firsts map[string]int32
	m1, m2 *model // m2 is nil for a one-stage tagger
	window int    // sentences on each side that form the "document"
	// recallBias is subtracted from the final stage's O score of every
	// token (tuned on held-out data: the perceptron favours O).
	recallBias float32
	// free holds idle decoders. It is a plain list rather than a
	// sync.Pool so that their word caches survive garbage collections.
	freeMu sync.Mutex
	free   []*decoder

	jointOnce sync.Once
	joint     *jointTable // both stages' rows per feature; nil when the fast path does not apply
}

// jointTable maps a feature hash to both stages' weights, so that tagging
// probes one table per feature and reads one row of memory per hit.
type jointTable struct {
	slots []jointSlot // one cache line holds a probe's key and its row
	mask  uint64
	// w holds one joint row per feature: the first stage's L weights,
	// then the second stage's L weights (zero where a stage lacks it).
	w []float32
}

type jointSlot struct {
	key uint64 // 0: empty
	row int32  // row of w
	has uint32 // bit 0: the first stage has the feature; bit 1: the second
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
	t := &jointTable{slots: make([]jointSlot, n), mask: uint64(n - 1), w: make([]float32, 0, 2*L*len(all))}
	for k, v := range all {
		if k == 0 {
			k = zeroKey
		}
		i := (k ^ k>>29) & t.mask
		for t.slots[i].key != 0 {
			i = (i + 1) & t.mask
		}
		row, has := int32(len(t.w)/(2*L)), uint32(0)
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
		t.slots[i] = jointSlot{k, row, has}
	}
	return t
}

// lookup returns the joint row of k and which stages have it (0: none).
func (t *jointTable) lookup(k uint64) (int32, uint32) {
	if k == 0 {
		k = zeroKey
	}
	for i := (k ^ k>>29) & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		switch s.key {
		case k:
			return s.row, s.has
		case 0:
			return 0, 0
		}
	}
}

// addRow adds row to s element by element (len(s) == len(row)).
func addRow(s, row []float32) {
	s = s[:len(row)]
	for k, v := range row {
		s[k] += v
	}
}

// fastTagIDs is tagIDs for two-stage models whose second stage uses the
// first stage's features plus FeatDoc: features are extracted and looked
// up once, the document features are added in the second pass.
func (t *Tagger) fastTagIDs(d *decoder, sents [][]string) [][]int {
	L := len(t.labels)
	m1, m2, jt := t.m1, t.m2, t.joint
	s1 := make([][]int, len(sents))
	keys := make([][]string, len(sents))
	base2 := make([][]float32, len(sents))
	items := make([][]docItem, len(sents))
	total := 0
	for _, ws := range sents {
		total += len(ws)
	}
	// One allocation for the second stage's scores and the word keys of
	// all sentences.
	b2all, ksall := make([]float32, total*L), make([]string, total)
	for i, ws := range sents {
		n := len(ws)
		if n == 0 {
			continue
		}
		x := d.x
		x.groups, x.doc = m1.groups, nil
		x.extract(ws)
		if cap(d.score) < n*L {
			d.score = make([]float32, n*L)
		}
		d.score = d.score[:n*L]
		clear(d.score)
		b2 := b2all[: n*L : n*L]
		b2all = b2all[n*L:]
		// Probe all features first, then add their rows: the probes are
		// independent, so their cache misses overlap.
		d.rows = d.rows[:0]
		for _, f := range x.feats {
			r, has := jt.lookup(f)
			d.rows = append(d.rows, jointRef{r, has})
		}
		for j := 0; j < n; j++ {
			s, s2 := d.score[j*L:(j+1)*L], b2[j*L:(j+1)*L]
			for _, ref := range d.rows[x.offs[j]:x.offs[j+1]] {
				r, has := ref.row, ref.has
				if has == 0 {
					continue
				}
				row := jt.w[int(r)*2*L : int(r+1)*2*L]
				if has&1 != 0 {
					addRow(s, row[:L])
				}
				if has&2 != 0 {
					addRow(s2, row[L:])
				}
			}
		}
		s1[i] = append([]int(nil), viterbi(d, n, L, m1.trans, t.allow)...)
		ks := ksall[:n:n]
		ksall = ksall[n:]
		for j := range x.info {
			ks[j] = docKey(&x.info[j])
		}
		keys[i], base2[i] = ks, b2
		items[i] = x.docItems(s1[i])
	}
	win := newDocWindow(items)
	out := make([][]int, len(sents))
	var buf []uint64
	scratch := d.score // kept for the next call; stage two scores in base2
	for i := range sents {
		n := len(sents[i])
		if n == 0 {
			continue
		}
		win.moveTo(i, t.window)
		b2 := base2[i]
		for j := 0; j < n; j++ {
			buf = docFeats(buf[:0], s1[i], keys[i], j, win.stats)
			s2 := b2[j*L : (j+1)*L]
			for _, f := range buf {
				if r, ok := m2.table.lookup(f); ok {
					addRow(s2, m2.w[int(r)*L:int(r+1)*L])
				}
			}
		}
		d.score = b2
		t.biasO(d.score)
		out[i] = append([]int(nil), viterbi(d, n, L, m2.trans, t.allow)...)
		base2[i] = nil
	}
	d.score = scratch
	return out
}

// model is one stage's weights.
type model struct {
	groups uint32
	index  map[uint64]int32 // feature hash → row of w
	table  featTable        // the same mapping, for fast lookups
	w      []float32        // rows × L
	trans  []float32        // (L+1) × L
}

// featTable is an open-addressing hash table from feature hash to row,
// about twice as fast as a Go map for the miss-heavy lookups of tagging.
type featTable struct {
	keys []uint64 // 0 marks an empty slot; key 0 is stored as zeroKey
	rows []int32
	mask uint64
}

const zeroKey = 0x9e3779b97f4a7c15

func newFeatTable(index map[uint64]int32) featTable {
	n := 16
	for n < 2*len(index) {
		n *= 2
	}
	t := featTable{keys: make([]uint64, n), rows: make([]int32, n), mask: uint64(n - 1)}
	for k, r := range index {
		if k == 0 {
			k = zeroKey
		}
		i := (k ^ k>>29) & t.mask
		for t.keys[i] != 0 {
			i = (i + 1) & t.mask
		}
		t.keys[i], t.rows[i] = k, r
	}
	return t
}

func (t *featTable) lookup(k uint64) (int32, bool) {
	if k == 0 {
		k = zeroKey
	}
	for i := (k ^ k>>29) & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case k:
			return t.rows[i], true
		case 0:
			return 0, false
		}
	}
}

// Labels returns the tagger's label set (O first).
func (t *Tagger) Labels() []string { return append([]string(nil), t.labels...) }

// Groups returns the feature groups the model was trained with.
func (t *Tagger) Groups() uint32 {
	if t.m2 != nil {
		return t.m2.groups
	}
	return t.m1.groups
}

// Features returns the number of weighted features in the model.
func (t *Tagger) Features() int {
	n := len(t.m1.index)
	if t.m2 != nil {
		n += len(t.m2.index)
	}
	return n
}

// decoder holds per-call scratch space.
type decoder struct {
	x     *extractor
	score []float32 // n × L emission scores
	delta []float32
	back  []int16
	out   []int
	preds []pred // allowed predecessors of each label, in order (see viterbi)
	pOffs []int  // preds[pOffs[c]:pOffs[c+1]] are those of label c
	rows  []jointRef
}

// pred is an allowed predecessor label and its transition score.
type pred struct {
	p int32
	t float32
}

// jointRef is the result of one jointTable probe.
type jointRef struct {
	row int32
	has uint32
}

func (t *Tagger) decoder() *decoder {
	t.freeMu.Lock()
	defer t.freeMu.Unlock()
	if n := len(t.free); n > 0 {
		d := t.free[n-1]
		t.free = t.free[:n-1]
		return d
	}
	return &decoder{x: newExtractor(0)}
}

// maxFreeDecoders bounds the idle decoders a Tagger keeps.
const maxFreeDecoders = 64

// putDecoder returns d to the free list.
func (t *Tagger) putDecoder(d *decoder) {
	t.freeMu.Lock()
	defer t.freeMu.Unlock()
	if len(t.free) < maxFreeDecoders {
		t.free = append(t.free, d)
	}
}

// labelSet builds the IOB2 labels over types, O first.
func labelSet(types []string) []string {
	out := []string{"O"}
	for _, ty := range types {
		out = append(out, "B-"+ty, "I-"+ty)
	}
	return out
}

// allowed computes the IOB2 transition mask: I-X only after B-X or I-X.
func allowed(labels []string) []bool {
	L := len(labels)
	a := make([]bool, (L+1)*L)
	for p := 0; p <= L; p++ {
		for c := 0; c < L; c++ {
			ok := true
			if strings.HasPrefix(labels[c], "I-") {
				ok = p < L && len(labels[p]) > 2 && labels[p][2:] == labels[c][2:]
			}
			a[p*L+c] = ok
		}
	}
	return a
}

// emissions fills d.score (n × L) from feature hashes laid out by offs.
func (m *model) emissions(d *decoder, feats []uint64, offs []int32, L int) {
	n := len(offs) - 1
	if cap(d.score) < n*L {
		d.score = make([]float32, n*L)
	}
	d.score = d.score[:n*L]
	clear(d.score)
	for i := 0; i < n; i++ {
		s := d.score[i*L : (i+1)*L]
		for _, f := range feats[offs[i]:offs[i+1]] {
			r, ok := m.table.lookup(f)
			if !ok {
				continue
			}
			row := m.w[int(r)*L : int(r+1)*L]
			for k, v := range row {
				s[k] += v
			}
		}
	}
}

// viterbi decodes the best IOB2-valid label sequence for the emission
// scores in d.score (n × L) and transition scores trans ((L+1) × L). The
// result aliases d.out.
func viterbi(d *decoder, n, L int, trans []float32, allow []bool) []int {
	if n == 0 {
		return d.out[:0]
	}
	if cap(d.delta) < n*L {
		d.delta = make([]float32, n*L)
		d.back = make([]int16, n*L)
	}
	delta, back := d.delta[:n*L], d.back[:n*L]
	neg := float32(math.Inf(-1))
	for c := 0; c < L; c++ {
		if allow[L*L+c] {
			delta[c] = d.score[c] + trans[L*L+c]
		} else {
			delta[c] = neg
		}
	}
	// The allowed predecessors of each label, ascending, with their
	// transition scores, so that the inner loop neither tests forbidden
	// transitions nor indexes trans.
	d.preds, d.pOffs = d.preds[:0], append(d.pOffs[:0], 0)
	for c := 0; c < L; c++ {
		for p := 0; p < L; p++ {
			if allow[p*L+c] {
				d.preds = append(d.preds, pred{int32(p), trans[p*L+c]})
			}
		}
		d.pOffs = append(d.pOffs, len(d.preds))
	}
	for i := 1; i < n; i++ {
		prev := delta[(i-1)*L : i*L]
		cur, sc, bk := delta[i*L:(i+1)*L], d.score[i*L:(i+1)*L], back[i*L:(i+1)*L]
		for c := range cur {
			best, arg := neg, int32(0)
			for _, e := range d.preds[d.pOffs[c]:d.pOffs[c+1]] {
				if v := prev[e.p] + e.t; v > best {
					best, arg = v, e.p
				}
			}
			cur[c] = best + sc[c]
			bk[c] = int16(arg)
		}
	}
	if cap(d.out) < n {
		d.out = make([]int, n)
	}
	out := d.out[:n]
	best, arg := neg, 0
	for c := 0; c < L; c++ {
		if delta[(n-1)*L+c] > best {
			best, arg = delta[(n-1)*L+c], c
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = arg
		arg = int(back[i*L+arg])
	}
	d.out = out
	return out
}

// decodeWith extracts the features of words for stage m (with the
// document view when not nil) and returns a fresh slice of label ids.
func (t *Tagger) decodeWith(d *decoder, m *model, words []string, view *docView) []int {
	if len(words) == 0 {
		return nil
	}
	d.x.groups, d.x.doc = m.groups, view
	d.x.extract(words)
	m.emissions(d, d.x.feats, d.x.offs, len(t.labels))
	if m == t.m2 || t.m2 == nil {
		t.biasO(d.score)
	}
	return append([]int(nil), viterbi(d, len(words), len(t.labels), m.trans, t.allow)...)
}

// biasO lowers the final stage's O score by the recall bias.
func (t *Tagger) biasO(score []float32) {
	if t.recallBias == 0 {
		return
	}
	for i := 0; i < len(score); i += len(t.labels) {
		score[i] -= t.recallBias
	}
}

// WithRecallBias returns a copy of t whose final stage lowers the score
// of O by b on every token: b > 0 trades precision for recall.
func (t *Tagger) WithRecallBias(b float32) *Tagger {
	return &Tagger{labels: t.labels, allow: t.allow, firsts: t.firsts, m1: t.m1, m2: t.m2, window: t.window, recallBias: b}
}

// RecallBias returns the bias set by WithRecallBias or TrainOptions.
func (t *Tagger) RecallBias() float32 { return t.recallBias }

// tagIDs tags consecutive sentences of one document (label ids).
func (t *Tagger) tagIDs(sents [][]string) [][]int {
	d := t.decoder()
	defer t.putDecoder(d)
	t.jointOnce.Do(func() {
		if t.m2 != nil && t.m2.groups == t.m1.groups|FeatDoc {
			t.joint = newJointTable(t.m1, t.m2, len(t.labels))
		}
	})
	if t.joint != nil {
		return t.fastTagIDs(d, sents)
	}
	s1 := make([][]int, len(sents))
	var items [][]docItem
	if t.m2 != nil {
		items = make([][]docItem, len(sents))
	}
	for i, ws := range sents {
		s1[i] = t.decodeWith(d, t.m1, ws, nil)
		if t.m2 != nil && len(ws) > 0 {
			items[i] = d.x.docItems(s1[i])
		}
	}
	if t.m2 == nil {
		return s1
	}
	win := newDocWindow(items)
	out := make([][]int, len(sents))
	for i, ws := range sents {
		win.moveTo(i, t.window)
		out[i] = t.decodeWith(d, t.m2, ws, &docView{self: s1[i], stats: win.stats})
	}
	return out
}

// TagSentences labels the consecutive sentences of one document with
// IOB2 labels. Sentences are tagged in context: with a two-stage model,
// how a word is labelled elsewhere in the nearby sentences informs its
// label here.
func (t *Tagger) TagSentences(sents [][]string) [][]string {
	ids := t.tagIDs(sents)
	out := make([][]string, len(ids))
	for i, s := range ids {
		out[i] = make([]string, len(s))
		for j, id := range s {
			out[i][j] = t.labels[id]
		}
	}
	return out
}

// TagTokens labels one pre-tokenized sentence with IOB2 labels.
func (t *Tagger) TagTokens(words []string) []string {
	return t.TagSentences([][]string{words})[0]
}
