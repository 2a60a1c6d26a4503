package ner

import (
	"strings"
	"unicode/utf8"

	"github.com/khabar/khabar/arabic"
)

// maxSentenceTokens bounds the tokens tagged as one sentence; longer runs
// without sentence punctuation are cut (Viterbi is linear, but features
// and scratch space are per sentence).
const maxSentenceTokens = 512

// Tag finds the entities of text, given toks, khabar's tokens of text
// (arabic.Tokenize). It splits the tokens into sentences at sentence
// punctuation and line breaks, tags them as one document and returns the
// mentions in text order with code-point offsets and token indexes.
func (t *Tagger) Tag(text string, toks []arabic.Token) []Span {
	if len(toks) == 0 {
		return nil
	}
	// Code-point positions of line breaks, to split sentences.
	var breaks []int
	pos := 0
	for _, r := range text {
		if r == '\n' || r == '\u2029' {
			breaks = append(breaks, pos)
		}
		pos++
	}
	var sents [][]string
	var firstTok []int
	var cur []string
	start, bi, prevEnd := 0, 0, 0
	flush := func(next int) {
		if len(cur) > 0 {
			sents, firstTok = append(sents, cur), append(firstTok, start)
		}
		cur, start = nil, next
	}
	for i, tok := range toks {
		newline := false
		for bi < len(breaks) && breaks[bi] < tok.Start {
			newline = newline || breaks[bi] >= prevEnd
			bi++
		}
		if newline {
			flush(i)
		}
		cur = append(cur, tok.Text)
		prevEnd = tok.End
		if isSentenceEnd(tok.Text) || len(cur) >= maxSentenceTokens {
			flush(i + 1)
		}
	}
	flush(len(toks))
	labels := t.tagIDs(sents)
	var spans []Span
	var byteAt []int // code-point offset → byte offset, built on demand
	for si, ids := range labels {
		ls := make([]string, len(ids))
		for j, id := range ids {
			ls[j] = t.labels[id]
		}
		for _, c := range Chunks(ls) {
			a, b := firstTok[si]+c.Start, firstTok[si]+c.End
			first := toks[a]
			skip, article := t.procliticRunes(first.Text)
			sp := Span{Type: c.Type, Start: first.Start + skip, End: toks[b-1].End, TokStart: a, TokEnd: b}
			if sp.Start >= first.End { // never strip a whole token
				sp.Start, article = first.Start, false
			}
			if byteAt == nil {
				byteAt = runeByteOffsets(text)
			}
			if sp.Start < 0 || sp.End > len(byteAt)-1 || sp.Start >= sp.End {
				continue // tokens that do not belong to text
			}
			sp.Text = text[byteAt[sp.Start]:byteAt[sp.End]]
			sp.Name = sp.Text
			if article {
				sp.Name = "ال" + sp.Text
			}
			spans = append(spans, sp)
		}
	}
	return spans
}

func isSentenceEnd(s string) bool {
	switch s {
	case ".", "!", "?", "؟", "…", "...", "۔":
		return true
	}
	return false
}

func runeByteOffsets(s string) []int {
	out := make([]int, 0, len(s)+1)
	for i := range s {
		out = append(out, i)
	}
	return append(out, len(s))
}

// proclitic clusters tried on the first token of a mention, longest first.
var spanProclitics = []string{"وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك"}

// procliticRunes decides how many leading code points of tok (the first
// token of a mention) are a proclitic cluster to leave out of the span,
// and whether the article's alef was elided (لل). See the package
// documentation for the rule.
func (t *Tagger) procliticRunes(tok string) (int, bool) {
	w := norm(tok)
	known := func(s string) int32 {
		n := t.firsts[s]
		if c, ok := defaultGazetteer().word[s]; ok && c&(gCountry|gCity|gFirst|gLast) != 0 {
			n += 3
		}
		return n
	}
	whole := known(w)
	for _, p := range [...]string{"ول", "فل", "ل"} {
		// ل + ال with the alef elided: للأمم, وللسعودية (but لليبيا is ل + ليبيا).
		if rest, ok := strings.CutPrefix(w, p); ok && strings.HasPrefix(rest, "ل") && utf8.RuneCountInString(rest) >= 3 && known(rest) == 0 {
			return rawRunes(tok, utf8.RuneCountInString(p)+1), true
		}
	}
	// The best-known reading wins; on a tie the shorter proclitic.
	bestP, bestR := "", whole
	for _, p := range spanProclitics {
		rest, ok := strings.CutPrefix(w, p)
		if !ok || utf8.RuneCountInString(rest) < 2 {
			continue
		}
		if r := known(rest); r > bestR || (r == bestR && bestP != "" && len(p) < len(bestP)) {
			bestP, bestR = p, r
		}
	}
	if bestP != "" {
		return rawRunes(tok, utf8.RuneCountInString(bestP)), false
	}
	if whole > 0 {
		return 0, false
	}
	for _, p := range spanProclitics {
		rest, ok := strings.CutPrefix(w, p)
		n := utf8.RuneCountInString(rest)
		switch {
		case !ok || n < 3:
		case strings.HasPrefix(rest, "ال") && n >= 4:
			return rawRunes(tok, utf8.RuneCountInString(p)), false
		case p == "و":
			return rawRunes(tok, 1), false
		}
	}
	return 0, false
}

// rawRunes returns how many code points of tok hold its first n letters,
// counting the diacritics and tatweel that follow them.
func rawRunes(tok string, n int) int {
	count, letters := 0, 0
	for _, r := range tok {
		if foldRune(r) < 0 {
			count++
			continue
		}
		if letters == n {
			break
		}
		letters++
		count++
	}
	return count
}
