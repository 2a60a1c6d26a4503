package arabic

import (
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed data/sentence_abbrev.txt
var abbrevFile string

// abbreviations returns the set of abbreviations of sentence_abbrev.txt,
// each in the form abbrevKey gives it.
var abbreviations = sync.OnceValue(func() map[string]bool {
	set := make(map[string]bool)
	for line := range strings.Lines(abbrevFile) {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		var buf [maxAbbrev]rune
		if key, _, ok := abbrevKey(line, buf[:0]); ok {
			set[key] = true
		}
	}
	return set
})

// maxAbbrev is the longest word, in bytes, that is looked up as an
// abbreviation; it bounds the look-back before every full stop.
const maxAbbrev = 24

// abbrevKey drops harakat, tatweel and invisible controls from word and
// reports the result and its number of letters. ok is false when word
// holds white space or is too long to be an abbreviation.
func abbrevKey(word string, buf []rune) (key string, letters int, ok bool) {
	for _, r := range word {
		switch c := classifySlow(r); c {
		case cArMark, cMark, cIgnore:
		case cSpace, cInvalid:
			return "", 0, false
		default:
			if c == cArLetter || c == cLatin || c == cLetter {
				letters++
			}
			buf = append(buf, r)
		}
	}
	return string(buf), letters, true
}

// dotEnds reports whether the single full stop at byte dot of s ends a
// sentence that began at sentStart; the line ends at end.
func dotEnds(s string, sentStart, dot, after, end int) bool {
	// What follows the full stop directly.
	next := dot + 1
	for next < end {
		r, n := decodeAt(s, next)
		if !isIgnorableRune(r) {
			break
		}
		next += n
	}
	glued := false // the next word follows without a space (العالم.وتم)
	if next < end {
		c, _ := classAt(s, next)
		r, _ := decodeAt(s, next)
		switch {
		case c == cSpace || isCloser(r):
		case c == cArLetter:
			glued = true
		default:
			return false // 7.9, spa.gov.sa, .،
		}
	}
	// The word before the full stop.
	ws := dot
	for ws > sentStart && dot-ws <= maxAbbrev {
		r, n := utf8.DecodeLastRuneInString(s[:ws])
		if c := classifySlow(r); c == cSpace || r == '«' || r == '“' || r == '(' || r == '[' || r == '"' || (n == 1 && r == utf8.RuneError) {
			break
		}
		ws -= n
	}
	if dot-ws > maxAbbrev {
		return true // too long for an abbreviation
	}
	var buf [maxAbbrev]rune
	key, letters, ok := abbrevKey(s[ws:dot], buf[:0])
	if !ok {
		return true
	}
	if glued {
		// A missing space after a sentence, not a dotted name such as
		// إل.جي or أو.سي.آي: both sides are words of some length.
		return letters >= 4 && letters == utf8.RuneCountInString(key) && gluedWordLen(s, next, end) >= 3
	}
	if letters == 1 && utf8.RuneCountInString(key) == 1 {
		// An initial, unless it is the era marker after a year.
		return (key == "م" || key == "ه") && digitBefore(s, sentStart, ws)
	}
	if abbreviations()[key] {
		return false
	}
	if letters == 0 && len(key) <= 2 && isDigits(key) && strings.TrimSpace(s[sentStart:ws]) == "" {
		return false // a list item: "1. ..."
	}
	return true
}

// gluedWordLen counts the letters of the word starting at byte i.
func gluedWordLen(s string, i, end int) int {
	n := 0
	for i < end && n < 8 {
		c, size := classAt(s, i)
		if c != cArLetter && c != cArMark {
			break
		}
		if c == cArLetter {
			n++
		}
		i += size
	}
	return n
}

// digitBefore reports whether the last non-space character before byte i
// (and not before lo) is a digit.
func digitBefore(s string, lo, i int) bool {
	for i > lo {
		r, n := utf8.DecodeLastRuneInString(s[lo:i])
		c := classifySlow(r)
		if c == cSpace || c == cIgnore {
			i -= n
			continue
		}
		return c == cDigit
	}
	return false
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if classifySlow(r) != cDigit {
			return false
		}
	}
	return true
}
