package link

import (
	"github.com/khabar/khabar/kb"
)

// This file holds the rules for names that several entries share: a
// generic name (وزارة العدل, the ministry of every country) and a club's
// bare name, which is also a common word (الهلال, الاتحاد).

// settle links, after the first pass of linkAll, the mentions left
// without an entry because their name is generic or shared:
//
//   - when exactly one of the candidates is an entry that another mention
//     of the text links by a name of its own (وزارة العدل السعودية …
//     وزارة العدل), the mention refers to it;
//   - a club's name several clubs bear (نادي الوحدة, الأهلي) refers to the
//     one club whose country is the country of another entity the text
//     links (الأهلي beside الزمالك is Cairo's); a bare name that is also
//     a common word only in a sports text and where the tagger found an
//     organization (العين there is the club, not the city).
func (r *resolver) settle(named map[*kb.Entry]bool) {
	sports := -1 // computed when first needed
	var countries map[string]bool
	for _, m := range r.ments {
		if m.link != nil || m.vetoed || m.src != srcNER && m.src != srcKB || r.vetoed(m.tokS, m.tokE) {
			continue
		}
		cands := eligible(m, m.cands, true)
		if e := only(cands, func(c kb.Candidate) bool { return named[c.Entry] }); e != nil {
			m.link = e
			continue
		}
		weak := false
		clubs := 0
		for _, c := range cands {
			if c.Entry.Kind == "club" {
				clubs++
				weak = weak || c.Kind == kb.Weak
			}
		}
		if clubs == 0 || weak && m.typ != "ORG" {
			continue
		}
		if weak {
			if sports < 0 {
				sports = 0
				if r.isSports() {
					sports = 1
				}
			}
			if sports == 0 {
				continue
			}
		}
		var e *kb.Entry
		if clubs == 1 {
			e = only(cands, func(c kb.Candidate) bool { return c.Entry.Kind == "club" && c.Kind == kb.Weak })
		} else {
			if countries == nil {
				countries = r.linkedCountries()
			}
			e = only(cands, func(c kb.Candidate) bool { return c.Entry.Kind == "club" && countries[c.Entry.Country] })
		}
		if e != nil {
			m.link = e
		}
	}
}

// only returns the one entry among cands that ok accepts, or nil when
// none or several do.
func only(cands []kb.Candidate, ok func(kb.Candidate) bool) *kb.Entry {
	var one *kb.Entry
	for _, c := range cands {
		if !ok(c) || c.Entry == one {
			continue
		}
		if one != nil {
			return nil
		}
		one = c.Entry
	}
	return one
}

// linkedCountries returns the countries of the entries the mentions are
// linked to.
func (r *resolver) linkedCountries() map[string]bool {
	out := map[string]bool{}
	for _, m := range r.ments {
		if m.link != nil && m.link.Country != "" {
			out[m.link.Country] = true
		}
	}
	return out
}

// eligible returns the candidates a mention may be linked to: none when
// the name is also a nationality adjective, else those of a compatible
// type, weak names only for the tagger's mentions, people only for names
// of two words or more. Generic names are left out unless withGeneric.
func eligible(m *mention, cands []kb.Candidate, withGeneric bool) []kb.Candidate {
	var ok []kb.Candidate
	for _, c := range cands {
		if c.Kind == kb.Demonym {
			return nil
		}
		if !compatible(m.typ, []kb.Candidate{c}) {
			continue
		}
		if c.Kind == kb.Weak && m.src != srcNER || c.Kind == kb.Generic && !withGeneric {
			continue
		}
		if c.Entry.Type == "PER" && len(nameWords(m.name)) < 2 {
			continue
		}
		ok = append(ok, c)
	}
	return ok
}

// sportsWords are words (normalized) that only a sports text uses often.
var sportsWords = normSet("مباراة", "المباراة", "مباراته", "مباريات", "المباريات", "الدوري", "دوري", "المدرب", "مدرب",
	"لاعب", "اللاعب", "لاعبي", "اللاعبين", "لاعبين", "هدف", "هدفين", "الهدف", "أهداف", "الأهداف", "الشوط", "شوط",
	"حارس", "المرمى", "مرمى", "مهاجم", "المهاجم", "الجولة", "جولة", "كأس", "بطولة", "البطولة", "التعادل", "تعادل",
	"الملعب", "ملعب", "استاد", "ديربي", "الكلاسيكو", "المنتخب", "منتخب", "النادي", "نادي", "ركلة", "ركلات", "الترجيح",
	"التسلل", "الصافرة", "المدافع", "هداف", "الهداف", "الفريقين", "فريقه", "لاعبيه", "الكرة")

// sportsText reports whether the text is about sport: at least three
// occurrences of at least two different sports words.
func (r *resolver) sportsText() bool {
	seen := map[string]bool{}
	count := 0
	for _, n := range r.norms {
		w := stripConj(n)
		if !sportsWords[w] {
			_, w = splitProclitic(n)
			if !sportsWords[w] {
				continue
			}
		}
		count++
		seen[w] = true
		if count >= 3 && len(seen) >= 2 {
			return true
		}
	}
	return false
}
