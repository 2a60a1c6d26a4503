package arabic

import (
	"unicode"
	"unicode/utf8"
)

// A Fold is a set of orthographic folding rules applied one rune at a
// time, so that spelling variants of a word become one look-up key. A
// fold maps each rune on its own (to itself, to another rune, or to
// nothing), so a word folded inside a text is a substring of the folded
// text. The zero Fold changes nothing. Packages use one of the named
// folds (NameFold, LexiconFold, SearchFold, FeatureFold) rather than
// their own rules.
type Fold uint16

const (
	// yehE is the Pashto and Uyghur letter ې, which FoldPersian folds
	// to ي.
	yehE = '\u06D0'
	// waw is و, the letter FoldSeatLetters folds ؤ to.
	waw = '\u0648'
)

// Folding rules.
const (
	// FoldLetters folds the hamza forms of alef (أ إ آ) and alef wasla
	// (ٱ) to ا, alef maqsura (ى) to ي and teh marbuta (ة) to ه.
	FoldLetters Fold = 1 << iota
	// FoldMarks removes tatweel (U+0640) and every nonspacing mark
	// (Unicode category Mn): the harakat, the superscript alef, Quranic
	// marks, and combining marks of other scripts.
	FoldMarks
	// FoldQuranSigns removes the Quranic annotation signs U+06D6–U+06ED,
	// including the five that are not nonspacing marks (۝ ۞ ۥ ۦ ۩).
	FoldQuranSigns
	// FoldCase maps letters to lower case (unicode.ToLower).
	FoldCase
	// FoldPersian folds the Persian and Pashto letters Arabic text typed
	// on such keyboards carries: ی and ې to ي, ک to ك.
	FoldPersian
	// FoldSeats folds the hamza seats ؤ and ئ to ء (FoldHamzaSeat).
	FoldSeats
	// FoldIndicDigits folds Arabic-Indic and Persian digits to ASCII digits.
	FoldIndicDigits
	// FoldHarakat removes tatweel (U+0640), the harakat and the other
	// Arabic combining marks U+064B–U+065F, and the superscript alef
	// (U+0670): the Arabic part of FoldMarks.
	FoldHarakat
	// FoldFormat removes the zero-width non-joiner and joiner, the
	// left-to-right and right-to-left marks (U+200C–U+200F) and the byte
	// order mark (U+FEFF).
	FoldFormat
	// FoldSeatLetters folds the hamza seats to the letters that carry
	// them: ؤ to و, ئ to ي. FoldSeats, when also set, takes precedence.
	FoldSeatLetters
	// FoldASCIICase maps the ASCII letters A–Z to a–z (a part of
	// FoldCase).
	FoldASCIICase
	// FoldInvalid removes invalid UTF-8 bytes and U+FFFD, where the
	// other folds turn an invalid byte into U+FFFD.
	FoldInvalid
)

// Named folds.
const (
	// NameFold is the fold of names and list entries: entity names in a
	// store (store.NormalizeName, which also collapses white space) and
	// the lists of sources and places a dateline is read with.
	NameFold = FoldLetters | FoldMarks | FoldCase

	// LexiconFold is NameFold plus the Persian letters, for lexicons
	// looked up in running text (the date and time words of temporal).
	LexiconFold = NameFold | FoldPersian

	// SearchFold is the fold of the search package's substring
	// prefilters: at least as coarse as the search analyzer's
	// normalization and exact forms (it also folds hamza seats and
	// digits and removes the Quranic signs), so that an analyzed term,
	// folded, is a substring of the folded text it came from.
	SearchFold = NameFold | FoldQuranSigns | FoldSeats | FoldIndicDigits

	// FeatureFold is the fold of the named-entity tagger's features
	// (package ner). The trained model hashes the strings it produces,
	// so its rules are frozen with the model and changing any of them
	// means retraining it. It was fixed before the other folds and
	// differs from them: it removes only the Arabic marks (FoldHarakat)
	// and keeps the Quranic signs and other scripts' combining marks; it
	// folds the hamza seats to their carrier letters (ؤ → و, ئ → ي),
	// where SearchFold folds them to ء; it lower-cases ASCII letters
	// only; it folds digits as SearchFold does; and it removes the
	// zero-width and direction marks and invalid UTF-8 (FoldFormat,
	// FoldInvalid).
	FeatureFold = FoldLetters | FoldHarakat | FoldFormat | FoldSeatLetters |
		FoldIndicDigits | FoldASCIICase | FoldInvalid
)

