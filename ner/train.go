package ner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"unicode/utf8"
)

// Types are the entity types khabar's tagger predicts.
var Types = []string{"PER", "ORG", "LOC", "MISC"}

// TrainOptions configures Train.
type TrainOptions struct {
	Iterations int    // passes over the training data; 0 means 10
	Groups     uint32 // feature groups; 0 means FeatAll
	Seed       uint64 // shuffling seed
	MinCount   int    // features seen fewer times in training are dropped; 0 means 1
	Window     int    // sentences on each side forming the document for FeatDoc; 0 means 25
	Folds      int    // jackknife folds for the first stage's labels on training data; 0 means 5
	// WordDropout is the probability with which, in each training pass,
	// a token's own-word features (word, base, core, bigrams holding it)
	// are hidden from the learner, so that it also learns to label words
	// by their affixes and context, as it must for names it never saw.
	WordDropout float64
	RecallBias  float32    // subtracted from the final stage's O score at tagging time (see Tagger.WithRecallBias)
	Dev         []Sentence // when set, dev F1 is logged after each pass of the last stage
	Log         io.Writer  // progress lines; nil for none
}

// sentFeats is one sentence's extracted features.
type sentFeats struct {
	feats []uint64
	offs  []int32
}

// Train fits the tagger on sents (consecutive sentences, in document
// order: the document features look at neighbouring sentences). With
// FeatDoc in the groups it trains two stages: the first stage's labels on
// the training data come from jackknifing (each fold tagged by a model
// trained on the other folds), so the second stage learns how far to
// trust them. Train checks ctx between passes.
func Train(ctx context.Context, sents []Sentence, opt TrainOptions) (*Tagger, error) {
	if opt.Iterations <= 0 {
		opt.Iterations = 10
	}
	if opt.Groups == 0 {
		opt.Groups = FeatAll
	}
	if opt.MinCount <= 0 {
		opt.MinCount = 1
	}
	if opt.Window <= 0 {
		opt.Window = 25
	}
	if opt.Folds <= 1 {
		opt.Folds = 5
	}
	if len(sents) == 0 {
		return nil, errors.New("ner: train: no sentences")
	}
	labels := labelSet(Types)
	lid := map[string]int{}
	for i, l := range labels {
		lid[l] = i
	}
	t := &Tagger{labels: labels, allow: allowed(labels), window: opt.Window, firsts: firstsLexicon(sents), recallBias: opt.RecallBias}
	gold := make([][]int, len(sents))
	words := make([][]string, len(sents))
	for si, s := range sents {
		if len(s.Words) != len(s.Labels) {
			return nil, fmt.Errorf("ner: train: sentence %d: %d words, %d labels", si, len(s.Words), len(s.Labels))
		}
		words[si] = s.Words
		for i, l := range s.Labels {
			id, ok := lid[l]
			if !ok {
				return nil, fmt.Errorf("ner: train: sentence %d token %d: unknown label %q", si, i, l)
			}
			gold[si] = append(gold[si], id)
		}
	}
	logf := func(format string, a ...any) {
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, format+"\n", a...)
		}
	}
	twoStage := opt.Groups&FeatDoc != 0
	var lexical map[uint64]bool
	g1 := opt.Groups &^ FeatDoc

	// Stage 1 features.
	x := newExtractor(g1)
	if opt.WordDropout > 0 {
		x.lexical = map[uint64]bool{}
		lexical = x.lexical
	}
	f1 := make([]sentFeats, len(sents))
	for i, ws := range words {
		x.domain = sents[i].Domain
		x.extract(ws)
		f1[i] = sentFeats{append([]uint64(nil), x.feats...), append([]int32(nil), x.offs...)}
	}
	devHook := func(stage int) func(int, int, *model) {
		return func(it, errs int, m *model) {
			msg := fmt.Sprintf("stage %d iter %d: %d token errors", stage, it, errs)
			if len(opt.Dev) > 0 && (stage == 2 || !twoStage) {
				tt := &Tagger{labels: t.labels, allow: t.allow, firsts: t.firsts, window: t.window, m1: m}
				if stage == 2 {
					tt.m1, tt.m2 = t.m1, m
				}
				msg += fmt.Sprintf(", dev F1 %.2f", Evaluate(tt, opt.Dev, nil).F1)
			}
			logf("%s", msg)
		}
	}
	m1, err := trainModel(ctx, f1, gold, len(labels), t.allow, g1, opt, lexical, devHook(1))
	if err != nil {
		return nil, err
	}
	t.m1 = m1
	if !twoStage {
		return t, nil
	}

	// Jackknifed stage-1 labels for the training sentences.
	s1 := make([][]int, len(sents))
	d := &decoder{}
	for k := 0; k < opt.Folds; k++ {
		a, b := k*len(sents)/opt.Folds, (k+1)*len(sents)/opt.Folds
		trf := append(append([]sentFeats(nil), f1[:a]...), f1[b:]...)
		trg := append(append([][]int(nil), gold[:a]...), gold[b:]...)
		mk, err := trainModel(ctx, trf, trg, len(labels), t.allow, g1, opt, lexical, nil)
		if err != nil {
			return nil, err
		}
		for i := a; i < b; i++ {
			mk.emissions(d, f1[i].feats, f1[i].offs, len(labels))
			s1[i] = append([]int(nil), viterbi(d, len(words[i]), len(labels), mk.trans, t.allow)...)
		}
		logf("jackknife fold %d/%d done", k+1, opt.Folds)
	}
	f1 = nil

	// Stage 2 features.
	items := make([][]docItem, len(sents))
	x.domain = ""
	for i, ws := range words {
		x.extract(ws)
		items[i] = x.docItems(s1[i])
	}
	win := newDocWindow(items)
	x.groups = opt.Groups
	f2 := make([]sentFeats, len(sents))
	for i, ws := range words {
		win.moveTo(i, opt.Window)
		x.doc = &docView{self: s1[i], stats: win.stats}
		x.domain = sents[i].Domain
		x.extract(ws)
		f2[i] = sentFeats{append([]uint64(nil), x.feats...), append([]int32(nil), x.offs...)}
	}
	m2, err := trainModel(ctx, f2, gold, len(labels), t.allow, opt.Groups, opt, lexical, devHook(2))
	if err != nil {
		return nil, err
	}
	t.m2 = m2
	return t, nil
}

