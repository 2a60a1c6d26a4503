package pipeline

import (
	"strings"

	"github.com/khabar/khabar"
)

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
	for qi := range a.Quotes {
		q := &a.Quotes[qi]
		if q.Speaker != "" || q.SpeakerText == "" {
			continue
		}
		if name := orgSpeakerName(strings.Fields(q.SpeakerText)); name != "" {
			sx.name(a, q, "ORG", name, "")
		}
	}
}

// orgSpeakerName returns the body's name that the words of a speaker
// phrase give, or "": past a statement noun (بيان), a head of bodyHeads
// without the article and at least one definite word after it, up to a
// stop word.
func orgSpeakerName(words []string) string {
	if len(words) > 0 && statementNouns[words[0]] {
		words = words[1:]
	}
	if len(words) < 2 || !bodyHeads[words[0]] || !strings.HasPrefix(words[1], "ال") {
		return ""
	}
	n := 1
	for n < len(words) && n < maxOrgSpeaker && !orgNameStops[words[n]] && (strings.HasPrefix(words[n], "ال") ||
		strings.HasPrefix(words[n], "لل") || strings.HasPrefix(words[n], "وال")) {
		n++
	}
	return strings.Join(words[:n], " ")
}

// bodyHeads are the nouns that head a body's name in the construct state.
var bodyHeads = map[string]bool{"شركة": true, "مؤسسة": true, "هيئة": true, "جمعية": true, "مركز": true, "منظمة": true,
	"مجلس": true, "لجنة": true, "اتحاد": true, "رابطة": true, "تجمع": true, "حزب": true, "حركة": true, "جبهة": true,
	"نقابة": true, "غرفة": true, "وزارة": true, "جامعة": true, "معهد": true, "صندوق": true, "بنك": true, "مصرف": true,
	"وكالة": true, "مديرية": true, "أمانة": true, "بلدية": true, "جماعة": true, "ائتلاف": true, "تحالف": true}

// statementNouns stand before the body that issued a statement.
var statementNouns = map[string]bool{"بيان": true, "بيانا": true, "تقرير": true}

// orgNameStops end a body's name: relative pronouns and words that place
// or date it.
var orgNameStops = map[string]bool{"الذي": true, "التي": true, "اليوم": true, "الماضي": true, "الجديد": true,
	"السابق": true, "الحالي": true, "المعني": true, "المعنية": true, "المختصة": true, "التابعة": true, "التابع": true}
