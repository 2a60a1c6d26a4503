package quote

import "strings"

// dspan is a direct quotation: the token of its opening mark, of its
// closing mark (-1 when never closed) and its last content token + 1.
type dspan struct {
	open, close, last int
	start, end        int // content, code points, trimmed
}

// maxQuoteTokens bounds a quotation that never closes inside its paragraph.
const maxQuoteTokens = 2000

// directSpans pairs quote marks inside each paragraph. An opening mark
// that is never closed ends the quote at the end of its paragraph.
func (f *finder) directSpans() []dspan {
	var out []dspan
	open, depth := -1, 0
	var kind rune
	emit := func(closeAt, last int) {
		d := dspan{open: open, close: closeAt, last: last}
		s, e := f.toks[open].end, f.toks[open].end
		if last > open+1 {
			e = f.toks[last-1].end
		}
		d.start, d.end = s, e
		for d.start < d.end && isSpace(f.rs[d.start]) {
			d.start++
		}
		if d.end > d.start {
			out = append(out, d)
		}
		open, depth = -1, 0
	}
	for i, t := range f.toks {
		if open >= 0 && (t.nl || i-open > maxQuoteTokens) {
			emit(-1, i)
		}
		if t.kind != kPunct {
			continue
		}
		r := t.r
		switch {
		case open < 0:
			if isOpenGuillemet(r) || isDoubleQuote(r) {
				open, kind = i, r
			}
		case isOpenGuillemet(kind):
			if isOpenGuillemet(r) {
				depth++
			} else if isCloseGuillemet(r) {
				if depth == 0 {
					emit(i, i)
				} else {
					depth--
				}
			}
		case isDoubleQuote(r):
			emit(i, i)
		}
	}
	if open >= 0 {
		emit(-1, len(f.toks))
	}
	return out
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u00a0' }

// Kinds of complement after a speech verb.
const (
	cueNone  = iota // no complement found: a bare verb (وأضاف "…")
	cueAn           // أن/إن, إلى أن, على أن
	cuePrep         // دعا إلى، أعرب عن
	cueColon        // وتابع : …
	cueMark         // an opening quote mark
)

// match is one speech verb with what follows it.
type match struct {
	verb   int // token index of the verb
	c      *cue
	conj   bool
	kind   int
	comp   int // first token of the complement (the subject region ends here)
	attach int // first token of the content
}

// maxSubject bounds the tokens between a speech verb and its complement.
const maxSubject = 14

// findMatches finds every speech verb and its complement.
func (f *finder) findMatches() {
	for i, t := range f.toks {
		if t.kind != kWord {
			continue
		}
		c, conj := cues.lookup(t.norm)
		if c == nil {
			continue
		}
		m := match{verb: i, c: c, conj: conj, kind: cueNone, comp: i + 1, attach: -1}
	scan:
		for j := i + 1; j < len(f.toks) && j <= i+maxSubject; j++ {
			u := f.toks[j]
			if u.nl {
				break
			}
			if u.kind == kPunct {
				switch {
				case isTerminal(u.r):
					break scan
				case u.r == ':':
					m.kind, m.comp, m.attach = cueColon, j, j+1
					break scan
				case isOpenGuillemet(u.r) || isDoubleQuote(u.r):
					// A short quoted name (وقالت «نيسان» إن …) is part of
					// the subject: skip over it.
					if k := f.shortQuoteEnd(j); k > j {
						j = k
						continue
					}
					m.kind, m.comp, m.attach = cueMark, j, j
					break scan
				}
				continue
			}
			if nc, _ := cues.lookup(u.norm); nc != nil {
				break
			}
			w := u.norm
			switch {
			case complementizers[w]:
				m.kind, m.comp, m.attach = cueAn, j, j+1
			case c.prepA[w] && j+1 < len(f.toks) && complementizers[f.toks[j+1].norm]:
				m.kind, m.comp, m.attach = cueAn, j, j+2
			case c.prep[w]:
				m.kind, m.comp, m.attach = cuePrep, j, j+1
			case c.prep["ب"] && strings.HasPrefix(w, "ب") && len(w) > 4:
				m.kind, m.comp, m.attach = cuePrep, j, j
			default:
				continue
			}
			break
		}
		if m.attach >= len(f.toks) {
			m.kind, m.attach = cueNone, -1
		}
		if m.kind == cueNone {
			// A bare verb: its subject is at most the next few words.
			for m.comp < len(f.toks) && m.comp <= i+3 && f.toks[m.comp].kind == kWord && !f.toks[m.comp].nl {
				m.comp++
			}
		}
		f.matches = append(f.matches, m)
	}
}

// shortQuoteEnd returns the closing mark of a quotation of fewer than minWords
// words opening at token j, or -1.
func (f *finder) shortQuoteEnd(j int) int {
	words := 0
	for k := j + 1; k < len(f.toks) && k <= j+6; k++ {
		t := f.toks[k]
		if t.nl {
			return -1
		}
		if t.kind == kPunct && isQuoteMark(t.r) {
			if words > 0 && words < minWords && !isOpenGuillemet(t.r) {
				return k
			}
			return -1
		}
		if t.kind == kWord {
			words++
		}
	}
	return -1
}

// minWords is the fewest words a direct quotation must have; fewer are
// names, titles or scare quotes (تقول «أمازون»، قالت «نعم»).
const minWords = 4

// cueText is the text from the verb to the end of the complement.
func (f *finder) cueText(m match) string {
	end := m.verb
	if m.kind == cueAn || m.kind == cuePrep {
		end = m.attach - 1
	}
	if m.kind == cueColon {
		end = m.comp
	}
	if end < m.verb {
		end = m.verb
	}
	return string(f.rs[f.toks[m.verb].start:f.toks[end].end])
}

// directItem attaches a cue to a direct quotation.
func (f *finder) directItem(d dspan, attach map[int]int, used []bool) (item, bool) {
	it := item{pos: d.open, start: d.start, end: d.end, direct: true, verb: -1, ment: -1}
	words := 0
	for k := d.open + 1; k < d.last; k++ {
		if f.toks[k].kind == kWord {
			words++
		}
	}
	if words < minWords {
		return it, false
	}
	// 1. A verb whose complement ends right before the mark.
	for k := d.open; k >= 0 && k >= d.open-3; k-- {
		if mi, ok := attach[k]; ok {
			m := f.matches[mi]
			used[mi] = true
			it.pos, it.verb, it.conj, it.part, it.rs, it.re = m.verb, m.verb, m.conj, m.c.part, m.verb+1, m.comp
			it.cue = f.cueText(m)
			return it, true
		}
		if k < d.open && f.toks[k].kind != kPunct {
			break
		}
	}
	// 2. A bare verb shortly before the mark in the same sentence.
	for mi := len(f.matches) - 1; mi >= 0; mi-- {
		m := f.matches[mi]
		if m.verb >= d.open || m.verb < d.open-10 || used[mi] || f.broken(m.verb, d.open) {
			continue
		}
		used[mi] = true
		it.pos, it.verb, it.conj, it.part, it.rs, it.re = m.verb, m.verb, m.conj, m.c.part, m.verb+1, d.open
		it.cue = string(f.rs[f.toks[m.verb].start:f.toks[m.verb].end])
		return it, true
	}
	// 3. A verb right after the closing mark: «…»، قال الوزير.
	if d.close >= 0 {
		for j := d.close + 1; j < len(f.toks) && j <= d.close+3; j++ {
			t := f.toks[j]
			if t.nl || t.kind == kPunct && isTerminal(t.r) {
				break
			}
			if t.kind != kWord {
				continue
			}
			c, conj := cues.lookup(t.norm)
			if c == nil {
				break
			}
			re := j + 1
			for re < len(f.toks) && re <= j+8 && !f.toks[re].nl && !(f.toks[re].kind == kPunct && (isTerminal(f.toks[re].r) || isQuoteMark(f.toks[re].r))) {
				re++
			}
			for mi, m := range f.matches {
				if m.verb == j {
					used[mi] = true
				}
			}
			it.verb, it.conj, it.part, it.rs, it.re = j, conj, c.part, j+1, re
			it.cue = string(f.rs[t.start:t.end])
			return it, true
		}
	}
	// 4. The headline form: a named speaker and a colon before the mark.
	if mi, cue := f.colonSpeaker(d.open); mi >= 0 {
		it.ment, it.cue = mi, cue
		return it, true
	}
	// 5. A long quotation with no cue belongs to the current speaker;
	// a short one is a name or a scare quote.
	if words >= 8 {
		it.weak = true
		return it, true
	}
	return it, false
}

// broken reports whether a sentence or paragraph ends between tokens i and j.
func (f *finder) broken(i, j int) bool {
	for k := i + 1; k <= j && k < len(f.toks); k++ {
		if t := f.toks[k]; t.nl || t.kind == kPunct && isTerminal(t.r) && k < j {
			return true
		}
	}
	return false
}

// colonSpeaker looks for "NAME:" opening the line that token at lies on,
// with the colon right before at. It returns the mention index of NAME
// (a person or organization) and the cue text, or -1.
func (f *finder) colonSpeaker(at int) (int, string) {
	k := at - 1
	if k < 1 || f.toks[k].kind != kPunct || f.toks[k].r != ':' {
		return -1, ""
	}
	line := k
	for line > 0 && !f.toks[line].nl && k-line < 8 {
		line--
	}
	if !f.toks[line].nl && line != 0 {
		return -1, ""
	}
	end := f.toks[k-1].end
	for mi, m := range f.ments {
		if m.end != end || m.start > f.wordStart(line, 3) || m.start < f.toks[line].start {
			continue
		}
		if t := f.a.Entities[m.ent].Type; t == "PER" || t == "ORG" {
			return mi, string(f.rs[f.toks[line].start:f.toks[k].end])
		}
	}
	return -1, ""
}

// reportedItem turns a speech verb with a complement into reported speech
// running to the end of the sentence, the next speech act or a quotation.
func (f *finder) reportedItem(m match, spans []dspan) item {
	it := item{pos: m.verb, start: -1, verb: m.verb, conj: m.conj, part: m.c.part, rs: m.verb + 1, re: m.comp, ment: -1}
	if m.kind == cueNone || m.kind == cueMark {
		return it
	}
	it.cue = f.cueText(m)
	end := m.attach
	next := map[int]bool{}
	for _, n := range f.matches {
		if n.verb > m.verb && n.kind != cueNone && (n.conj || n.c.part || n.verb > 0 && f.toks[n.verb-1].kind == kPunct) {
			next[n.verb] = true
		}
	}
	for ; end < len(f.toks); end++ {
		t := f.toks[end]
		if end > m.attach && (t.nl || next[end] || f.inDirect[end]) {
			break
		}
		// وهو ما / وهذا ما: the writer's comment, not the speaker's words.
		if end > m.attach+2 && (t.norm == "وهو" || t.norm == "وهي" || t.norm == "وهذا") && end+1 < len(f.toks) && f.toks[end+1].norm == "ما" {
			break
		}
		if t.kind == kPunct && (isTerminal(t.r) || isQuoteMark(t.r)) {
			break
		}
	}
	// Trim trailing punctuation and a dangling conjunction.
	for end > m.attach && (f.toks[end-1].kind == kPunct || f.toks[end-1].norm == "و") {
		end--
	}
	words := 0
	for k := m.attach; k < end; k++ {
		if f.toks[k].kind == kWord {
			words++
		}
	}
	if words < 2 {
		return it
	}
	it.start, it.end = f.toks[m.attach].start, f.toks[end-1].end
	return it
}

// headlines finds "NAME: content" lines whose content is not quoted.
func (f *finder) headlines(spans []dspan) []item {
	var out []item
	for i, t := range f.toks {
		if t.kind != kPunct || t.r != ':' || i+1 >= len(f.toks) || f.toks[i+1].nl {
			continue
		}
		if n := f.toks[i+1]; n.kind == kPunct && isQuoteMark(n.r) {
			continue
		}
		mi, cue := f.colonSpeaker(i + 1)
		if mi < 0 {
			continue
		}
		end := i + 1
		for end < len(f.toks) && (end == i+1 || !f.toks[end].nl) {
			end++
		}
		for end > i+1 && f.toks[end-1].kind == kPunct {
			end--
		}
		if end-(i+1) < 3 {
			continue
		}
		out = append(out, item{pos: i, start: f.toks[i+1].start, end: f.toks[end-1].end, cue: cue, verb: -1, ment: mi})
	}
	return out
}
