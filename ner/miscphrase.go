package ner

import (
	"bytes"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/kb"
)

// Named events are a head noun and a name (دوري عبداللطيف جميل، أولمبياد
// بكين، مهرجان الشباب العربي): the model often tags the name inside as a
// person or a place and leaves the head out. After a head of
// miscPhraseHeads, the mentions that follow it back to back, or else a
// definite complement as organizations take it, make one MISC mention.

// miscPhraseHeads are the heads of event names, indefinite, in norm's
// alphabet, true where a definite complement may name the event. برنامج
// is left to the model.
var miscPhraseHeads = map[string]bool{
	"مهرجان": true, "بطوله": true, "كاس": true, "دوري": true, "اولمبياد": true, "جايزه": true,
	"مسابقه": true, "معرض": true, "ملتقي": true,
	// Named only by a mention that follows (اتفاق الطائف، عملية عاصفة
	// الحزم): with a common noun they are any agreement or operation.
	"اتفاق": false, "اتفاقيه": false, "عمليه": false,
}

// maxAbsorbed bounds the mentions one event name takes in.
const maxAbsorbed = 3

// miscPhrases adds event spans after heads of miscPhraseHeads, taking in
// the mentions that follow the head, and returns the spans in text order;
// covered is kept up to date, buf is scratch space.
func (t *Tagger) miscPhrases(text string, toks []arabic.Token, spans []Span, covered []bool, buf *[]byte) []Span {
	var ix spanIndex
	for i := 0; i+1 < len(toks); i++ {
		if covered[i] || !sameLine(text, toks[i], toks[i+1]) {
			continue
		}
		pro, complement, ok := miscHead(toks[i].Text, buf)
		if !ok {
			continue
		}
		cast := starring(toks[i].Text)
		end, taken := ix.absorb(text, toks, spans, i, maxAbsorbed, func(sp Span) bool {
			// بطولة فلان: a film's cast, not a tournament; عملية عاصفة الحزم
			// takes the operation's own name.
			return (sp.Type != "MISC" || !complement) && !(sp.Type == "PER" && cast)
		})
		if taken == 0 && complement {
			end = orgComplement(text, toks, covered, i+1, false)
		}
		if ix.add(text, toks, covered, i, end, pro, "MISC") {
			i = end - 1
		}
	}
	return ix.merge(spans)
}

// starring reports whether the head w is بطولة, which before a person
// names a film's or a play's cast.
func starring(w string) bool {
	n := norm(w)
	return strings.HasSuffix(n, "بطوله")
}

// miscHead reports whether the raw token w is an event head, whether a
// definite complement may follow it, and how many code points of
// proclitics (و، ب، ل، ف) come before it.
func miscHead(w string, buf *[]byte) (pro int, complement, ok bool) {
	if !arabicWord(w) || len(w) > 2*maxHeadRunes {
		return 0, false, false
	}
	r, _ := utf8.DecodeLastRuneInString(w)
	switch r {
	case 'ن', 'ة', 'س', 'ي', 'د', 'ض', 'ى', 'ق':
	default:
		return 0, false, false
	}
	n := appendNorm((*buf)[:0], w)
	*buf = n
	if bytes.HasPrefix(n, []byte("لل")) {
		return 0, false, false
	}
	for _, p := range [...]string{"", "وب", "ول", "و", "ف", "ب", "ل"} {
		if rest, found := bytes.CutPrefix(n, []byte(p)); found {
			if c, head := miscPhraseHeads[string(rest)]; head {
				return rawRunes(w, utf8.RuneCountInString(p)), c, true
			}
		}
	}
	return 0, false, false
}

var (
	kbMiscOnce sync.Once
	kbMiscSeq  map[uint64]bool // hashes of the kb's event names (true) and their prefixes (false)
	kbMiscMax  int             // longest such name in words
)

// kbMisc returns the hashes (as gazetteer.add computes them) of the
// knowledge base's names of competitions and events of two words or more,
// true for a whole name and false for a proper prefix of one.
func kbMisc() (map[uint64]bool, int) {
	kbMiscOnce.Do(func() {
		kbMiscSeq = map[uint64]bool{}
		kb.Default().Entries(func(e *kb.Entry) bool {
			if e.Type != "MISC" {
				return true
			}
			for _, list := range [][]string{{e.NameAr}, e.Aliases} {
				for _, n := range list {
					f := strings.Fields(n)
					if len(f) < 2 || !hasArabic(n) {
						continue
					}
					h := newHash(0)
					for i, w := range f {
						if i > 0 {
							h = h.byte(' ')
						}
						h = h.str(norm(w))
						if i < len(f)-1 && !kbMiscSeq[uint64(h)] {
							kbMiscSeq[uint64(h)] = false
						}
					}
					kbMiscSeq[uint64(h)] = true
					kbMiscMax = max(kbMiscMax, len(f))
				}
			}
			return true
		})
	})
	return kbMiscSeq, kbMiscMax
}

