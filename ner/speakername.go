package ner

import (
	"strings"
	"unicode/utf8"

	"github.com/khabar/khabar/arabic"
)

// A speaker already named in full is named again by the family name
// alone right after the verb of speech, before the statement: وأضاف
// قراش: … , وقال الصباح إن … . A family name that is no nisba and no word
// of the lexicon (قراش) escapes the model there.

// speechVerbs are verbs of saying in the perfect, in norm's alphabet,
// with the conjunction و or ف or without.
var speechVerbs = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		"قال", "قالت", "اضاف", "اضافت", "تابع", "تابعت", "اكد", "اكدت", "اوضح", "اوضحت", "بين", "بينت",
		"اشار", "اشارت", "ذكر", "ذكرت", "صرح", "صرحت", "افاد", "افادت", "شدد", "شددت", "لفت", "لفتت",
		"استدرك", "استطرد", "اردف", "ختم", "زاد",
	} {
		m[w], m["و"+w], m["ف"+w] = true, true, true
	}
	return m
}()

// speakerFamilies adds person spans for a lone unknown word between a
// verb of speech and the start of the statement (a colon, إن or أن), and
// returns the spans in text order; covered is kept up to date.
func (t *Tagger) speakerFamilies(text string, toks []arabic.Token, fw []string, spans []Span, covered []bool) []Span {
	g := defaultGazetteer()
	var ix spanIndex
	for i := 1; i+1 < len(toks); i++ {
		if covered[i] || !speechVerbs[fw[i-1]] || !sameLine(text, toks[i-1], toks[i]) || !sameLine(text, toks[i], toks[i+1]) {
			continue
		}
		switch fw[i+1] {
		case ":", "ان", "انه", "انها", "بان":
		default:
			continue
		}
		if !loneFamily(g, toks[i].Text, fw[i]) {
			continue
		}
		if sp, ok := tokenSpan(text, toks, i, i+1, 0, "PER"); ok {
			ix.added = append(ix.added, sp)
			covered[i] = true
		}
	}
	return ix.merge(spans)
}

// loneFamily reports whether the raw token w (folded: n) may be a family
// name standing alone: Arabic letters, four or more, without proclitics,
// a word no lexicon or list holds as anything but a name.
func loneFamily(g *gazetteer, w, n string) bool {
	if utf8.RuneCountInString(n) < 4 || n == "تعالي" || n == "تعالی" || n == "سبحانه" { // قال تعالى: a verse (ی: Persian yeh)
		return false
	}
	if pro, _ := stripClitics(n); pro != "" && !strings.HasPrefix(n, "ال") {
		return false // وقراش, بقراش: a word with a proclitic is no subject here
	}
	return unlistedName(g, w, n)
}

// inflectedWord reports whether the Search-normalized word s is a word of
// the lexicon as it stands or with a plural, dual, pronoun or adverbial
// ending taken off (المسؤولون، الدراسات، أعضائه، متسائلا).
func inflectedWord(s string) bool {
	if arabic.IsKnownWord(s) {
		return true
	}
	if stem, ok := strings.CutSuffix(s, "ات"); ok && utf8.RuneCountInString(stem) == 2 && arabic.IsKnownWord(stem+"ه") {
		return true // جهات: the plural of a short word in ة
	}
	for _, suf := range [...]string{"ون", "ين", "ات", "ان", "هم", "ها", "ه", "ا", "ي"} {
		if stem, ok := strings.CutSuffix(s, suf); ok && utf8.RuneCountInString(stem) >= 3 {
			if arabic.IsKnownWord(stem) || arabic.IsKnownWord(stem+"ه") || strings.HasSuffix(stem, "ي") && arabic.IsKnownWord(strings.TrimSuffix(stem, "ي")) {
				return true
			}
			// أعضائه: the hamza takes a seat before a suffix.
			for _, seat := range [...]string{"ئ", "ي", "ؤ"} {
				if base, ok := strings.CutSuffix(stem, seat); ok && arabic.IsKnownWord(base+"ء") {
					return true
				}
			}
		}
	}
	return false
}
