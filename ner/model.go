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
	docRows   *docTable   // the second stage's rows of the document features, with joint
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
	x      *extractor
	score  []float32 // n × L emission scores
	delta  []float32
	back   []int16
	out    []int
	preds  []pred // allowed predecessors of each label, in order (see viterbi)
	pOffs  []int  // preds[pOffs[c]:pOffs[c+1]] are those of label c
	rows   []jointRef
	rOffs  []int32 // rows[rOffs[j]:rOffs[j+1]] are token j's probes
	prow   []jointRef
	pfeats []uint64
	// sumSlab is where the words' prefix sums (wordInfo.sum) are carved.
	sumSlab []float32
	// Per-document buffers of Tag and fastTagIDs, kept between calls.
	breaks, firstTok []int
	words            []string
	sents            [][]string
	labelStrs        []string
	doc              docBufs
	covered          []bool // tokens under a mention (Tag's later passes)
	fold             []byte // a folded word (Tag's later passes)
	// folded and stripped hold each token folded by norm and that less a
	// leading proclitic (gazStrip), for the passes that look words up.
	folded, stripped []string
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

// maxKeptTokens bounds the per-document buffers an idle decoder keeps:
// after a larger document they are dropped rather than held.
const maxKeptTokens = 1 << 16

// putDecoder returns d to the free list.
func (t *Tagger) putDecoder(d *decoder) {
	if cap(d.words) > maxKeptTokens || cap(d.doc.idall) > maxKeptTokens || cap(d.breaks) > maxKeptTokens {
		d.breaks, d.firstTok, d.words, d.sents, d.labelStrs = nil, nil, nil, nil, nil
		d.doc = docBufs{}
	}
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
	d.x.groups, d.x.doc, d.x.noPrefix = m.groups, view, false
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

// tagIDs tags consecutive sentences of one document (label ids) with
// the decoder d. The result may alias d's buffers: it is valid until d
// is used again.
func (t *Tagger) tagIDs(d *decoder, sents [][]string) [][]int {
	t.jointOnce.Do(func() {
		if t.m2 != nil && t.m2.groups == t.m1.groups|FeatDoc && len(t.labels) <= maxDocLabels {
			t.joint = newJointTable(t.m1, t.m2, len(t.labels))
			t.docRows = newDocTable(t.m2, len(t.labels))
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
	d := t.decoder()
	defer t.putDecoder(d)
	ids := t.tagIDs(d, sents)
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
