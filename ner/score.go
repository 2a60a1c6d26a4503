package ner

import (
	"fmt"
	"sort"
	"strings"
)

// Chunk is one entity mention in a label sequence: tokens [Start, End).
type Chunk struct {
	Type       string
	Start, End int
}

// Chunks extracts the entity mentions of an IOB label sequence with the
// rules of conlleval: a chunk starts at B-X, or at I-X after a label of
// another type or after O; it ends before O, B-, or a label of another
// type. Labels other than O without a B-/I- prefix are read as B-.
func Chunks(labels []string) []Chunk {
	var out []Chunk
	start, typ := -1, ""
	for i, l := range labels {
		pre, t := splitLabel(l)
		if start >= 0 && (pre != 'I' || t != typ) {
			out = append(out, Chunk{typ, start, i})
			start = -1
		}
		if pre != 'O' && start < 0 {
			start, typ = i, t
		}
	}
	if start >= 0 {
		out = append(out, Chunk{typ, start, len(labels)})
	}
	return out
}

func splitLabel(l string) (byte, string) {
	if l == "O" || l == "" {
		return 'O', ""
	}
	if len(l) > 2 && (l[0] == 'B' || l[0] == 'I' || l[0] == 'E' || l[0] == 'S' || l[0] == 'L' || l[0] == 'U') && l[1] == '-' {
		p := l[0]
		if p != 'I' {
			p = 'B'
		}
		return p, l[2:]
	}
	return 'B', l
}

// PRF is a precision/recall/F1 triple on a 0–100 scale with the counts
// behind it.
type PRF struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Gold      int     `json:"gold"`
	Predicted int     `json:"predicted"`
	Correct   int     `json:"correct"`
}

func newPRF(correct, pred, gold int) PRF {
	p := PRF{Gold: gold, Predicted: pred, Correct: correct}
	if pred > 0 {
		p.Precision = 100 * float64(correct) / float64(pred)
	}
	if gold > 0 {
		p.Recall = 100 * float64(correct) / float64(gold)
	}
	if p.Precision+p.Recall > 0 {
		p.F1 = 2 * p.Precision * p.Recall / (p.Precision + p.Recall)
	}
	return p
}

// Score is an entity-level exact-match evaluation (as conlleval and
// seqeval's default mode): a predicted mention counts only when its type
// and both boundaries equal a gold mention's.
type Score struct {
	PRF
	ByType map[string]PRF `json:"by_type"`
}

// Scorer accumulates sentences for an entity-level Score.
type Scorer struct {
	// Types, when non-empty, restricts scoring to these entity types;
	// mentions of other types are ignored on both sides.
	Types   []string
	correct map[string]int
	pred    map[string]int
	gold    map[string]int
}

func (s *Scorer) keep(t string) bool {
	if len(s.Types) == 0 {
		return true
	}
	for _, k := range s.Types {
		if k == t {
			return true
		}
	}
	return false
}

// Add scores one sentence: gold and predicted labels of equal length.
func (s *Scorer) Add(gold, pred []string) {
	if s.correct == nil {
		s.correct, s.pred, s.gold = map[string]int{}, map[string]int{}, map[string]int{}
	}
	g := map[Chunk]bool{}
	for _, c := range Chunks(gold) {
		if s.keep(c.Type) {
			g[c] = true
			s.gold[c.Type]++
		}
	}
	for _, c := range Chunks(pred) {
		if !s.keep(c.Type) {
			continue
		}
		s.pred[c.Type]++
		if g[c] {
			s.correct[c.Type]++
		}
	}
}

// Score returns the totals so far.
func (s *Scorer) Score() Score {
	out := Score{ByType: map[string]PRF{}}
	types := map[string]bool{}
	for _, m := range []map[string]int{s.correct, s.pred, s.gold} {
		for t := range m {
			types[t] = true
		}
	}
	var c, p, g int
	names := make([]string, 0, len(types))
	for t := range types {
		names = append(names, t)
	}
	sort.Strings(names)
	for _, t := range names {
		out.ByType[t] = newPRF(s.correct[t], s.pred[t], s.gold[t])
		c, p, g = c+s.correct[t], p+s.pred[t], g+s.gold[t]
	}
	out.PRF = newPRF(c, p, g)
	return out
}

// String formats a score as a small table.
func (s Score) String() string {
	var b strings.Builder
	b.WriteString("type   precision recall   f1\n")
	names := make([]string, 0, len(s.ByType))
	for t := range s.ByType {
		names = append(names, t)
	}
	sort.Strings(names)
	for _, t := range names {
		p := s.ByType[t]
		fmt.Fprintf(&b, "%-6s %9.2f %6.2f %6.2f\n", t, p.Precision, p.Recall, p.F1)
	}
	fmt.Fprintf(&b, "%-6s %9.2f %6.2f %6.2f\n", "all", s.Precision, s.Recall, s.F1)
	return b.String()
}
