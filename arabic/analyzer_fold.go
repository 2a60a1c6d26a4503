package arabic

import (
	"sync"
	"unicode"
	"unicode/utf8"
)

// foldTable is the Search profile (see Normalize) on the Arabic block
// U+0600–U+06FF, one entry per code point, indexed like arabicClass. The
// analyzer folds plain words (two-byte Arabic letters and marks only)
// through it instead of decoding them rune by rune.
type foldTable struct {
	changed [256]bool   // Normalize changes the code point
	to      [256]string // what it becomes ("" when removed)
}

// searchFold builds the table from Normalize itself, so that the two
// never disagree.
var searchFold = sync.OnceValue(func() *foldTable {
	t := new(foldTable)
	for i := range 256 {
		r := string(rune(0x600 + i))
		if n := Normalize(r, Search); n != r {
			t.changed[i], t.to[i] = true, n
		}
	}
	return t
})

// changes reports whether folding changes w, a plain word: a string of
// two-byte code points of the Arabic block.
func (t *foldTable) changes(w string) bool {
	for i := 0; i+1 < len(w); i += 2 {
		if t.changed[int(w[i]&0x03)<<6|int(w[i+1]&0x3F)] {
			return true
		}
	}
	return false
}

// appendFold appends the folding of the plain word w to dst.
func (t *foldTable) appendFold(dst []byte, w string) []byte {
	for i := 0; i+1 < len(w); i += 2 {
		k := int(w[i]&0x03)<<6 | int(w[i+1]&0x3F)
		if t.changed[k] {
			dst = append(dst, t.to[k]...)
		} else {
			dst = append(dst, w[i], w[i+1])
		}
	}
	return dst
}

// appendLatin appends s lower-cased. With acronym set, full stops are
// dropped (U.S. → us); ignorable characters are always dropped.
func appendLatin(dst []byte, s string, acronym bool) []byte {
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			switch {
			case b >= 'A' && b <= 'Z':
				dst = append(dst, b+'a'-'A')
			case b == '.' && acronym, asciiClass[b] == cIgnore:
			default:
				dst = append(dst, b)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r == utf8.RuneError && n == 1 || isIgnorable(r) {
			continue
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

// appendNumber appends a number token with its digits folded to ASCII,
// ٫ turned into a full stop and thousands separators (, ٬) and ignorable
// characters dropped.
func appendNumber(dst []byte, s string) []byte {
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9' || r == '.':
			dst = append(dst, byte(r))
		case r == '٫':
			dst = append(dst, '.')
		case r == ',' || r == '٬':
		default:
			if v, ok := DigitValue(r); ok {
				dst = append(dst, byte('0'+v))
			} else if unicode.IsDigit(r) {
				dst = utf8.AppendRune(dst, r) // a digit of another script
			}
		}
	}
	return dst
}

// appendHashtag appends the word of a hashtag: Search-normalized and
// lower-cased, never stemmed, without the #.
func appendHashtag(dst []byte, s string, sc *scratch) []byte {
	sc.word = AppendNormalized(sc.word[:0], s[1:], Search)
	sc.word = dropIgnorable(sc.word)
	return appendLatin(dst, string(sc.word), false)
}

// dropIgnorable removes ignorable characters (ZWNJ, bidi controls, ...)
// from b in place.
func dropIgnorable(b []byte) []byte {
	i := 0
	for i < len(b) && !ignorableAt(b, i) {
		i++
	}
	if i == len(b) {
		return b
	}
	out := b[:i]
	for i < len(b) {
		r, n := utf8.DecodeRune(b[i:])
		if !(r < utf8.RuneSelf && asciiClass[r] == cIgnore || r >= utf8.RuneSelf && isIgnorable(r)) {
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return out
}

// ignorableAt reports whether an ignorable character may start at byte
// i of b: a cheap test on the lead bytes, exact for what isIgnorable
// lists and conservative for other format characters.
func ignorableAt(b []byte, i int) bool {
	c := b[i]
	switch {
	case c < utf8.RuneSelf:
		return asciiClass[c] == cIgnore
	case c == 0xC2: // U+00AD
		return i+1 < len(b) && b[i+1] == 0xAD
	case c == 0xD8: // U+061C
		return i+1 < len(b) && b[i+1] == 0x9C
	case c == 0xE2: // U+200B–U+200F, U+202A–U+202E, U+2060–U+206F
		return i+1 < len(b) && (b[i+1] == 0x80 || b[i+1] == 0x81)
	case c == 0xEF: // U+FE00–U+FE0F, U+FEFF
		return i+1 < len(b) && (b[i+1] == 0xB8 || b[i+1] == 0xBB)
	}
	return false
}

// hasPresentationForm reports whether s holds an Arabic presentation form
// (U+FB50–U+FDFF, U+FE70–U+FEFC), which NFKC folds to the base letters.
func hasPresentationForm(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		if s[i] == 0xEF {
			b1 := s[i+1]
			if b1 >= 0xAD && b1 <= 0xB7 || b1 >= 0xB9 && b1 <= 0xBB {
				return true
			}
		}
	}
	return false
}

// hasUpper reports whether b holds an upper-case or title-case letter.
func hasUpper(b []byte) bool {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if unicode.IsUpper(r) || unicode.IsTitle(r) {
			return true
		}
		i += n
	}
	return false
}
