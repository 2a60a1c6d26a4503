package arabic

import "strings"

// IsDetachedConjunction reports whether t is the conjunction و or ف
// written apart from the word it belongs to, as in "و أكد" or "و تعزيز".
// Harakat, tatweel and invisible characters around the letter are
// ignored.
func (t Token) IsDetachedConjunction() bool {
	s := t.Text
	if t.Kind != Word || len(s) < 2 || len(s) > 16 || s[0] != 0xD9 || (s[1] != 0x88 && s[1] != 0x81) {
		return false // not و (U+0648) or ف (U+0641) first
	}
	for i := 2; i < len(s); {
		c, size := classAt(s, i)
		if c != cArMark && c != cIgnore {
			return false
		}
		i += size
	}
	return true
}

// JoinDetached merges every detached conjunction (see
// Token.IsDetachedConjunction) with the word that follows it on the same
// line, so that "و أكد" becomes one Word token whose Text is "و أكد" and
// whose offsets span both. text must be the string toks came from. The
// merge is done in place: the returned slice shares toks' array.
func JoinDetached(text string, toks []Token) []Token {
	out := toks[:0]
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if i+1 < len(toks) && t.IsDetachedConjunction() && canJoin(text, t, toks[i+1]) {
			next := toks[i+1]
			t = Token{
				Text:      text[t.ByteStart : next.ByteStart+len(next.Text)],
				Start:     t.Start,
				End:       next.End,
				ByteStart: t.ByteStart,
				Kind:      Word,
			}
			i++
		}
		out = append(out, t)
	}
	return out
}

// canJoin reports whether a conjunction t may be joined to next: next is
// an Arabic word and only spaces (no line break) lie between them.
func canJoin(text string, t, next Token) bool {
	if next.Kind != Word || next.IsDetachedConjunction() {
		return false
	}
	gapStart, gapEnd := t.ByteStart+len(t.Text), next.ByteStart
	if gapStart > gapEnd || gapEnd > len(text) || gapEnd-gapStart > 8 {
		return false
	}
	if gapStart == gapEnd {
		return true
	}
	gap := text[gapStart:gapEnd]
	return !strings.ContainsAny(gap, "\n\r\u2028\u2029") && strings.TrimLeft(gap, " \t\u00a0\u200c\u200d\u200e\u200f") == ""
}
