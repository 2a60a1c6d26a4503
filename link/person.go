package link

import (
	"slices"
	"strings"

	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/ner"
	"github.com/khabar/khabar/titles"
)

// norm is the arabic.Match normalization used for every comparison here.
func norm(s string) string { return arabic.Normalize(s, arabic.Match) }

// stripConj removes a leading conjunction و or ف from a normalized word
// when at least three letters remain.
func stripConj(w string) string {
	for _, c := range []string{"و", "ف"} {
		if r, ok := strings.CutPrefix(w, c); ok && len([]rune(r)) >= 3 {
			return r
		}
	}
	return w
}

// normSet builds a set of normalized words.
func normSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[norm(w)] = true
	}
	return m
}

// honorifics are the phrases of address written before a name (the
// link-address selection of package titles), longest first; the first
// word may carry a conjunction (وفخامة).
var honorifics = func() [][]string {
	var out [][]string
	for _, h := range titles.Select("link-address") {
		var ws []string
		for _, w := range strings.Fields(h) {
			ws = append(ws, norm(w))
		}
		out = append(out, ws)
	}
	slices.SortStableFunc(out, func(a, b []string) int { return len(b) - len(a) })
	return out
}()

// honorificPronouns maps a pronoun of address (سعادته) to the honorific
// word it stands for, from package titles.
var honorificPronouns = func() map[string]string {
	m := map[string]string{}
	for p, h := range titles.Pronouns() {
		m[norm(p)] = norm(h)
	}
	return m
}()

// descriptions are role nouns that, written right before a known
// person's name without an honorific, form one mention with it
// (السفير المالكي): the link-description selection of package titles.
var descriptions = normSet(titles.Select("link-description")...)

// titleHeads are words that begin an office written after (or before) a
// name (سفير دولة قطر لدى …, الأمين العام لحلف شمال الأطلسي): the
// link-office selection of package titles.
var titleHeads = normSet(titles.Select("link-office")...)

// titleStops end an office: prepositions and particles that start what
// is said about the person, and reporting verbs.
var titleStops = normSet("في", "خلال", "بحضور", "إلى", "الى", "على", "عن", "أن", "إن", "أنه", "انه", "الذي", "التي",
	"مع", "منذ", "حيث", "قد", "قال", "وقال", "أمس", "اليوم", "بعد", "قبل", "عقب", "حول", "بشأن", "كما", "ثم", "وذلك", "من",
	"خلف", "الذين", "بين", "إنه", "عندما", "بأن", "بأنه", "بأنها", "وأن", "لأن", "أنها", "إنها")

// honorificAt returns the number of tokens of the honorific phrase that
// ends just before token i, or 0.
func (r *resolver) honorificAt(i int) int {
	best := 0
	for _, h := range honorifics {
		n := len(h)
		if n <= best || i-n < 0 {
			continue
		}
		ok := true
		for j, w := range h {
			t := r.norms[i-n+j]
			if j == 0 {
				t = stripConj(t)
			}
			if t != w {
				ok = false
				break
			}
		}
		if ok {
			best = n
		}
	}
	return best
}

// stripHonorific moves honorific words at the start of a PER mention out
// of it and returns the honorific, as written.
func (r *resolver) stripHonorific(m *mention) string {
	for _, h := range honorifics {
		if m.tokE-m.tokS <= len(h) {
			continue
		}
		ok := true
		for j, w := range h {
			t := r.norms[m.tokS+j]
			if j == 0 {
				t = stripConj(t)
			}
			if t != w {
				ok = false
				break
			}
		}
		if ok {
			hon := r.span(m.tokS, m.tokS+len(h))
			m.tokS += len(h)
			m.start = r.toks[m.tokS].Start
			return stripLeadingConj(hon)
		}
	}
	return ""
}

// stripLeadingConj drops a conjunction written on the first word of a
// phrase (وفخامة الرئيس → فخامة الرئيس).
func stripLeadingConj(s string) string {
	f := strings.SplitN(s, " ", 2)
	w := stripConj(norm(f[0]))
	if w != norm(f[0]) {
		rs := []rune(f[0])
		if len(rs) > 1 {
			f[0] = string(rs[1:])
		}
	}
	return strings.Join(f, " ")
}

