package arabic

import (
	"cmp"
	"slices"
	"unicode/utf8"
)

// Sentences returns the sentences of text as half-open code-point
// ranges, trimmed of surrounding white space and invisible controls. See
// AppendSentences.
func Sentences(text string) [][2]int {
	return AppendSentences(nil, text)
}

// AppendSentences appends the sentence ranges of text to dst and returns
// the extended slice.
//
// A sentence ends at a line break (news text puts headlines, datelines,
// captions and paragraphs on lines of their own), and after . ؟ ? ! … or
// a run of full stops, together with any closing quote marks and
// brackets that follow. It does not end
//   - after an abbreviation (see the embedded sentence_abbrev.txt) or a
//     single Arabic or Latin letter used as an initial (د. م. أ.ف.ب), except
//     that the era markers هـ and م after a year (1436 هـ. 2015 م.) do
//     end a sentence;
//   - inside numbers, decimals and dotted names written without spaces
//     (7.9, spa.gov.sa, إل.جي);
//   - after a number that opens a list item ("1. ...");
//   - inside a quotation or bracket that closes later on the same line:
//     « … . … » and " … . … " stay one sentence, ending after the
//     closing mark when the quotation's last sentence ends it.
//
// A colon or an Arabic comma never ends a sentence.
func AppendSentences(dst [][2]int, text string) [][2]int {
	rc := runeCounter{s: text}
	var sp splitter
	for start := 0; start < len(text); {
		end, next := lineEnd(text, start)
		dst = sp.line(dst, &rc, text, start, end)
		start = next
	}
	return dst
}

// lineEnd returns the end of the line starting at byte start and the
// start of the next one. Line breaks are \n, \r, \r\n, U+2028 and U+2029.
func lineEnd(s string, start int) (end, next int) {
	for i := start; i < len(s); i++ {
		switch s[i] {
		case '\n':
			return i, i + 1
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				return i, i + 2
			}
			return i, i + 1
		case 0xE2:
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) {
				return i, i + 3
			}
		}
	}
	return len(s), len(s)
}

// runeCounter converts non-decreasing byte offsets of s to code-point
// offsets in linear total time.
type runeCounter struct {
	s    string
	b, r int
}

func (rc *runeCounter) at(b int) int {
	rc.r += utf8.RuneCountInString(rc.s[rc.b:b])
	rc.b = b
	return rc.r
}

// pair is a matched opening and closing quote or bracket on one line.
type pair struct{ open, close int }

// splitter holds buffers reused from line to line.
type splitter struct {
	pairs  []pair
	stack  []int // while matching: open offsets; while splitting: close offsets
	kinds  []rune
	closes []int
}

// line appends the sentences of the line s[start:end].
func (sp *splitter) line(dst [][2]int, rc *runeCounter, s string, start, end int) [][2]int {
	sp.matchPairs(s, start, end)
	sentStart := start
	first := len(dst) // the line's first sentence
	pi := 0
	closes := sp.closes[:0]
	for i := start; i < end; {
		r, size := decodeAt(s, i)
		for pi < len(sp.pairs) && sp.pairs[pi].open == i {
			closes = append(closes, sp.pairs[pi].close)
			pi++
		}
		for len(closes) > 0 && closes[len(closes)-1] <= i {
			closes = closes[:len(closes)-1]
		}
		if !isTerminator(r) {
			i += size
			continue
		}
		// The run of terminators, then the closing marks that follow it.
		j := i
		dots := 0
		for j < end {
			r2, n := decodeAt(s, j)
			if isTerminator(r2) || isIgnorableRune(r2) {
				if r2 == '.' {
					dots++
				}
				j += n
				continue
			}
			break
		}
		k := j
		for k < end {
			r2, n := decodeAt(s, k)
			if isIgnorableRune(r2) {
				k += n
				continue
			}
			if !isCloser(r2) {
				break
			}
			if len(closes) > 0 && closes[len(closes)-1] == k {
				closes = closes[:len(closes)-1]
			} else if r2 == '"' && pi < len(sp.pairs) && sp.pairs[pi].open == k {
				break // an opening quote
			}
			k += n
			j = k
		}
		if len(closes) > 0 || (r == '.' && dots == 1 && !dotEnds(s, sentStart, i, j, end)) {
			i = j
			continue
		}
		dst = appendTrimmed(dst, first, rc, s, sentStart, j)
		sentStart, i = j, j
	}
	sp.closes = closes
	return appendTrimmed(dst, first, rc, s, sentStart, end)
}

