package ner

import (
	"strings"
	"unicode/utf8"

	"github.com/khabar/khabar/arabic"
)

// TagDocument tags sentences of words (a corpus already split into
// tokens, such as CoNLL) as one document, the way Tag tags a text: with
// the passes that look across the document (names found again, family
// names, organization and event phrases). It returns one BIO label per
// word. TagSentences gives the model's labels alone.
func (t *Tagger) TagDocument(sents [][]string) [][]string {
	var b strings.Builder
	var toks []arabic.Token
	pos := 0 // code points written
	for si, s := range sents {
		if si > 0 {
			b.WriteByte('\n')
			pos++
		}
		for wi, w := range s {
			if wi > 0 {
				b.WriteByte(' ')
				pos++
			}
			n := utf8.RuneCountInString(w)
			toks = append(toks, arabic.Token{Text: w, Start: pos, End: pos + n, ByteStart: b.Len()})
			b.WriteString(w)
			pos += n
		}
	}
	out := make([][]string, len(sents))
	where := make([][2]int, 0, len(toks)) // token → sentence, word
	for si, s := range sents {
		out[si] = make([]string, len(s))
		for wi := range s {
			out[si][wi] = "O"
			where = append(where, [2]int{si, wi})
		}
	}
	for _, sp := range t.Tag(b.String(), toks) {
		for k := sp.TokStart; k < sp.TokEnd && k < len(where); k++ {
			tag := "I-"
			if k == sp.TokStart {
				tag = "B-"
			}
			out[where[k][0]][where[k][1]] = tag + sp.Type
		}
	}
	return out
}