// trainModel runs the averaged perceptron over extracted sentences. With
// opt.WordDropout > 0, the features in lexical are hidden from a token
// with that probability in each pass.
func trainModel(ctx context.Context, data []sentFeats, gold [][]int, L int, allow []bool, groups uint32, opt TrainOptions, lexical map[uint64]bool, hook func(it, errs int, m *model)) (*model, error) {
	counts := map[uint64]int32{}
	for _, s := range data {
		for _, f := range s.feats {
			counts[f]++
		}
	}
	m := &model{groups: groups, index: map[uint64]int32{}, trans: make([]float32, (L+1)*L)}
	for f, c := range counts {
		if int(c) >= opt.MinCount {
			m.index[f] = int32(len(m.index))
		}
	}
	counts = nil
	isLex := make([]bool, len(m.index))
	for f := range lexical {
		if id, ok := m.index[f]; ok {
			isLex[id] = true
		}
	}
	rows := make([][]int32, len(data))
	for i, s := range data {
		r := make([]int32, 0, len(s.feats))
		for _, f := range s.feats {
			if id, ok := m.index[f]; ok {
				r = append(r, id)
			} else {
				r = append(r, -1)
			}
		}
		rows[i] = r
	}
	nrow := len(m.index)
	w := make([]float64, nrow*L)   // current weights
	acc := make([]float64, nrow*L) // sum of c·Δ, for averaging
	tw := make([]float64, len(m.trans))
	tacc := make([]float64, len(m.trans))
	c := 1.0
	rng := rand.New(rand.NewPCG(opt.Seed, 0x6b686162))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	d := &decoder{}
	average := func() *model {
		out := &model{groups: groups, index: m.index, w: make([]float32, len(w)), trans: make([]float32, len(tw))}
		for i := range w {
			out.w[i] = float32(w[i] - acc[i]/c)
		}
		for i := range tw {
			out.trans[i] = float32(tw[i] - tacc[i]/c)
		}
		out.table = newFeatTable(out.index)
		return out
	}
	trans := make([]float32, len(tw))
	var drop []bool // per token of the current sentence: own-word features hidden
	// active reports whether feature id f counts for token i.
	active := func(f int32, i int) bool { return f >= 0 && !(drop[i] && isLex[f]) }
	for it := 1; it <= opt.Iterations; it++ {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("ner: train: %w", err)
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for i := range tw {
			trans[i] = float32(tw[i])
		}
		errs := 0
		for _, k := range order {
			g, r, offs := gold[k], rows[k], data[k].offs
			n := len(g)
			if n == 0 {
				continue
			}
			if cap(d.score) < n*L {
				d.score = make([]float32, n*L)
			}
			d.score = d.score[:n*L]
			drop = drop[:0]
			for i := 0; i < n; i++ {
				drop = append(drop, opt.WordDropout > 0 && rng.Float64() < opt.WordDropout)
			}
			for i := 0; i < n; i++ {
				s := d.score[i*L : (i+1)*L]
				clear(s)
				for _, f := range r[offs[i]:offs[i+1]] {
					if active(f, i) {
						for j, v := range w[int(f)*L : int(f+1)*L] {
							s[j] += float32(v)
						}
					}
				}
			}
			pred := viterbi(d, n, L, trans, allow)
			prevG, prevP := L, L
			for i := 0; i < n; i++ {
				gi, pi := g[i], pred[i]
				if gi != pi {
					errs++
					for _, f := range r[offs[i]:offs[i+1]] {
						if active(f, i) {
							w[int(f)*L+gi]++
							acc[int(f)*L+gi] += c
							w[int(f)*L+pi]--
							acc[int(f)*L+pi] -= c
						}
					}
				}
				if gi != pi || prevG != prevP {
					for _, u := range [2]struct {
						k int
						v float64
					}{{prevG*L + gi, 1}, {prevP*L + pi, -1}} {
						tw[u.k] += u.v
						tacc[u.k] += u.v * c
						trans[u.k] = float32(tw[u.k])
					}
				}
				prevG, prevP = gi, pi
			}
			c++
		}
		if hook != nil {
			hook(it, errs, average())
		}
	}
	out := average()
	out.prune(L)
	return out, nil
}

