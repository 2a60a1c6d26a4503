// Package matchtext is the small tokenizer and normalizer that the quote
// and event finders match cue words and triggers with.
//
// It is deliberately simpler than package arabic: a token is either a
// word (letters of any script, digits and combining marks, with a '.' or
// ',' kept between two digits) or one punctuation code point, and the
// normalized form folds only what cue and trigger lists need
// (arabic.NameFold: diacritics and tatweel removed, alef variants to bare
// alef, alef maqsura to yeh, teh marbuta to heh, lower case). Digits are not folded and
// Latin words are not split from Arabic ones, unlike arabic.Tokenize and
// arabic.Normalize, so the two are not interchangeable.
//
// Offsets are code points (runes), half-open [Start, End).
package matchtext

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/khabar/khabar/arabic"
)

// Kind classifies a token.
type Kind uint8

// Token kinds.
const (
	Word  Kind = iota // letters (any script), digits and combining marks
	Punct             // one punctuation or symbol code point
)

// Token is one token with half-open code-point offsets into the text.
type Token struct {
	Start, End int
	Kind       Kind
	NL         bool   // a line break lies between the previous token and this one
	Norm       string // normalized form (words only)
	R          rune   // the code point (punctuation only)
	// Abbr marks a full stop right after a one-letter word, with a word
	// after it on the same line (د. فلان، م. فلان): an initial or a
	// title's abbreviation, which ends no sentence.
	Abbr bool
}

// Terminal reports whether t ends a sentence: a terminal punctuation mark
// that is not the full stop of an abbreviation.
func (t Token) Terminal() bool { return t.Kind == Punct && IsTerminal(t.R) && !t.Abbr }

// Search returns the index of the first of toks (in text order) that
// ends after code point p, or len(toks) when none does.
func Search(toks []Token, p int) int {
	lo, hi := 0, len(toks)
	for lo < hi {
		mid := (lo + hi) / 2
		if toks[mid].End <= p {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// Tokenize splits rs into word and punctuation tokens. White space and
// invisible format characters (bidi marks, ZWNJ, ZWJ, BOM) separate
// tokens and are never tokens themselves. A '.', ',' or '٫' between two
// digits stays inside the number.
//
// text is either the string rs was converted from, in which case a word's
// Norm shares text's memory unless normalization changes it, or "". When
// text is not valid UTF-8 it is ignored (byte offsets would not line up
// with rs) and every Norm is built anew; the tokens are the same either
// way.
func Tokenize(rs []rune, text string) []Token {
	return AppendTokens(make([]Token, 0, len(rs)/5+1), rs, text)
}

// AppendTokens appends the tokens Tokenize returns to dst and returns the
// extended slice, so that a caller can reuse one slice across texts.
func AppendTokens(dst []Token, rs []rune, text string) []Token {
	if !utf8.ValidString(text) {
		text = ""
	}
	toks := dst
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
		case IsWordRune(r):
			j, bj, plain := i, bp, true
			for j < len(rs) && (IsWordRune(rs[j]) || (rs[j] == '.' || rs[j] == ',' || rs[j] == '٫') && j > i &&
				j+1 < len(rs) && unicode.IsDigit(rs[j-1]) && unicode.IsDigit(rs[j+1])) {
				if plain && changes(rs[j]) {
					plain = false
				}
				bj += utf8.RuneLen(rs[j])
				j++
			}
			t := Token{Start: i, End: j, Kind: Word, NL: nl}
			if plain && bj <= len(text) {
				t.Norm = text[bp:bj]
			} else {
				from := len(buf)
				buf = AppendNorm(buf, rs[i:j])
				changed = append(changed, span{len(toks), from, len(buf)})
			}
			toks = append(toks, t)
			nl = false
			i, bp = j, bj
		default:
			t := Token{Start: i, End: i + 1, Kind: Punct, NL: nl, R: r}
			if r == '.' && !nl && len(toks) > len(dst) {
				p := toks[len(toks)-1]
				t.Abbr = p.Kind == Word && p.End == i && p.End-p.Start == 1 && unicode.IsLetter(rs[p.Start]) &&
					i+2 < len(rs) && rs[i+1] == ' ' && IsWordRune(rs[i+2]) && !unicode.IsDigit(rs[i+2])
			}
			toks = append(toks, t)
			nl = false
			bp += utf8.RuneLen(r)
			i++
		}
	}
	all := string(buf)
	for _, c := range changed {
		toks[c.tok].Norm = all[c.from:c.to]
	}
	return toks
}

// changes reports whether normalization changes or drops r.
func changes(r rune) bool {
	return r == utf8.RuneError || arabic.NameFold.Rune(r) != r
}

// IsWordRune reports whether r belongs inside a word: a letter or digit
// of any script, a combining mark, or tatweel.
func IsWordRune(r rune) bool {
	if r >= 'ء' && r <= 'ي' || r >= '\u064b' && r <= '\u065f' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '\u0640'
}

// AppendNorm appends the matching form of rs to buf and returns the
// extended buffer: rs folded with arabic.NameFold (diacritics and tatweel
// removed, alef variants folded to bare alef, alef maqsura to yeh, teh
// marbuta to heh, lower case). Everything else is kept.
func AppendNorm(buf []byte, rs []rune) []byte {
	for _, r := range rs {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			buf = append(buf, byte(r))
			continue
		}
		if r = arabic.NameFold.Rune(r); r >= 0 {
			buf = utf8.AppendRune(buf, r)
		}
	}
	return buf
}

