package wordclass

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"time"
)

// Options configures Learn. Zero values take the defaults in brackets.
type Options struct {
	Dim      int     // vector size [64]
	Window   int     // context words on each side [5]
	Negative int     // negative samples per context word [5]
	Epochs   int     // passes over the text [3]
	MinCount int     // words seen fewer times get no class [5]
	Sample   float64 // down-sampling threshold of frequent words [1e-4]
	Depth    int     // levels of the class tree [12]
	Rate     float64 // starting learning rate [0.025]
	Seed     uint64  // random seed [1]
	Log      io.Writer
}

func (o *Options) defaults() {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.Dim, 64)
	def(&o.Window, 5)
	def(&o.Negative, 5)
	def(&o.Epochs, 3)
	def(&o.MinCount, 5)
	def(&o.Depth, 12)
	if o.Sample <= 0 {
		o.Sample = 1e-4
	}
	if o.Rate <= 0 {
		o.Rate = 0.025
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	o.Depth = min(o.Depth, maxDepth)
}

// Corpus is text as sentences of words, already tokenized and
// normalized the way lookups will be.
type Corpus interface {
	// Next returns the next sentence's words (valid until the next
	// call), or io.EOF after the last.
	Next() ([]string, error)
}

// Learn learns word classes from the sentences of corp, read once: words
// are counted and the text is kept as word ids in memory (4 bytes a
// token). Learning runs on one goroutine, so the same text and options
// give the same classes. It returns the classes and the count of every
// word that has one. Learn checks ctx between sentences.
func Learn(ctx context.Context, corp Corpus, opt Options) (*Classes, map[string]int, error) {
	opt.defaults()
	start := time.Now()
	logf := func(format string, a ...any) {
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, "wordclass: "+format+" (%s)\n", append(a, time.Since(start).Round(time.Millisecond))...)
		}
	}
	ids := map[string]int32{}
	var words []string
	var counts []int
	var text []int32 // word ids, -1 between sentences
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
		}
		s, err := corp.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		for _, w := range s {
			id, ok := ids[w]
			if !ok {
				id = int32(len(words))
				ids[w] = id
				words = append(words, w)
				counts = append(counts, 0)
			}
			counts[id]++
			text = append(text, id)
		}
		text = append(text, -1)
	}
	// Keep the words seen MinCount times, most frequent first.
	order := make([]int32, 0, len(words))
	for id, c := range counts {
		if c >= opt.MinCount {
			order = append(order, int32(id))
		}
	}
	sort.Slice(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if counts[a] != counts[b] {
			return counts[a] > counts[b]
		}
		return words[a] < words[b]
	})
	if len(order) < 2 {
		return nil, nil, errors.New("wordclass: fewer than two words are frequent enough to learn classes")
	}
	remap := make([]int32, len(words))
	for i := range remap {
		remap[i] = -2
	}
	vocab := make([]string, len(order))
	vcount := make([]int, len(order))
	for i, id := range order {
		remap[id] = int32(i)
		vocab[i] = words[id]
		vcount[i] = counts[id]
	}
	total := 0
	k := 0
	for _, id := range text {
		if id < 0 {
			if k > 0 && text[k-1] != -1 {
				text[k] = -1
				k++
			}
			continue
		}
		if r := remap[id]; r >= 0 {
			text[k] = r
			k++
			total++
		}
	}
	text = text[:k]
	logf("%d tokens, %d words, %d with a count of at least %d", total, len(words), len(vocab), opt.MinCount)
	ids, words, counts = nil, nil, nil

	vec, err := train(ctx, text, vcount, total, opt, logf)
	if err != nil {
		return nil, nil, err
	}
	paths := bisect(vec, len(vocab), opt.Dim, opt.Depth)
	logf("%d levels of classes", opt.Depth)
	c := &Classes{paths: make(map[string]entry, len(vocab)), depth: opt.Depth}
	cnt := make(map[string]int, len(vocab))
	for i, w := range vocab {
		c.paths[w] = entry{paths[i], uint32(min(vcount[i], math.MaxUint32))}
		cnt[w] = vcount[i]
	}
	return c, cnt, nil
}

