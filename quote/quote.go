// Package quote finds who said what in an analyzed Arabic news article:
// direct quotations in any quote-mark style, reported speech after speech
// verbs (قال إن، أكد أن، أشار إلى أن، دعا إلى …) and the headline form
// "المالكي: قطر تعمل …", each with its speaker.
//
// The finder is a pure function over a khabar.Analysis: it reads the text,
// the title and subtitle spans and the entities with their mentions (pronoun
// mentions such as سعادته included when coreference has run), and returns
// the quotes in text order. Speakers are entity IDs. An omitted subject
// (وأضاف) or an honorific pronoun (وأوضح سعادته) resolves to the current
// speaker; an unnamed source (مصدر عسكري) is kept as text.
//
// Offsets are code points into Analysis.Text, half-open.
package quote

import (
	"sort"
	"strings"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/internal/matchtext"
	"github.com/khabar/khabar/titles"
)

// Quote is one quotation with its speaker.
type Quote struct {
	Text  string `json:"text"`  // what was said, without the quote marks
	Start int    `json:"start"` // code-point offsets of Text in Analysis.Text
	End   int    `json:"end"`
	// Speakers are the entity IDs of who said it: usually one, several for
	// a joint statement, none when the speaker is unknown. For an unnamed
	// speaker they are the organizations the speaker's phrase names.
	Speakers []string `json:"speakers,omitempty"`
	// SpeakerText is the phrase that stands for a speaker no entity names:
	// an unnamed source (مصدر عسكري، مسؤولون في الأمم المتحدة), an office
	// whose holder the article never names (وزير الخارجية الفرنسي), or a
	// name the entities missed.
	SpeakerText string `json:"speaker_text,omitempty"`
	// Source is the outlet the quote was reported through or given to
	// (ونقلت صحيفة … عن، في حديثه لوكالة …، حسب ما أورده موقع …), as the
	// article writes its name.
	Source string `json:"source,omitempty"`
	Cue    string `json:"cue,omitempty"` // the speech verb and complementizer, or "X:" in a headline
	Direct bool   `json:"direct"`        // inside quote marks
}

// Find returns the quotes of a in the form of the Analysis contract. The
// first speaker becomes Quote.Speaker; a quote with SpeakerText has no
// Speaker, and its Speakers are the organizations its phrase names.
func Find(a *khabar.Analysis) []khabar.Quote {
	return find(a, nil)
}

// FindPrepared is Find over a text already tokenized with
// matchtext.Prepare(a.Text), so that several finders share one
// tokenization; a nil or stale t is prepared anew.
func FindPrepared(a *khabar.Analysis, t *matchtext.Text) []khabar.Quote {
	return find(a, t)
}

func find(a *khabar.Analysis, t *matchtext.Text) []khabar.Quote {
	qs := extract(a, t)
	if len(qs) == 0 {
		return nil
	}
	out := make([]khabar.Quote, len(qs))
	for i, q := range qs {
		out[i] = khabar.Quote{Text: q.Text, Start: q.Start, End: q.End, Cue: q.Cue, Direct: q.Direct, SpeakerText: q.SpeakerText,
			Source: q.Source}
		switch {
		case q.SpeakerText != "":
			out[i].Speakers = q.Speakers
		case len(q.Speakers) > 1:
			out[i].Speakers = q.Speakers
			out[i].Speaker = q.Speakers[0]
		case len(q.Speakers) == 1:
			out[i].Speaker = q.Speakers[0]
		}
	}
	return out
}

// Extract returns the quotes of a with every speaker, in text order.
// It never modifies a.
func Extract(a *khabar.Analysis) []Quote {
	return extract(a, nil)
}

func extract(a *khabar.Analysis, t *matchtext.Text) []Quote {
	if a == nil || a.Text == "" {
		return nil
	}
	f := newFinder(a, t.For(a.Text))
	return f.run()
}

// ment is one entity mention, by entity index.
type ment struct{ start, end, ent int }

