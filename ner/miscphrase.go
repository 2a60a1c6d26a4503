package ner

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/khabar/khabar/arabic"
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
