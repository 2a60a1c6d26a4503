package quote

import (
	"sort"
	"strings"

	"github.com/khabar/khabar/internal/matchtext"
)

// A speech verb without a subject of its own (a participle, or an omitted
// subject) continues the sentence it stands in. When the sentence opens
// with another verb (ووصف فلان الاتفاق …، داعيا إلى أن …; اتهم الزوج،
// الجامعة …، مضيفا أن …), the subject of that verb is the speaker.

// clauseSubject returns the subject of the main verb of the sentence of
// the speech verb at token verb, when no speech act came before it in
// the sentence and the sentence opens, after adverbials, with a verb
// followed by a named or definite subject. A plural verb after an
// opening attribution (وبحسب متعاملين في السوق، أكدوا أن …) takes the
// attributed phrase.
func (f *finder) clauseSubject(verb int) (subject, bool) {
	c, _ := cues.lookup(f.toks[verb].Norm)
	if c == nil {
		return subject{}, false
	}
	s := f.sentStart(verb)
	if f.lastVerb >= s && f.lastVerb < verb {
		return subject{}, false
	}
	if x := f.sentences(); verb > 0 && int(x.rel[verb-1]) > s && x.comma[verb-1] < x.rel[verb-1] {
		// … ومارادونا الذي قاد بلاده … وقال: the verb goes on with the
		// relative clause of a person (see sentenceSubject).
		if r := int(x.rel[verb-1]); f.toks[r-1].Kind == matchtext.Word {
			for _, mi := range f.endingAt(f.toks[r-1].End) {
				if f.a.Entities[f.ments[mi].ent].Type == "PER" {
					return subject{}, false
				}
			}
		}
	}
	i, ls, le := s, -1, -1
scan:
	for i < verb {
		t := f.toks[i]
		w, _ := matchtext.StripConj(t.Norm)
		switch {
		case t.Kind == matchtext.Punct, t.Norm == "و", t.Norm == "ف", adverbWords[t.Norm]:
			i++
		case f.fixedAt(i, verb) > 0:
			i += f.fixedAt(i, verb)
		case attribution[t.Norm] || attribution[w]:
			j := f.phraseEnd(i+1, verb)
			if ls < 0 {
				ls, le = i+1, j
			}
			i = j
		case f.leadPrep(i, verb) || cutWords[t.Norm] || cutWords[w]:
			i = f.phraseEnd(i+1, verb)
		default:
			break scan
		}
	}
	if i >= verb {
		if c.plur && ls >= 0 && le > ls && le == f.phraseEnd(le, verb) {
			return f.clauseNoun(ls, le, c)
		}
		return subject{}, false
	}
	if !f.verbLike(i) || i+1 >= verb {
		return subject{}, false
	}
	return f.clauseNoun(i+1, verb, c)
}

// clauseNoun reads the subject in [rs, re) for a speech verb with cue c:
// a name, or a phrase that reads as a noun phrase (definite, a source, an
// office, or a plural noun for a plural verb).
func (f *finder) clauseNoun(rs, re int, c *cue) (subject, bool) {
	for rs < re && f.toks[rs].Kind == matchtext.Punct {
		rs++
	}
	if rs >= re || demonstratives[f.toks[rs].Norm] || complementizers[f.toks[rs].Norm] {
		// يأتي ذلك …; ينتظر أن تفتتح الوزارة …: the verb has no subject here.
		return subject{}, false
	}
	sub := f.parseRegion(rs, re, false)
	if sub.kind == subjUnnamed && sub.office {
		// An office, then the person in apposition (وتوقع عضو اللجنة …،
		// فلان، أن …).
		if k := f.phraseEnd(rs, re); k+1 < re && f.toks[k].Kind == matchtext.Punct && (f.toks[k].R == '،' || f.toks[k].R == ',') {
			for _, m := range f.mentionsIn(f.toks[k+1].Start, f.toks[k+1].Start+1) {
				if e := &f.a.Entities[m.ent]; e.Type == "PER" {
					return subject{kind: subjNamed, ids: []string{e.ID}, source: sub.source}, true
				}
			}
		}
	}
	switch sub.kind {
	case subjNamed:
		if c.plur && (f.onePerson(sub.ids) || f.oneSingularBody(sub.ids)) {
			// وجه ثلاثون عالما رسالة إلى الرئيس فلان، معتبرين أن …:
			// a plural verb is not one person's; the person is named
			// inside the phrase, not as its subject.
			return subject{kind: subjUnnamed, source: sub.source}, true
		}
		return sub, true
	case subjUnnamed:
		fw, _, _ := strings.Cut(Normalize(sub.text), " ")
		plural := pluralEnding(fw)
		if !c.fem && !c.plur && strings.HasSuffix(fw, "ه") && !titleWords[trimAl(fw)] && !personNouns[fw] && !sourceWords[fw] {
			// وركزت الورشة …، حيث …، وأشار إلى أن …: a masculine verb
			// does not agree with a feminine noun; it is not its subject.
			return subject{}, false
		}
		if strings.HasPrefix(fw, "ال") || sourceWords[fw] || titleWords[fw] || personNouns[fw] || c.plur && plural ||
			orgHeadNouns[fw] || fw == "حكومه" { // وكانت حكومة الإقليم أعلنت أن …
			return sub, true
		}
	}
	return subject{}, false
}

