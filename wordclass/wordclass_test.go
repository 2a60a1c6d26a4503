package wordclass

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

func TestParsePath(t *testing.T) {
	for _, c := range []struct {
		in   string
		bits uint32
		n    uint8
		err  bool
	}{
		{"0", 0, 1, false},
		{"1", 1, 1, false},
		{"0110", 6, 4, false},
		{strings.Repeat("1", 32), 1<<32 - 1, 32, false},
		{"", 0, 0, true},
		{strings.Repeat("0", 33), 0, 0, true},
		{"012", 0, 0, true},
		{"1a", 0, 0, true},
	} {
		p, err := ParsePath(c.in)
		if (err != nil) != c.err {
			t.Errorf("ParsePath(%q) error %v, want error %v", c.in, err, c.err)
			continue
		}
		if err == nil && (p.Bits != c.bits || p.Len != c.n || p.String() != c.in) {
			t.Errorf("ParsePath(%q) = %+v (%s), want bits %b len %d", c.in, p, p, c.bits, c.n)
		}
	}
}

func TestPrefix(t *testing.T) {
	p, _ := ParsePath("101101")
	for _, c := range []struct {
		n    int
		want string
	}{{1, "1"}, {3, "101"}, {6, "101101"}, {12, "101101"}} {
		if got := p.Prefix(c.n).String(); got != c.want {
			t.Errorf("Prefix(%d) = %s, want %s", c.n, got, c.want)
		}
	}
	a, _ := ParsePath("01")
	b, _ := ParsePath("001")
	if a.Key() == b.Key() {
		t.Error("paths 01 and 001 share a key")
	}
}

func TestReadWrite(t *testing.T) {
	f, err := os.Open("testdata/classes.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, err := Read(f)
	if err != nil {
		t.Fatal(err)
	}
	if c.Len() != 6 || c.Depth() != 4 {
		t.Fatalf("Len %d Depth %d, want 6 and 4", c.Len(), c.Depth())
	}
	if p, ok := c.Lookup("جدة"); !ok || p.String() != "0001" {
		t.Errorf("Lookup(جدة) = %s %v", p, ok)
	}
	if _, ok := c.Lookup("مكة"); ok {
		t.Error("Lookup(مكة) found a class")
	}
	var nilc *Classes
	if _, ok := nilc.Lookup("x"); ok {
		t.Error("nil Classes found a class")
	}
	if n := c.Count("الرياض"); n != 120 {
		t.Errorf("Count(الرياض) = %d, want 120 (the file's third column)", n)
	}
	if n := c.Count("سعيد"); n != 0 {
		t.Errorf("Count(سعيد) = %d, want 0 (no count in the file)", n)
	}
	if n := nilc.Count("x"); n != 0 {
		t.Errorf("nil Classes counted %d", n)
	}
	// Counts given to Write replace the recorded ones; without them the
	// recorded ones are written.
	for _, tt := range []struct {
		counts      map[string]int
		riyadh, moh int
	}{
		{map[string]int{"محمد": 300}, 0, 300},
		{nil, 120, 300},
	} {
		var buf bytes.Buffer
		if err := c.Write(&buf, tt.counts); err != nil {
			t.Fatal(err)
		}
		c2, err := Read(&buf)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []string{"الرياض", "جدة", "الدمام", "محمد", "أحمد", "سعيد"} {
			a, _ := c.Lookup(w)
			b, _ := c2.Lookup(w)
			if a != b {
				t.Errorf("%s: %s after a round trip, want %s", w, b, a)
			}
		}
		if c2.Count("الرياض") != tt.riyadh || c2.Count("محمد") != tt.moh {
			t.Errorf("counts %v: after a round trip الرياض %d محمد %d, want %d and %d", tt.counts, c2.Count("الرياض"), c2.Count("محمد"), tt.riyadh, tt.moh)
		}
	}
}

func TestReadErrors(t *testing.T) {
	for _, in := range []string{
		"",
		"\n\n",
		"0110\n",
		"01x\tكلمة\n",
		"01\tكلمة\tكثير\n",
		"01\tكلمة\n10\tكلمة\n",
		"\tكلمة\n",
		"1\t\r\t3\n",
		"1\t كلمة\n",
		strings.Repeat("0", 70000) + "\tكلمة\n",
	} {
		if _, err := Read(strings.NewReader(in)); err == nil {
			t.Errorf("Read(%.40q) gave no error", in)
		}
	}
}

// sliceCorpus serves sentences from memory.
type sliceCorpus struct {
	sents [][]string
	i     int
}

func (s *sliceCorpus) Next() ([]string, error) {
	if s.i >= len(s.sents) {
		return nil, io.EOF
	}
	s.i++
	return s.sents[s.i-1], nil
}

// synthetic makes sentences in which city words and person words occur
// in contexts of their own: "visited CITY yesterday", "said PERSON that".
func synthetic(n int) [][]string {
	r := rand.New(rand.NewPCG(7, 7))
	cities := []string{"c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7"}
	people := []string{"p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7"}
	var out [][]string
	for i := 0; i < n; i++ {
		c := cities[r.IntN(len(cities))]
		p := people[r.IntN(len(people))]
		switch r.IntN(4) {
		case 0:
			out = append(out, []string{"visited", "the", "city", "of", c, "yesterday", "morning"})
		case 1:
			out = append(out, []string{"in", "the", "city", "of", c, "people", "gathered"})
		case 2:
			out = append(out, []string{"said", "minister", p, "that", "talks", "went", "well"})
		default:
			out = append(out, []string{"minister", p, "said", "that", "the", "plan", "works"})
		}
	}
	return out
}

func TestLearnSeparatesContexts(t *testing.T) {
	c, counts, err := Learn(context.Background(), &sliceCorpus{sents: synthetic(4000)}, Options{Dim: 16, Epochs: 5, Depth: 4, MinCount: 5, Sample: 1})
	if err != nil {
		t.Fatal(err)
	}
	if counts["c0"] < 5 {
		t.Fatalf("count of c0 = %d", counts["c0"])
	}
	// Cities and people each fill classes of their own: at a depth where
	// the tree has more classes than groups, no class mixes them.
	classOf := func(w string) string {
		p, ok := c.Lookup(w)
		if !ok {
			t.Fatalf("%s has no class", w)
		}
		return p.Prefix(3).String()
	}
	cityClasses := map[string]bool{}
	for i := 0; i < 8; i++ {
		cityClasses[classOf(fmt.Sprintf("c%d", i))] = true
	}
	mixed := 0
	for i := 0; i < 8; i++ {
		if cityClasses[classOf(fmt.Sprintf("p%d", i))] {
			mixed++
		}
	}
	if mixed > 1 {
		t.Errorf("%d of 8 person words share a 3-bit class with a city word", mixed)
	}
	// The same text and options give the same classes.
	c2, _, err := Learn(context.Background(), &sliceCorpus{sents: synthetic(4000)}, Options{Dim: 16, Epochs: 5, Depth: 4, MinCount: 5, Sample: 1})
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	c.Write(&a, nil)
	c2.Write(&b, nil)
	if a.String() != b.String() {
		t.Error("two runs on the same text gave different classes")
	}
}

func TestLearnErrors(t *testing.T) {
	if _, _, err := Learn(context.Background(), &sliceCorpus{}, Options{}); err == nil {
		t.Error("Learn on no text gave no error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := Learn(ctx, &sliceCorpus{sents: synthetic(100)}, Options{}); err == nil {
		t.Error("Learn with a cancelled context gave no error")
	}
}
