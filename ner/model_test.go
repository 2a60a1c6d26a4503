package ner

import (
	"bytes"
	"context"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// bruteForce returns the best IOB2-valid sequence by enumeration.
func bruteForce(score []float32, n, L int, trans []float32, allow []bool) ([]int, float32) {
	best, bestScore := []int(nil), float32(math.Inf(-1))
	seq := make([]int, n)
	var rec func(i int, acc float32)
	rec = func(i int, acc float32) {
		if i == n {
			if acc > bestScore {
				best, bestScore = append([]int(nil), seq...), acc
			}
			return
		}
		prev := L
		if i > 0 {
			prev = seq[i-1]
		}
		for c := 0; c < L; c++ {
			if !allow[prev*L+c] {
				continue
			}
			seq[i] = c
			rec(i+1, acc+trans[prev*L+c]+score[i*L+c])
		}
	}
	rec(0, 0)
	return best, bestScore
}

func TestViterbiHandLattice(t *testing.T) {
	labels := []string{"O", "B-PER", "I-PER"}
	allow := allowed(labels)
	L := 3
	// I-PER is the best emission everywhere, but it may not start a
	// sentence or follow O: the decoder must pick B-PER I-PER I-PER.
	d := &decoder{score: []float32{
		0, 1, 2,
		0, 1, 2,
		0, 1, 2,
	}}
	trans := make([]float32, (L+1)*L)
	got := viterbi(d, 3, L, trans, allow)
	if want := []int{1, 2, 2}; !reflect.DeepEqual(got, want) {
		t.Errorf("viterbi = %v, want %v", got, want)
	}
	// A strong O→O transition and weak emissions flip the answer.
	trans[0*L+0] = 5
	trans[L*L+0] = 5
	if got := viterbi(d, 3, L, trans, allow); !reflect.DeepEqual(got, []int{0, 0, 0}) {
		t.Errorf("viterbi with O bonus = %v", got)
	}
}

func TestViterbiMatchesBruteForce(t *testing.T) {
	labels := labelSet([]string{"PER", "LOC"})
	allow := allowed(labels)
	L := len(labels)
	seed := uint32(7)
	rnd := func() float32 { seed = seed*1664525 + 1013904223; return float32(seed>>8)/float32(1<<24)*4 - 2 }
	for trial := 0; trial < 50; trial++ {
		n := 1 + trial%6
		d := &decoder{score: make([]float32, n*L)}
		for i := range d.score {
			d.score[i] = rnd()
		}
		trans := make([]float32, (L+1)*L)
		for i := range trans {
			trans[i] = rnd()
		}
		want, _ := bruteForce(d.score, n, L, trans, allow)
		if got := viterbi(d, n, L, trans, allow); !reflect.DeepEqual(got, want) {
			t.Fatalf("trial %d: viterbi %v, brute force %v", trial, got, want)
		}
	}
}

func trainTiny(t testing.TB, groups uint32) (*Tagger, []Sentence) {
	t.Helper()
	sents := readTestFile(t, "tiny.conll")
	tg, err := Train(context.Background(), sents, TrainOptions{Iterations: 8, Groups: groups, Folds: 2, Window: 2})
	if err != nil {
		t.Fatal(err)
	}
	return tg, sents
}

func TestTrainConverges(t *testing.T) {
	for _, g := range []uint32{FeatAll &^ FeatDoc, FeatAll} {
		tg, sents := trainTiny(t, g)
		if sc := Evaluate(tg, sents, nil); sc.F1 != 100 {
			t.Errorf("groups %b: training F1 %.2f, want 100\n%s", g, sc.F1, sc)
		}
		if (tg.m2 != nil) != (g&FeatDoc != 0) {
			t.Errorf("groups %b: second stage present = %v", g, tg.m2 != nil)
		}
	}
}

func TestTrainErrors(t *testing.T) {
	ctx := context.Background()
	if _, err := Train(ctx, nil, TrainOptions{}); err == nil {
		t.Error("no error for empty training data")
	}
	bad := []Sentence{{Words: []string{"a"}, Labels: []string{"B-FOO"}}}
	if _, err := Train(ctx, bad, TrainOptions{}); err == nil || !strings.Contains(err.Error(), "B-FOO") {
		t.Errorf("unknown label: %v", err)
	}
	c, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Train(c, readTestFile(t, "tiny.conll"), TrainOptions{}); err == nil {
		t.Error("no error for a cancelled context")
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	tg, sents := trainTiny(t, FeatAll)
	var buf bytes.Buffer
	if err := tg.Save(&buf); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	back, err := Load(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if back.Features() != tg.Features() || back.Groups() != tg.Groups() || back.window != tg.window {
		t.Errorf("loaded %d features groups %b window %d; saved %d %b %d",
			back.Features(), back.Groups(), back.window, tg.Features(), tg.Groups(), tg.window)
	}
	if !reflect.DeepEqual(back.firsts, tg.firsts) {
		t.Error("firsts lexicon changed")
	}
	words := make([][]string, len(sents))
	for i, s := range sents {
		words[i] = s.Words
	}
	if !reflect.DeepEqual(back.TagSentences(words), tg.TagSentences(words)) {
		t.Error("loaded model tags differently")
	}
	// Quantization keeps weights within half a step.
	for f, r := range tg.m1.index {
		r2 := back.m1.index[f]
		for k := 0; k < len(tg.labels); k++ {
			a, b := tg.m1.w[int(r)*len(tg.labels)+k], back.m1.w[int(r2)*len(tg.labels)+k]
			if math.Abs(float64(a-b)) > 0.01*math.Max(1, math.Abs(float64(a))) {
				t.Fatalf("weight %v became %v", a, b)
			}
		}
	}
	// Damaged files are errors, not panics.
	for name, b := range map[string][]byte{
		"empty":     nil,
		"magic":     []byte("not a model"),
		"truncated": data[:len(data)/2],
		"header":    data[:len(magic)+3],
	} {
		if _, err := Load(bytes.NewReader(b)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func FuzzLoad(f *testing.F) {
	tg, _ := trainTiny(f, FeatAll)
	var buf bytes.Buffer
	if err := tg.Save(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Load(bytes.NewReader(b))
		if err == nil {
			m.TagTokens([]string{"قال", "محمد", "."})
		}
	})
}

func TestFastPathMatchesSlowPath(t *testing.T) {
	tg, sents := trainTiny(t, FeatAll)
	slow := &Tagger{labels: tg.labels, allow: tg.allow, firsts: tg.firsts, m1: tg.m1, m2: tg.m2, window: tg.window}
	slow.jointOnce.Do(func() {}) // leaves joint nil: the generic path
	words := make([][]string, 0, 2*len(sents))
	for _, s := range sents {
		words = append(words, s.Words, []string{"زار", s.Words[0], "مدينة", "عمان"})
	}
	words = append(words, nil)
	fast := tg.TagSentences(words)
	if tg.joint == nil {
		t.Fatal("fast path not used")
	}
	if got := slow.TagSentences(words); !reflect.DeepEqual(got, fast) {
		t.Errorf("fast path %q\nslow path %q", fast, got)
	}
}

func TestTrainWordDropout(t *testing.T) {
	sents := readTestFile(t, "tiny.conll")
	train := func(p float64) *Tagger {
		tg, err := Train(context.Background(), sents, TrainOptions{Iterations: 20, Folds: 2, Window: 2, Seed: 5, WordDropout: p})
		if err != nil {
			t.Fatal(err)
		}
		return tg
	}
	a, b, plain := train(0.3), train(0.3), train(0)
	if sc := Evaluate(a, sents, nil); sc.F1 != 100 {
		t.Errorf("with word dropout: training F1 %.2f, want 100\n%s", sc.F1, sc)
	}
	if !sameWeights(a.m1, b.m1) || !sameWeights(a.m2, b.m2) {
		t.Error("word dropout with the same seed is not deterministic")
	}
	if sameWeights(a.m1, plain.m1) {
		t.Error("word dropout did not change the first-stage weights")
	}
}

// sameWeights reports whether two models weight the same features alike.
func sameWeights(a, b *model) bool {
	if len(a.index) != len(b.index) || !slices.Equal(a.trans, b.trans) {
		return false
	}
	n := len(a.w) / max(1, len(a.index))
	for f, ra := range a.index {
		rb, ok := b.index[f]
		if !ok || !slices.Equal(a.w[int(ra)*n:int(ra+1)*n], b.w[int(rb)*n:int(rb+1)*n]) {
			return false
		}
	}
	return true
}
