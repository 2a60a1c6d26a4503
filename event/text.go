package event

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file holds the small text helpers the event finder needs: a tokenizer
// over code points and a matching normalization. They are private so that
// the package depends on nothing but the Analysis; when the arabic package
// settles they can be replaced by its Tokenize and Normalize(Match).

// tokKind classifies a token.
type tokKind uint8

const (
	kWord  tokKind = iota // letters (any script), digits and combining marks
	kPunct                // one punctuation or symbol code point
)

// tok is one token with half-open code-point offsets into the text.
type tok struct {
	start, end int
	kind       tokKind
	nl         bool   // a line break lies between the previous token and this one
	norm       string // normalized form (words only)
	r          rune   // the code point (punctuation only)
}

// tokenize splits rs, the code points of text, into word and punctuation
// tokens. A '.' or ',' between two digits stays inside the number. A
// word's norm shares text's memory unless normalization changes it.
func tokenize(rs []rune, text string) []tok {
	toks := make([]tok, 0, len(rs)/5+1)
	// Changed norms are appended to one buffer and cut from one string
	// at the end: one allocation for the whole text.
	var buf []byte
	type span struct{ tok, from, to int }
	var changed []span
	nl := false
	bp := 0 // byte offset of rs[i] in text
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case r == '\n' || r == '\r' || r == '\u2029':
			nl = true
			bp += utf8.RuneLen(r)
			i++
		case r == ' ' || unicode.IsSpace(r) || r == '\u200f' || r == '\u200e' || r == '\u200c' || r == '\u200d' || r == '\ufeff':
			bp += utf8.RuneLen(r)
			i++
		case isWordRune(r):
			j, bj, plain := i, bp, true
			for j < len(rs) && (isWordRune(rs[j]) || (rs[j] == '.' || rs[j] == ',' || rs[j] == '٫') && j > i &&
				j+1 < len(rs) && isDigit(rs[j-1]) && isDigit(rs[j+1])) {
				if plain && changes(rs[j]) {
					plain = false
				}
				bj += utf8.RuneLen(rs[j])
				j++
			}
			t := tok{start: i, end: j, kind: kWord, nl: nl}
			if plain && bj <= len(text) {
				t.norm = text[bp:bj]
			} else {
				from := len(buf)
				buf = appendNorm(buf, rs[i:j])
				changed = append(changed, span{len(toks), from, len(buf)})
			}
			toks = append(toks, t)
			nl = false
			i, bp = j, bj
		default:
			toks = append(toks, tok{start: i, end: i + 1, kind: kPunct, nl: nl, r: r})
			nl = false
			bp += utf8.RuneLen(r)
			i++
		}
	}
	all := string(buf)
	for _, c := range changed {
		toks[c.tok].norm = all[c.from:c.to]
	}
	return toks
}

// validOrEmpty returns s when it is valid UTF-8, else "" (tokenize then
// builds every norm itself, since byte offsets would not line up).
func validOrEmpty(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return ""
}

// changes reports whether normalization changes or drops r.
func changes(r rune) bool {
	switch {
	case r >= '\u064b' && r <= '\u065f', r == '\u0670', r == '\u0640',
		r == 'أ', r == 'إ', r == 'آ', r == 'ٱ', r == 'ى', r == 'ة', r >= 'A' && r <= 'Z', r == utf8.RuneError:
		return true
	}
	return r >= 0x80 && r < 0x600 // non-ASCII Latin and others: lower-casing may apply
}

func isWordRune(r rune) bool {
	if r >= 'ء' && r <= 'ي' || r >= '\u064b' && r <= '\u065f' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '\u0640'
}

func isDigit(r rune) bool { return unicode.IsDigit(r) }

// normInto writes the matching form of rs to b: Arabic diacritics and
// tatweel removed, alef variants folded to bare alef, alef maqsura to yeh,
// teh marbuta to heh, Latin letters lower-cased.
func normInto(b *strings.Builder, rs []rune) {
	b.Write(appendNorm(nil, rs))
}

// appendNorm appends the matching form of rs to buf (see normInto).
func appendNorm(buf []byte, rs []rune) []byte {
	for _, r := range rs {
		switch {
		case r >= '\u064b' && r <= '\u065f', r == '\u0670', r == '\u0640':
			continue
		case r == 'أ', r == 'إ', r == 'آ', r == 'ٱ':
			r = 'ا'
		case r == 'ى':
			r = 'ي'
		case r == 'ة':
			r = 'ه'
		case r < 0x80:
			r = unicode.ToLower(r)
		}
		buf = utf8.AppendRune(buf, r)
	}
	return buf
}

// normalize returns the form of s that matching compares:
// diacritics, tatweel and punctuation removed, alef, yeh and teh marbuta
// variants folded, runs of white space collapsed to one space.
func normalize(s string) string {
	var b strings.Builder
	rs := []rune(s)
	first := true
	for _, t := range tokenize(rs, validOrEmpty(s)) {
		if t.kind != kWord || t.norm == "" {
			continue
		}
		if !first {
			b.WriteByte(' ')
		}
		first = false
		b.WriteString(t.norm)
	}
	return b.String()
}

// isQuoteMark reports whether r is a quotation mark.
func isQuoteMark(r rune) bool {
	switch r {
	case '«', '»', '"', '“', '”', '„', '″', '＂':
		return true
	}
	return false
}

// isTerminal reports whether r ends a sentence.
func isTerminal(r rune) bool {
	return r == '.' || r == '!' || r == '?' || r == '؟' || r == '…' || r == '۔'
}

// stripConj removes one leading conjunction و or ف from a normalized word
// when something word-like remains.
func stripConj(s string) (string, bool) {
	if len(s) > 4 && (strings.HasPrefix(s, "و") || strings.HasPrefix(s, "ف")) {
		return s[len("و"):], true
	}
	return s, false
}
