package arabic

import (
	"strings"
	"unicode/utf8"
)

// urlPrefixes start a URL token; they are matched without regard to case.
var urlPrefixes = [...]string{"https://", "http://", "ftp://", "www."}

// url consumes a URL starting at the scanner, if there is one. A URL ends
// at white space, an invisible control, an invalid byte or a quote mark;
// trailing punctuation (and an unbalanced closing parenthesis) is left out.
func (sc *scanner) url() bool {
	s := sc.s[sc.i:]
	prefix := 0
	for _, p := range urlPrefixes {
		if len(s) > len(p) && strings.EqualFold(s[:len(p)], p) {
			prefix = len(p)
			break
		}
	}
	if prefix == 0 {
		return false
	}
	end := prefix
	for end < len(s) {
		c, size := classAt(s, end)
		if c == cSpace || c == cIgnore || c == cInvalid || isURLStop(s, end) {
			break
		}
		end += size
	}
	// Trim trailing punctuation that belongs to the sentence.
	for end > prefix {
		r, size := utf8.DecodeLastRuneInString(s[:end])
		if r == ')' && strings.Count(s[:end], "(") >= strings.Count(s[:end], ")") {
			break
		}
		if !strings.ContainsRune(".,;:!?)]}،؛؟…", r) {
			break
		}
		end -= size
	}
	if end == prefix {
		return false
	}
	sc.pos += utf8.RuneCountInString(s[:end])
	sc.i += end
	return true
}

// isURLStop reports whether the byte at i of s starts a character that
// cannot be part of a URL in running text: quote marks and angle brackets.
func isURLStop(s string, i int) bool {
	switch s[i] {
	case '<', '>', '"', '`', '{', '}', '|', '\\', '^':
		return true
	case 0xC2: // « »
		return i+1 < len(s) && (s[i+1] == 0xAB || s[i+1] == 0xBB)
	case 0xE2: // ‘ ’ “ ” ‹ ›
		if i+2 < len(s) && s[i+1] == 0x80 {
			switch s[i+2] {
			case 0x98, 0x99, 0x9C, 0x9D, 0xB9, 0xBA:
				return true
			}
		}
	}
	return false
}

// email consumes an e-mail address (local@domain.tld, ASCII only)
// starting at the scanner, if there is one.
func (sc *scanner) email() bool {
	s := sc.s[sc.i:]
	at := 0
	for at < len(s) && isLocalByte(s[at]) {
		at++
	}
	if at == 0 || at >= len(s) || s[at] != '@' || s[0] == '.' || s[at-1] == '.' {
		return false
	}
	end, labels, lastStart := at+1, 0, at+1
	for {
		j := end
		for j < len(s) && (isAlnumByte(s[j]) || s[j] == '-') {
			j++
		}
		if j == end {
			break // empty label
		}
		labels++
		lastStart, end = end, j
		if j+1 < len(s) && s[j] == '.' && isAlnumByte(s[j+1]) {
			end = j + 1
			continue
		}
		break
	}
	if labels < 2 || end-lastStart < 2 {
		return false
	}
	for _, b := range []byte(s[lastStart:end]) {
		if !(b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z') {
			return false
		}
	}
	sc.i += end
	sc.pos += end // all ASCII
	return true
}

func isAlnumByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

func isLocalByte(b byte) bool {
	return isAlnumByte(b) || b == '.' || b == '_' || b == '%' || b == '+' || b == '-'
}

// emoji consumes one emoji sequence: a base with its variation selectors,
// skin tones, keycap and tag characters, joined by ZWJ to further emoji;
// two regional indicators make one flag.
func (sc *scanner) emoji(size int) {
	first, _ := utf8.DecodeRuneInString(sc.s[sc.i:])
	sc.advance(size)
	if isRegional(first) && sc.i < len(sc.s) {
		if r, n := utf8.DecodeRuneInString(sc.s[sc.i:]); isRegional(r) {
			sc.advance(n)
			return
		}
	}
	for sc.i < len(sc.s) {
		r, n := utf8.DecodeRuneInString(sc.s[sc.i:])
		switch {
		case r == 0xFE0F || r == 0x20E3 || r >= 0x1F3FB && r <= 0x1F3FF || r >= 0xE0020 && r <= 0xE007F:
			sc.advance(n)
		case r == 0x200D:
			if sc.i+n >= len(sc.s) {
				return
			}
			next, m := utf8.DecodeRuneInString(sc.s[sc.i+n:])
			if !isEmoji(next) {
				return
			}
			sc.i += n + m
			sc.pos += 2
		default:
			return
		}
	}
}

func isRegional(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }
