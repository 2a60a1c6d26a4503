package arabic

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Profile selects a normalization profile.
type Profile uint8

// Normalization profiles.
const (
	// Search reproduces Lucene's ArabicNormalizer exactly: آ أ إ → ا,
	// ى → ي, ة → ه, and tatweel (U+0640) and the harakat U+064B–U+0652
	// (tanween, fatha, damma, kasra, shadda, sukun) removed. It also folds
	// Arabic-Indic (٠-٩) and Persian (۰-۹) digits to ASCII. Everything
	// else, Latin text included, is left alone (no case folding).
	Search Profile = iota

	// Match is Search plus what entity matching needs: ٱ (alef wasla) →
	// ا, U+0670 (superscript alef) removed, Persian ی → ي and ک → ك, and
	// Unicode NFKC, which folds presentation forms and the lam-alef
	// ligatures. Match output is a fixed point: Normalize(Normalize(s,
	// Match), Match) == Normalize(s, Match).
	Match
)

// String returns the profile's name.
func (p Profile) String() string {
	switch p {
	case Search:
		return "Search"
	case Match:
		return "Match"
	}
	return "Profile(" + itoa(int(p)) + ")"
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// Code points the normalizer touches.
const (
	alef           = '\u0627'
	alefMadda      = '\u0622'
	alefHamzaAbove = '\u0623'
	alefHamzaBelow = '\u0625'
	alefWasla      = '\u0671'
	yeh            = '\u064A'
	dotlessYeh     = '\u0649'
	farsiYeh       = '\u06CC'
	kaf            = '\u0643'
	keheh          = '\u06A9'
	tehMarbuta     = '\u0629'
	heh            = '\u0647'
	tatweel        = '\u0640'
	superAlef      = '\u0670'
)

// mapRune returns what r becomes under p: the replacement rune, or -1
// when r is removed. ok is false when r is unchanged.
func mapRune(r rune, p Profile) (out rune, ok bool) {
	switch {
	case r == alefMadda, r == alefHamzaAbove, r == alefHamzaBelow:
		return alef, true
	case r == dotlessYeh:
		return yeh, true
	case r == tehMarbuta:
		return heh, true
	case r == tatweel, r >= '\u064B' && r <= '\u0652':
		return -1, true
	case r >= '\u0660' && r <= '\u0669':
		return '0' + r - '\u0660', true
	case r >= '\u06F0' && r <= '\u06F9':
		return '0' + r - '\u06F0', true
	}
	if p == Match {
		switch r {
		case alefWasla:
			return alef, true
		case superAlef:
			return -1, true
		case farsiYeh:
			return yeh, true
		case keheh:
			return kaf, true
		}
	}
	return r, false
}

// Normalize returns s normalized under profile p. When nothing changes,
// s itself is returned without allocating. Invalid UTF-8 bytes are
// replaced by U+FFFD.
func Normalize(s string, p Profile) string {
	if p == Match {
		return string(appendMatch(nil, s))
	}
	i := firstChange(s)
	if i == len(s) {
		return s
	}
	b := make([]byte, i, len(s))
	copy(b, s[:i])
	return string(appendSearch(b, s[i:]))
}

// AppendNormalized appends the normalization of s under profile p to dst
// and returns the extended buffer. With a reused dst, the Search profile
// does not allocate.
func AppendNormalized(dst []byte, s string, p Profile) []byte {
	if p == Match {
		return appendMatch(dst, s)
	}
	return appendSearch(dst, s)
}

// firstChange returns the byte index of the first rune the Search profile
// changes, or len(s) when there is none.
func firstChange(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= 0xD8 && c <= 0xDB && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			if searchTable[rune(c&0x03)<<6|rune(s[i+1]&0x3F)] != 0 {
				return i
			}
			i += 2
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		if _, ok := mapRune(r, Search); ok {
			return i
		}
		i += n
	}
	return len(s)
}

// searchTable maps each code point U+0600–U+06FF to what the Search
// profile makes of it: 0 to keep it, -1 to remove it, or a replacement.
var searchTable = func() (t [256]rune) {
	for i := range t {
		if out, ok := mapRune(rune(0x600+i), Search); ok {
			t[i] = out
		}
	}
	return t
}()

