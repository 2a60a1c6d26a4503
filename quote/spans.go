package quote

import (
	"sort"
	"strings"

	"github.com/khabar/khabar/internal/matchtext"
)

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
		if closeAt < 0 {
			last = f.unclosedEnd(open, last)
		}
		d := dspan{open: open, close: closeAt, last: last}
		s, e := f.toks[open].End, f.toks[open].End
		if last > open+1 {
			e = f.toks[last-1].End
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
		if open >= 0 && (t.NL || i-open > maxQuoteTokens) {
			emit(-1, i)
		}
		if t.Kind != matchtext.Punct {
			continue
		}
		r := t.R
		switch {
		case open < 0:
			if matchtext.IsOpenGuillemet(r) || matchtext.IsDoubleQuote(r) {
				open, kind = i, r
			}
		case matchtext.IsOpenGuillemet(kind):
			if matchtext.IsOpenGuillemet(r) {
				if k := f.reopens(open, i); k >= 0 && depth == 0 {
					// وتابع: «… وزاد: «…»: the first was never closed.
					emit(-1, k)
					open, kind = i, r
					continue
				}
				depth++
			} else if matchtext.IsCloseGuillemet(r) {
				if depth == 0 {
					emit(i, i)
				} else {
					depth--
				}
			}
		case matchtext.IsDoubleQuote(r):
			if k := f.reopens(open, i); k >= 0 {
				// وأضافت "… وتابعت "…: the first quotation was never
				// closed; it ends before the cue of the second.
				emit(-1, k)
				open, kind = i, r
				continue
			}
			emit(i, i)
		}
	}
	if open >= 0 {
		emit(-1, len(f.toks))
	}
	return out
}

// unclosedEnd returns where the content of a quotation opened at token
// open and never closed ends, at the latest before token last: before the
// next speech act, a speech verb with و or a participle after punctuation
// (… السياحية.. وأضاف سموه: …، مطالبا بأن …), at the end of the sentence
// before it if one ends there.
func (f *finder) unclosedEnd(open, last int) int {
	for k := open + 2; k < last; k++ {
		t := f.toks[k]
		if t.Kind != matchtext.Word || f.toks[k-1].Kind != matchtext.Punct {
			continue
		}
		c, conj := cues.lookup(t.Norm)
		if c == nil || !conj && !c.part || ambiguous(t.Norm) {
			continue
		}
		for j := k - 1; j > open; j-- {
			if u := f.toks[j]; u.Terminal() {
				k = j
			} else if u.Kind == matchtext.Word {
				break
			}
		}
		for k > open+1 && f.toks[k-1].Kind == matchtext.Punct {
			k--
		}
		return k
	}
	return last
}

// reopens decides whether the double quote at token i, while a quotation
// opened at token open, opens a new quotation rather than closing it: it
// stands before a word with a space before it, right after a speech verb
// (and at most two words of subject) or a colon. It returns the token
// where the open quotation's content ends (the end of the sentence
// before the cue, else the cue), or -1.
func (f *finder) reopens(open, i int) int {
	t := f.toks[i]
	if i+1 >= len(f.toks) || t.Start == 0 || !isSpace(f.rs[t.Start-1]) {
		return -1
	}
	if n := f.toks[i+1]; n.Kind != matchtext.Word || n.Start != t.End || n.NL {
		return -1
	}
	cue := -1
	for k := i - 1; k > open && k >= i-4; k-- {
		u := f.toks[k]
		if u.Kind == matchtext.Punct {
			if u.R == ':' && k == i-1 {
				cue = k
				continue
			}
			if u.R == '،' || u.R == ',' {
				continue
			}
			break
		}
		if c, _ := cues.lookup(u.Norm); c != nil {
			cue = k
			break
		}
	}
	if cue < 0 {
		return -1
	}
	for k := cue - 1; k > open; k-- {
		if u := f.toks[k]; u.Terminal() {
			return k
		}
	}
	return cue
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
	comp   int  // first token of the complement (the subject region ends here)
	attach int  // first token of the content
	attrib bool // a verb of the writer's attribution (حسب ما أكده فلان)
}

