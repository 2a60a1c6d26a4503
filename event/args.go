package event

import (
	"github.com/khabar/khabar/internal/matchtext"
	"github.com/khabar/khabar/titles"
	"sort"
	"strings"
)

// code turns a trigger hit into an event, or folds it into an earlier
// meeting when it only refers back to one (ترأس الاجتماع …), and appends
// the result to out.
func (d *doc) code(h hit, out []Event) []Event {
	t := d.toks[h.tok]
	si := d.tokSent[h.tok]
	ev := Event{Type: h.trig.typ, Mode: h.trig.mode, Intent: h.intent, Sentence: si,
		TriggerStart: t.Start, TriggerEnd: d.toks[h.end-1].End}
	ev.Trigger = string(d.rs[ev.TriggerStart:ev.TriggerEnd])
	if si >= 0 {
		ev.Start, ev.End = d.sents[si][0], d.sents[si][1]
	} else {
		ev.Start, ev.End = ev.TriggerStart, ev.TriggerEnd
	}
	if d.own {
		ev.Sentence = -1
	}
	lo, hi := d.segment(h.tok)
	segStart, segEnd := d.toks[lo].Start, d.toks[hi-1].End
	own := d.dateIn(segStart, segEnd)

	// A definite meeting noun with no date or parties of its own refers
	// back to the last meeting: its people join that one.
	if ev.Type == "CONSULT" && own == "" && !d.betweenAfter(h.tok) && (h.trig.class == classNoun && h.v.article || d.nearMeeting(h.tok)) {
		if k := d.lastConsult; k >= 0 && k < len(out) && out[k].Type == "CONSULT" {
			for _, m := range d.mentionsIn(ev.Start, ev.End) {
				if e := d.a.Entities[m.ent]; e.Type == "PER" && !d.speechSubject(m) {
					out[k].Participants = addActor(out[k].Participants, d.actor(m.ent, RoleParticipant))
				}
			}
			return out
		}
	}
	if h.weak {
		return out
	}

	// Actors: the entities of the trigger's segment, less places, words
	// inside someone's title, the dateline and the subjects of speech verbs.
	var parties []ment
	for _, m := range d.mentionsIn(segStart, segEnd) {
		if d.isPlace(m) || d.inTitle(m) || d.inDateline(m) || d.speechSubject(m) {
			continue
		}
		parties = append(parties, m)
	}
	hasState := false
	for _, m := range parties {
		if ty := d.a.Entities[m.ent].Type; ty == "ORG" || ty == "LOC" {
			hasState = true
		}
	}
	symmetric := ev.Type == "CONSULT" || ev.Type == "AGREE" || ev.Type == "COOPERATE"
	for _, m := range parties {
		e := d.a.Entities[m.ent]
		role := RoleActor
		switch {
		case hasState && e.Type == "PER" && symmetric:
			ev.Participants = addActor(ev.Participants, d.actor(m.ent, RoleParticipant))
			continue
		case !symmetric && m.start > t.Start:
			role = RoleRecipient
		}
		ev.Actors = addActor(ev.Actors, d.actor(m.ent, role))
	}
	if !symmetric && len(ev.Actors) > 0 && ev.Actors[0].Role == RoleRecipient && len(ev.Actors) > 1 {
		// VSO order: the first party after the verb is its subject.
		ev.Actors[0].Role = RoleActor
	}
	if ev.Actors == nil {
		ev.Actors = []Actor{}
	}

	// Date: the clause's own, else the dateline's, else publication.
	ev.Date = own
	if ev.Date == "" {
		ev.Date = d.refDate()
	}
	// Place: a location in the sentence, else the dateline's when the
	// event happened on the dateline's day.
	for _, m := range d.mentionsIn(ev.Start, ev.End) {
		if d.isPlace(m) && !d.inTitle(m) {
			ev.Place = d.a.Entities[m.ent].ID
			break
		}
	}
	if ev.Place == "" && d.a.Dateline != nil && (own == "" || own == d.a.Dateline.Date) {
		ev.Place, ev.PlaceText = d.a.Dateline.PlaceEntity, d.a.Dateline.Place
		if ev.Place != "" {
			ev.PlaceText = ""
		}
	}
	if ev.Type == "CONSULT" && ev.Mode == "" {
		ev.Mode = d.consultMode(h, lo, hi, len(ev.Actors))
	}
	ev.Context = d.context(lo, hi, ev.Type)
	if ev.Type == "CONSULT" {
		d.lastConsult = len(out)
	}
	return append(out, ev)
}

