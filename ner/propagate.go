package ner

import (
	"bytes"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/khabar/khabar/arabic"
)

// Label consistency across a document: a news article names its people,
// places and bodies once in full and then again, often in contexts the
// tagger reads less well (a list, a headline, a family name alone). After
// tagging, each name found is looked for again in the words no mention
// covers, and a person's family name (علي الحرقان … الحرقان) stands for
// the person.

const (
	maxPropWords  = 8  // longest name looked for again, in tokens
	maxPropPerKey = 16 // names kept per first word
)

// propName is a name found in the document, as folded words.
type propName struct {
	words []string
	key   string // the words joined by spaces
	typ   string
}

// propProclitics are the proclitics a repeated name may carry, longest
// first, in norm's alphabet. ل + ال (للأمم) is handled apart.
var propProclitics = [...]string{"وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك"}

// propagate adds, for each name among spans, its other occurrences in
// toks that no span covers (covered, see coverage), and returns the spans
// in text order; buf is scratch space.
func (t *Tagger) propagate(text string, toks []arabic.Token, spans []Span, covered []bool, buf *[]byte) []Span {
	if len(spans) == 0 {
		return spans
	}
	byFirst := map[string][]propName{}
	types := map[string]string{} // joined words → type; "" when types disagree
	add := func(words []string, typ string) {
		key := strings.Join(words, " ")
		if old, seen := types[key]; seen {
			if old != typ {
				types[key] = ""
			}
			return
		}
		types[key] = typ
		if l := byFirst[words[0]]; len(l) < maxPropPerKey {
			byFirst[words[0]] = append(l, propName{words, key, typ})
		}
	}
	g := defaultGazetteer()
	for _, sp := range spans {
		words := strings.Fields(sp.Name)
		if len(words) == 0 || len(words) > maxPropWords || len(words) != sp.TokEnd-sp.TokStart {
			continue
		}
		for i, w := range words {
			words[i] = norm(w)
		}
		if len(words) == 1 && !propSingle(words[0], sp.Type) {
			continue
		}
		add(words, sp.Type)
		if sp.Type == "PER" && len(words) >= 2 {
			if last := words[len(words)-1]; familyName(g, last) || bareFamily(g, last, toks[sp.TokEnd-1].Text) {
				add([]string{last}, "PER")
			}
		}
	}
	if len(byFirst) == 0 {
		return spans
	}
	// The folded last letters of the names' first words: a token that
	// ends otherwise starts no name, and is not folded.
	var ends []rune
	for f := range byFirst {
		if r, _ := utf8.DecodeLastRuneInString(f); !slices.Contains(ends, r) {
			ends = append(ends, r)
		}
	}
	var added []Span
	for i := 0; i < len(toks); i++ {
		if covered[i] {
			continue
		}
		if r, _ := utf8.DecodeLastRuneInString(toks[i].Text); !slices.Contains(ends, foldRune(r)) {
			continue
		}
		sp, ok := t.propMatch(text, toks, covered, i, byFirst, types, buf)
		if !ok {
			continue
		}
		added = append(added, sp)
		i = sp.TokEnd - 1
	}
	if len(added) == 0 {
		return spans
	}
	spans = append(spans, added...)
	slices.SortFunc(spans, func(a, b Span) int { return a.Start - b.Start })
	return spans
}

// propSingle reports whether a one-word name of type typ may be looked
// for again: long enough not to be a particle or a common short word, and
// for places and bodies without the article (تركيا، داعش), since one word
// with it is as often an adjective or a common noun (السعودية، الحرام);
// never a one-word MISC, which is most often a common noun the model took.
func propSingle(w, typ string) bool {
	return utf8.RuneCountInString(w) >= 4 && typ != "MISC" && (typ == "PER" || !strings.HasPrefix(w, "ال"))
}

// familyName reports whether w, the last word of a person's name, is a
// family name that may stand alone for the person: a word with the
// article (الحربي، الحرقان) that is not a place, a nationality or a body.
func familyName(g *gazetteer, w string) bool {
	if !strings.HasPrefix(w, "ال") || utf8.RuneCountInString(w) < 5 {
		return false
	}
	c := g.word[w]
	return c&(gCountry|gCity|gTitle|gOrgHead|gLocCue|gKBLoc|gKBDem|gKBOrg) == 0
}

// propMatch looks for a known name starting at token i, allowing
// proclitics on its first word, with every token uncovered. buf is
// scratch space for the folded word.
func (t *Tagger) propMatch(text string, toks []arabic.Token, covered []bool, i int, byFirst map[string][]propName, types map[string]string, buf *[]byte) (Span, bool) {
	w := appendNorm((*buf)[:0], toks[i].Text)
	*buf = w
	try := func(first []byte, pro int, article bool) (Span, bool) {
		cands := byFirst[string(first)]
		best := -1
		for k, n := range cands {
			if best >= 0 && len(n.words) <= len(cands[best].words) {
				continue
			}
			if types[n.key] == "" || i+len(n.words) > len(toks) {
				continue
			}
			ok := true
			for j := 1; j < len(n.words) && ok; j++ {
				ok = !covered[i+j] && norm(toks[i+j].Text) == n.words[j]
			}
			if ok {
				best = k
			}
		}
		if best < 0 {
			return Span{}, false
		}
		n := cands[best]
		sp, ok := tokenSpan(text, toks, i, i+len(n.words), rawRunes(toks[i].Text, pro), n.typ)
		if !ok {
			return Span{}, false
		}
		if article {
			sp.Name = "ال" + sp.Text
		}
		return sp, true
	}
	if sp, ok := try(w, 0, false); ok {
		return sp, true
	}
	for _, p := range [...]string{"ولل", "فلل", "لل"} {
		if rest, ok := bytes.CutPrefix(w, []byte(p)); ok && utf8.RuneCount(rest) >= 2 {
			// ل + ال with the alef elided: look up ال + the rest.
			withArticle := append([]byte("ال"), rest...)
			if sp, ok := try(withArticle, utf8.RuneCountInString(p), true); ok {
				return sp, true
			}
		}
	}
	for _, p := range propProclitics {
		if rest, ok := bytes.CutPrefix(w, []byte(p)); ok && utf8.RuneCount(rest) >= 2 {
			if sp, ok := try(rest, utf8.RuneCountInString(p), false); ok {
				return sp, true
			}
		}
	}
	return Span{}, false
}