// rng is word2vec's linear congruential generator: fast and the same on
// every platform.
type rng uint64

func (r *rng) next() uint64 {
	*r = *r*25214903917 + 11
	return uint64(*r)
}

// float returns a number in [0, 1).
func (r *rng) float() float64 { return float64(r.next()>>11&(1<<40-1)) / (1 << 40) }

const (
	sigTable = 1024
	sigMax   = 6
)

// train learns skip-gram vectors with negative sampling over text and
// returns the input vectors, Dim floats per word.
func train(ctx context.Context, text []int32, counts []int, total int, opt Options, logf func(string, ...any)) ([]float32, error) {
	V, D := len(counts), opt.Dim
	r := rng(opt.Seed)
	in := make([]float32, V*D)
	out := make([]float32, V*D)
	for i := range in {
		in[i] = (float32(r.float()) - 0.5) / float32(D)
	}
	// The negative-sampling table: word i fills a share of it in
	// proportion to count^0.75.
	table := make([]int32, min(1<<22, 64*V))
	pow := 0.0
	for _, c := range counts {
		pow += math.Pow(float64(c), 0.75)
	}
	w, acc := 0, math.Pow(float64(counts[0]), 0.75)/pow
	for i := range table {
		table[i] = int32(w)
		if float64(i+1)/float64(len(table)) > acc && w < V-1 {
			w++
			acc += math.Pow(float64(counts[w]), 0.75) / pow
		}
	}
	var sig [sigTable]float32
	for i := range sig {
		x := (float64(i)/sigTable*2 - 1) * sigMax
		sig[i] = float32(1 / (1 + math.Exp(-x)))
	}
	// keep[i] is the probability of keeping an occurrence of word i.
	keep := make([]float64, V)
	for i, c := range counts {
		f := float64(c) / float64(total)
		keep[i] = min(1, (math.Sqrt(f/opt.Sample)+1)*opt.Sample/f)
	}
	grad := make([]float32, D)
	sent := make([]int32, 0, 256)
	steps := float64(opt.Epochs) * float64(len(text))
	done := 0.0
	for ep := 0; ep < opt.Epochs; ep++ {
		for pos := 0; pos < len(text); {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			// One sentence, down-sampled.
			sent = sent[:0]
			for ; pos < len(text) && text[pos] >= 0; pos++ {
				if id := text[pos]; keep[id] >= 1 || r.float() < keep[id] {
					sent = append(sent, id)
				}
			}
			pos++
			done += float64(len(sent)) + 1
			rate := float32(opt.Rate * max(1e-4, 1-done/steps))
			for i, c := range sent {
				b := int(r.next() % uint64(opt.Window))
				lo, hi := max(0, i-opt.Window+b), min(len(sent), i+opt.Window-b+1)
				for j := lo; j < hi; j++ {
					if j == i {
						continue
					}
					ctxv := in[int(sent[j])*D : int(sent[j])*D+D]
					clear(grad)
					for n := 0; n <= opt.Negative; n++ {
						target, label := c, float32(1)
						if n > 0 {
							target = table[r.next()>>16%uint64(len(table))]
							if target == c {
								continue
							}
							label = 0
						}
						ov := out[int(target)*D : int(target)*D+D]
						var dot float32
						for d := range ctxv {
							dot += ctxv[d] * ov[d]
						}
						var g float32
						switch {
						case dot > sigMax:
							g = (label - 1) * rate
						case dot < -sigMax:
							g = label * rate
						default:
							g = (label - sig[int((dot+sigMax)*(sigTable/sigMax/2))%sigTable]) * rate
						}
						for d := range ov {
							grad[d] += g * ov[d]
							ov[d] += g * ctxv[d]
						}
					}
					for d := range ctxv {
						ctxv[d] += grad[d]
					}
				}
			}
		}
		logf("epoch %d of %d", ep+1, opt.Epochs)
	}
	return in, nil
}