// Normalize returns the form of s that matching compares: the Norm of
// each word token of s (see AppendNorm), joined by one space; punctuation
// and white space are dropped. Invalid UTF-8 bytes become U+FFFD.
func Normalize(s string) string {
	var b strings.Builder
	first := true
	for _, t := range Tokenize([]rune(s), s) {
		if t.Kind != Word || t.Norm == "" {
			continue
		}
		if !first {
			b.WriteByte(' ')
		}
		first = false
		b.WriteString(t.Norm)
	}
	return b.String()
}

// IsOpenGuillemet reports whether r is «, which pairs only with ».
func IsOpenGuillemet(r rune) bool { return r == '«' }

// IsCloseGuillemet reports whether r is ».
func IsCloseGuillemet(r rune) bool { return r == '»' }

// IsDoubleQuote reports whether r is a double quotation mark. Any double
// quote pairs with any other, since Arabic text mixes “ ” and " freely
// and often in the reverse order.
func IsDoubleQuote(r rune) bool {
	return r == '"' || r == '“' || r == '”' || r == '„' || r == '″' || r == '＂'
}

// IsQuoteMark reports whether r is a guillemet or a double quote.
func IsQuoteMark(r rune) bool {
	return IsOpenGuillemet(r) || IsCloseGuillemet(r) || IsDoubleQuote(r)
}

// IsTerminal reports whether r ends a sentence.
func IsTerminal(r rune) bool {
	return r == '.' || r == '!' || r == '?' || r == '؟' || r == '…' || r == '۔'
}

// StripConj removes one leading conjunction و or ف from a normalized word
// when something word-like remains (the word is longer than two Arabic
// letters). It reports whether it removed one.
func StripConj(s string) (string, bool) {
	if len(s) > 4 && (strings.HasPrefix(s, "و") || strings.HasPrefix(s, "ف")) {
		return s[len("و"):], true
	}
	return s, false
}

// FoldWord returns the matching form of one word (see AppendNorm). Unlike
// Normalize it keeps punctuation and white space.
func FoldWord(s string) string {
	return arabic.NameFold.String(s)
}

// Text is a text prepared for matching: its code points and its tokens.
// Finders only read it, so one Text can be shared by every finder that
// runs over the same text (the pipeline tokenizes once for quotes and
// events).
type Text struct {
	Source string  // the text itself
	Runes  []rune  // []rune(Source)
	Tokens []Token // Tokenize(Runes, Source)
}

// Prepare converts and tokenizes text once.
func Prepare(text string) *Text {
	rs := []rune(text)
	return &Text{Source: text, Runes: rs, Tokens: Tokenize(rs, text)}
}

// Reset prepares text into t, reusing t's slices: t then holds what
// Prepare(text) returns. Nothing may still use t's previous slices.
func (t *Text) Reset(text string) {
	rs := t.Runes[:0]
	for _, r := range text {
		rs = append(rs, r)
	}
	clear(t.Tokens) // do not pin the previous text's norms
	*t = Text{Source: text, Runes: rs, Tokens: AppendTokens(slices.Grow(t.Tokens[:0], len(rs)/5+1), rs, text)}
}

// For returns t when it was prepared from text, else a new Text for
// text: callers may pass a nil or stale Text.
func (t *Text) For(text string) *Text {
	if t != nil && t.Source == text {
		return t
	}
	return Prepare(text)
}