// person fills in the honorific, description and title of a PER mention.
func (r *resolver) person(m *mention) {
	r.completeName(m)
	if h := r.stripHonorific(m); h != "" {
		m.honorific = h
	}
	before := m.tokS
	if n := r.honorificAt(before); n > 0 && m.honorific == "" {
		m.honorific = stripLeadingConj(r.span(before-n, before))
		before -= n
	} else if before > 0 && descriptions[stripConj(r.norms[before-1])] && m.tokE-m.tokS <= 2 {
		// السفير المالكي: the description joins the mention.
		m.tokS--
		m.start = r.toks[m.tokS].Start + prefixRunes(r.toks[m.tokS].Text, r.norms[m.tokS])
		m.desc = 1
	}
	if t := r.titleAfter(m.tokE); t != "" {
		m.title = t
	} else if t := r.titleBefore(before); t != "" {
		m.title = t
	}
}

// prefixRunes returns how many runes of a token are a conjunction that
// stripConj removes.
func prefixRunes(tok, n string) int {
	if stripConj(n) != n {
		return 1
	}
	return 0
}

// titleAfter returns the office written after a name ending at token i
// (optionally after a comma), or "".
func (r *resolver) titleAfter(i int) string {
	if i < len(r.toks) && (r.toks[i].Text == "،" || r.toks[i].Text == ",") {
		i++
	}
	if i >= len(r.toks) || r.toks[i].Kind != arabic.Word || !titleHeads[r.norms[i]] {
		return ""
	}
	end := i + 1
	for j := i + 1; j < len(r.toks) && j-i < 14; j++ {
		t := r.toks[j]
		if t.Kind != arabic.Word && t.Kind != arabic.Latin {
			break
		}
		n := r.norms[j]
		if titleStops[n] || r.honorificStartsAt(j) || r.perStart[j] || r.lineBreakBefore(j) {
			break
		}
		end = j + 1
	}
	// A bare head word is no office.
	if end == i+1 {
		return ""
	}
	r.titleAt[i] = true
	return strings.Join(strings.Fields(r.span(i, end)), " ")
}

// titleBefore returns an office written right before a name (or before
// its honorific) starting at token i: وزير الخارجية الأمريكي جون كيري.
func (r *resolver) titleBefore(i int) string {
	for k := i - 1; k >= 0 && i-k <= 5; k-- {
		t := r.toks[k]
		if t.Kind != arabic.Word || r.lineBreakBefore(k+1) {
			return ""
		}
		if r.inPer[k] {
			return ""
		}
		n := r.norms[k]
		if titleHeads[n] || titleHeads[stripConj(n)] {
			if i-k < 2 {
				return ""
			}
			s := strings.Join(strings.Fields(r.span(k, i)), " ")
			if !titleHeads[n] {
				s = stripLeadingConj(s)
			}
			r.titleAt[k] = true
			return s
		}
		if titleStops[n] || r.honorificStartsAt(k) {
			return ""
		}
	}
	return ""
}

