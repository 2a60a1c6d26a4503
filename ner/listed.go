package ner

import (
	"strings"
	"unicode/utf8"

	"github.com/khabar/khabar/arabic"
)

// listSpec says which listed names listedNames looks for and what it may
// take in.
type listSpec struct {
	typ   string // the type of the spans added
	class uint16 // gazetteer classes of the names
	// seq holds further names (see kbMisc); most is its longest name.
	seq  map[uint64]bool
	most int
	// owns reports whether a span the model or a pass found may be taken
	// into a longer name.
	owns func(Span) bool
	// lengthen keeps a place or organization that is taken in at the
	// name's start: a mention is lengthened, never given a head before it.
	lengthen bool
	// orgHeads ends a name at an organization head.
	orgHeads bool
	// notInTitle leaves an untagged name right after a title alone: it is
	// the office's complement (رئيس مجلس الوزراء is a title).
	notInTitle bool
}

// listedNames adds spans of type spec.typ for the listed names of two
// words or more (see listSpec) over untagged words or spans spec.owns,
// the first word possibly behind a proclitic, and returns the spans in
// text order; covered is kept up to date. fw and sw are the tokens folded
// and less their proclitics (foldWords).
func listedNames(text string, toks []arabic.Token, fw, sw []string, spans []Span, covered []bool, spec listSpec) []Span {
	g := defaultGazetteer()
	most := max(spec.most, g.maxLen)
	var owner map[int]int // token → index of a span a name may take in
	for k, sp := range spans {
		if spec.owns(sp) {
			if owner == nil {
				owner = map[int]int{}
			}
			for j := sp.TokStart; j < sp.TokEnd; j++ {
				owner[j] = k
			}
		}
	}
	free := func(k int) bool {
		_, ok := owner[k]
		return !covered[k] || ok
	}
	// within reports whether every span taken in over tokens [a, b) lies
	// within them (and, with spec.lengthen, a place or body starts at a).
	within := func(a, b int) bool {
		for j := a; j < b; j++ {
			k, ok := owner[j]
			if ok && (spans[k].TokStart < a || spans[k].TokEnd > b ||
				spec.lengthen && (spans[k].Type == "LOC" || spans[k].Type == "ORG") && spans[k].TokStart != a) {
				return false
			}
		}
		return true
	}
	var ix spanIndex
	for i := 0; i+1 < len(toks); i++ {
		if !free(i) || !arabicWord(toks[i].Text) {
			continue
		}
		if k, ok := owner[i]; ok && spans[k].TokStart != i || !ok && spec.notInTitle && i > 0 && isTitle(toks[i-1].Text) {
			continue
		}
		w := fw[i]
		best, skip, article := 0, 0, false
		for _, first := range [2]string{w, sw[i]} {
			h := newHash(0).str(first)
			if !beginsEntry(g, spec.seq, h) {
				if first == sw[i] {
					break
				}
				continue
			}
			// The letters of proclitics before first in the token.
			fskip, farticle := 0, false
			switch rest := strings.TrimPrefix(first, "ال"); {
			case first == w:
			case strings.HasPrefix(first, "ال") && !strings.HasSuffix(w, first):
				// للدوري: ل + ال with the alef elided.
				fskip, farticle = utf8.RuneCountInString(w)-utf8.RuneCountInString(rest), true
			default:
				fskip = utf8.RuneCountInString(w) - utf8.RuneCountInString(first)
			}
			for l := 2; l <= most && i+l <= len(toks); l++ {
				k := i + l - 1
				if !free(k) || !sameLine(text, toks[k-1], toks[k]) {
					break
				}
				if spec.orgHeads && (g.word[fw[k]]&gOrgHead != 0 || k == i+1 && g.word[first]&gOrgHead != 0) {
					break
				}
				h = h.byte(' ').str(fw[k])
				whole, inSeq := spec.seq[uint64(h)]
				r, inList := g.table.lookup(uint64(h))
				if !inSeq && !inList {
					break
				}
				if !(whole || inList && uint16(r)&spec.class != 0) || !within(i, i+l) {
					continue
				}
				n := l
				if clubNationality(g, first, fw[i+1:i+l]) {
					n = l - 1 // النصر السعودي: the club is النصر
				}
				if n > best {
					best, skip, article = n, fskip, farticle
				}
			}
			if first == sw[i] {
				break
			}
		}
		if best == 0 {
			continue
		}
		pro := rawRunes(toks[i].Text, skip)
		if k, ok := owner[i]; ok && spans[k].Type == spec.typ && spans[k].TokEnd-i >= best && spans[k].Start == toks[i].Start+pro {
			i = spans[k].TokEnd - 1 // the mention found is the same, or longer
			continue
		}
		if !ix.add(text, toks, covered, i, i+best, pro, spec.typ) {
			continue
		}
		if article {
			sp := &ix.added[len(ix.added)-1]
			sp.Name = "ال" + sp.Text
		}
		for k := i; k < i+best; k++ {
			if j, ok := owner[k]; ok {
				if ix.drop == nil {
					ix.drop = make([]bool, len(spans))
				}
				ix.drop[j] = true
			}
		}
		i += best - 1
	}
	return ix.merge(spans)
}