type finder struct {
	outlets    []ment // outlets' mentions, by start (see lastOutlet)
	a          *khabar.Analysis
	rs         []rune
	toks       []matchtext.Token
	ments      []ment // sorted by start
	cur        []string
	curText    string
	matches    []match
	inDirect   []bool // per token: inside the content of a direct quote
	marks      []bool // per token: the opening or closing mark of a direct quote
	lastWord   int    // the last word token, or -1
	sx         spanIndex
	mx         mentionIndex
	tx         titleIndex
	cx         sentenceIndex
	heads      map[string][]headedOrg
	lastNames  map[string]int          // last word of a person's name → entity index
	firstNames map[string]int          // first word of a person's name of several → entity index, -1 when shared
	lastVerb   int                     // the verb token of the last speech act resolved, or -1
	entByID    map[string]int          // entity ID → its first index, built when needed
	orgKinds   map[int]map[string]bool // organization → the kind nouns written with it (see currentOrg)
	ttl        map[string][]textTitle  // offices written next to persons' mentions (see textTitles)
}

func newFinder(a *khabar.Analysis, t *matchtext.Text) *finder {
	f := &finder{a: a, rs: t.Runes, toks: t.Tokens, lastVerb: -1}
	for i, e := range a.Entities {
		for _, m := range e.Mentions {
			if m.Start >= 0 && m.End > m.Start && m.End <= len(f.rs) {
				f.ments = append(f.ments, ment{m.Start, m.End, i})
			}
		}
	}
	sort.Slice(f.ments, func(i, j int) bool { return f.ments[i].start < f.ments[j].start })
	f.lastWord = len(f.toks) - 1
	for f.lastWord >= 0 && f.toks[f.lastWord].Kind != matchtext.Word {
		f.lastWord--
	}
	return f
}

// item is one quote candidate awaiting speaker resolution, ordered by pos.
type item struct {
	pos        int // token index where the speech act starts
	start, end int // content, code points
	direct     bool
	cue        string
	verb       int // cue verb token, or -1
	conj       bool
	part       bool
	rs, re     int    // subject region, token indices [rs, re)
	ment       int    // headline form: index into f.ments of the speaker, or -1
	who        string // headline form: the unnamed speakers (خبراء: …)
	id         string // headline form: the organization a short name stands for
	weak       bool   // no cue at all: speaker is the current one
	bare       bool   // a verb with no complement: the end of its subject is unclear
	obj        bool   // a verb with a noun object after a preposition (طالب … بـ، دعا … إلى)
}

