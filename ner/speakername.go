package ner

import (
	"strings"
	"unicode/utf8"

	"github.com/khabar/khabar/arabic"
)

// News names a speaker after the verb of speech and an office, and ends
// the name where the statement begins: وبين مدير إدارة الخدمات بأمانة
// المنطقة محمد المردف، أن … The family name after the given name is often
// a word the lists do not hold (المردف) or a common word (الخميس). After a
// speech verb of the same sentence, a given name and one or two more name
// words right before the statement's start (a comma, أن, إن, a colon, في)
// are a person.

// speechVerbs are verbs of saying in the perfect and imperfect, in norm's
// alphabet, without proclitics.
var speechVerbs = map[string]bool{}

func init() {
	for _, w := range []string{
		"قال", "قالت", "يقول", "تقول", "اوضح", "اوضحت", "بين", "بينت", "اكد", "اكدت", "يوكد", "تؤكد",
		"اشار", "اشارت", "اضاف", "اضافت", "ذكر", "ذكرت", "صرح", "صرحت", "افاد", "افادت", "كشف", "كشفت",
		"شدد", "شددت", "لفت", "لفتت", "اعلن", "اعلنت", "اشاد", "اشادت", "اعتبر", "اعتبرت", "نوه", "نوهت",
		"اعرب", "اعربت", "طالب", "طالبت", "دعا", "دعت", "ابلغ", "ابلغت", "اوضحوا",
	} {
		speechVerbs[norm(w)] = true
	}
}

// statementStarts are the words and marks that begin what a speaker said
// or the circumstances of saying it, in norm's alphabet.
var statementStarts = map[string]bool{
	"،": true, ",": true, ":": true, "؛": true, ";": true, "ان": true, "بان": true, "انه": true, "انها": true,
	"في": true, "خلال": true, "لـ": true, "ل": true,
}

// notSpeakerGiven are given names of the lists that follow a speech verb
// far more often as common words (في بيان، المتحدث باسم، بأن), in norm's
// alphabet.
var notSpeakerGiven = map[string]bool{
	"بيان": true, "باسم": true, "بان": true, "لي": true, "حياه": true, "صباح": true, "ملك": true, "رايد": true,
	"امل": true, "خادم": true, "اميه": true, "عيد": true, "سلام": true, "نصر": true, "فخر": true, "كرم": true,
}

// afterOffice reports whether the given name at token i follows the
// speaker's office: the word before it is a title or role, a word of a
// mention (covered), or a definite word (مدير الإدارة العامة للمرور
// فلان), and no preposition; verb is the speech verb's token.
func afterOffice(toks []arabic.Token, covered []bool, verb, i int) bool {
	if i-1 <= verb {
		return false // قال محمد …: the model's own case
	}
	p := toks[i-1].Text
	n := norm(p)
	if spanStops[n] == stopPerson || leadWords[n] {
		return false
	}
	if covered[i-1] || isTitle(p) || roleWord(p) {
		return true
	}
	_, base := stripClitics(n)
	return strings.HasPrefix(n, "ال") || strings.HasPrefix(n, "لل") || strings.HasPrefix(base, "ال") && base != n
}

// maxSpeechGap is how many words may stand between the speech verb and
// the given name (the speaker's office).
const maxSpeechGap = 14

// speakerNames adds person spans for untagged speaker names (see above)
// and returns the spans in text order; covered is kept up to date.
func (t *Tagger) speakerNames(text string, toks []arabic.Token, spans []Span, covered []bool) []Span {
	g := defaultGazetteer()
	var ix spanIndex
	verb := -1 // token of the last speech verb of the sentence
	for i := 0; i < len(toks); i++ {
		w := norm(toks[i].Text)
		if isSentenceEnd(toks[i].Text) || i > 0 && !sameLine(text, toks[i-1], toks[i]) {
			verb = -1
		}
		if _, base := stripClitics(w); speechVerbs[w] || speechVerbs[base] && len(base) < len(w) {
			verb = i
			continue
		}
		if verb < 0 || i-verb > maxSpeechGap || covered[i] || !givenWord(g, toks[i].Text, true) || notSpeakerGiven[w] || !afterOffice(toks, covered, verb, i) {
			continue
		}
		end := 0
		for n := 1; n <= 2 && i+n < len(toks); n++ {
			k := i + n
			if covered[k] || !sameLine(text, toks[k-1], toks[k]) || !speakerNameWord(g, toks[k].Text) {
				break
			}
			if k+1 < len(toks) && sameLine(text, toks[k], toks[k+1]) && statementStarts[norm(toks[k+1].Text)] {
				end = k + 1
			}
		}
		if end == 0 {
			continue
		}
		sp, ok := tokenSpan(text, toks, i, end, 0, "PER")
		if !ok {
			continue
		}
		ix.added = append(ix.added, sp)
		for j := i; j < end; j++ {
			covered[j] = true
		}
		verb, i = -1, end-1
	}
	return ix.merge(spans)
}

// speakerNameWord reports whether the raw token w may continue a
// speaker's name after the given name: an Arabic word of three letters or
// more that is no particle, stop word, title, role, head of a body or a
// place, and no place the lists know.
func speakerNameWord(g *gazetteer, w string) bool {
	n := norm(w)
	if !arabicWord(w) || utf8.RuneCountInString(n) < 3 || leadWords[n] || spanStops[n] != 0 || statementStarts[n] {
		return false
	}
	if isTitle(w) || roleWord(w) || orgPhraseHeads[n] || isHead(miscPhraseHeads, n) || isHead(locPhraseHeads, n) || speechVerbs[n] {
		return false
	}
	if g.word[n]&(gCountry|gCity|gKBLoc|gKBOrg|gKBDem|gOrgHead|gLocCue|gTitle) != 0 || demonymLike(g, n) {
		return false
	}
	// A verb in the imperfect, or و + a word that is no name (والمدير),
	// ends a name.
	const names = gFirst | gLast | gName | gKBPer | gPerL
	if imperfectVerb(n, w) || strings.HasPrefix(n, "و") && g.word[n]&names == 0 {
		return false
	}
	if g.word[n]&names != 0 || nisbaFamily(g, n) {
		return true
	}
	// A word of the lexicon (نفسا، الحكومة) is no name unless a list
	// knows it as one; a family name of another shape (المردف) is
	// unknown to the lexicon.
	return !arabic.IsKnownWord(strings.TrimPrefix(arabic.Normalize(w, arabic.Search), "ال"))
}
