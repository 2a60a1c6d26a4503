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
// over untagged words or over one- and two-word places, bodies and events
// found inside them (كوبا | أمريكا), and returns the spans in text order;
// covered is kept up to date.
func (t *Tagger) listedEvents(text string, toks []arabic.Token, fw, sw []string, spans []Span, covered []bool) []Span {
	seq, most := kbMisc()
	return listedNames(text, toks, fw, sw, spans, covered, listSpec{typ: "MISC", class: gMiscL, seq: seq, most: most,
		owns: func(sp Span) bool {
			return sp.TokEnd-sp.TokStart <= 2 && (sp.Type == "LOC" || sp.Type == "ORG" || sp.Type == "MISC")
		}})
}

// listedOrgs adds ORG spans for the names of organizations of two words or
// more that the knowledge base or the large lists hold (مجلس الوزراء،
// مجلس التعاون لدول الخليج العربية) as listedEvents does for events, but a
// mention the model found is only lengthened, never given a head before it
// (نادي | النصر stays as the model read it), and a body named as a title's
// complement (رئيس مجلس الوزراء) is part of the title.
func (t *Tagger) listedOrgs(text string, toks []arabic.Token, fw, sw []string, spans []Span, covered []bool) []Span {
	return listedNames(text, toks, fw, sw, spans, covered, listSpec{typ: "ORG", class: gKBOrg | gOrgL, lengthen: true, notInTitle: true,
		owns: func(sp Span) bool { return sp.TokEnd-sp.TokStart <= 2 && (sp.Type == "LOC" || sp.Type == "ORG") }})
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