// segment returns the token range of the trigger's clause: the sentence
// cut at clause openers (وهو ما، حيث، فيما، بينما، مشيراً …) and begun after
// a complementizer (قال إن …) that precedes the trigger.
func (d *doc) segment(i int) (lo, hi int) {
	lo, hi = i, i+1
	for lo > 0 && lo > i-2*maxLook {
		p := lo - 1
		if d.toks[lo].NL || d.toks[p].Terminal() || d.toks[p].Kind == matchtext.Punct && (d.toks[p].R == '؛' || d.toks[p].R == ';') {
			break
		}
		if w := d.toks[p].Norm; complementizers[w] || clauseOpeners[w] && p < i {
			break
		}
		if d.opensClause(lo) && lo < i {
			break
		}
		lo = p
	}
	for hi < len(d.toks) && hi < i+2*maxLook {
		t := d.toks[hi]
		if t.NL || t.Terminal() || t.Kind == matchtext.Punct && (t.R == '؛' || t.R == ';') {
			break
		}
		if clauseOpeners[t.Norm] || d.opensClause(hi) {
			break
		}
		hi++
	}
	for lo < i && d.toks[lo].Kind == matchtext.Punct {
		lo++
	}
	return lo, hi
}

// opensClause reports whether token i starts a new clause: وهو ما and the
// like.
func (d *doc) opensClause(i int) bool {
	w := d.toks[i].Norm
	if (w == "وهو" || w == "وهي" || w == "وهذا" || w == "وذلك") && i+1 < len(d.toks) && d.toks[i+1].Norm == "ما" {
		return true
	}
	return false
}

var clauseOpeners = set("حيث فيما بينما وبينما مشيرا مشيره موضحا موضحه مؤكدا مؤكده لافتا لافته مشددا مشدده مضيفا مضيفه " +
	"معربا معربه قائلا قائله وفيما واضاف وقال وتابع واكد واوضح واشار ولفت")

var complementizers = set("ان انه انها انهم انهما بان بانه بانها")

// speechVerbs are verbs whose subject is a speaker, not a party.
var speechVerbs = set("قال قالت اكد اكدت اوضح اوضحت اضاف اضافت اشار اشارت اعلن اعلنت ذكر ذكرت صرح صرحت لفت لفتت " +
	"شدد شددت اعرب اعربت دعا دعت تابع تابعت كشف كشفت بينت افاد افادت")

// speechSubject reports whether mention m is the subject right after a
// speech verb (وأوضح سعادته، وقال السفير المالكي).
func (d *doc) speechSubject(m ment) bool {
	i := d.tokAt(m.start)
	if i < 0 {
		return false
	}
	for k := 1; k <= 3; k++ {
		j := d.prevWord(i, k)
		if j < 0 {
			return false
		}
		w := d.toks[j].Norm
		if s, ok := matchtext.StripConj(w); ok {
			w = s
		}
		if speechVerbs[w] {
			return true
		}
		if !honorificWords[w] && !titleWords[strings.TrimPrefix(w, "ال")] {
			return false
		}
	}
	return false
}

// honorificWords come between a verb and a name (وقال سعادة السيد …): the
// one-word honorifics of package titles and its event-between selection.
var honorificWords = set(strings.Join(append(titles.Words(titles.Honorific), titles.Select("event-between")...), " "))

// tokAt returns the token that starts at or covers code point p, or -1.
func (d *doc) tokAt(p int) int {
	lo := matchtext.Search(d.toks, p)
	if lo < len(d.toks) && d.toks[lo].Start <= p+1 {
		return lo
	}
	return -1
}

// meetingNouns are the definite nouns that refer back to a meeting.
var meetingNouns = set("الاجتماع اللقاء القمه المؤتمر المباحثات المحادثات الاجتماعات")

// nearMeeting reports whether a definite meeting noun is within two words
// of token i (ناقش الاجتماع …).
func (d *doc) nearMeeting(i int) bool {
	for k := 1; k <= 2; k++ {
		for _, j := range []int{d.prevWord(i, k), d.nextWord(i, k)} {
			if j >= 0 && meetingNouns[d.toks[j].Norm] {
				return true
			}
		}
	}
	return false
}

// betweenAfter reports whether بين follows token i within four words
// (الاجتماع الأخير بين …): a meeting of named parties, not a back reference.
func (d *doc) betweenAfter(i int) bool {
	for k := 1; k <= 4; k++ {
		if j := d.nextWord(i, k); j >= 0 && d.toks[j].Norm == "بين" {
			return true
		}
	}
	return false
}

// mentionsIn returns the mentions that start in [s, e).
func (d *doc) mentionsIn(s, e int) []ment {
	i := sort.Search(len(d.ments), func(i int) bool { return d.ments[i].start >= s })
	j := i
	for j < len(d.ments) && d.ments[j].start < e {
		j++
	}
	return d.ments[i:j]
}

// locatives are words after which a location names where something
// happened.
var locatives = set("في فى بمدينه مدينه العاصمه بالعاصمه بلده ببلده منطقه بمنطقه محافظه بمحافظه ولايه بولايه قرب " +
	"شمال جنوب شرق غرب وسط داخل بالقرب مطار بمطار قريه بقريه مخيم بمخيم ضاحيه بضاحيه")

