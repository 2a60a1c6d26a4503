package link

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/kb"
	"github.com/khabar/khabar/titles"
)

// This file holds the context rules that keep a name from being linked
// where its words mean something else, and the place references.

// vetoed reports whether the one-word name at tokens [i, j) is, in this
// context, the common word it also is: قطر الكرة (diameter), نصف قطر,
// صلاة المغرب (sunset).
func (r *resolver) vetoed(i, j int) bool {
	if j-i != 1 {
		return false
	}
	_, w := splitProclitic(r.norms[i])
	prev, next := "", ""
	if i > 0 {
		prev = stripConj(r.norms[i-1])
	}
	if j < len(r.toks) && !r.lineBreakBefore(j) {
		next = r.norms[j]
	}
	switch w {
	case "قطر":
		return prev == "نصف" || diameterOf[next]
	case "المغرب":
		return prayerWords[prev]
	}
	return false
}

// diameterOf are words after قطر that make it "diameter".
var diameterOf = normSet("الكرة", "الدائرة", "الأرض", "الأنبوب", "الفوهة", "الحلقة", "المدار", "الشمس", "القمر")

// prayerWords before المغرب make it the sunset prayer.
var prayerWords = normSet("صلاة", "صلاه", "بعد", "قبل", "أذان", "وقت", "موعد", "حتى")

// splitProclitic takes a conjunction and a preposition off a normalized
// word when what remains is at least three letters.
func splitProclitic(w string) (string, string) {
	rest := stripConj(w)
	for _, p := range []string{"ب", "ل", "ك"} {
		if r, ok := strings.CutPrefix(rest, p); ok && len([]rune(r)) >= 3 {
			return w[:len(w)-len(r)], r
		}
	}
	return w[:len(w)-len(rest)], rest
}

// facilityNouns name places and bodies named after people.
var facilityNouns = normSet("ميناء", "مدينة", "جامعة", "مستشفى", "مطار", "مركز", "جائزة", "شارع", "طريق", "مجمع", "برنامج",
	"مؤسسة", "كلية", "مدرسة", "جسر", "قاعدة", "قاعة", "مسجد", "جامع", "حي", "ملعب", "استاد", "ستاد", "صندوق", "مكتبة",
	"معهد", "وقف", "كرسي", "منحة", "مشروع", "قصر", "دارة", "مدارس", "مستشفيات", "ميدان", "مجمع")

// titleWords may stand between a facility noun and a person's name
// (مركز الملك عبدالله): the link-facility selection of package titles.
var titleWords = normSet(titles.Select("link-facility")...)

// facilityBefore reports whether a facility noun comes right before
// token i, perhaps before a title (جامعة الملك سعود).
func (r *resolver) facilityBefore(i int) bool {
	for j := i - 1; j >= 0 && i-j <= 5; j-- {
		_, w := splitProclitic(r.norms[j])
		if facilityNouns[w] || facilityNouns[r.norms[j]] {
			return true
		}
		if !titleWords[r.norms[j]] && !titleWords[w] {
			return false
		}
	}
	return false
}

// competitionWords before an organization's name make the mention a
// competition named after it (كأس الاتحاد الإفريقي).
var competitionWords = normSet("كأس", "بطولة", "دوري", "جائزة", "كاس")

// longerOrgName reports whether an organization's mention is part of
// something else's name: a competition (كأس الاتحاد الإفريقي), or a body
// the name continues with an adjective (الجيش السوري الحر).
func (r *resolver) longerOrgName(m *mention, e *kb.Entry) bool {
	if m.tokS > 0 && competitionWords[stripConj(r.norms[m.tokS-1])] {
		return true
	}
	if m.tokE >= len(r.toks) || r.lineBreakBefore(m.tokE) || r.toks[m.tokE].Kind != arabic.Word {
		return false
	}
	n := r.norms[m.tokE]
	if n == "الحر" || n == "الحره" {
		return true
	}
	return strings.HasPrefix(n, "ال") && (strings.HasSuffix(n, "ي") || strings.HasSuffix(n, "يه")) && !arabic.IsStopword(n) &&
		!r.isCountryAdjective(n, e.Country) &&
		r.k.LookupCandidates(r.span(m.tokS, m.tokE+1)) == nil
}

// clubWords before a place name make it a sports club (نادي برشلونة).
var clubWords = normSet("نادي", "لنادي", "بنادي", "ونادي", "فريق", "لفريق", "وفريق", "منتخب", "لمنتخب", "ومنتخب",
	"فريقا", "فريقي", "لفريقي", "ناديا", "ناديي")

