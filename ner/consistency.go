package ner

import (
	"strings"
	"unicode/utf8"

	"github.com/khabar/khabar/arabic"
)

// An article that names a person in full (باراك أوباما، جواد ظريف) goes on
// with the family name alone, and the tagger, which reads each sentence
// apart, may give that word another type (أوباما as MISC) or none. A
// foreign family name has no article, so familyName does not hold it; a
// word that no list holds as a given name or a place, that the Arabic
// lexicon lacks or the lists hold as a family name, stands for the person
// as the article's family names do. The other way round, a town the
// article names with its head (مدينة داروين) is a place where the word
// stands alone, not the person the model took it for.

// bareFamily reports whether w, the folded last word raw of a person's
// name of two words or more, is a family name without the article that
// may stand alone for the person (see above).
func bareFamily(g *gazetteer, w, raw string) bool {
	if strings.HasPrefix(w, "ال") || utf8.RuneCountInString(w) < 4 || !arabicWord(w) || spanStops[w] != 0 || leadWords[w] ||
		cliticOnWord(w) {
		return false
	}
	c := g.word[w]
	if c&(gFirst|gCountry|gCity|gTitle|gOrgHead|gLocCue|gKBLoc|gKBDem|gKBOrg|gOrgL|gMiscL) != 0 {
		return false
	}
	if isTitle(raw) {
		return false // مفتي
	}
	if foreignWord(raw) {
		return true
	}
	seg := arabic.SplitClitics(raw)
	return c&(gLast|gName) != 0 && seg.Proclitics == "" && seg.Enclitic == ""
}

// consistentTypes gives the type of the article's full names to the
// one-word mentions of their words (see above): a one-word mention of
// another type that is a person's bare family name becomes PER, and a
// one-word person that the article names as a town after its head
// becomes LOC. spans are changed in place.
func consistentTypes(toks []arabic.Token, fw []string, spans []Span) {
	g := defaultGazetteer()
	var families, towns map[string]bool
	for _, sp := range spans {
		n := sp.TokEnd - sp.TokStart
		switch {
		case sp.Type == "PER" && n >= 2:
			if w := fw[sp.TokEnd-1]; bareFamily(g, w, toks[sp.TokEnd-1].Text) {
				if families == nil {
					families = map[string]bool{}
				}
				families[w] = true
			}
		case sp.Type == "LOC" && n == 2 && sp.Start == toks[sp.TokStart].Start && locPhraseHeads[fw[sp.TokStart]]:
			if towns == nil {
				towns = map[string]bool{}
			}
			towns[fw[sp.TokStart+1]] = true
		}
	}
	if families == nil && towns == nil {
		return
	}
	for k := range spans {
		sp := &spans[k]
		if sp.TokEnd != sp.TokStart+1 {
			continue
		}
		w := fw[sp.TokStart]
		if sp.Start != toks[sp.TokStart].Start {
			_, w = stripClitics(w)
		}
		switch {
		case sp.Type != "PER" && families[w] && (sp.Type == "MISC" || g.word[w]&(gKBAll|gOrgL|gCountry|gCity) == 0):
			sp.Type = "PER"
		case sp.Type == "PER" && towns[w] && !families[w]:
			sp.Type = "LOC"
		}
	}
}

// cliticOnWord reports whether the folded word w is a preposition on a
// lexicon word (بشأن) or a lexicon word with a pronoun or the construct
// plural's ي (لاعبي), which the lexicon does not list whole.
func cliticOnWord(w string) bool {
	known := func(s string) bool {
		return utf8.RuneCountInString(s) >= 2 && arabic.IsKnownWord(arabic.Normalize(s, arabic.Search))
	}
	for _, p := range [...]string{"ب", "ل", "ك"} {
		if rest, ok := strings.CutPrefix(w, p); ok && known(rest) {
			return true
		}
	}
	for _, s := range [...]string{"ي", "ه", "ها", "هم", "كم", "نا"} {
		if rest, ok := strings.CutSuffix(w, s); ok && known(rest) {
			return true
		}
	}
	return false
}
