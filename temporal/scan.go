package temporal

import (
	"unicode"
	"unicode/utf8"
)

// tkind is the kind of a scanned token.
type tkind uint8

const (
	tWord tkind = iota + 1
	tNum
	tPunct
)

// maxWordBytes bounds the words looked up in the lexicon; longer ones are
// never date words.
const maxWordBytes = 40

// token is one word, number or punctuation mark of the text.
type token struct {
	b0, b1 int   // byte offsets into the text, half-open
	r0, r1 int   // code-point offsets, half-open
	kind   tkind // word, number or punctuation
	gap    bool  // white space before the token
	nd     int   // digits, for numbers
	num    int   // value of a number of at most 9 digits, else -1
	p      rune  // the mark, for punctuation
	e      entry // lexicon entry of a word (after its clitic)
	clitB  int   // bytes of a stripped clitic prefix (و, ف, ب, ل, ك)
	clitR  int   // code points of the same
	def    bool  // the word (after its clitic) starts with the article ال
}

// digitValue returns the value of an ASCII, Arabic-Indic or Extended
// Arabic-Indic (Persian) digit, or -1.
func digitValue(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '٠' && r <= '٩':
		return int(r - '٠')
	case r >= '۰' && r <= '۹':
		return int(r - '۰')
	}
	return -1
}

// isWordRune reports whether r belongs inside a word.
func isWordRune(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	case r >= 0x0621 && r <= 0x065F, r == 0x0670, r >= 0x0671 && r <= 0x06D3, r == 0x06D5:
		return true
	case r >= 0x0660 && r <= 0x0669, r >= 0x06F0 && r <= 0x06F9:
		return false
	case r >= 0x06FA && r <= 0x06FF, r >= 0xFB50 && r <= 0xFDFF, r >= 0xFE70 && r <= 0xFEFF && r != 0xFEFF:
		return true
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

// isSpace reports whether r separates tokens without being one: white space
// and invisible format characters (bidi marks, zero-width joiners, BOM).
func isSpace(r rune) bool {
	if r >= 0x0600 && r <= 0x06FF {
		return r == 0x061C
	}
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f', 0x00A0, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x061C, 0xFEFF, 0x2028, 0x2029:
		return true
	}
	return r > 0x7F && unicode.IsSpace(r)
}

// Rune classes for the Arabic block, precomputed for the scanner.
const (
	rcOther uint8 = iota
	rcSpace
	rcDigit
	rcWord
)

var arabicClass = func() (t [256]uint8) {
	for i := range t {
		r := rune(0x0600 + i)
		switch {
		case isSpace(r):
			t[i] = rcSpace
		case digitValue(r) >= 0:
			t[i] = rcDigit
		case isWordRune(r):
			t[i] = rcWord
		}
	}
	return t
}()

// runeClass classifies r for the scanner.
func runeClass(r rune) uint8 {
	switch {
	case r >= 0x0600 && r <= 0x06FF:
		return arabicClass[r-0x0600]
	case r == ' ' || r == '\n':
		return rcSpace
	case isSpace(r) || r == utf8.RuneError:
		return rcSpace
	case digitValue(r) >= 0:
		return rcDigit
	case isWordRune(r):
		return rcWord
	}
	return rcOther
}

// scan splits text into tokens, appending to toks, and looks every word up
// in the lexicon. buf is scratch space for normalized words; both are
// returned for reuse.
func scan(text string, toks []token, buf []byte) ([]token, []byte) {
	rpos := 0
	gap := true
	for i := 0; i < len(text); {
		r, size := decode(text, i)
		switch runeClass(r) {
		case rcSpace:
			i += size
			rpos++
			gap = true
			continue
		case rcDigit:
			t := token{b0: i, r0: rpos, kind: tNum, gap: gap}
			for i < len(text) {
				r, size = decode(text, i)
				v := digitValue(r)
				if v < 0 {
					break
				}
				if t.nd < 9 {
					t.num = t.num*10 + v
				}
				t.nd++
				i += size
				rpos++
			}
			if t.nd > 9 {
				t.num = -1
			}
			t.b1, t.r1 = i, rpos
			toks = append(toks, t)
		case rcWord:
			t := token{b0: i, r0: rpos, kind: tWord, gap: gap}
			for i < len(text) {
				r, size = decode(text, i)
				if runeClass(r) != rcWord {
					break
				}
				i += size
				rpos++
			}
			t.b1, t.r1 = i, rpos
			if t.b1-t.b0 <= maxWordBytes {
				buf = lookup(&t, text[t.b0:t.b1], buf)
			}
			toks = append(toks, t)
		default:
			toks = append(toks, token{b0: i, b1: i + size, r0: rpos, r1: rpos + 1, kind: tPunct, p: r, gap: gap})
			i += size
			rpos++
		}
		gap = false
	}
	return toks, buf
}

// Normalized clitic letters.
const (
	clWaw = "و"
	clFa  = "ف"
	clBa  = "ب"
	clLam = "ل"
	clKaf = "ك"
)

// lookup fills t.e (and the clitic fields) for word w.
func lookup(t *token, w string, buf []byte) []byte {
	buf = appendNorm(buf[:0], w)
	n := buf
	if e, ok := lexicon[string(n)]; ok {
		t.e = e
		t.def = hasArticle(n)
		return buf
	}
	// Strip up to two proclitics: a conjunction (و, ف) then a preposition
	// (ب, ل, ك). The stripped letters are one code point each.
	strip := 0
	try := func(rest []byte) bool {
		if e, ok := lexicon[string(rest)]; ok && e.cls != cEra && e.cls != cNone {
			t.e = e
			t.def = hasArticle(rest)
			t.clitB, t.clitR = rawPrefix(w, strip)
			return true
		}
		return false
	}
	rest := n
	if len(rest) > 4 && (string(rest[:2]) == clWaw || string(rest[:2]) == clFa) {
		rest = rest[2:]
		strip++
		if try(rest) {
			return buf
		}
	}
	if len(rest) > 4 && (string(rest[:2]) == clBa || string(rest[:2]) == clLam || string(rest[:2]) == clKaf) {
		isLam := string(rest[:2]) == clLam
		rest = rest[2:]
		strip++
		if try(rest) {
			return buf
		}
		// لل + word: the article's alef is dropped after ل (للعام = ل + العام).
		if isLam && len(rest) > 2 && string(rest[:2]) == clLam {
			buf = append(buf, "ا"...)
			buf = append(buf, rest...)
			alt := buf[len(n):]
			if e, ok := lexicon[string(alt)]; ok && e.cls != cNone {
				// The whole word stays in the expression (للعام الماضي):
				// its article has no letters of its own to start at.
				t.e = e
				t.def = true
			}
		}
	}
	return buf
}

// hasArticle reports whether the normalized word starts with ال.
func hasArticle(n []byte) bool {
	return len(n) > 4 && string(n[:4]) == "ال"
}

// rawPrefix returns the bytes and code points of the first n letters of w
// with the diacritics that follow them.
func rawPrefix(w string, n int) (bytes, runes int) {
	for i, r := range w {
		if !isMark(r) {
			if n == 0 {
				return i, runes
			}
			n--
		}
		runes++
	}
	return len(w), runes
}

func decodeRune(s string) (rune, int) { return utf8.DecodeRuneInString(s) }

// decode is utf8.DecodeRuneInString(s[i:]) with fast paths for ASCII and
// two-byte sequences (all of Arabic).
func decode(s string, i int) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	if c >= 0xC2 && c < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
		return rune(c&0x1F)<<6 | rune(s[i+1]&0x3F), 2
	}
	return utf8.DecodeRuneInString(s[i:])
}