// Rune returns what f makes of r: the folded rune, or -1 when f removes
// it.
func (f Fold) Rune(r rune) rune {
	if r < utf8.RuneSelf {
		if f&(FoldCase|FoldASCIICase) != 0 && 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	}
	switch r {
	case alefMadda, alefHamzaAbove, alefHamzaBelow, alefWasla:
		if f&FoldLetters != 0 {
			return alef
		}
		return r
	case dotlessYeh:
		if f&FoldLetters != 0 {
			return yeh
		}
		return r
	case tehMarbuta:
		if f&FoldLetters != 0 {
			return heh
		}
		return r
	case wawHamza, yehHamza:
		switch {
		case f&FoldSeats != 0:
			return hamza
		case f&FoldSeatLetters == 0:
			return r
		case r == wawHamza:
			return waw
		}
		return yeh
	case tatweel:
		if f&(FoldMarks|FoldHarakat) != 0 {
			return -1
		}
		return r
	case farsiYeh, yehE:
		if f&FoldPersian != 0 {
			return yeh
		}
		return r
	case keheh:
		if f&FoldPersian != 0 {
			return kaf
		}
		return r
	}
	if r >= 0x0621 && r <= 0x064A {
		return r // the other Arabic letters: the common case
	}
	if f&FoldIndicDigits != 0 {
		if r >= '\u0660' && r <= '\u0669' {
			return '0' + r - '\u0660'
		}
		if r >= '\u06F0' && r <= '\u06F9' {
			return '0' + r - '\u06F0'
		}
	}
	if f&FoldHarakat != 0 && (r >= '\u064B' && r <= '\u065F' || r == superAlef) {
		return -1
	}
	if f&FoldQuranSigns != 0 && r >= '\u06D6' && r <= '\u06ED' {
		return -1
	}
	if f&FoldMarks != 0 && unicode.Is(unicode.Mn, r) {
		return -1
	}
	if f&FoldFormat != 0 && (r >= '\u200C' && r <= '\u200F' || r == '\uFEFF') {
		return -1
	}
	if f&FoldInvalid != 0 && r == utf8.RuneError {
		return -1
	}
	if f&FoldCase != 0 {
		return unicode.ToLower(r)
	}
	return r
}

// String returns s folded by f. When nothing changes, s itself is
// returned without allocating. Invalid UTF-8 bytes become U+FFFD, or are
// removed under FoldInvalid.
func (f Fold) String(s string) string {
	for i := 0; i < len(s); {
		r, n := decodeRune(s, i)
		if f.Rune(r) != r || (r == utf8.RuneError && n == 1) {
			b := make([]byte, i, len(s))
			copy(b, s[:i])
			return string(f.Append(b, s[i:]))
		}
		i += n
	}
	return s
}

// Append appends s folded by f to dst and returns the extended buffer.
// Invalid UTF-8 bytes become U+FFFD, or are removed under FoldInvalid.
func (f Fold) Append(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		r, n := decodeRune(s, i)
		i += n
		if r < utf8.RuneSelf {
			if f&(FoldCase|FoldASCIICase) != 0 && 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			dst = append(dst, byte(r))
			continue
		}
		if r = f.Rune(r); r >= 0 {
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst
}

// decodeRune is utf8.DecodeRuneInString(s[i:]) with fast paths for ASCII
// and two-byte sequences (all of Arabic).
func decodeRune(s string, i int) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	if c >= 0xC2 && c < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
		return rune(c&0x1F)<<6 | rune(s[i+1]&0x3F), 2
	}
	return utf8.DecodeRuneInString(s[i:])
}