// notVerbs are words beginning with ي that are not verbs (يوم, يونيو).
var notVerbs = normSet("يوم", "يومي", "يوما", "يومين", "يونيو", "يوليو", "يناير", "يمين", "يد", "يدا")

// clubContext reports whether a place mention names a club or team
// (نادي برشلونة, مانشستر يونايتد), or a city is followed by a masculine
// nationality adjective, which agrees with an implied النادي where the
// city itself would take the feminine (ميلان الإيطالي, not الإيطالية).
func (r *resolver) clubContext(m *mention) bool {
	if m.tokS > 0 && clubWords[r.norms[m.tokS-1]] {
		return true
	}
	if m.tokE < len(r.toks) && clubAfter[r.norms[m.tokE]] {
		return true
	}
	atStart := m.tokS == 0 || r.lineBreakBefore(m.tokS) || r.toks[m.tokS-1].Kind == arabic.Punct
	if atStart && m.tokE < len(r.toks) && !r.lineBreakBefore(m.tokE) && len(m.cands) > 0 && m.cands[0].Entry.Kind == "city" {
		// A city opening a clause takes a feminine verb (الرياض تستضيف);
		// a masculine one makes the subject its club (برشلونة يواجه).
		n := r.norms[m.tokE]
		if strings.HasPrefix(n, "ي") && utf8.RuneCountInString(n) >= 4 && !notVerbs[n] && arabic.IsKnownWord(arabic.Normalize(r.toks[m.tokE].Text, arabic.Search)) {
			return true
		}
	}
	if m.tokE < len(r.toks) && !r.lineBreakBefore(m.tokE) {
		n := r.norms[m.tokE]
		if strings.HasPrefix(n, "ال") && strings.HasSuffix(n, "ي") {
			for _, c := range r.k.LookupCandidates(n) {
				if c.Kind == kb.Demonym && len(m.cands) > 0 && m.cands[0].Entry.Kind == "city" {
					return true
				}
			}
		}
	}
	return m.tokE+1 < len(r.toks) && r.norms[m.tokE] == "سان" && r.norms[m.tokE+1] == "جيرمان"
}

// clubAfter are words after a city's name that make it a club (مانشستر
// يونايتد, مانشستر سيتي).
var clubAfter = normSet("يونايتد", "سيتي", "هوتسبير")

// places finds nationality adjectives and descriptive place phrases
// (العاصمة البلجيكية) outside entity mentions.
func (r *resolver) places(matches []kb.Match) []PlaceRef {
	inMention := make([]bool, len(r.toks))
	var locAt = map[int]*mention{}
	for _, m := range r.ments {
		for i := m.tokS; i < m.tokE && i < len(inMention); i++ {
			inMention[i] = true
		}
		if m.typ == "LOC" {
			locAt[m.tokS] = m
		}
	}
	var out []PlaceRef
	for _, km := range matches {
		if len(km.Candidates) == 0 || inMention[km.Start] {
			continue
		}
		if c := km.Candidates[0]; c.Kind != kb.Demonym && !(km.End-km.Start == 1 && c.Entry.HasDemonym(km.Key)) {
			continue
		}
		country := km.Candidates[0].Entry.Country
		p := PlaceRef{Start: km.TextStart, End: km.TextEnd, Country: country, Kind: "demonym"}
		if i := km.Start - 1; i >= 0 && strings.HasSuffix(r.norms[i], "العاصمه") {
			p.Kind = "descriptor"
			p.Start = r.toks[i].Start + utf8.RuneCountInString(r.norms[i]) - utf8.RuneCountInString("العاصمه")
			if loc := locAt[km.End]; loc != nil && loc.link != nil && loc.link.Country == country {
				p.Entity = r.entityOf(loc)
			}
		}
		p.Text = r.sub(p.Start, p.End)
		out = append(out, p)
	}
	return out
}

// entityOf returns a placeholder for the entity of m, replaced by its ID
// once entities are numbered (see Resolve).
func (r *resolver) entityOf(m *mention) string {
	return "@" + strconv.Itoa(m.start)
}

// fillPlaceEntities replaces the placeholders of entityOf.
func fillPlaceEntities(places []PlaceRef, ents []khabar.Entity) {
	at := map[string]string{}
	for _, e := range ents {
		for _, m := range e.Mentions {
			at["@"+strconv.Itoa(m.Start)] = e.ID
		}
	}
	for i := range places {
		if places[i].Entity != "" {
			places[i].Entity = at[places[i].Entity]
		}
	}
}
