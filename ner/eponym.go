package ner

import (
	"strings"

	"github.com/khabar/khabar/arabic"
)

// A centre is often named after a person (مركز الملك عبدالله للحوار،
// مركزي محمد بن نايف للمناصحة والرعاية، مركز المقريزي للدراسات). The model
// finds the person; the person's name with the head before it and a ل
// complement after it is the body's name, with no person inside (the
// guide: names inside an organization's name are not mentions). مركز
// alone before a name is as often a place (مركز العمار, a district
// seat), so the complement is required.

// eponymHeads are the heads, in norm's alphabet: centre, the dual and
// the plural.
var eponymHeads = map[string]bool{"مركز": true, "مركزي": true, "مركزا": true, "مراكز": true}

// eponymHead reports whether the raw token w is a head of eponymHeads,
// perhaps after و, ف, ب or ل, and how many code points of w precede it.
func eponymHead(w string, buf *[]byte) (int, bool) {
	if len(w) > 16 || !strings.Contains(w, "مر") {
		return 0, false // most words are refused without folding
	}
	n := appendNorm((*buf)[:0], w)
	*buf = n
	return cliticHead(w, n, eponymHeads)
}

// eponym returns the end of the body named by the head at token i, a
// person's mention right after it on the same line and a definite ل
// complement (للمناصحة والرعاية) after the person; the person's span is
// taken in. false when there is no such phrase.
func (ix *spanIndex) eponym(text string, toks []arabic.Token, spans []Span, covered []bool, i int) (int, bool) {
	ix.index(spans)
	k, found := ix.startAt[i+1]
	if !found || ix.drop[k] || spans[k].Type != "PER" || !sameLine(text, toks[i], toks[i+1]) || behindProclitic(spans[k], toks[i+1]) {
		return 0, false
	}
	pe := spans[k].TokEnd
	if pe >= len(toks) || !strings.HasPrefix(norm(toks[pe].Text), "لل") {
		return 0, false
	}
	end := orgComplement(text, toks, covered, pe, true)
	if end == pe {
		return 0, false
	}
	ix.drop[k] = true
	return end, true
}