// isPlace reports whether a location mention names where something
// happened: after في, a glued ب, or a word such as العاصمة.
func (d *doc) isPlace(m ment) bool {
	if d.a.Entities[m.ent].Type != "LOC" {
		return false
	}
	if m.start >= 2 && d.rs[m.start-1] == 'ب' && !matchtext.IsWordRune(d.rs[m.start-2]) {
		return true
	}
	i := d.tokAt(m.start)
	if i < 0 {
		return false
	}
	for k := 1; k <= 2; k++ {
		j := d.prevWord(i, k)
		if j < 0 {
			break
		}
		if locatives[d.toks[j].Norm] {
			return true
		}
		if k == 1 && d.toks[j].End < m.start-1 && d.toks[j+1].Kind == matchtext.Punct {
			break
		}
	}
	return false
}

// titleWords head a title (رئيس أوكرانيا، سفير دولة قطر): the event-office
// selection of package titles.
var titleWords = set(strings.Join(titles.Select("event-office"), " "))

// inTitle reports whether a mention is part of a title: after a title
// word, or inside the title of a person mentioned just before it.
func (d *doc) inTitle(m ment) bool {
	if d.a.Entities[m.ent].Type == "PER" {
		return false // a person after a title holds it
	}
	i := d.tokAt(m.start)
	if i < 0 {
		return false
	}
	for k := 1; k <= 2; k++ {
		j := d.prevWord(i, k)
		if j < 0 {
			break
		}
		w := d.toks[j].Norm
		if s, ok := matchtext.StripConj(w); ok {
			w = s
		}
		if titleWords[w] || titleWords[strings.TrimPrefix(w, "ل")] {
			return true
		}
	}
	// Inside the title that follows a person's name: the text from the
	// name to the mention is part of that person's title.
	for _, p := range d.mentionsIn(m.start-240, m.start) {
		e := d.a.Entities[p.ent]
		if e.Type != "PER" {
			continue
		}
		// A mention nested in a person's mention (جدة in مدير سجون
		// محافظة جدة) is part of how that person is designated.
		if p.end >= m.end {
			return true
		}
		if e.Title == "" || m.start-p.end > 120 {
			continue
		}
		title := matchtext.Normalize(e.Title)
		between := matchtext.Normalize(string(d.rs[p.end:m.end]))
		if between != "" && strings.Contains(title, between) {
			return true
		}
	}
	return false
}

func (d *doc) inDateline(m ment) bool {
	dl := d.a.Dateline
	return dl != nil && dl.End > dl.Start && m.start >= dl.Start && m.end <= dl.End
}

// isCalendar reports whether v is YYYY, YYYY-MM or YYYY-MM-DD.
func isCalendar(v string) bool {
	if len(v) != 4 && len(v) != 7 && len(v) != 10 {
		return false
	}
	for i, r := range v {
		if i == 4 || i == 7 {
			if r != '-' {
				return false
			}
		} else if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func (d *doc) refDate() string {
	if d.a.Dateline != nil && isCalendar(d.a.Dateline.Date) {
		return d.a.Dateline.Date
	}
	if isCalendar(d.a.Published) {
		return d.a.Published
	}
	return ""
}

// consultMode is multilateral for a joint meeting or three or more
// parties, bilateral for two, else empty.
func (d *doc) consultMode(h hit, lo, hi, parties int) string {
	for k := lo; k < hi; k++ {
		switch w := d.toks[k].Norm; {
		case strings.Contains(w, "مشترك"), strings.Contains(w, "متعدد"), strings.HasSuffix(w, "قمه"):
			return "multilateral"
		case strings.Contains(w, "وساطه"):
			return "third-party"
		}
	}
	switch {
	case parties >= 3:
		return "multilateral"
	case parties == 2:
		return "bilateral"
	}
	return ""
}

// contextWords map word stems to PLOVER contexts.
var contextWords = []struct{ stem, ctx string }{
	{"عسكري", "military"}, {"الدفاع", "military"}, {"الجيش", "military"}, {"حلف", "military"},
	{"اقتصاد", "economic"}, {"تجار", "economic"}, {"استثمار", "economic"}, {"ارهاب", "terrorism"},
	{"انتخاب", "election"}, {"لاجئ", "asylum"}, {"مهاجر", "migration"}, {"صحه", "health"}, {"وباء", "health"},
	{"مناخ", "environment"}, {"حقوق", "human-rights"}, {"نفط", "natural-resource"}, {"غاز", "natural-resource"},
}

// context tags the clause with PLOVER contexts; CONSULT, AGREE and
// SUPPORT between states are diplomatic.
func (d *doc) context(lo, hi int, typ string) []string {
	var out []string
	add := func(c string) {
		for _, x := range out {
			if x == c {
				return
			}
		}
		out = append(out, c)
	}
	if typ == "CONSULT" || typ == "AGREE" || typ == "SUPPORT" {
		add("diplomatic")
	}
	for k := lo; k < hi; k++ {
		for _, cw := range contextWords {
			if strings.Contains(d.toks[k].Norm, cw.stem) {
				add(cw.ctx)
			}
		}
	}
	return out
}
