package ner

import (
	"strings"
	"sync"

	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/kb"
)

// The press writes a body's name in quotation marks, after the noun of
// its kind (قناة «إيه بي سي»، شركة “جو برو”، موقع «فيسبوك») or, for a
// newspaper, alone (قال لـ"الوطن"، وعلمت «عكاظ»، as every outlet names
// itself). The model reads foreign names in the marks as people or works
// and leaves a newspaper's title, a common word, untagged; the quoted
// words are the body's name.

// bodyKinds are the nouns of the kinds, in norm's alphabet, with the
// proclitics و، ب، ل، ف taken off and the article kept out.
var bodyKinds = map[string]bool{
	"قناه": true, "شبكه": true, "صحيفه": true, "جريده": true, "وكاله": true, "موقع": true, "مجله": true,
	"اذاعه": true, "تلفزيون": true, "شركه": true, "مجموعه": true, "بنك": true, "مصرف": true, "موسسه": true,
	"دار": true, "منظمه": true, "حزب": true, "جمعيه": true, "صندوق": true,
}

// maxBodyWords bounds the words of a quoted name.
const maxBodyWords = 5

// quotedBodies adds ORG spans for the words in quotation marks after a
// noun of bodyKinds, and for a quoted newspaper's, channel's or agency's
// name that the knowledge base holds, replacing the mentions inside the
// marks; it returns the spans in text order and keeps covered up to
// date.
func (t *Tagger) quotedBodies(text string, toks []arabic.Token, fw []string, spans []Span, covered []bool) []Span {
	var ix spanIndex
	for i := 0; i+2 < len(toks); i++ {
		if tok := toks[i].Text; tok != "«" && tok != "“" && tok != "\"" {
			continue
		}
		a, b := i+1, i+1
		letters := false
		for b < len(toks) && b-a <= maxBodyWords && titleToken(toks[b]) && sameLine(text, toks[b-1], toks[b]) {
			letters = letters || toks[b].Kind != arabic.Number
			b++
		}
		if b == a || b >= len(toks) || b-a > maxBodyWords || !closingMark(toks[b].Text) || !letters || !inside(spans, a, b) {
			continue
		}
		kind := i > 0 && sameLine(text, toks[i-1], toks[i]) && bodyKind(fw[i-1])
		if !kind {
			if i > 0 && sameLine(text, toks[i-1], toks[i]) && otherKind(fw[i-1]) {
				continue // مستشفى «الحياة»: a place named like a newspaper
			}
			if !outlets()[strings.Join(fw[a:b], " ")] || retyped(spans, a, b) {
				continue
			}
		}
		sp, ok := tokenSpan(text, toks, a, b, 0, "ORG")
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

// closingMark reports whether tok closes a quotation.
func closingMark(tok string) bool {
	return tok == "»" || tok == "”" || tok == "\""
}

// bodyKind reports whether the folded word w is a noun of bodyKinds,
// behind its proclitics and the article.
func bodyKind(w string) bool {
	_, head, _ := cliticWord(w)
	return bodyKinds[strings.TrimPrefix(head, "ال")]
}

// otherKind reports whether the folded word w is the head of a place or
// of another body, or the noun of a work's kind, behind its proclitics
// and the article: the quoted name after it is that thing's.
func otherKind(w string) bool {
	_, head, _ := cliticWord(w)
	head = strings.TrimPrefix(head, "ال")
	return locPhraseHeads[head] || orgPhraseHeads[head] || titleKinds[head] || defaultGazetteer().word[head]&(gOrgHead|gLocCue) != 0
}

// retyped reports whether a mention within tokens [a, b) is a body
// already or other than a place: the quoted outlet's name is then
// another thing's (a person named الوطن, a title).
func retyped(spans []Span, a, b int) bool {
	for k := firstFrom(spans, a); k < len(spans) && spans[k].TokStart < b; k++ {
		if spans[k].Type != "LOC" {
			return true
		}
	}
	return false
}

var (
	outletsOnce sync.Once
	outletsVal  map[string]bool
)

// outlets returns the names of the knowledge base's newspapers, channels
// and agencies, folded by norm, words joined by a space, with and without
// the noun of their kind (صحيفة الوطن → الوطن).
func outlets() map[string]bool {
	outletsOnce.Do(func() {
		outletsVal = map[string]bool{}
		kb.Default().Entries(func(e *kb.Entry) bool {
			if e.Type != kb.ORG || e.Kind != "news" {
				return true
			}
			for _, list := range [][]string{{e.NameAr}, e.Aliases, e.Weak} {
				for _, a := range list {
					if !hasArabic(a) {
						continue
					}
					var ws []string
					for _, tk := range arabic.Tokenize(a) {
						ws = append(ws, norm(tk.Text))
					}
					if len(ws) == 0 {
						continue
					}
					outletsVal[strings.Join(ws, " ")] = true
					if len(ws) > 1 && bodyKinds[ws[0]] {
						outletsVal[strings.Join(ws[1:], " ")] = true
					}
				}
			}
			return true
		})
	})
	return outletsVal
}