// demonstratives open no subject (يأتي ذلك …).
var demonstratives = wordSet("ذلك هذا هذه تلك هؤلاء أولئك اولئك ذاك")

// verbLike reports whether token i can be the main verb of a sentence:
// a word that is no name, carries no article and is no noun of the kinds
// that open a nominal sentence (رئيس الوزراء قال …) or a speech verb
// (whose own subject the finder reads).
func (f *finder) verbLike(i int) bool {
	t := f.toks[i]
	if t.Kind != matchtext.Word || f.mentionStartsAt(t.Start) {
		return false
	}
	w, _ := matchtext.StripConj(t.Norm)
	if c, _ := cues.lookup(t.Norm); c != nil {
		return false
	}
	for _, x := range []string{t.Norm, w} {
		if strings.HasPrefix(x, "ال") || titleWords[x] || personNouns[x] || sourceWords[x] || honorifics[x] ||
			orgHeadNouns[x] || outletHeads[x] || genericOrgs[x] || isDigit(x) {
			return false
		}
	}
	return len([]rune(w)) >= 2
}

func isDigit(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return w != ""
}

// currentOrg returns the entity index of the current speaker when it is
// one organization of the kind a generic noun names (الجامعة after
// جامعة برمنغهام): its name opens with the noun, or a mention of it
// follows the noun (شركة [الاتحاد]). Else -1.
func (f *finder) currentOrg(w string) int {
	if len(f.cur) != 1 {
		return -1
	}
	k, ok := f.entIndex(f.cur[0])
	if !ok || f.a.Entities[k].Type != "ORG" {
		return -1
	}
	if f.orgKinds == nil {
		f.orgKinds = map[int]map[string]bool{}
	}
	kinds, ok := f.orgKinds[k]
	if !ok {
		// The kinds of the organization: the first word of its name and
		// the words written before its mentions (a few are enough).
		e := &f.a.Entities[k]
		kinds = map[string]bool{}
		if fw := strings.Fields(Normalize(e.Name)); len(fw) > 0 {
			kinds[trimAl(fw[0])] = true
		}
		for n, m := range e.Mentions {
			if n == maxTitleCands {
				break
			}
			if m.Start > 0 && m.Start <= len(f.rs) {
				if wb := f.wordBefore(m.Start); wb != "" {
					kinds[wb] = true
				}
			}
		}
		f.orgKinds[k] = kinds
	}
	if kinds[trimAl(w)] {
		return k
	}
	return -1
}

// entIndex returns the index of the entity with the given ID.
func (f *finder) entIndex(id string) (int, bool) {
	if f.entByID == nil {
		f.entByID = make(map[string]int, len(f.a.Entities))
		for k, e := range f.a.Entities {
			if _, ok := f.entByID[e.ID]; !ok {
				f.entByID[e.ID] = k
			}
		}
	}
	k, ok := f.entByID[id]
	return k, ok
}

// wordBefore returns the normalized word that ends right before code
// point s (one space between), without the article, or "".
func (f *finder) wordBefore(s int) string {
	e := s
	for e > 0 && isSpace(f.rs[e-1]) {
		e--
	}
	b := e
	for b > 0 && !isSpace(f.rs[b-1]) {
		b--
	}
	if b == e || s-e > 1 {
		return ""
	}
	return trimAl(matchtext.FoldWord(string(f.rs[b:e])))
}

