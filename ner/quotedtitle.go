package ner

import (
	"sort"
	"strings"

	"github.com/khabar/khabar/arabic"
)

// A project, a programme, a campaign or a work is often named in
// quotation marks after the noun of its kind (مشروع «نبراس»، مسرحية
// "حظنا كدا"، فيلم «السمكة السوداء»). The model reads the quoted words as
// a person or a place; they are the name of the thing (MISC), without the
// noun before the marks.

// titleKinds are the nouns of the kinds, in norm's alphabet, with the
// proclitics و، ب، ل، ف taken off and the article kept out.
var titleKinds = map[string]bool{
	"مشروع": true, "برنامج": true, "مبادره": true, "حمله": true, "مسرحيه": true, "فيلم": true, "كتاب": true,
	"روايه": true, "تطبيق": true, "منصه": true, "مسلسل": true, "اغنيه": true, "قصيده": true, "ديوان": true,
	"مهرجان": true, "معرض": true, "مسابقه": true, "مبادرات": true, "برامج": true, "مشاريع": true,
}

// maxTitleWords bounds the words of a quoted title.
const maxTitleWords = 4

// quotedTitles adds MISC spans for the words in quotation marks right
// after a noun of titleKinds, replacing the mentions inside them, and
// returns the spans in text order; covered is kept up to date.
func (t *Tagger) quotedTitles(text string, toks []arabic.Token, fw []string, spans []Span, covered []bool) []Span {
	var ix spanIndex
	for i := 0; i+2 < len(toks); i++ {
		if !isQuoteMark(toks[i+1].Text) || !sameLine(text, toks[i], toks[i+1]) {
			continue
		}
		if !titleKind(fw[i]) && (i == 0 || !strings.HasPrefix(fw[i], "ال") || !titleKind(fw[i-1]) || !sameLine(text, toks[i-1], toks[i])) {
			continue // (المشروع الوطني «نبراس»: one adjective may stand between)
		}
		a, b := i+2, i+2
		for b < len(toks) && b-a <= maxTitleWords && !isQuoteMark(toks[b].Text) && titleToken(toks[b]) && sameLine(text, toks[b-1], toks[b]) {
			b++
		}
		if b == a || b >= len(toks) || b-a > maxTitleWords || !isQuoteMark(toks[b].Text) || !inside(spans, a, b) {
			continue
		}
		sp, ok := tokenSpan(text, toks, a, b, 0, "MISC")
		if !ok {
			continue
		}
		ix.dropInside(spans, a, b)
		ix.added = append(ix.added, sp)
		for j := a; j < b; j++ {
			covered[j] = true
		}
		i = b
	}
	return ix.merge(spans)
}

// titleToken reports whether tok may be a word of a title: a word, a
// Latin word or a number.
func titleToken(tok arabic.Token) bool {
	return tok.Kind == arabic.Word || tok.Kind == arabic.Latin || tok.Kind == arabic.Number
}

// titleKind reports whether the folded word w is a noun of titleKinds,
// behind its proclitics and the article.
func titleKind(w string) bool {
	_, head, _ := cliticWord(w)
	return titleKinds[strings.TrimPrefix(head, "ال")]
}

// firstFrom returns the index of the first of spans (in text order) that
// starts at token a or later.
func firstFrom(spans []Span, a int) int {
	return sort.Search(len(spans), func(k int) bool { return spans[k].TokStart >= a })
}

// inside reports whether every mention that covers a token of [a, b)
// lies within [a, b) (no mention runs across the quotation marks). spans
// are in text order and do not overlap.
func inside(spans []Span, a, b int) bool {
	k := firstFrom(spans, a)
	if k > 0 && spans[k-1].TokEnd > a {
		return false
	}
	for ; k < len(spans) && spans[k].TokStart < b; k++ {
		if spans[k].TokEnd > b {
			return false
		}
	}
	return true
}

// dropInside marks the mentions within tokens [a, b) to be dropped by
// merge.
func (ix *spanIndex) dropInside(spans []Span, a, b int) {
	ix.index(spans)
	for k := firstFrom(spans, a); k < len(spans) && spans[k].TokStart < b; k++ {
		if spans[k].TokEnd <= b {
			ix.drop[k] = true
		}
	}
}