// honorificStartsAt reports whether a honorific phrase of two words or
// more (its first word perhaps with a conjunction) starts at token j.
func (r *resolver) honorificStartsAt(j int) bool {
	for _, h := range honorifics {
		if len(h) < 2 || j+len(h) > len(r.toks) {
			continue
		}
		ok := true
		for k, w := range h {
			t := r.norms[j+k]
			if k == 0 {
				t = stripConj(t)
			}
			if t != w {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// nameAnchors are words after which a bare word followed by a person's
// family name is the person's first name: speech verbs (وأكد علي
// الحرقان), honorifics and nouns of a function (المواطن عائض الحربي,
// النائب دوري شمعون): the role nouns and one-word honorifics of package
// titles and its link-anchor selection.
var nameAnchors = func() map[string]bool {
	m := normSet("قال", "وقال", "أكد", "وأكد", "أوضح", "وأوضح", "أشار", "وأشار", "أضاف", "وأضاف", "لفت", "ولفت",
		"بين", "وبين", "شدد", "وشدد", "كشف", "وكشف", "ذكر", "وذكر", "صرح", "وصرح", "قالت", "وقالت", "أكدت", "وأكدت")
	for _, w := range slices.Concat(titles.Words(titles.Role), titles.Words(titles.Honorific), titles.Select("link-anchor")) {
		m[norm(w)] = true
	}
	return m
}()

// nameStops are words that are never part of a name next to a family
// name: particles, prepositions and time words.
var nameStops = normSet("في", "إلى", "الى", "من", "عن", "مع", "أن", "إن", "أنه", "انه", "قد", "لقد", "كما", "ثم",
	"لا", "لم", "لن", "ما", "هو", "هي", "هذا", "هذه", "ذلك", "اليوم", "أمس", "امس", "غدا", "أيضا", "ايضا", "كل", "بعد",
	"قبل", "عند", "منذ", "حتى", "أو", "او", "بين", "خلال", "عبر", "له", "لها", "به", "بها", "فيه", "فيها", "عليه", "عليها")

// completeName adds to a person mention the word the tagger left out of
// the person's name: a first name before a family name, after a speech
// verb or a function (وأكد علي الحرقان، النائب دوري شمعون), and a family
// name between a first name and the person's office (بدر باسلمة وزير
// النقل). The word must be bare (no article) and not a particle.
func (r *resolver) completeName(m *mention) {
	if m.tokE-m.tokS > 2 || m.tokS < 0 || m.tokE > len(r.toks) {
		return
	}
	nameWord := func(i int) bool {
		if i < 0 || i >= len(r.toks) || r.toks[i].Kind != arabic.Word || r.inPer[i] {
			return false
		}
		n := r.norms[i]
		return !strings.HasPrefix(n, "ال") && !nameStops[n] && !titleHeads[n] && !descriptions[n] && len([]rune(n)) >= 3 &&
			!r.honorificStartsAt(i) && r.honorificAt(i+1) == 0
	}
	// After a verb the family name must have the article (وأكد علي
	// الحرقان); after a function noun any one word will do (النائب دوري
	// شمعون).
	if i := m.tokS - 1; m.tokE-m.tokS == 1 && nameWord(i) && i > 0 && !r.lineBreakBefore(i) && !r.lineBreakBefore(m.tokS) &&
		r.toks[i-1].Kind == arabic.Word && nameAnchors[r.norms[i-1]] &&
		(strings.HasPrefix(r.norms[m.tokS], "ال") || strings.HasPrefix(r.norms[i-1], "ال")) {
		r.grow(m, i, m.tokE)
		return
	}
	// A given name just before a family name (رئيس الجمعية يحي عارف),
	// not a noun the lists also know as a name that governs it (بيان
	// شومر، زيارة أوباما).
	if i := m.tokS - 1; m.tokE-m.tokS == 1 && nameWord(i) && !r.lineBreakBefore(m.tokS) && givenName(r.toks[i].Text) &&
		!governingNouns[r.norms[i]] {
		r.grow(m, i, m.tokE)
		return
	}
	if j := m.tokE; m.tokE-m.tokS == 1 && !strings.HasPrefix(r.norms[m.tokS], "ال") && nameWord(j) && j+1 < len(r.toks) &&
		!r.lineBreakBefore(j) && !r.lineBreakBefore(j+1) {
		next := j + 1
		if t := r.toks[next]; (t.Text == "،" || t.Text == ",") && next+1 < len(r.toks) {
			next++
		}
		if r.toks[next].Kind == arabic.Word && titleHeads[r.norms[next]] {
			r.grow(m, m.tokS, j+1)
		}
	}
}

// governingNouns are nouns that the name lists also hold as given names
// but that in news mostly stand before a name they govern (بيان فلان:
// the statement of).
var governingNouns = normSet("بيان", "خطاب", "زيارة", "نظام", "عودة", "رحيل", "فريق", "وعد", "حكم", "عهد", "وفاة", "حزب")

// givenName reports whether tok is a given name in the tagger's lists;
// على (folded like علي) is a preposition, not a name.
func givenName(tok string) bool {
	return !strings.HasSuffix(tok, "ى") && tok != "ان" && tok != "إن" && tok != "أن" && ner.GivenName(tok)
}

// grow makes m cover tokens [s, e), keeping the proclitics it leaves out.
func (r *resolver) grow(m *mention, s, e int) {
	if s < m.tokS {
		m.start = r.toks[s].Start + prefixRunes(r.toks[s].Text, r.norms[s])
		m.tokS = s
	}
	if e > m.tokE {
		m.end = r.toks[e-1].End
		m.tokE = e
	}
	r.perStart[m.tokS] = true
	for i := m.tokS; i < m.tokE; i++ {
		r.inPer[i] = true
	}
}
