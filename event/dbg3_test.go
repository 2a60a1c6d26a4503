package event

import (
	"context"
	"fmt"
	"os"
	"testing"
)

func TestDebug3(t *testing.T) {
	ls, err := ReadUPetrarch("../../shared/data/upetrarch-arabic-events")
	if err != nil {
		t.Fatal(err)
	}
	r, err := EvaluateDetection(context.Background(), ls)
	if err != nil {
		t.Fatal(err)
	}
	r.WriteText(os.Stdout)
	if os.Getenv("FP") != "" {
		for _, o := range r.FalsePos {
			fmt.Printf("FP %s %q: %.200s\n", o.Type, o.Trigger, o.Text)
		}
	}
	if os.Getenv("FN") != "" {
		for _, o := range r.Misses {
			fmt.Printf("FN %s %v: %.200s\n", o.Type, o.Found, o.Text)
		}
	}
}

func TestDebug4(t *testing.T) {
	ls, _ := ReadUPetrarch("../../shared/data/upetrarch-arabic-events")
	tp, fp := map[string]int{}, map[string]int{}
	for _, s := range ls {
		d := newDoc(khabarAnalysis{Text: s.Text}.A())
		seen := map[string]bool{}
		for _, h := range d.detect() {
			typ := h.trig.typ
			if seen[typ] || !(s.Pos[typ] || s.Neg[typ]) {
				continue
			}
			seen[typ] = true
			k := typ + " " + string(h.trig.class) + " " + h.v.form
			if s.Pos[typ] {
				tp[k]++
			} else {
				fp[k]++
			}
		}
	}
	for k := range fp {
		if _, ok := tp[k]; !ok {
			tp[k] = 0
		}
	}
	for k, n := range tp {
		fmt.Printf("%4d %4d %s\n", n, fp[k], k)
	}
}

func TestDebug6(t *testing.T) {
	ls, _ := ReadUPetrarch("../../shared/data/upetrarch-arabic-events")
	want := os.Getenv("FORM")
	for _, s := range ls {
		d := newDoc(khabarAnalysis{Text: s.Text}.A())
		for _, h := range d.detect() {
			typ := h.trig.typ
			if h.v.form != want || !(s.Pos[typ] || s.Neg[typ]) {
				continue
			}
			lo := max(0, h.tok-6)
			hi := min(len(d.toks), h.tok+6)
			fmt.Printf("%v  %s\n", s.Pos[typ], string(d.rs[d.toks[lo].start:d.toks[hi-1].end]))
			break
		}
	}
}

func TestDebug7(t *testing.T) {
	ls, _ := ReadUPetrarch("../../shared/data/upetrarch-arabic-events")
	anchors := set("امس أمس الامس اليوم الليله صباح مساء فجر ظهر الاثنين الثلاثاء الاربعاء الخميس الجمعه السبت الاحد وامس وامس")
	c := map[string]int{}
	for _, s := range ls {
		d := newDoc(khabarAnalysis{Text: s.Text}.A())
		anch := false
		num := false
		for _, tk := range d.toks {
			w, _ := stripConj(tk.norm)
			if anchors[tk.norm] || anchors[w] {
				anch = true
			}
			if len(tk.norm) > 0 && tk.norm[0] >= '0' && tk.norm[0] <= '9' {
				num = true
			}
		}
		seen := map[string]bool{}
		for _, h := range d.detect() {
			typ := h.trig.typ
			if seen[typ] || !(s.Pos[typ] || s.Neg[typ]) {
				continue
			}
			seen[typ] = true
			c[fmt.Sprintf("%s anchor=%v num=%v pos=%v", typ, anch, num, s.Pos[typ])]++
		}
	}
	for k, v := range c {
		fmt.Println(v, k)
	}
}

func TestDebug8(t *testing.T) {
	ts, err := ReadUPetrarchEvents("../../shared/data/upetrarch-arabic-events")
	if err != nil {
		t.Fatal(err)
	}
	r, _ := EvaluateTypes(context.Background(), ts)
	r.WriteText(os.Stdout)
	if os.Getenv("W") != "" {
		for _, o := range r.Wrongs {
			fmt.Printf("W %s %v: %.250s\n", o.Type, o.Found, o.Text)
		}
	}
	if os.Getenv("M") != "" {
		for _, o := range r.Misses {
			fmt.Printf("M %s: %.250s\n", o.Type, o.Text)
		}
	}
}
