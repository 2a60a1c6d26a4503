package ner

import (
	"strings"
	"unicode/utf8"

	"github.com/khabar/khabar/arabic"
)

// Some words the model reads as names are never names where they stand:
// the Levantine name of a month in brackets after the Gregorian one
// (أبريل (نيسان)، which the model reads as the car maker), an adverb or
// an indefinite nisba adjective with the accusative ending (ميدانيا،
// سحابيا، تونسيا), whose ending is a country's (سوريا، ليبيا), and a verb
// in the plural or the dual (يستنسخون، يوفرون). dropNonNames removes
// such mentions.

// levantineMonths are the Levantine month names, folded; تشرين and كانون
// take الأول or الثاني.
var levantineMonths = map[string]bool{
	"كانون": true, "شباط": true, "اذار": true, "نيسان": true, "ايار": true, "حزيران": true, "تموز": true,
	"اب": true, "ايلول": true, "تشرين": true,
}

// dropNonNames returns spans less the mentions that are a month name in
// brackets, an adverb of the accusative nisba form, a plural or dual verb
// or the sunset prayer (see above), and places less the second word of a
// compound direction (شمال غرب بغداد → بغداد); covered is kept up to
// date.
func dropNonNames(text string, toks []arabic.Token, fw []string, spans []Span, covered []bool) []Span {
	kept := spans[:0]
	for _, sp := range spans {
		if bracketedMonth(toks, fw, sp) || nisbaAdverb(toks, fw, sp) || pluralVerb(toks, fw, sp) || prayerTime(fw, sp) {
			for j := sp.TokStart; j < sp.TokEnd; j++ {
				covered[j] = false
			}
			continue
		}
		if a := sp.TokStart; sp.Type == "LOC" && a > 0 && sp.TokEnd > a+1 && directionWords[fw[a]] && directionBefore(fw[a-1]) {
			// شمال غرب بغداد: the direction is northwest, the place بغداد.
			if n, ok := tokenSpan(text, toks, a+1, sp.TokEnd, 0, "LOC"); ok {
				covered[a] = false
				sp = n
			}
		}
		kept = append(kept, sp)
	}
	return kept
}

// prayerWords are the words before a prayer's name, folded: صلاة المغرب
// and أذان المغرب are the sunset prayer, not Morocco.
var prayerWords = map[string]bool{
	"صلاه": true, "وصلاه": true, "لصلاه": true, "بصلاه": true, "اذان": true, "واذان": true, "لاذان": true, "صلاتي": true,
}

// prayerTime reports whether sp is المغرب after a word of prayer.
func prayerTime(fw []string, sp Span) bool {
	a := sp.TokStart
	return sp.TokEnd == a+1 && a > 0 && prayerWords[fw[a-1]] && strings.TrimPrefix(fw[a], "و") == "المغرب"
}

// bracketedMonth reports whether sp is a Levantine month name right after
// an opening bracket.
func bracketedMonth(toks []arabic.Token, fw []string, sp Span) bool {
	a := sp.TokStart
	return a > 0 && toks[a-1].Text == "(" && sp.Start == toks[a].Start && levantineMonths[fw[a]] &&
		(sp.TokEnd == a+1 || sp.TokEnd == a+2 && (fw[a+1] == "الاول" || fw[a+1] == "الثاني"))
}

// nisbaAdverb reports whether the place sp is one word of the accusative
// nisba form (ميدانيا، تكفيريا، تونسيا) that no list holds as a place and
// whose stem is a word of the lexicon or a listed place (ماديا of ماديا
// براديش and أفريقيا have none), where an adverb or an adjective stands.
func nisbaAdverb(toks []arabic.Token, fw []string, sp Span) bool {
	if sp.Type != "LOC" || sp.TokEnd != sp.TokStart+1 {
		return false
	}
	w := norm(sp.Text)
	stem, ok := strings.CutSuffix(w, "يا")
	if !ok || utf8.RuneCountInString(stem) < 3 {
		return false
	}
	g := defaultGazetteer()
	if g.word[w]&(gCountry|gCity|gKBLoc|gKBOrg|gKBPer|gOrgL|gPerL|gFirst|gLast|gName) != 0 {
		return false
	}
	if !arabic.IsKnownWord(arabic.Normalize(stem, arabic.Search)) && g.word[stem]&(gCountry|gCity) == 0 {
		return false
	}
	// An adverb opens its sentence (ميدانيا، …); an adjective follows an
	// indefinite accusative noun (نهجا سحابيا، نفوذا إيرانيا، إرهابيا
	// وتكفيريا) that is no place (ألمانيا ويوغسلافيا).
	a := sp.TokStart
	if a == 0 || toks[a-1].Kind != arabic.Word {
		return a+1 < len(toks) && (toks[a+1].Text == "،" || toks[a+1].Text == ",")
	}
	prev := fw[a-1]
	_, base := stripClitics(prev)
	return strings.HasSuffix(prev, "ا") && !strings.HasSuffix(prev, "يا") &&
		g.word[prev]&(gCountry|gCity|gKBLoc) == 0 && g.word[base]&(gCountry|gCity|gKBLoc) == 0
}

// pluralVerb reports whether sp begins with a verb in the imperfect whose
// ending is the plural's or the dual's (يستنسخون، يوفرون، يدعمان).
func pluralVerb(toks []arabic.Token, fw []string, sp Span) bool {
	a := sp.TokStart
	if sp.Start != toks[a].Start {
		return false // behind a proclitic
	}
	w := fw[a]
	return (strings.HasSuffix(w, "ون") || strings.HasSuffix(w, "ان") || strings.HasSuffix(w, "وا")) &&
		imperfectVerb(w, toks[a].Text)
}

// directionBefore reports whether the folded word w is a direction, with
// or without proclitics (جنوب، بجنوب، وشمال).
func directionBefore(w string) bool {
	_, base := stripClitics(w)
	return directionWords[w] || directionWords[base]
}