// innerSpeaker returns the person named as the subject of a speech verb
// inside reported speech: after the verb (… أن الوزير فلان أكد), or right
// before it (… أن فلان صرح بأنه …); else nil.
func (f *finder) innerSpeaker(it item) []string {
	if it.re > it.rs {
		if sub := f.parseRegion(it.rs, it.re, it.bare); sub.kind == subjNamed && len(sub.ids) > 0 {
			if k, ok := f.entIndex(sub.ids[0]); ok && f.a.Entities[k].Type == "PER" {
				return sub.ids
			}
		}
	}
	if it.verb > 0 && !it.conj && !it.part {
		if prev := f.toks[it.verb-1]; prev.Kind == matchtext.Word && !prev.NL {
			for _, mi := range f.endingAt(prev.End) {
				if e := &f.a.Entities[f.ments[mi].ent]; e.Type == "PER" {
					return []string{e.ID}
				}
			}
		}
	}
	return nil
}

// oneSingularBody reports whether ids name one body whose name is no
// plural (رصدت «الأفق» …، مؤكدين أن …: the paper is not who speaks).
func (f *finder) oneSingularBody(ids []string) bool {
	if len(ids) != 1 {
		return false
	}
	k, ok := f.entIndex(ids[0])
	return ok && f.a.Entities[k].Type == "ORG" && !f.pluralName(k)
}

// coordSubject returns the index into f.ments of the person who is the
// subject of the last clause joined by و before the participle at token
// verb, after the sentence's last speech act (…، ويؤيد المواطن فلان الرأي
// السابق بأن …، مضيفا: …): the participle goes on with that clause. It
// returns -1 when there is none.
func (f *finder) coordSubject(verb int) int {
	from := f.sentStart(verb)
	if f.lastVerb >= from {
		from = f.lastVerb + 1
	}
	from = max(from, verb-maxCoordLook)
	for k := verb - 1; k > from; k-- {
		t := f.toks[k]
		if t.Kind != matchtext.Word || !strings.HasPrefix(t.Norm, "و") || !f.verbLike(k) || f.cueAt(k) || nounEnding(t.Norm) ||
			f.toks[k-1].Kind != matchtext.Punct { // …، ويؤيد فلان: a clause of its own, not الذي سبق ودرب فلان
			continue
		}
		for j := k + 1; j < verb && j <= k+3; j++ {
			if mi := f.personStartingAt(j); mi >= 0 {
				return mi
			}
			if f.toks[j].Kind != matchtext.Word || !f.roleWord(f.toks[j].Norm) {
				break
			}
		}
		return -1
	}
	return -1
}

// maxCoordLook bounds how far back, in tokens, a participle's clause is
// looked for.
const maxCoordLook = 80

// prevClauseSubject returns the index into f.ments of the person who is
// the subject of the sentence before the one a speech verb with no subject
// of its own opens, when that sentence opens with another verb and holds
// no speech act (وانتقل الحاكم فلان إلى المدينة. وقال في مؤتمر صحفي: …);
// else -1.
func (f *finder) prevClauseSubject(verb int) int {
	s := f.sentStart(verb)
	if verb != s || s == 0 {
		return -1
	}
	ps := f.sentStart(s - 1)
	if f.lastVerb >= ps {
		return -1
	}
	i := ps
	for i < s && (f.toks[i].Kind == matchtext.Punct || adverbWords[f.toks[i].Norm]) {
		i++
	}
	if i >= s || !f.verbLike(i) || f.cueAt(i) {
		return -1
	}
	// The subject: a person within the first words after the verb, past
	// an office (حاكم لويزيانا الجمهوري فلان), before any preposition.
	for j := i + 1; j < s && j <= i+5; j++ {
		if mi := f.personStartingAt(j); mi >= 0 {
			return mi
		}
		if f.toks[j].Kind != matchtext.Word || f.leadPrep(j, s) || cutWords[f.toks[j].Norm] {
			break
		}
	}
	return -1
}

// personStartingAt returns the index into f.ments of a person's mention
// that starts at token j, or -1.
func (f *finder) personStartingAt(j int) int {
	st := f.toks[j].Start
	for mi := sort.Search(len(f.ments), func(i int) bool { return f.ments[i].start >= st }); mi < len(f.ments) && f.ments[mi].start == st; mi++ {
		if f.a.Entities[f.ments[mi].ent].Type == "PER" {
			return mi
		}
	}
	return -1
}

// nounEnding reports whether a normalized word ends as a plural or a
// feminine noun (وقوات، والمسؤولون، وحكومه), which no verb does.
func nounEnding(w string) bool {
	w, _ = matchtext.StripConj(w)
	return strings.HasSuffix(w, "ات") || pluralEnding(w) || collectiveHeads[w]
}

// pluralEnding reports whether a normalized word ends as a sound masculine
// plural (المسؤولون، المحللين).
func pluralEnding(w string) bool {
	return strings.HasSuffix(w, "ون") || strings.HasSuffix(w, "ين")
}
