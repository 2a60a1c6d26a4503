package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/khabar/khabar/arabic"
)

// Token is one index term with the half-open code-point offsets of the
// original word it came from.
type Token struct {
	Term  string
	Start int
	End   int
}

// Analyzer turns text into index terms. Backends use the same Analyzer
// for documents and queries so that both match identically. An Analyzer
// must be safe for concurrent use.
type Analyzer interface {
	// Analyze appends the terms of text to dst and returns it.
	Analyze(text string, dst []Token) []Token
}

// ExactPrefix marks exact-form terms in an index: for every analyzed
// term, backends also index ExactPrefix+ExactForm(original word) at the
// same position, so that quoted phrases match surface forms.
const ExactPrefix = "="

// ExactForm is the form a word is matched by in a quoted (exact) phrase:
// the word without diacritics and tatweel, with the hamza forms of alef
// (أ إ آ ٱ) folded to ا, the hamza on a waw or yeh seat (ؤ ئ) folded to
// ء (arabic.FoldHamzaSeat) and Latin letters lower-cased. Clitics and
// suffixes are kept: "الاجتماعات" does not match "اجتماع".
func ExactForm(word string) string {
	var b strings.Builder
	b.Grow(len(word))
	for _, r := range word {
		switch {
		case isHaraka(r) || r == 'ـ':
			continue
		case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
			r = 'ا'
		case r < utf8.RuneSelf:
			r = unicode.ToLower(r)
		default:
			r = arabic.FoldHamzaSeat(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isHaraka(r rune) bool {
	return (r >= 0x064B && r <= 0x065F) || r == 0x0670 || (r >= 0x06D6 && r <= 0x06ED)
}