func (f *finder) run() []Quote {
	spans := f.directSpans()
	f.inDirect = make([]bool, len(f.toks))
	f.marks = make([]bool, len(f.toks))
	f.findMatches()
	attach := map[int]int{} // first content token → match index
	for i, m := range f.matches {
		if m.kind != cueNone {
			attach[m.attach] = i
		}
	}
	used := make([]bool, len(f.matches))
	var items []item
	for _, d := range spans {
		it, ok := f.directItem(d, attach, used)
		if ok {
			items = append(items, it)
			// Only quotations are hard stops of reported speech: a
			// name or scare quote inside it («محور») is not.
			for i := d.open + 1; i < d.last; i++ {
				f.inDirect[i] = true
			}
			f.marks[d.open] = true
			if d.close >= 0 {
				f.marks[d.close] = true
			}
		}
	}
	for i, m := range f.matches {
		if used[i] || f.inDirect[m.verb] {
			continue
		}
		items = append(items, f.reportedItem(m, spans))
	}
	items = append(items, f.headlines(spans)...)
	sort.SliceStable(items, func(i, j int) bool { return items[i].pos < items[j].pos })

	var out []Quote
	inside := -1 // the end of the last reported quote
	for _, it := range items {
		if it.verb >= 0 && !it.direct && f.toks[it.verb].Start < inside {
			// A speech verb inside reported speech (قال إن القرار يؤكد
			// أن …) is part of what was said: it names no new speaker.
			// But a person named as its subject (لافتة إلى أن رئيس
			// الوزراء فلان صرح بأنه …) said the innermost statement,
			// which is the quote; the current speaker stays.
			if n := len(out); n > 0 && it.start >= 0 && !out[n-1].Direct && out[n-1].Start <= it.start && it.end <= out[n-1].End {
				if ids := f.innerSpeaker(it); ids != nil {
					out[n-1] = Quote{Start: it.start, End: it.end, Speakers: ids, Source: out[n-1].Source, Cue: it.cue}
				}
			}
			continue
		}
		sub := f.speaker(it)
		if !it.direct && it.end > it.start {
			inside = max(inside, it.end)
		}
		if it.start < 0 || it.end <= it.start {
			continue // a bare cue: it only moved the current speaker
		}
		if f.prayer(it) {
			continue
		}
		q := Quote{Start: it.start, End: it.end, Speakers: sub.ids, SpeakerText: sub.text, Source: sub.source, Cue: it.cue, Direct: it.direct}
		out = append(out, q)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	out = dedupe(out)
	// The texts of the quotes that dedupe drops are never made: nested
	// candidates could add up to far more text than the article has.
	for i := range out {
		out[i].Text = string(f.rs[out[i].Start:out[i].End])
	}
	return out
}

// dedupe drops a quote whose span lies inside an earlier kept one.
func dedupe(qs []Quote) []Quote {
	out := qs[:0]
	for _, q := range qs {
		if n := len(out); n > 0 && q.Start >= out[n-1].Start && q.End <= out[n-1].End {
			continue
		}
		out = append(out, q)
	}
	return out
}

// speaker resolves the speaker of it and moves the current speaker.
func (f *finder) speaker(it item) subject {
	var sub subject
	explicit := false
	switch {
	case it.ment >= 0:
		sub, explicit = subject{kind: subjNamed, ids: []string{f.a.Entities[f.ments[it.ment].ent].ID}}, true
	case it.id != "":
		sub, explicit = subject{kind: subjNamed, ids: []string{it.id}}, true
	case it.who != "":
		sub, explicit = subject{kind: subjUnnamed, text: it.who}, true
	case it.weak:
	default:
		sub, explicit = f.resolve(it)
	}
	if sub.source == "" {
		sub.source = f.sentenceSource(it.pos)
	}
	if it.verb >= 0 {
		f.lastVerb = it.verb
	}
	if explicit {
		f.cur, f.curText = sub.ids, sub.text
		return sub
	}
	sub.ids, sub.text = f.cur, f.curText
	return sub
}

// resolve finds the subject of a speech verb: in the region after the
// verb; else right before it (SVO order, or the antecedent of a relative
// pronoun: مارادونا الذي قال); else, for an omitted subject or a
// participle, the person the sentence is about (وفضل فلان أن …، وقال:);
// else nothing (explicit=false), which means the current speaker.
func (f *finder) resolve(it item) (sub subject, explicit bool) {
	if it.re > it.rs {
		rs := f.addressee(it)
		sub = f.parseRegion(rs, it.re, it.bare)
		if sub.source == "" && rs > it.rs {
			sub.source = f.phraseText(it.rs+1, rs-1)
		}
		switch {
		case sub.kind == subjUnnamed && (sub.office || !strings.Contains(sub.text, " ") && !sourceWords[Normalize(sub.text)]) &&
			len(f.cur) > 0 && it.verb >= 0 && continues(f.toks[it.verb].Norm):
			// وتابع مدرب برشلونة السابق: the speaker goes on, named by
			// an office or a one-word name the entities do not record.
			return sub, false
		case sub.kind == subjUnnamed && it.part:
			// A participle takes the subject of its clause: what
			// follows it is an object (واصفا القرار بأنه …).
			return sub, false
		case sub.kind == subjUnnamed && it.obj && obliquePlural(sub.text):
			// وطالب الراغبين في التدريب بالتسجيل: a plural in the
			// oblique case is the verb's object; its subject is omitted.
			return sub, false
		case sub.kind == subjNamed, sub.kind == subjUnnamed:
			return sub, true
		case sub.kind == subjCurrent:
			return sub, false
		}
	}
	named := func(mi int) (subject, bool) {
		return subject{kind: subjNamed, ids: []string{f.a.Entities[f.ments[mi].ent].ID}, source: sub.source}, true
	}
	if it.verb > 0 && !it.conj && !it.part {
		prev := f.toks[it.verb-1]
		if prev.Kind == matchtext.Word && !prev.NL && prev.Norm != "و" && prev.Norm != "ف" {
			for _, mi := range f.endingAt(prev.End) {
				// A country speaks only when it opens the sentence
				// (مصر قالت إن …), not after a preposition (بعد تحرير عدن قال).
				if t := f.a.Entities[f.ments[mi].ent].Type; t == "PER" || t == "ORG" ||
					t == "LOC" && f.ments[mi].start <= f.toks[f.sentStart(it.verb)].Start {
					return named(int(mi))
				}
			}
			if relatives[prev.Norm] {
				// The nearest person before the relative pronoun, in
				// the same sentence.
				if mi := f.lastPersonBefore(prev.Start); mi >= 0 && f.ments[mi].start >= f.toks[f.sentStart(it.verb)].Start {
					return named(mi)
				}
			}
		}
	}
	if it.verb >= 0 {
		if mi := f.topicSubject(it.verb); mi >= 0 {
			return named(mi)
		}
		if text := f.pluralBefore(it.verb); text != "" {
			return subject{kind: subjUnnamed, text: text, source: sub.source}, true
		}
		if cs, ok := f.clauseSubject(it.verb); ok {
			cs.source = firstNonEmpty(cs.source, sub.source)
			return cs, true
		}
		if it.part {
			if mi := f.coordSubject(it.verb); mi >= 0 {
				return named(mi)
			}
		} else if mi := f.prevClauseSubject(it.verb); mi >= 0 {
			return named(mi)
		}
		plural := f.pluralCue(it.verb)
		if mi := f.sentenceSubject(it.verb); mi >= 0 && !(plural && !f.pluralName(f.ments[mi].ent)) {
			return named(mi)
		}
		if plural && (f.curPerson() || len(f.cur) == 0 && f.curText == "") {
			// وقالوا إن …: a plural or dual verb with no subject of
			// its own is not one person's; the speakers are unnamed.
			return subject{kind: subjUnnamed, source: sub.source}, true
		}
	}
	if len(f.cur) == 0 && f.curText == "" && it.verb >= 0 {
		// No speaker yet: the last person named before the cue.
		if mi := f.lastPersonBefore(f.toks[it.verb].Start); mi >= 0 {
			return named(mi)
		}
	}
	return sub, false
}

// addressee returns where the subject region of it starts past the
// newspaper a verb of informing names first, in quote marks (وأبلغ
// «الرياض» المهندس فلان أن …: the paper was told, the engineer speaks);
// else it.rs.
func (f *finder) addressee(it item) int {
	if it.verb < 0 || it.rs >= it.re {
		return it.rs
	}
	if c, _ := cues.lookup(f.toks[it.verb].Norm); c == nil || c.lemma != "أبلغ" {
		return it.rs
	}
	if t := f.toks[it.rs]; t.Kind != matchtext.Punct || !matchtext.IsQuoteMark(t.R) {
		return it.rs
	}
	if k := f.shortQuoteEnd(it.rs); k > it.rs && k+1 < it.re {
		return k + 1
	}
	return it.rs
}

// pluralName reports whether entity k may be the subject of a plural verb:
// a body named by a plural (الحوثيون، قوات التحالف), not a person or a
// paper (مؤكدين أن … after «الوطن» is the people the paper spoke to).
func (f *finder) pluralName(k int) bool {
	e := &f.a.Entities[k]
	if e.Type != "ORG" {
		return false
	}
	w := strings.Fields(Normalize(e.Name))
	if len(w) == 0 {
		return false
	}
	return pluralEnding(w[0]) || collectiveHeads[w[0]]
}

// obliquePlural reports whether a phrase opens with a definite plural in
// the oblique case (الراغبين، المواطنين): an object after a verb, not its
// subject, which would be written الراغبون.
func obliquePlural(phrase string) bool {
	w, _, _ := strings.Cut(Normalize(phrase), " ")
	r, ok := strings.CutPrefix(w, "ال")
	return ok && strings.HasSuffix(r, "ين") && len([]rune(r)) >= 5 && !titleWords[r] && !personNouns[w]
}

// onePerson reports whether ids name one person.
func (f *finder) onePerson(ids []string) bool {
	if len(ids) != 1 {
		return false
	}
	k, ok := f.entIndex(ids[0])
	return ok && f.a.Entities[k].Type == "PER"
}

// prayer reports whether it is a supplication after دعا (ودعا … بأن
// يحفظ الله المملكة): a prayer, not a statement.
func (f *finder) prayer(it item) bool {
	if it.verb < 0 {
		return false
	}
	if c, _ := cues.lookup(f.toks[it.verb].Norm); c == nil || c.lemma != "دعا" {
		return false
	}
	for j := it.verb + 1; j < len(f.toks) && j <= it.verb+2 && f.toks[j].Start < it.start; j++ {
		if god[f.toks[j].Norm] {
			return true // ودعا الله أن يحفظ …: God is asked, nobody is quoted
		}
	}
	k := f.tokenAt(it.start)
	if k < 0 || k >= len(f.toks) || !prayerVerbs[f.toks[k].Norm] {
		return false
	}
	for j := k + 1; j < len(f.toks) && j <= k+3; j++ {
		if f.toks[j].Norm == "الله" || f.toks[j].Norm == "المولى" {
			return true
		}
	}
	return false
}

// god names God as the one a prayer asks (دعا الله، داعيا المولى).
var god = wordSet("الله المولى")

// prayerVerbs open a supplication: may God keep, grant, have mercy ….
var prayerVerbs = wordSet("يحفظ يوفق يرحم يتغمد يديم ينصر يجزي يتقبل يعيد يسدد يبارك يحمي يشفي يمن يكلل يعين")

// pluralCue reports whether the speech verb at token verb is plural or
// dual (قالوا، أكدا، معتبرين).
func (f *finder) pluralCue(verb int) bool {
	c, _ := cues.lookup(f.toks[verb].Norm)
	return c != nil && c.plur
}

// continues reports whether a speech verb goes on with the current
// speaker's words (وأضاف، وتابع، واستطرد، وأردف).
func continues(w string) bool {
	c, _ := cues.lookup(w)
	return c != nil && (c.lemma == "أضاف" || c.lemma == "تابع" || c.lemma == "استطرد" || c.lemma == "أردف")
}

// mentionsIn returns the mentions that start in [s, e).
func (f *finder) mentionsIn(s, e int) []ment {
	i := sort.Search(len(f.ments), func(i int) bool { return f.ments[i].start >= s })
	j := i
	for j < len(f.ments) && f.ments[j].start < e {
		j++
	}
	return f.ments[i:j]
}

// persons returns the PER entities of ms: the first, and the ones
// coordinated with it by و.
func (f *finder) persons(ms []ment) []string {
	var ids []string
	prevEnd := -1
	for _, m := range ms {
		e := &f.a.Entities[m.ent]
		if e.Type != "PER" || contains(ids, e.ID) {
			continue
		}
		if prevEnd >= 0 && !f.coordinated(prevEnd, m.start) {
			break
		}
		ids = append(ids, e.ID)
		prevEnd = m.end
	}
	return ids
}

// coordinated reports whether the text between two mentions joins them
// with و: a lone و, or و attached to a title or honorific.
func (f *finder) coordinated(s, e int) bool {
	// Overlapping or nested mentions (e < s) are not coordinated.
	if e < s || e-s > 80 {
		return false
	}
	for _, t := range matchtext.Tokenize(f.rs[s:e], "") {
		if t.Kind != matchtext.Word {
			continue
		}
		if t.Norm == "و" {
			return true
		}
		if w, ok := matchtext.StripConj(t.Norm); ok && strings.HasPrefix(t.Norm, "و") && (titleWords[w] || honorifics[w]) {
			return true
		}
	}
	return false
}

// honorifics are the words of address that may stand before a subject's
// head (سعادة السفير): the one-word honorifics of package titles.
var honorifics = wordSet(strings.Join(titles.Words(titles.Honorific), " "))

func (f *finder) ofType(ms []ment, typ string) []string {
	var ids []string
	for _, m := range ms {
		if e := &f.a.Entities[m.ent]; e.Type == typ && !contains(ids, e.ID) {
			ids = append(ids, e.ID)
		}
	}
	return ids
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