// maxSubject bounds the tokens between a speech verb and its complement:
// room for a name, an office of several words and a relative clause
// (وقال الدكتور فلان الذي قاد فريق الدراسة وهو باحث في كلية … إنه).
const maxSubject = 22

// maxLongSubject bounds the tokens before a complementizer that follows a
// comma: an office of many words and the name after it (وأوضح لـ«…» المشرف
// على الحملة أستاذ … واستشاري … الدكتور فلان، أن …).
const maxLongSubject = 34

// whatWords are relative ما before a verb that then means "led to"
// (وهو ما دعا …، مما دعا …).
var whatWords = wordSet("ما مما")

// findMatches finds every speech verb and its complement.
func (f *finder) findMatches() {
	for i, t := range f.toks {
		if t.Kind != matchtext.Word {
			continue
		}
		c, conj := cues.lookup(t.Norm)
		if c == nil {
			c = f.relativeCue(i)
		}
		if c == nil {
			if c = f.attributedCue(i); c == nil {
				continue
			}
			// حسب ما أكده فلان، موضحا …: the writer's attribution names
			// who speaks next, and no statement of its own.
			m := match{verb: i, c: c, kind: cueNone, comp: i + 1, attach: -1, attrib: true}
			for m.comp < len(f.toks) && m.comp <= i+4 && f.toks[m.comp].Kind == matchtext.Word && !f.toks[m.comp].NL {
				m.comp++
			}
			f.matches = append(f.matches, m)
			continue
		}
		m := match{verb: i, c: c, conj: conj, kind: cueNone, comp: i + 1, attach: -1}
		if n := i + 1; n < len(f.toks) && f.toks[n].Kind == matchtext.Word && !f.toks[n].NL &&
			(pronouns[f.toks[n].Norm] || c.lemma == "قال" && c.part && !complementizers[f.toks[n].Norm] &&
				!adverbWords[f.toks[n].Norm] && !f.colonAhead(n)) {
			// قائلا لهو من دواعي سروري …: "saying", the words follow.
			// قال نحن في مرحلة جديدة …: the words said follow the verb.
			m.kind, m.attach = cueColon, n
			f.matches = append(f.matches, m)
			continue
		}
	scan:
		for j := i + 1; j < len(f.toks) && j <= i+maxLongSubject; j++ {
			u := f.toks[j]
			if u.NL {
				break
			}
			if j > i+maxSubject && !(complementizers[u.Norm] && f.isComma(j-1)) {
				if u.Kind == matchtext.Punct && (u.Terminal() || u.R == ':') {
					break
				}
				continue // past the usual subject, only "، أن" ends one
			}
			if u.Kind == matchtext.Punct {
				switch {
				case u.Terminal():
					break scan
				case u.R == ':':
					m.kind, m.comp, m.attach = cueColon, j, j+1
					break scan
				case matchtext.IsOpenGuillemet(u.R) || matchtext.IsDoubleQuote(u.R):
					// A short quoted name (وقالت «نيسان» إن …) or a quoted
					// description before a colon (يقول فلان «موظف في
					// منتجع»: …) is part of the subject: skip over it.
					if k := f.shortQuoteEnd(j); k > j {
						j = k
						continue
					}
					if k := f.labelEnd(j); k > j {
						j = k
						continue
					}
					m.kind, m.comp, m.attach = cueMark, j, j
					break scan
				}
				continue
			}
			if nc, _ := cues.lookup(u.Norm); nc != nil && !ambiguous(u.Norm) && !(c.lemma == "نقل" && nc.lemma == "قول") {
				break
			}
			w := u.Norm
			switch {
			case complementizers[w] && modals[f.toks[j-1].Norm]:
				continue // التي يمكن أن …: a modal's clause, not what was said
			case complementizers[w]:
				m.kind, m.comp, m.attach = cueAn, j, j+1
			case (c.prepA[w] || c.prep[w]) && j+1 < len(f.toks) && complementizers[f.toks[j+1].Norm]:
				m.kind, m.comp, m.attach = cueAn, j, j+2
			case c.prep[w]:
				m.kind, m.comp, m.attach = cuePrep, j, j+1
			case c.prepA[w] && f.objectPrep(i, j) ||
				idioms[w] && f.adverbsBetween(i, j) && !(j+1 < len(f.toks) && c.prepA[f.toks[j+1].Norm]):
				// شدد على أهمية …، لفت الأنظار …: the verb has a noun
				// object; an أن further on is not its complement (على
				// لسان فلان is the speaker's, not an object).
				break scan
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
		if ambiguous(t.Norm) && (m.kind != cueAn || i > 0 && f.toks[i-1].Kind == matchtext.Word && !t.NL) {
			continue // بين: "between" unless a clause opens with it and أن follows
		}
		if m.kind == cueAn && m.comp == i+1 && writerNotes[t.Norm] {
			continue // ويذكر أن: the writer's aside, nobody's statement
		}
		if i > 0 && (f.toks[i-1].Norm == "تم" || f.toks[i-1].Norm == "وتم") {
			continue // وتم كشف النقاب عن: a verbal noun in a passive, no speaker
		}
		if i > 0 && m.kind != cueAn && m.kind != cueColon && m.kind != cueMark && whatWords[f.toks[i-1].Norm] {
			continue // وهو ما دعا الوزير إلى …: "which led to", no speech act
		}
		if m.kind == cueNone && len(c.prep) == 0 && len(c.prepA) == 0 {
			if k := f.givenTo(i); k > 0 {
				// وقال في تصريح لـ«الرياض» سيتمكن …: the outlet ends
				// the cue and the statement follows.
				m.kind, m.comp, m.attach = cueColon, k-1, k
			}
		}
		if m.kind == cueNone {
			// A bare verb: its subject is at most the next few words.
			for m.comp < len(f.toks) && m.comp <= i+3 && f.toks[m.comp].Kind == matchtext.Word && !f.toks[m.comp].NL {
				m.comp++
			}
		}
		f.matches = append(f.matches, m)
	}
}

// givenTo returns, for a bare speech verb at token v followed by the
// outlet it spoke to, in quote marks (في تصريح لـ«الرياض»، لـ"الحياة"),
// the first token of what follows the outlet when a word of the same
// sentence follows; else -1.
func (f *finder) givenTo(v int) int {
	for k := v + 1; k < len(f.toks) && k <= v+5; k++ {
		t := f.toks[k]
		if t.NL || t.Kind == matchtext.Punct {
			return -1
		}
		if t.Norm != "ل" && t.Norm != "لـ" {
			continue
		}
		if k+1 >= len(f.toks) || f.toks[k+1].Kind != matchtext.Punct || !matchtext.IsQuoteMark(f.toks[k+1].R) {
			return -1
		}
		for j := k + 2; j < len(f.toks) && j <= k+6; j++ {
			u := f.toks[j]
			if u.NL {
				return -1
			}
			if u.Kind == matchtext.Punct {
				if !matchtext.IsQuoteMark(u.R) || j == k+2 {
					return -1
				}
				if j+1 < len(f.toks) && f.toks[j+1].Kind == matchtext.Word && !f.toks[j+1].NL {
					return j + 1
				}
				return -1
			}
		}
		return -1
	}
	return -1
}

// ambiguous reports whether a cue form is also a common other word that
// needs its complement to be read as a speech verb (بين: between; شرح:
// explanation).
func ambiguous(w string) bool {
	switch w {
	case "بين", "وبين", "نقل", "ونقل", "شرح", "وشرح": // شرح: also the noun "explanation"
		return true
	}
	return false
}

// writerNotes are verb forms that, with أن right after them, are the
// writer's aside (ويذكر أن …: it is worth noting that).
// An impersonal يعتقد with أن right after it (مخطوطة يعتقد أنها …: it
// is believed to be) names no one either.
var writerNotes = wordSet("يذكر ويذكر يشار ويشار يعتقد ويعتقد")

// shortQuoteEnd returns the closing mark of a quotation of fewer than minWords
// words opening at token j, or -1.
func (f *finder) shortQuoteEnd(j int) int {
	words := 0
	for k := j + 1; k < len(f.toks) && k <= j+6; k++ {
		t := f.toks[k]
		if t.NL {
			return -1
		}
		if t.Kind == matchtext.Punct && matchtext.IsQuoteMark(t.R) {
			if words > 0 && words < minWords && !matchtext.IsOpenGuillemet(t.R) {
				return k
			}
			return -1
		}
		if t.Kind == matchtext.Word {
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
	return string(f.rs[f.toks[m.verb].Start:f.toks[end].End])
}

// directItem attaches a cue to a direct quotation.
func (f *finder) directItem(d dspan, attach map[int]int, used []bool) (item, bool) {
	it := item{pos: d.open, start: d.start, end: d.end, direct: true, verb: -1, ment: -1}
	words := 0
	for k := d.open + 1; k < d.last; k++ {
		if f.toks[k].Kind == matchtext.Word {
			words++
		}
	}
	if words < minWords || f.apposedLabel(d) {
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
		if k < d.open && f.toks[k].Kind != matchtext.Punct {
			break
		}
	}
	// 2. A bare verb shortly before the mark in the same sentence.
	// Matches are in text order, one per token.
	for mi := f.matchAt(d.open) - 1; mi >= 0 && f.matches[mi].verb >= d.open-10; mi-- {
		m := f.matches[mi]
		if used[mi] || f.broken(m.verb, d.open) || m.kind != cueNone && m.kind != cueMark && m.attach < d.open {
			continue // a verb with a complement of its own before the mark
		}
		used[mi] = true
		it.pos, it.verb, it.conj, it.part, it.rs, it.re = m.verb, m.verb, m.conj, m.c.part, m.verb+1, d.open
		it.cue = string(f.rs[f.toks[m.verb].Start:f.toks[m.verb].End])
		return it, true
	}
	// 3. A verb right after the closing mark: «…»، قال الوزير.
	if d.close >= 0 {
		for j := d.close + 1; j < len(f.toks) && j <= d.close+3; j++ {
			t := f.toks[j]
			if t.NL || t.Terminal() {
				break
			}
			if t.Kind != matchtext.Word {
				continue
			}
			c, conj := cues.lookup(t.Norm)
			if c == nil {
				break
			}
			if mi := f.matchAt(j); mi < len(f.matches) && f.matches[mi].verb == j && f.matches[mi].kind != cueNone {
				break // «…»، مشيرا إلى أنه …: a speech act of its own
			}
			re := j + 1
			for re < len(f.toks) && re <= j+8 && !f.toks[re].NL && !(f.toks[re].Terminal() || f.toks[re].Kind == matchtext.Punct && matchtext.IsQuoteMark(f.toks[re].R)) {
				re++
			}
			if mi := f.matchAt(j); mi < len(f.matches) && f.matches[mi].verb == j {
				used[mi] = true
			}
			it.verb, it.conj, it.part, it.rs, it.re, it.bare = j, conj, c.part, j+1, re, true
			it.cue = string(f.rs[t.Start:t.End])
			return it, true
		}
	}
	// 4. The headline form: a named speaker and a colon before the mark.
	if mi, cue := f.colonSpeaker(d.open); mi >= 0 {
		it.ment, it.cue = mi, cue
		return it, true
	}
	// 5. A long quotation with no cue that stands as a sentence of its
	// own, or after أن or a colon, belongs to the current speaker; a
	// short one, or one inside a sentence (بعنوان "…"، في «…»), is a
	// name, a title or a scare quote.
	if words >= 8 && f.standsAlone(d.open) {
		it.weak = true
		return it, true
	}
	return it, false
}

// standsAlone reports whether a quotation opening at token i starts a
// line or a sentence, or follows أن/إن or a colon.
func (f *finder) standsAlone(i int) bool {
	if i == 0 || f.toks[i].NL {
		return true
	}
	p := f.toks[i-1]
	if p.Kind == matchtext.Punct {
		return p.Terminal() || p.R == ':'
	}
	return complementizers[p.Norm]
}

// broken reports whether a sentence or paragraph ends between tokens i and j.
func (f *finder) broken(i, j int) bool {
	for k := i + 1; k <= j && k < len(f.toks); k++ {
		if t := f.toks[k]; t.NL || t.Terminal() && k < j {
			return true
		}
	}
	return false
}

// matchAt returns the index of the first match whose verb is at or after
// token i (len(f.matches) when none is).
func (f *finder) matchAt(i int) int {
	return sort.Search(len(f.matches), func(mi int) bool { return f.matches[mi].verb >= i })
}

// reportedItem turns a speech verb with a complement into reported speech
// running to the end of the sentence, the next speech act or a quotation.
func (f *finder) reportedItem(m match, spans []dspan) item {
	it := item{pos: m.verb, start: -1, verb: m.verb, conj: m.conj, part: m.c.part, rs: m.verb + 1, re: m.comp, ment: -1,
		bare: m.kind == cueNone, obj: m.kind == cuePrep}
	if m.kind == cueNone || m.kind == cueMark || m.kind == cuePrep {
		// No statement: a bare verb, a verb before a quotation (which
		// the quotation's item reads) or a verb with a noun object
		// (دعا إلى الحوار، أعرب عن أمله) only names the speaker.
		return it
	}
	it.cue = f.cueText(m)
	if !f.sx.finished {
		// The next speech act: a verb with a complement that follows a
		// conjunction or punctuation, or a participle.
		stop, notes := make([]bool, len(f.toks)), make([]bool, len(f.toks))
		for _, n := range f.matches {
			if n.attrib {
				// حسب ما أكده: where the statement came from, not part of it.
				if a := n.verb - 1; f.toks[a].Norm == "ما" {
					notes[a-1] = true
				} else {
					notes[a] = true
				}
			}
			if n.c.part && n.kind == cueNone && n.verb > 0 && f.toks[n.verb-1].Kind == matchtext.Punct && !f.inDirect[n.verb] {
				// …، مؤكدة كذلك على ما …: a participle after a comma
				// opens a new predicate even with a noun object.
				stop[n.verb] = true
			}
			if n.kind != cueNone && (n.conj || n.c.part || n.verb > 0 && (f.toks[n.verb-1].Kind == matchtext.Punct ||
				relatives[f.toks[n.verb-1].Norm] || f.openerBefore(n.verb) || f.adverbialBefore(n.verb)) || f.topicSubject(n.verb) >= 0) {
				if f.openerBefore(n.verb) {
					stop[n.verb-1] = true // …، كما أوضح: the opener is no part of what was said
				} else {
					stop[n.verb] = true
				}
			}
		}
		f.sx.build(f.toks, stop, notes, f.inDirect, f.marks)
	}
	// The span ends at the end of the sentence or line, the next speech
	// act, a quotation or the writer's comment (وهو ما / وهذا ما), less
	// trailing punctuation and a dangling conjunction.
	end := f.sx.reportedEnd(m.attach)
	if words := f.sx.words[end] - f.sx.words[m.attach]; words < 2 {
		return it
	}
	it.start, it.end = f.toks[m.attach].Start, f.toks[end-1].End
	return it
}
