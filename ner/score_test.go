package ner

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestChunks(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []Chunk
	}{
		{"O O", nil},
		{"B-PER I-PER O B-LOC", []Chunk{{"PER", 0, 2}, {"LOC", 3, 4}}},
		{"B-PER B-PER", []Chunk{{"PER", 0, 1}, {"PER", 1, 2}}},
		// conlleval: I- after O or another type starts a chunk.
		{"I-ORG I-ORG O I-LOC", []Chunk{{"ORG", 0, 2}, {"LOC", 3, 4}}},
		{"B-PER I-LOC", []Chunk{{"PER", 0, 1}, {"LOC", 1, 2}}},
		{"B-MISC I-MISC I-MISC", []Chunk{{"MISC", 0, 3}}},
	} {
		if got := Chunks(strings.Fields(c.in)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Chunks(%s) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestScorer(t *testing.T) {
	var s Scorer
	// Gold: PER(0,2) LOC(3,4) ORG(5,7).
	s.Add(strings.Fields("B-PER I-PER O B-LOC O B-ORG I-ORG"),
		// Pred: PER exact, LOC exact, ORG boundary error.
		strings.Fields("B-PER I-PER O B-LOC O B-ORG O"))
	// MISC at the wrong token: one false positive, one miss.
	s.Add(strings.Fields("O B-MISC"), strings.Fields("B-MISC O"))
	sc := s.Score()
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	// 2 correct of 4 predicted and 4 gold.
	if sc.Correct != 2 || sc.Predicted != 4 || sc.Gold != 4 {
		t.Fatalf("counts %+v", sc.PRF)
	}
	if !near(sc.Precision, 50) || !near(sc.Recall, 50) || !near(sc.F1, 50) {
		t.Errorf("P/R/F %v %v %v", sc.Precision, sc.Recall, sc.F1)
	}
	if p := sc.ByType["PER"]; !near(p.F1, 100) {
		t.Errorf("PER %+v", p)
	}
	if p := sc.ByType["ORG"]; p.Correct != 0 || p.Gold != 1 || p.Predicted != 1 || p.F1 != 0 {
		t.Errorf("ORG %+v", p)
	}
	if !strings.Contains(sc.String(), "all") {
		t.Errorf("String() = %q", sc.String())
	}
}

func TestScorerTypes(t *testing.T) {
	s := Scorer{Types: []string{"PER", "LOC"}}
	s.Add(strings.Fields("B-PER B-MISC B-ORG"), strings.Fields("B-PER B-MISC O"))
	sc := s.Score()
	if sc.Gold != 1 || sc.Predicted != 1 || sc.F1 != 100 {
		t.Errorf("restricted score %+v", sc.PRF)
	}
}

func TestScorerEmpty(t *testing.T) {
	var s Scorer
	if sc := s.Score(); sc.F1 != 0 || sc.Precision != 0 || len(sc.ByType) != 0 {
		t.Errorf("empty score %+v", sc)
	}
}
