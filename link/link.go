// Package link turns the entity mentions of an article into entities: it
// links them to the knowledge base (package kb), adds the names the
// tagger missed but the knowledge base knows, separates honorifics and
// offices from person names, and resolves in-document coreference
// (surnames to full names, السفير المالكي, سعادته, acronyms introduced in
// brackets, الحلف). Precision comes before recall: a mention is linked
// only when the knowledge base has one clear reading of it.
package link

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/kb"
	"github.com/khabar/khabar/ner"
)

// Result is what Resolve finds.
type Result struct {
	Entities []khabar.Entity // in order of first mention, IDs e1, e2, …
	Places   []PlaceRef      // nationality adjectives and descriptive place phrases
}

// PlaceRef is a reference to a country that is not an entity mention: a
// nationality adjective (الأزمة الروسية) or a descriptive phrase
// (العاصمة البلجيكية).
type PlaceRef struct {
	Text    string `json:"text"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Country string `json:"country"`          // ISO 3166-1 alpha-2
	Kind    string `json:"kind"`             // "demonym" or "descriptor"
	Entity  string `json:"entity,omitempty"` // the entity a descriptor names, when it is next to it (بروكسل)
}

// Mention sources.
const (
	srcNER     = iota // the tagger
	srcKB             // a knowledge-base name the tagger missed
	srcAcronym        // an acronym introduced in the article
	srcPronoun        // سعادته
	srcAnaphor        // الحلف
	srcTitle          // an office standing for its holder
)

// mention is one mention being resolved.
type mention struct {
	tokS, tokE int // tokens of the mention
	start, end int // code points, proclitics excluded
	typ        string
	name       string // the name as written, without honorific or description
	src        int
	desc       int // leading description tokens (السفير)
	cands      []kb.Candidate
	link       *kb.Entry
	honorific  string
	title      string
	acronym    string
	vetoed     bool // a reading the context rules out (a club, a facility, a competition)
}

type resolver struct {
	text     string
	toks     []arabic.Token
	norms    []string
	k        *kb.KB
	byteAt   []int // code point → byte offset
	perStart map[int]bool
	inPer    map[int]bool // tokens inside PER mentions
	titleAt  map[int]bool // tokens where an office written with a name starts
	nl       []int        // code-point offsets of line breaks
	ments    []*mention
	parent   map[*mention]*mention // acronym mention → the mention that introduced it
	sports   int8                  // isSports's answer: 0 not asked yet, 1 yes, -1 no
}

// isSports is sportsText, worked out once per text.
func (r *resolver) isSports() bool {
	if r.sports == 0 {
		r.sports = -1
		if r.sportsText() {
			r.sports = 1
		}
	}
	return r.sports > 0
}

// norms returns norm(t.Text) of every token, normalized into one buffer
// and cut from one string: one allocation for the whole text instead of
// one per token. A norm equal to its token shares the token's memory.
func norms(toks []arabic.Token) []string {
	return appendNorms(nil, toks, &scratch{})
}

// appendNorms is norms with the slice and buffers taken from sc.
func appendNorms(out []string, toks []arabic.Token, sc *scratch) []string {
	out = slices.Grow(out[:0], len(toks))[:len(toks)]
	ends := slices.Grow(sc.ends[:0], len(toks))[:len(toks)]
	size := 0
	for _, t := range toks {
		size += len(t.Text)
	}
	buf := slices.Grow(sc.buf[:0], size+size/8)
	for i, t := range toks {
		buf = arabic.AppendNormalized(buf, t.Text, arabic.Match)
		ends[i] = len(buf)
	}
	all := string(buf)
	from := 0
	for i, t := range toks {
		if n := all[from:ends[i]]; n == t.Text {
			out[i] = t.Text
		} else {
			out[i] = n
		}
		from = ends[i]
	}
	sc.ends, sc.buf = ends, buf
	return out
}

// scratch holds the buffers of one Resolve call that nothing in its
// Result refers to, reused across calls.
type scratch struct {
	byteAt []int
	norms  []string
	ends   []int
	buf    []byte
}

// maxKept bounds the length of the buffers a scratch keeps.
const maxKept = 1 << 18

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// release returns sc to the pool, without references to the text.
func (sc *scratch) release() {
	clear(sc.norms)
	if cap(sc.byteAt) > maxKept || cap(sc.norms) > maxKept || cap(sc.ends) > maxKept || cap(sc.buf) > maxKept {
		return
	}
	scratchPool.Put(sc)
}

// Resolve links and groups the entity mentions of text. toks are the
// tokens of text (arabic.Tokenize) and spans the tagger's mentions over
// them (ner.Tagger.Tag); k is the knowledge base (kb.Default() when nil).
// Invalid or out-of-range spans are ignored.
func Resolve(text string, toks []arabic.Token, spans []ner.Span, k *kb.KB) Result {
	if k == nil {
		k = kb.Default()
	}
	r := &resolver{text: text, toks: toks, k: k, perStart: map[int]bool{}, inPer: map[int]bool{}, titleAt: map[int]bool{}, parent: map[*mention]*mention{}}
	sc := scratchPool.Get().(*scratch)
	defer sc.release()
	r.byteAt = slices.Grow(sc.byteAt[:0], len(text)+1)
	pos := 0
	for i, c := range text {
		r.byteAt = append(r.byteAt, i)
		if c == '\n' || c == '\u2029' {
			r.nl = append(r.nl, pos)
		}
		pos++
	}
	r.byteAt = append(r.byteAt, len(text))
	sc.byteAt = r.byteAt
	for _, t := range toks {
		if t.End > len(r.byteAt)-1 || t.Start < 0 || t.Start > t.End {
			return Result{} // tokens of another text
		}
	}
	r.norms = appendNorms(sc.norms, toks, sc)
	sc.norms = r.norms
	matches := k.MatchNormalized(toks, r.norms)
	r.collect(spans, matches)
	for _, m := range r.ments {
		if m.typ == "PER" {
			r.perStart[m.tokS] = true
			for i := m.tokS; i < m.tokE; i++ {
				r.inPer[i] = true
			}
		}
	}
	for _, m := range r.ments {
		if m.typ == "PER" {
			r.person(m)
		}
		m.name = r.nameOf(m)
	}
	r.acronyms()
	r.linkAll()
	ents := r.cluster()
	r.anaphora(ents)
	places := r.places(matches)
	entities := r.entities(ents)
	fillPlaceEntities(places, entities)
	return Result{Entities: entities, Places: places}
}

// span returns the text of tokens [i, j).
func (r *resolver) span(i, j int) string {
	return r.text[r.byteAt[r.toks[i].Start]:r.byteAt[r.toks[j-1].End]]
}

// sub returns the text of code points [a, b).
func (r *resolver) sub(a, b int) string { return r.text[r.byteAt[a]:r.byteAt[b]] }

// lineBreakBefore reports whether a line break lies between token i-1
// and token i.
func (r *resolver) lineBreakBefore(i int) bool {
	if i <= 0 || i >= len(r.toks) {
		return false
	}
	a, b := r.toks[i-1].End, r.toks[i].Start
	j := sort.SearchInts(r.nl, a)
	return j < len(r.nl) && r.nl[j] < b
}

// nameOf returns the name a mention gives, as written: its text without
// description words, with the article restored after لل.
func (r *resolver) nameOf(m *mention) string {
	s := r.sub(m.start, m.end)
	if m.desc > 0 {
		s = r.sub(r.toks[m.tokS+m.desc].Start, m.end)
	}
	if m.tokS < len(r.toks) && m.desc == 0 {
		first := r.toks[m.tokS]
		if m.start > first.Start {
			pre := norm(r.sub(first.Start, m.start))
			if strings.HasSuffix(pre, "لل") {
				s = "ال" + s
			}
		}
	}
	return trimName(s)
}

// trimName removes punctuation at the ends of a name, and brackets with
// the spaces inside them ("حلف (الناتو )" → "حلف (الناتو)").
func trimName(s string) string {
	s = strings.TrimFunc(s, func(c rune) bool { return strings.ContainsRune(" \t\n،,.:؛;!؟?\"«»“”'", c) })
	s = strings.ReplaceAll(s, "( ", "(")
	s = strings.ReplaceAll(s, " )", ")")
	return strings.Join(strings.Fields(s), " ")
}

// collect gathers the mentions: the tagger's spans, corrected by
// knowledge-base names that cover them, and knowledge-base names the
// tagger missed when they are unambiguous.
func (r *resolver) collect(spans []ner.Span, matches []kb.Match) {
	covered := make([]int, len(r.toks)) // 1 + index of the mention covering a token
	index := map[*mention]int{}
	for _, s := range spans {
		if s.TokStart < 0 || s.TokEnd > len(r.toks) || s.TokStart >= s.TokEnd || s.Start >= s.End ||
			s.Start < r.toks[s.TokStart].Start || s.End > r.toks[s.TokEnd-1].End {
			continue
		}
		switch s.Type {
		case "PER", "ORG", "LOC", "MISC":
		default:
			continue
		}
		if nonEntity(s.Text) {
			continue
		}
		overlap := false
		for i := s.TokStart; i < s.TokEnd; i++ {
			if covered[i] != 0 {
				overlap = true
			}
		}
		if overlap {
			continue
		}
		m := &mention{tokS: s.TokStart, tokE: s.TokEnd, start: s.Start, end: s.End, typ: s.Type, src: srcNER}
		index[m] = len(r.ments)
		r.ments = append(r.ments, m)
		for i := m.tokS; i < m.tokE; i++ {
			covered[i] = len(r.ments)
		}
	}
	for _, km := range matches {
		c := km.Candidates
		if len(c) == 0 {
			continue
		}
		typ := c[0].Entry.Type
		var inside []*mention
		clash := false
		for i := km.Start; i < km.End; i++ {
			if covered[i] == 0 {
				continue
			}
			m := r.ments[covered[i]-1]
			if len(inside) == 0 || inside[len(inside)-1] != m {
				inside = append(inside, m)
			}
			if m.tokS < km.Start || m.tokE > km.End {
				clash = true // the tagger's mention reaches out of the name
			}
		}
		switch {
		case len(inside) == 0:
			if !r.standalone(km) {
				continue
			}
			m := &mention{tokS: km.Start, tokE: km.End, start: km.TextStart, end: km.TextEnd, typ: typ, src: srcKB, cands: c}
			if isDemonymOnly(c) {
				continue
			}
			index[m] = len(r.ments)
			r.ments = append(r.ments, m)
			for i := km.Start; i < km.End; i++ {
				covered[i] = len(r.ments)
			}
		case clash:
			// A tagger mention that reaches beyond the name (مانشستر
			// يونايتد): keep it as it is; Lookup decides on its whole name.
		case r.namedPlace(km, inside):
			// مطار الملك خالد الدولي, جامعة الملك سعود: a person's name
			// inside the name of a place or body is not a mention.
			mergeInto(km, inside, c, typ, covered, index[inside[0]]+1)
		case len(inside) > 1 && typ != "PER" && allCompatible(inside, c):
			// حلف (الناتو): the tagger cut one name in pieces that the
			// name covers: they become one mention of the name.
			mergeInto(km, inside, c, typ, covered, index[inside[0]]+1)
		case len(inside) == 1 && inside[0].typ == "PER" && r.placeNotPerson(inside[0], km):
			// قمة فيلينوس: a one-word "person" that is a well-known place.
			inside[0].typ, inside[0].cands = "LOC", c
		case len(inside) == 1 && typ == "LOC" && inside[0].typ != "LOC" && r.clubContext(&mention{tokS: km.Start, tokE: km.End, cands: c}):
			// نادي برشلونة: the tagger's club stays a club.
		case len(inside) == 1 && compatible(inside[0].typ, c):
			// The name covers the tagger's mention: take the name's extent
			// (الأطلسي → حلف شمال الأطلسي, الناتو → حلف (الناتو)).
			m := inside[0]
			m.tokS, m.tokE, m.start, m.end, m.cands = km.Start, km.End, km.TextStart, km.TextEnd, c
			if m.typ != "PER" && typ != m.typ && (c[0].Entry.Kind == "country" || typ == "ORG" || isFacility(c[0]) ||
				c[0].Entry.Kind == "city" && (m.typ != "ORG" || r.k.IsCapital(c[0].Entry.ID))) {
				m.typ = typ
			}
			idx := index[m] + 1
			for i := km.Start; i < km.End; i++ {
				covered[i] = idx
			}
		}
	}
	r.kingdoms(covered)
	kept := r.ments[:0]
	for _, m := range r.ments {
		if m.tokE >= 0 {
			kept = append(kept, m)
		}
	}
	clear(r.ments[len(kept):])
	r.ments = kept
	sort.SliceStable(r.ments, func(i, j int) bool { return r.ments[i].start < r.ments[j].start })
}

// isFacility reports whether a candidate is a strong name of a facility
// (an airport, a stadium, a mosque): a place that is neither a country
// nor a city.
func isFacility(c kb.Candidate) bool {
	e := c.Entry
	return e.Type == "LOC" && e.Kind != "country" && e.Kind != "territory" && e.Kind != "city" && c.Kind <= kb.Alias
}

// namedPlace reports whether a knowledge-base name that begins with a
// facility noun (مطار, جامعة, مستشفى) is the name the tagger's mentions
// inside it are part of: a strong name of a place or an organization,
// longer than each of them.
func (r *resolver) namedPlace(km kb.Match, inside []*mention) bool {
	c := km.Candidates[0]
	if len(inside) == 0 || c.Kind > kb.Alias || c.Entry.Type == "PER" || c.Entry.Kind == "country" || c.Entry.Kind == "city" {
		return false
	}
	if _, w := splitProclitic(r.norms[km.Start]); !facilityNouns[w] && !facilityNouns[r.norms[km.Start]] {
		return false
	}
	for _, m := range inside {
		if m.tokS < km.Start || m.tokE > km.End || m.tokE-m.tokS >= km.End-km.Start {
			return false
		}
	}
	return true
}

// mergeInto makes the first of the tagger's mentions inside the name km
// the mention of the whole name (candidates c, type typ), drops the
// others, and marks the name's tokens as covered by mention idx (1-based).
func mergeInto(km kb.Match, inside []*mention, c []kb.Candidate, typ string, covered []int, idx int) {
	m := inside[0]
	m.tokS, m.tokE, m.start, m.end, m.cands, m.typ = km.Start, km.End, km.TextStart, km.TextEnd, c, typ
	for _, o := range inside[1:] {
		o.tokE = -1 // dropped by collect
	}
	for i := km.Start; i < km.End; i++ {
		covered[i] = idx
	}
}

// allCompatible reports whether every mention's type fits the candidates.
func allCompatible(ms []*mention, c []kb.Candidate) bool {
	for _, m := range ms {
		if !compatible(m.typ, c) {
			return false
		}
	}
	return true
}

func isDemonymOnly(c []kb.Candidate) bool {
	for _, x := range c {
		if x.Kind != kb.Demonym {
			return false
		}
	}
	return true
}

// compatible reports whether a tagger type agrees with the best
// candidate: the same type, or ORG/LOC for a country or city (the tagger
// often calls a country acting as a state an organization).
func compatible(typ string, c []kb.Candidate) bool {
	e := c[0].Entry
	if c[0].Kind == kb.Demonym {
		return false
	}
	switch {
	case typ == e.Type:
		return true
	case typ == "ORG" && e.Type == "LOC", typ == "LOC" && e.Type == "ORG", typ == "MISC" && e.Type == "ORG":
		return true
	}
	return false
}

// standalone decides whether a knowledge-base name the tagger missed is a
// mention by itself: a strong name (not weak, not a nationality
// adjective), not followed by a definite adjective that would make it
// part of a longer name (مجلس الأمن الوطني), and for people a full name.
func (r *resolver) standalone(km kb.Match) bool {
	c := km.Candidates[0]
	if c.Kind == kb.Demonym || c.Kind == kb.Weak && !(c.Entry.Kind == "club" && r.isSports()) {
		// A bare club name (الاتحاد، الشباب) is a mention of its own only
		// in a text about sport.
		return false
	}
	if c.Kind == kb.Generic && km.Start > 0 && km.Prefix == "" && titleHeads[stripConj(r.norms[km.Start-1])] {
		// رئيس مجلس الوزراء, عضو مجلس الشورى: a generic name in an
		// office is part of the title.
		return false
	}
	if c.Kind == kb.English && r.toks[km.Start].Kind == arabic.Latin && !isUpper(r.toks[km.Start].Text) {
		return false
	}
	words := 0
	for i := km.Start; i < km.End; i++ {
		if r.toks[i].Kind != arabic.Punct {
			words++
		}
	}
	if c.Entry.Type == "PER" && words < 2 {
		return false
	}
	if c.Entry.Type == "LOC" && r.clubContext(&mention{tokS: km.Start, tokE: km.End, cands: km.Candidates}) || r.vetoed(km.Start, km.End) {
		return false
	}
	// Inside a person's name: عبد العزيز, بن سلمان, أبو ظبي is a name of its own.
	if km.Start > 0 && nameParticles[stripConj(r.norms[km.Start-1])] && km.Prefix == "" ||
		km.End < len(r.toks) && nameParticles[r.norms[km.End]] {
		return false
	}
	if words == 1 && km.Start > 0 && c.Entry.HasDemonym(km.Key) {
		// الحكومة السعودية: after a definite noun the name is an adjective.
		if p := r.norms[km.Start-1]; strings.HasPrefix(stripConj(p), "ال") || strings.HasPrefix(p, "لل") || strings.HasPrefix(p, "بال") {
			return false
		}
	}
	if km.End < len(r.toks) && !r.lineBreakBefore(km.End) {
		n := r.norms[km.End]
		if r.toks[km.End].Kind == arabic.Word && strings.HasPrefix(n, "ال") && (strings.HasSuffix(n, "ي") || strings.HasSuffix(n, "يه")) &&
			c.Entry.Type == "ORG" {
			// A nisba adjective after an organization's name makes a
			// longer name, unless it is a demonym of the entry's country.
			if !r.isCountryAdjective(n, c.Entry.Country) {
				return false
			}
		}
	}
	return true
}

// placeNotPerson reports whether a one-word PER mention is exactly a
// strong name of a country, of a city of a million people or more or of a
// curated city (one with a Wikidata ID), with
// nothing around it that makes it a person's name.
func (r *resolver) placeNotPerson(m *mention, km kb.Match) bool {
	c := km.Candidates[0]
	if m.tokE-m.tokS != 1 || km.Start != m.tokS || km.End != m.tokE || c.Entry.Type != "LOC" ||
		c.Kind != kb.Name && c.Kind != kb.Alias {
		return false
	}
	if c.Entry.Kind == "city" && c.Entry.Population < 1000000 && c.Entry.Wikidata == "" {
		return false
	}
	if r.honorificAt(m.tokS) > 0 || m.tokS > 0 && (nameParticles[stripConj(r.norms[m.tokS-1])] || titleHeads[r.norms[m.tokS-1]]) ||
		m.tokE < len(r.toks) && nameParticles[r.norms[m.tokE]] {
		return false
	}
	return true
}

// nameParticles are the words that join the parts of an Arabic name.
var nameParticles = normSet("عبد", "بن", "ابن", "بنت", "أبو", "أبي", "آل", "ولد")

func (r *resolver) isCountryAdjective(n, country string) bool {
	if country == "" {
		return false
	}
	for _, c := range r.k.LookupCandidates(n) {
		if c.Kind == kb.Demonym && c.Entry.Country == country {
			return true
		}
	}
	return false
}

func isUpper(s string) bool {
	up := false
	for _, c := range s {
		if c >= 'a' && c <= 'z' {
			return false
		}
		if c >= 'A' && c <= 'Z' {
			up = true
		}
	}
	return up
}

// acronyms handles names introduced with their acronym in brackets,
// "مجلس حلف شمال الأطلسي (NAC)" and "PTEC (برنامج …)": the acronym becomes a
// mention of the same entity, as do its later uses.
func (r *resolver) acronyms() {
	defined := map[string]*mention{}
	byTok := map[int]*mention{}
	for _, m := range r.ments {
		byTok[m.tokS] = m
	}
	var added []*mention
	use := func(i int, of *mention) {
		a := r.toks[i]
		if m, taken := byTok[i]; taken {
			if m.tokE == i+1 && m.typ != "PER" {
				m.src, m.acronym, m.cands = srcAcronym, a.Text, nil
				r.parent[m] = of
			}
			return
		}
		am := &mention{tokS: i, tokE: i + 1, start: a.Start, end: a.End, typ: of.typ, src: srcAcronym, name: a.Text, acronym: a.Text}
		added = append(added, am)
		byTok[i] = am
		r.parent[am] = of
	}
	for _, m := range r.ments {
		if m.typ == "PER" || m.src == srcAcronym {
			continue
		}
		// NAME ( ACR )
		if i := m.tokE; i+2 < len(r.toks) && r.toks[i].Text == "(" && r.toks[i+2].Text == ")" && isAcronym(r.toks[i+1]) {
			if _, seen := defined[r.toks[i+1].Text]; !seen {
				m.acronym = r.toks[i+1].Text
				defined[m.acronym] = m
				use(i+1, m)
			}
		}
		// ACR ( NAME )
		if j := m.tokS; j >= 2 && r.toks[j-1].Text == "(" && isAcronym(r.toks[j-2]) && m.tokE < len(r.toks) && r.toks[m.tokE].Text == ")" {
			if _, seen := defined[r.toks[j-2].Text]; !seen {
				m.acronym = r.toks[j-2].Text
				defined[m.acronym] = m
				use(j-2, m)
			}
		}
	}
	// Later uses of a defined acronym.
	for i, t := range r.toks {
		if p, ok := defined[t.Text]; ok && t.Kind == arabic.Latin {
			use(i, p)
		}
	}
	r.ments = append(r.ments, added...)
	sort.SliceStable(r.ments, func(i, j int) bool { return r.ments[i].start < r.ments[j].start })
}

// isAcronym reports whether a token looks like an acronym: two to eight
// upper-case Latin letters (NAC, PTEC, U.N.).
func isAcronym(t arabic.Token) bool {
	if t.Kind != arabic.Latin {
		return false
	}
	n := 0
	for _, c := range t.Text {
		switch {
		case c >= 'A' && c <= 'Z':
			n++
		case c == '.' || c == '-' || c == '&' || (c >= '0' && c <= '9'):
		default:
			return false
		}
	}
	return n >= 2 && n <= 8 && utf8.RuneCountInString(t.Text) <= 12
}
