package arabic

import (
	"unicode"
	"unicode/utf8"
)

// class is the tokenizer's view of one code point.
type class uint8

const (
	cSpace    class = iota // white space: separates tokens
	cIgnore                // format and control characters: never a token, never split a word
	cInvalid               // an invalid UTF-8 byte: one code point, never inside a word
	cArLetter              // a letter of the Arabic script
	cArMark                // harakat, tatweel and other Arabic combining marks
	cLatin                 // a letter of the Latin script
	cLetter                // a letter of any other script
	cMark                  // a combining mark outside the Arabic block
	cDigit                 // a decimal digit of any script
	cPunct                 // punctuation
	cSymbol                // a symbol
	cEmoji                 // an emoji base
)

// asciiClass and arabicClass are lookup tables for the two hot ranges:
// ASCII and the Arabic block U+0600–U+06FF (two bytes in UTF-8).
var (
	asciiClass  [128]class
	arabicClass [256]class
)

func init() {
	for r := rune(0); r < 128; r++ {
		asciiClass[r] = classifySlow(r)
	}
	for r := rune(0); r < 256; r++ {
		arabicClass[r] = classifySlow(0x600 + r)
	}
}

// classAt returns the class and the UTF-8 size of the code point at byte
// i of s. An invalid byte is cInvalid with size 1.
func classAt(s string, i int) (class, int) {
	b := s[i]
	if b < utf8.RuneSelf {
		return asciiClass[b], 1
	}
	if b >= 0xD8 && b <= 0xDB && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
		return arabicClass[int(b&0x03)<<6|int(s[i+1]&0x3F)], 2
	}
	return classAtSlow(s, i)
}

func classAtSlow(s string, i int) (class, int) {
	r, size := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError && size <= 1 {
		return cInvalid, 1
	}
	return classifySlow(r), size
}

// isIgnorable reports whether r is a character that is invisible to
// tokenization: bidi controls, zero-width (non-)joiners and spaces, the
// byte order mark, soft hyphen, NUL and other format and control codes.
func isIgnorable(r rune) bool {
	switch {
	case r == 0, r == 0xAD, r == 0x061C, r == 0xFEFF,
		r >= 0x200B && r <= 0x200F,
		r >= 0x202A && r <= 0x202E,
		r >= 0x2060 && r <= 0x206F,
		r >= 0xFE00 && r <= 0xFE0F:
		return true
	}
	return false
}

// isArabicScript reports whether r is in one of the Arabic-script blocks.
func isArabicScript(r rune) bool {
	return r >= 0x0600 && r <= 0x06FF || r >= 0x0750 && r <= 0x077F ||
		r >= 0x0870 && r <= 0x08FF || r >= 0xFB50 && r <= 0xFDFF ||
		r >= 0xFE70 && r <= 0xFEFC
}

// isEmoji reports whether r is an emoji base or pictograph.
func isEmoji(r rune) bool {
	return r >= 0x1F000 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF ||
		r >= 0x2B00 && r <= 0x2BFF || r >= 0x231A && r <= 0x23FF
}

func classifySlow(r rune) class {
	switch {
	case r == 0x0640: // tatweel is kept inside the word
		return cArMark
	case isIgnorable(r):
		return cIgnore
	case unicode.IsSpace(r):
		return cSpace
	case unicode.Is(unicode.Cf, r) || unicode.IsControl(r):
		return cIgnore
	case unicode.IsLetter(r):
		if isArabicScript(r) {
			return cArLetter
		}
		if unicode.Is(unicode.Latin, r) {
			return cLatin
		}
		return cLetter
	case unicode.IsMark(r):
		if isArabicScript(r) {
			return cArMark
		}
		return cMark
	case unicode.IsDigit(r):
		return cDigit
	case isEmoji(r):
		return cEmoji
	case unicode.IsPunct(r):
		return cPunct
	}
	return cSymbol
}

// isWordClass reports whether c may continue a word.
func isWordClass(c class) bool {
	return c == cArLetter || c == cArMark || c == cMark || c == cLatin || c == cLetter
}