// prune drops features whose weights are all (nearly) zero.
func (m *model) prune(L int) {
	const eps = 1e-3
	idx := make(map[uint64]int32, len(m.index))
	w := make([]float32, 0, len(m.w))
	for f, r := range m.index {
		row := m.w[int(r)*L : int(r+1)*L]
		for _, v := range row {
			if math.Abs(float64(v)) > eps {
				idx[f] = int32(len(idx))
				w = append(w, row...)
				break
			}
		}
	}
	m.index, m.w = idx, w
	m.table = newFeatTable(idx)
}

// firstsLexicon counts the folded forms that begin entities in sents.
// In sentences of another domain (FANE's, whose clitics JoinClitics
// rejoined: و + مارادونا → ومارادونا), a first word that begins with a
// letter that can be a proclitic is not counted: it may carry the
// proclitic the corpus wrote apart, and would teach that the letter
// belongs to the name.
func firstsLexicon(sents []Sentence) map[string]int32 {
	m := map[string]int32{}
	for _, s := range sents {
		for _, c := range Chunks(s.Labels) {
			w := norm(s.Words[c.Start])
			if r, _ := utf8.DecodeRuneInString(w); s.Domain != "" && strings.ContainsRune("وفبلك", r) {
				continue
			}
			m[w]++
		}
	}
	return m
}

// Evaluate tags data as one document stream (so that document features
// see neighbouring sentences) and scores it against its labels
// (entity-level exact match). types restricts the types scored (nil:
// all); mentions of other types are ignored on both sides.
func Evaluate(t *Tagger, data []Sentence, types []string) Score {
	words := make([][]string, len(data))
	for i, s := range data {
		words[i] = s.Words
	}
	sc := Scorer{Types: types}
	for i, p := range t.TagSentences(words) {
		sc.Add(data[i].Labels, p)
	}
	return sc.Score()
}

// ParseGroups parses a comma-separated list of feature group names ("all"
// for every group; a leading "-" removes a group) into a bit set.
func ParseGroups(s string) (uint32, error) {
	var g uint32
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		neg := strings.HasPrefix(part, "-")
		name := strings.TrimPrefix(part, "-")
		var bit uint32
		if name == "all" {
			bit = FeatAll
		} else if b, ok := FeatureGroups[name]; ok {
			bit = b
		} else {
			return 0, fmt.Errorf("unknown feature group %q", name)
		}
		if neg {
			if g == 0 {
				g = FeatAll
			}
			g &^= bit
		} else {
			g |= bit
		}
	}
	if g == 0 {
		return 0, fmt.Errorf("no feature groups in %q", s)
	}
	return g, nil
}