// listedEvents adds MISC spans for the names of competitions and events of
// two words or more that the large lists (ArWikiCats) or the knowledge
// base hold (كوبا أمريكا، دوري أبطال آسيا، كأس خادم الحرمين الشريفين),
// over untagged words or over places and organizations the model found
// inside them (كوبا | أمريكا), and returns the spans in text order;
// covered is kept up to date.
func (t *Tagger) listedEvents(text string, toks []arabic.Token, fw, sw []string, spans []Span, covered []bool) []Span {
	seq, most := kbMisc()
	return t.listedNames(text, toks, fw, sw, spans, covered, "MISC", gMiscL, seq, most, false)
}

// listedOrgs adds ORG spans for the names of organizations of two words or
// more that the knowledge base or the large lists hold (الاتحاد الأرجنتيني
// لكرة القدم، مجلس التعاون لدول الخليج العربية) as listedEvents does for
// events, but a mention the model found is only lengthened, never given
// a head before it (نادي | النصر stays as the model read it).
func (t *Tagger) listedOrgs(text string, toks []arabic.Token, fw, sw []string, spans []Span, covered []bool) []Span {
	return t.listedNames(text, toks, fw, sw, spans, covered, "ORG", gKBOrg|gOrgL, nil, 0, true)
}

// listedNames adds spans of type typ for the names of two words or more
// whose gazetteer classes meet class or that seq holds (see kbMisc; most
// is its longest name), over untagged words or one- and two-word places
// and organizations inside them (only ones that start where the name
// starts when lengthen is set), and returns the spans in text order.
func (t *Tagger) listedNames(text string, toks []arabic.Token, fw, sw []string, spans []Span, covered []bool, typ string, class uint16, seq map[uint64]bool, most int, lengthen bool) []Span {
	g := defaultGazetteer()
	most = max(most, g.maxLen)
	var owner map[int]int // token → index of a one- or two-word span the event may take in
	for k, sp := range spans {
		if sp.TokEnd-sp.TokStart <= 2 && (sp.Type == "LOC" || sp.Type == "ORG" || sp.Type == typ) {
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
	var ix spanIndex
	for i := 0; i+1 < len(toks); i++ {
		if !free(i) || !arabicWord(toks[i].Text) {
			continue
		}
		if k, ok := owner[i]; ok && spans[k].TokStart != i {
			continue
		}
		w := fw[i]
		best, skip, article := 0, 0, false
		for _, first := range [2]string{w, sw[i]} {
			h := newHash(0).str(first)
			if !beginsEntry(g, seq, h) {
				if first == sw[i] {
					break
				}
				continue
			}
			for l := 2; l <= most && i+l <= len(toks); l++ {
				k := i + l - 1
				if !free(k) || !sameLine(text, toks[k-1], toks[k]) {
					break
				}
				h = h.byte(' ').str(fw[k])
				whole, inKB := seq[uint64(h)]
				r, inList := g.table.lookup(uint64(h))
				if !inKB && !inList {
					break
				}
				if (whole || inList && uint16(r)&class != 0) && l > best && t.takesWhole(spans, owner, i, i+l, lengthen) {
					best, skip, article = l, 0, false
					switch rest := strings.TrimPrefix(first, "ال"); {
					case first == w:
					case strings.HasPrefix(first, "ال") && !strings.HasSuffix(w, first):
						// للدوري: ل + ال with the alef elided.
						skip, article = utf8.RuneCountInString(w)-utf8.RuneCountInString(rest), true
					default:
						skip = utf8.RuneCountInString(w) - utf8.RuneCountInString(first)
					}
				}
			}
			if first == sw[i] {
				break
			}
		}
		if best == 0 || !ix.add(text, toks, covered, i, i+best, rawRunes(toks[i].Text, skip), typ) {
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

// takesWhole reports whether every span of owner over tokens [a, b) lies
// within them and, when lengthen is set, starts at a.
func (t *Tagger) takesWhole(spans []Span, owner map[int]int, a, b int, lengthen bool) bool {
	for j := a; j < b; j++ {
		if k, ok := owner[j]; ok && (spans[k].TokStart < a || spans[k].TokEnd > b || lengthen && spans[k].TokStart != a) {
			return false
		}
	}
	return true
}

// beginsEntry reports whether the word hashed as h begins a name of two
// words or more of the gazetteer or of seq (see kbMisc).
func beginsEntry(g *gazetteer, seq map[uint64]bool, h hash) bool {
	if r, ok := g.table.lookup(uint64(h)); ok && uint16(r)&gPrefix != 0 {
		return true
	}
	_, ok := seq[uint64(h)]
	return ok
}