// appendSearch appends s under the Search profile.
func appendSearch(dst []byte, s string) []byte {
	start := 0 // start of the pending run of unchanged bytes
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		// Fast path for the Arabic block, two-byte sequences D8–DB xx.
		if c >= 0xD8 && c <= 0xDB && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			out := searchTable[rune(c&0x03)<<6|rune(s[i+1]&0x3F)]
			if out != 0 {
				dst = append(dst, s[start:i]...)
				if out > 0 {
					dst = utf8.AppendRune(dst, out)
				}
				start = i + 2
			}
			i += 2
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			dst = append(dst, s[start:i]...)
			dst = utf8.AppendRune(dst, utf8.RuneError)
			i++
			start = i
			continue
		}
		out, ok := mapRune(r, Search)
		if ok {
			dst = append(dst, s[start:i]...)
			if out >= 0 {
				dst = utf8.AppendRune(dst, out)
			}
			start = i + n
		}
		i += n
	}
	return append(dst, s[start:]...)
}

// appendMatch appends s under the Match profile. The character mapping
// and NFKC are alternated until the text stops changing: removing a mark
// can make two neighbours composable, and NFKC can produce marks.
func appendMatch(dst []byte, s string) []byte {
	base := len(dst)
	dst = appendMatchMap(dst, s)
	var scratch []byte
	for range 8 {
		out := dst[base:]
		if !needsNFKC(out) {
			break
		}
		scratch = appendNFKC(scratch[:0], out)
		if bytes.Equal(scratch, out) {
			break // QuickSpan stops at "maybe" characters that are fine
		}
		dst = appendMatchMap(dst[:base], string(scratch))
	}
	return dst
}

// nfkcAttention marks the code points U+0600–U+06FF that NFKC may change
// or combine with what precedes them.
var nfkcAttention = func() (t [256]bool) {
	for i := range t {
		p := norm.NFKC.PropertiesString(string(rune(0x600 + i)))
		t[i] = p.Decomposition() != nil || !p.BoundaryBefore()
	}
	return t
}()

// needsNFKC is a fast filter: when it reports false, b is already in
// NFKC.
func needsNFKC(b []byte) bool { return attention(b) < len(b) }

// attention returns the index of the first rune of b that NFKC may change
// or combine with what precedes it, or len(b). It is exact for ASCII and
// the Arabic block and asks the norm tables about anything else.
func attention(b []byte) int {
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c < utf8.RuneSelf:
			i++
		case c >= 0xD8 && c <= 0xDB && i+1 < len(b) && b[i+1]&0xC0 == 0x80:
			if nfkcAttention[rune(c&0x03)<<6|rune(b[i+1]&0x3F)] {
				return i
			}
			i += 2
		default:
			p := norm.NFKC.Properties(b[i:])
			if p.Size() == 0 || p.Decomposition() != nil || !p.BoundaryBefore() {
				return i
			}
			i += p.Size()
		}
	}
	return len(b)
}

// appendNFKC appends the NFKC form of src to dst, running the normalizer
// only over the segments around runes that need it.
func appendNFKC(dst, src []byte) []byte {
	for len(src) > 0 {
		a := attention(src)
		if a == len(src) {
			return append(dst, src...)
		}
		start := norm.NFKC.LastBoundary(src[:a])
		if start < 0 {
			start = 0
		}
		dst = append(dst, src[:start]...)
		src = src[start:]
		e := norm.NFKC.NextBoundary(src, true)
		if e <= a-start { // the segment must take in the rune at a
			e = len(src)
			if n := norm.NFKC.NextBoundary(src[a-start:], true); n > 0 {
				e = a - start + n
			}
		}
		dst = append(dst, norm.NFKC.Bytes(src[:e])...)
		src = src[e:]
	}
	return dst
}

// matchTable is searchTable for the Match profile's own mapping.
var matchTable = func() (t [256]rune) {
	for i := range t {
		if out, ok := mapRune(rune(0x600+i), Match); ok {
			t[i] = out
		}
	}
	return t
}()

// appendMatchMap applies the Match character mapping (without NFKC).
func appendMatchMap(dst []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= 0xD8 && c <= 0xDB && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			if out := matchTable[rune(c&0x03)<<6|rune(s[i+1]&0x3F)]; out != 0 {
				dst = append(dst, s[start:i]...)
				if out > 0 {
					dst = utf8.AppendRune(dst, out)
				}
				start = i + 2
			}
			i += 2
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		out, ok := mapRune(r, Match)
		if r == utf8.RuneError && n == 1 {
			out, ok = utf8.RuneError, true
		}
		if ok {
			dst = append(dst, s[start:i]...)
			if out >= 0 {
				dst = utf8.AppendRune(dst, out)
			}
			start = i + n
		}
		i += n
	}
	return append(dst, s[start:]...)
}
