package pipeline

import (
	"strings"

	"github.com/khabar/khabar"
)

// maxShortOrgLookups bounds the unnamed speakers of one article that are
// looked up among its organizations.
const maxShortOrgLookups = 64

// maxOrgSpeaker bounds the words of an organization's name taken from a
// speaker phrase.
const maxOrgSpeaker = 6

// speakerOrgs makes an organization of an unnamed speaker whose phrase is
// a body's name the tagger missed (وقال مركز الإعلام الحكومي الفلسطيني
// إن …، وذكر بيان تجمع الشخصيات المستقلة أن …): a head noun of a body in
// the construct state, then definite words. The name runs to a
// preposition or a relative pronoun. A body already among the entities
// under that name speaks; else a new entity is made, with its mention
// where the phrase stands before the quote.
func speakerOrgs(a *khabar.Analysis) {
	sx := speakerIndex{byName: map[string]string{}}
	for _, e := range a.Entities {
		if e.Type == "ORG" {
			sx.byName["ORG "+e.Name] = e.ID
		}
	}
	places := placeSet(a)
	lookups := 0
	for qi := range a.Quotes {
		q := &a.Quotes[qi]
		if q.Speaker != "" || q.SpeakerText == "" {
			continue
		}
		// A shorter form of a body named before (المديرية العامة
		// للشؤون الصحية, المديرية for المديرية العامة للشؤون الصحية
		// بمنطقة عسير) is that body, when one body alone fits.
		if lookups++; lookups > maxShortOrgLookups {
			continue // each lookup reads every entity: a few per article
		}
		if id := shortOrg(a, strings.Fields(q.SpeakerText), q.Start); id != "" {
			q.Speaker, q.Speakers, q.SpeakerText = id, []string{id}, ""
			continue
		}
		if name := orgSpeakerName(strings.Fields(q.SpeakerText)); name != "" {
			sx.name(a, q, "ORG", name, "")
		} else if w := strings.Fields(q.SpeakerText); len(w) == 2 && nationalBody(w, places) {
			sx.name(a, q, "ORG", q.SpeakerText, "")
		}
	}
}

// shortOrg returns the ID of the one organization named before code point
// pos whose name opens with words (two or more) or, for one definite head
// noun (المديرية), whose name opens with that head; else "".
func shortOrg(a *khabar.Analysis, words []string, pos int) string {
	if len(words) == 0 || len(words) == 1 && !(strings.HasPrefix(words[0], "ال") && bodyHeads[strings.TrimPrefix(words[0], "ال")]) {
		return ""
	}
	found := ""
	for _, e := range a.Entities {
		if e.Type != "ORG" || len(e.Mentions) == 0 || e.Mentions[0].Start >= pos {
			continue
		}
		// Several words stand for a longer name; one head, for any.
		w := strings.Fields(e.Name)
		if shortest := len(words) + min(len(words)-1, 1); len(w) < shortest {
			continue
		}
		match := true
		for i, x := range words {
			if y := w[i]; x != y && !(i == 0 && "ال"+y == x) {
				match = false
				break
			}
		}
		if !match {
			continue
		}
		if found != "" && found != e.ID {
			return "" // two bodies fit: no guess
		}
		found = e.ID
	}
	return found
}

// orgSpeakerName returns the body's name that the words of a speaker
// phrase give, or "": past a statement noun (بيان), a head of bodyHeads
// without the article and at least one definite word after it, up to a
// stop word.
func orgSpeakerName(words []string) string {
	if len(words) > 0 && statementNouns[words[0]] {
		words = words[1:]
	}
	// A definite head opens a name when a definite adjective and more
	// follow (المديرية العامة للشؤون الصحية …).
	definite := len(words) >= 3 && strings.HasPrefix(words[0], "ال") && bodyHeads[strings.TrimPrefix(words[0], "ال")]
	if len(words) >= 3 && words[0] == "حكومة" && regionHeads[words[1]] {
		// حكومة إقليم كردستان: a region's government by the region's name.
		return strings.Join(words[:3], " ")
	}
	if len(words) < 2 || !bodyHeads[words[0]] && !definite || !strings.HasPrefix(words[1], "ال") {
		return ""
	}
	n := 1
	for n < len(words) && n < maxOrgSpeaker && !orgNameStops[words[n]] && (strings.HasPrefix(words[n], "ال") ||
		strings.HasPrefix(words[n], "لل") || strings.HasPrefix(words[n], "وال")) {
		n++
	}
	// Where the body is: بجازان، بمنطقة عسير.
	if n < len(words) && n < maxOrgSpeaker && placeWord(words[n]) {
		if r := strings.TrimPrefix(words[n], "ب"); placeHeads[r] && n+1 < len(words) {
			n += 2
		} else if !placeHeads[r] {
			n++
		}
	}
	if definite && n < 3 {
		return ""
	}
	return strings.Join(words[:n], " ")
}

// regionHeads name a region whose government is named after it.
var regionHeads = map[string]bool{"إقليم": true, "اقليم": true, "ولاية": true}

// placeHeads are the nouns of a place's kind written before its name.
var placeHeads = map[string]bool{"منطقة": true, "محافظة": true, "مدينة": true, "مركز": true}

// placeWord reports whether w is ب and a place, or its kind, written after
// a body's name (بجازان، بمنطقة): an indefinite word of three letters or
// more after the ب.
func placeWord(w string) bool {
	r, ok := strings.CutPrefix(w, "ب")
	return ok && len([]rune(r)) >= 3 && !strings.HasPrefix(r, "ال") && (placeHeads[r] || familyWord(r))
}

// bodyHeads are the nouns that head a body's name in the construct state.
var bodyHeads = map[string]bool{"شركة": true, "مؤسسة": true, "هيئة": true, "جمعية": true, "مركز": true, "منظمة": true,
	"مجلس": true, "لجنة": true, "اتحاد": true, "رابطة": true, "تجمع": true, "حزب": true, "حركة": true, "جبهة": true,
	"نقابة": true, "غرفة": true, "وزارة": true, "جامعة": true, "معهد": true, "صندوق": true, "بنك": true, "مصرف": true,
	"وكالة": true, "مديرية": true, "أمانة": true, "بلدية": true, "جماعة": true, "ائتلاف": true, "تحالف": true,
	"مكتب": true, "إدارة": true, "ادارة": true, "محكمة": true, "نيابة": true, "كلية": true, "حكومة": true,
	"مصلحة": true}

// statementNouns stand before the body that issued a statement.
var statementNouns = map[string]bool{"بيان": true, "بيانا": true, "تقرير": true}

// orgNameStops end a body's name: relative pronouns and words that place
// or date it.
var orgNameStops = map[string]bool{"الذي": true, "التي": true, "اليوم": true, "الماضي": true, "الجديد": true,
	"السابق": true, "الحالي": true, "المعني": true, "المعنية": true, "المختصة": true, "التابعة": true, "التابع": true}

// nationalBody reports whether two words are the definite head of a
// country's body and a nationality (الرئاسة الفلسطينية): that body speaks.
// Other heads so written refer back (الشركة الأميركية for a company named
// before), and a government is no body of the gold set's.
func nationalBody(w []string, places map[string]bool) bool {
	h, ok := strings.CutPrefix(w[0], "ال")
	return ok && nationalHeads[h] && places[w[1]]
}

// nationalHeads are heads of a country's bodies named by a nationality
// alone (الرئاسة الفلسطينية، الخارجية الأمريكية).
var nationalHeads = map[string]bool{"رئاسة": true, "خارجية": true, "داخلية": true, "وزارة": true}
