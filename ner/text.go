package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/khabar/khabar/arabic"
)

// This file holds the tagger's private text helpers. The trained model
// hashes the strings norm produces, so norm's rules are frozen with the
// model: they are arabic.FeatureFold, whose tests pin them to the rules
// this package wrote out before.

// norm folds a word for feature extraction with arabic.FeatureFold: it
// drops the Arabic marks, tatweel, zero-width and direction marks and
// invalid UTF-8, unifies the alef forms (أ إ آ ٱ → ا), ى → ي, ة → ه,
// ؤ → و, ئ → ي, folds Arabic-Indic digits to ASCII and lower-cases ASCII
// letters. It returns s itself when nothing changes, so it allocates only
// for words that need folding.
func norm(s string) string { return arabic.FeatureFold.String(s) }

// appendNorm appends norm(s) to dst.
func appendNorm(dst []byte, s string) []byte { return arabic.FeatureFold.Append(dst, s) }

// foldRune maps one rune as norm does; -1 drops it.
func foldRune(r rune) rune { return arabic.FeatureFold.Rune(r) }

// proclitic prefixes tried by the feature extractor, longest first. The
// entries are written in norm's alphabet.
var proclitics = []string{"وبال", "وكال", "وفال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك"}

// stripClitics splits a normalized word into its longest plausible
// proclitic cluster (which may include the article ال) and a base of at
// least minBase runes. It returns "" and w when nothing is stripped.
// "لل" (ل + ال) yields the base with ال restored, so للأمم → ال + أمم.
func stripClitics(w string) (pro, base string) {
	const minBase = 2
	for _, p := range proclitics {
		if strings.HasPrefix(w, p) && utf8.RuneCountInString(w[len(p):]) >= minBase {
			rest := w[len(p):]
			if strings.HasSuffix(p, "لل") {
				return p, "ال" + rest
			}
			return p, rest
		}
	}
	return "", w
}

// cliticWord splits the folded word n into the letters of its proclitic
// cluster to leave out of a mention and the word they stand before, with
// its article: والمقاومة is و + المقاومة (skip 1), بالخارجية ب +
// الخارجية, للقوات ل + القوات with the alef elided (skip 2, elided set:
// the mention's text is قوات, its name القوات), وقوات و + قوات. A word
// without proclitics is itself.
func cliticWord(n string) (skip int, word string, elided bool) {
	pro, base := stripClitics(n)
	switch {
	case pro == "":
		return 0, n, false
	case strings.HasSuffix(pro, "لل"):
		return utf8.RuneCountInString(pro), base, true // base has ال restored
	case strings.HasSuffix(pro, "ال"):
		return utf8.RuneCountInString(pro) - 2, "ال" + base, false
	}
	return utf8.RuneCountInString(pro), base, false
}

// dropArticle removes a leading ال from a base when a name of at least
// two runes remains.
func dropArticle(w string) string {
	if strings.HasPrefix(w, "ال") && utf8.RuneCountInString(w) >= 4 {
		return w[len("ال"):]
	}
	return w
}

// shape classifies a raw token coarsely: A Arabic word, L Latin, D digits,
// N mixed digits and letters, P punctuation, S other; a trailing "s" marks
// a short (one or two rune) token.
func shape(s string) string {
	var ar, la, dg, pu, ot int
	n := 0
	for _, r := range s {
		n++
		switch {
		case r >= 0x0600 && r <= 0x06FF && !(r >= '٠' && r <= '٩') && !(r >= '۰' && r <= '۹') && r != '،' && r != '؛' && r != '؟':
			ar++
		case unicode.IsDigit(r):
			dg++
		case unicode.IsLetter(r):
			la++
		case unicode.IsPunct(r) || r == '،' || r == '؛' || r == '؟':
			pu++
		default:
			ot++
		}
	}
	var k string
	switch {
	case n == 0:
		return "E"
	case ar > 0 && dg == 0 && la == 0:
		k = "A"
	case la > 0 && dg == 0 && ar == 0:
		k = "L"
	case dg > 0 && ar == 0 && la == 0:
		k = "D"
	case dg > 0:
		k = "N"
	case pu > 0 && ot == 0:
		k = "P"
	default:
		k = "S"
	}
	if n <= 2 {
		k += "s"
	}
	return k
}

// runePrefix returns the first n runes of s (all of s when shorter) and
// whether s was longer than that.
func runePrefix(s string, n int) (string, bool) {
	i := 0
	for k := 0; k < n; k++ {
		if i >= len(s) {
			return s, false
		}
		_, sz := utf8.DecodeRuneInString(s[i:])
		i += sz
	}
	return s[:i], i < len(s)
}

// runeSuffix returns the last n runes of s and whether s was longer.
func runeSuffix(s string, n int) (string, bool) {
	i := len(s)
	for k := 0; k < n; k++ {
		if i <= 0 {
			return s, false
		}
		_, sz := utf8.DecodeLastRuneInString(s[:i])
		i -= sz
	}
	return s[i:], i > 0
}

// Lexicon classes of a token (FeatLex).
const (
	lexNone    uint8 = iota // not an Arabic word
	lexKnown                // the word, its clitic-free base or that base without ال is in the Arabic lexicon
	lexUnknown              // an Arabic word the lexicon does not know: often a foreign name
	lexUnset   uint8 = 0xff // not looked up yet
)

// lexClass looks the raw token r (of shape sh) up in package arabic's
// lexicon, with and without its proclitics and article.
func lexClass(r, sh string) uint8 {
	if sh == "" || sh[0] != 'A' {
		return lexNone
	}
	w := arabic.Normalize(r, arabic.Search)
	if arabic.IsKnownWord(w) {
		return lexKnown
	}
	_, base := stripClitics(w)
	if base != w && arabic.IsKnownWord(base) {
		return lexKnown
	}
	if core := dropArticle(base); core != base && arabic.IsKnownWord(core) {
		return lexKnown
	}
	return lexUnknown
}