// matchPairs finds the quotes and brackets of s[start:end] that open and
// close on the line, sorted by opening offset. An ASCII double quote
// closes an open one, else it opens.
func (sp *splitter) matchPairs(s string, start, end int) {
	sp.pairs, sp.stack, sp.kinds = sp.pairs[:0], sp.stack[:0], sp.kinds[:0]
	for i := start; i < end; {
		r, size := decodeAt(s, i)
		switch r {
		case '«', '“', '(', '[', '{':
			sp.stack, sp.kinds = append(sp.stack, i), append(sp.kinds, r)
		case '"':
			canOpen, canClose := flanking(s, start, end, i)
			isolated := !canOpen && !canClose
			if n := len(sp.kinds); n > 0 && sp.kinds[n-1] == '"' && (canClose || isolated) {
				sp.pop(i)
			} else if canOpen || isolated {
				sp.stack, sp.kinds = append(sp.stack, i), append(sp.kinds, r)
			}
			// A quote that can only close, with none open, closes one
			// opened on an earlier line: it pairs with nothing here.
		case '»', '”', ')', ']', '}':
			open := openerOf(r)
			for n := len(sp.kinds) - 1; n >= 0 && n >= len(sp.kinds)-4; n-- {
				if sp.kinds[n] == open {
					sp.stack, sp.kinds = sp.stack[:n+1], sp.kinds[:n+1]
					sp.pop(i)
					break
				}
			}
		}
		i += size
	}
	// Pairs were recorded in closing order; sort them by opening offset.
	slices.SortFunc(sp.pairs, func(a, b pair) int { return cmp.Compare(a.open, b.open) })
}

// flanking tells whether the ASCII double quote at byte i of the line
// s[start:end] can open and can close a quotation, by CommonMark's
// flanking rules: an opening quote is followed by a word ("نص), a closing
// one follows a word (نص") or punctuation before space (نص.").
func flanking(s string, start, end, i int) (canOpen, canClose bool) {
	prev, next := ' ', ' '
	if i > start {
		prev, _ = utf8.DecodeLastRuneInString(s[start:i])
	}
	if i+1 < end {
		next, _ = utf8.DecodeRuneInString(s[i+1 : end])
	}
	pc, nc := classifySlow(prev), classifySlow(next)
	pSpace, nSpace := pc == cSpace, nc == cSpace
	pPunct, nPunct := pc == cPunct || pc == cSymbol, nc == cPunct || nc == cSymbol
	canOpen = !nSpace && (!nPunct || pSpace || pPunct)
	canClose = !pSpace && (!pPunct || nSpace || nPunct)
	return canOpen, canClose
}

func (sp *splitter) pop(close int) {
	n := len(sp.stack) - 1
	sp.pairs = append(sp.pairs, pair{sp.stack[n], close})
	sp.stack, sp.kinds = sp.stack[:n], sp.kinds[:n]
}

func openerOf(r rune) rune {
	switch r {
	case '»':
		return '«'
	case '”':
		return '“'
	case ')':
		return '('
	case ']':
		return '['
	}
	return '{'
}

func isTerminator(r rune) bool {
	return r == '.' || r == '?' || r == '!' || r == '؟' || r == '…' || r == '۔' || r == '‼'
}

func isCloser(r rune) bool {
	return r == '»' || r == '”' || r == '"' || r == ')' || r == ']' || r == '}' || r == '’'
}

func isIgnorableRune(r rune) bool {
	return r < utf8.RuneSelf && asciiClass[r] == cIgnore || r >= utf8.RuneSelf && isIgnorable(r)
}

// decodeAt decodes the code point at byte i; an invalid byte decodes as
// utf8.RuneError of size 1.
func decodeAt(s string, i int) (rune, int) {
	if b := s[i]; b < utf8.RuneSelf {
		return rune(b), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// appendTrimmed appends s[start:end], trimmed of white space and
// invisible controls, as a code-point range unless it is empty. A piece
// without a letter or digit (a stray "." or "»") is added to the
// previous sentence when there is one on the line (dst[first:]).
func appendTrimmed(dst [][2]int, first int, rc *runeCounter, s string, start, end int) [][2]int {
	for start < end {
		c, size := classAt(s, start)
		if c != cSpace && c != cIgnore {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(s[start:end])
		if size == 1 && r == utf8.RuneError {
			break
		}
		if c := classifySlow(r); c != cSpace && c != cIgnore {
			break
		}
		end -= size
	}
	if start == end {
		return dst
	}
	if len(dst) > first && !hasWordChar(s[start:end]) {
		dst[len(dst)-1][1] = rc.at(end)
		return dst
	}
	return append(dst, [2]int{rc.at(start), rc.at(end)})
}

// hasWordChar reports whether s holds a letter or a digit.
func hasWordChar(s string) bool {
	for i := 0; i < len(s); {
		c, size := classAt(s, i)
		switch c {
		case cArLetter, cLatin, cLetter, cDigit:
			return true
		}
		i += size
	}
	return false
}
