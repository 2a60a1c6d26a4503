package pipeline

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/ner"
	"github.com/khabar/khabar/titles"
)

// speakerWindow bounds how far before a quote its speaker's phrase is
// looked for, in code points.
const speakerWindow = 400

// maxFamilyLookups bounds the family names alone that one article's
// speakers are looked up by in its whole text.
const maxFamilyLookups = 16

// maxSpeakerName bounds the words of a name taken from a speaker phrase.
const maxSpeakerName = 4

// speakerNames makes a person of an unnamed speaker whose phrase ends in
// a name the tagger missed (الناطق باسم وزارة الزراعة نمر حدادين، قائد
// مقاتلي العشائر غسان العيثاوي): the subject of a speech verb after an
// office is a person, so the name words at the phrase's end are taken
// (two or more; one only when it is the family name of a person already
// found, as a later وقال حدادين). The entity gets its mention where the
// phrase stands before the quote.
func speakerNames(a *khabar.Analysis) {
	sx := speakerIndex{byName: map[string]string{}}
	lastName := map[string]string{} // a person's last word → entity ID
	for _, e := range a.Entities {
		if e.Type == "PER" {
			if w := strings.Fields(e.Name); len(w) >= 2 {
				lastName[w[len(w)-1]] = e.ID
				if len(w) >= 3 && nameParticles[w[len(w)-2]] {
					lastName[strings.Join(w[len(w)-2:], " ")] = e.ID // آل فاضل
				}
			}
		}
	}
	places := placeSet(a) // nationality adjectives and places: no family names
	// The last speaker named here and the words of the phrase that named
	// them: وأضاف المواطن after المواطن مانع ملفي is the same person.
	var lastID string
	var lastPhrase []string
	looked := map[string]bool{} // family names looked for in the text
	for qi := range a.Quotes {
		q := &a.Quotes[qi]
		if q.Speaker != "" {
			if q.Speaker != lastID {
				lastID, lastPhrase = "", nil
			}
			continue
		}
		if q.SpeakerText == "" {
			continue
		}
		words := strings.Fields(q.SpeakerText)
		if len(words) == 1 && lastID != "" && officeWord(words[0]) && slices.Contains(lastPhrase, words[0]) {
			q.Speaker, q.Speakers, q.SpeakerText = lastID, []string{lastID}, ""
			continue
		}
		if len(words) > 0 && quantifiers[words[0]] {
			continue // الكثير من نواب حزب الرئيس فلان: a group speaks, not the person at the end
		}
		k := len(words)
		if k >= 2 && (familyWord(words[k-1]) || givenFamily(words[k-1])) && !places[words[k-1]] && !strings.HasPrefix(words[k-2], "ال") {
			switch {
			case speakerNameWord(words[k-2]):
				// A family name no list knows after a given name (…
				// المقاومة الشعبية علي الأحمدي).
				k--
			case k == 3 && officeWord(words[0]) && familyWord(words[1]):
				// Two words no list knows right after a role
				// (المواطن مانع ملفي).
				k -= 2
			case k >= 3 && officeWord(words[0]) && unknownWord(words[k-1]) && unknownWord(words[k-2]) && !places[words[k-2]]:
				// Two words no lexicon holds ending an office (قائد
				// شرطة العاصمة بنسون كيبوي): a foreign name.
				k -= 2
			}
		}
		if n := len(words); n >= 2 && (n == 2 || officeWord(words[n-3])) && ner.GivenName(words[n-2]) && speakerNameWord(words[n-2]) && words[n-2] != "باسم" &&
			strings.HasPrefix(words[n-1], "ال") && !officeWord(words[n-1]) && !places[words[n-1]] && utf8.RuneCountInString(words[n-1]) >= 5 {
			// وأبان صادق الحدب أنه …، وأضاف الدكتور علي العلق أن …: a
			// given name and a definite word, alone or after an office,
			// are a person, whatever the lexicon holds.
			k = n - 2
		}
		for k > 0 && len(words)-k < maxSpeakerName {
			switch {
			case speakerNameWord(words[k-1]):
				k--
				continue
			case k >= 2 && nameParticles[words[k-1]] && speakerNameWord(words[k-2]):
				k -= 2 // عبدالله آل فاضل، سعد بن ناصر
				continue
			}
			break
		}
		name := strings.Join(words[k:], " ")
		id := ""
		// A family name alone, perhaps after honorifics or offices
		// (وأضاف الدكتور العلق).
		fam := words
		for len(fam) > 1 && officeWord(fam[0]) {
			fam = fam[1:]
		}
		// The word may be a common one (العلق): the full name found
		// must then show it after a given name.
		if len(fam) == 1 && lastName[fam[0]] == "" && strings.HasPrefix(fam[0], "ال") && utf8.RuneCountInString(fam[0]) >= 4 &&
			!officeWord(fam[0]) && !nonNames[fam[0]] && !looked[fam[0]] && len(looked) < maxFamilyLookups {
			// وأعلن البركاني after "… سلطان البركاني" that the tagger
			// missed: the full name, written once, names the speaker;
			// so does a person found whose name the tagger cut before
			// that word (عبدالله بن عبدالمحسن | التركي). Each reads the
			// text: a few per article, each family name once.
			looked[fam[0]] = true
			if e := cutFamily(a, fam[0]); e != "" {
				lastName[fam[0]] = e
			} else if full, at, ok := fullName(a.Text, fam[0]); ok {
				id, _ = sx.add(a, "PER", full, "", at)
				lastName[fam[0]] = id
			}
		}
		switch n := len(words) - k; {
		case len(fam) == 1 && lastName[fam[0]] != "":
			name, id = fam[0], lastName[fam[0]]
		case len(words) == 2 && nameParticles[words[0]] && lastName[q.SpeakerText] != "":
			name, id = q.SpeakerText, lastName[q.SpeakerText]
		case n >= 2 && (k == 0 || officeWord(words[0]) || officeWord(words[k-1])):
		default:
			continue
		}
		known := id
		id, created, ok := sx.name(a, q, "PER", name, id)
		if !ok {
			if known != "" {
				// The same speaker's phrase, too far from its name to
				// mention it again here: the person still speaks.
				q.Speaker, q.Speakers, q.SpeakerText = known, []string{known}, ""
				lastID, lastPhrase = known, words
			}
			continue
		}
		if w := words[len(words)-1]; created && len(words)-k >= 2 {
			lastName[w] = id
			if len(words)-k >= 3 && nameParticles[words[len(words)-2]] {
				lastName[strings.Join(words[len(words)-2:], " ")] = id // آل فاضل
			}
		}
		lastID, lastPhrase = id, words
	}
	familySpeakers(a)
}

// placeSet returns the texts of the nationality adjectives and places the
// analysis found.
func placeSet(a *khabar.Analysis) map[string]bool {
	places := make(map[string]bool, len(a.Places))
	for _, p := range a.Places {
		places[p.Text] = true
	}
	return places
}

// familyWord reports whether w may be a family name that no list knows:
// a word of Arabic letters, three or more, that is no office, no
// function word and carries no punctuation.
func familyWord(w string) bool {
	if utf8.RuneCountInString(w) < 3 || officeWord(w) || nonNames[w] {
		return false
	}
	for _, r := range w {
		if r < 0x0621 || r > 0x064A {
			return false
		}
	}
	// A definite word of the lexicon is a noun (المتحدث باسم النقابة),
	// unless it has the shape of a nisba family name (الأحمدي).
	if rest, ok := strings.CutPrefix(w, "ال"); ok && !strings.HasSuffix(rest, "ي") && arabic.IsKnownWord(arabic.Normalize(rest, arabic.Search)) {
		return false
	}
	return true
}

// givenFamily reports whether w is a given name with the article, the
// shape of many family names (الفهد، العبيد، الحمدان): a family name after
// a given name at the end of a speaker's phrase, though the lexicon knows
// the word.
func givenFamily(w string) bool {
	rest, ok := strings.CutPrefix(w, "ال")
	return ok && utf8.RuneCountInString(rest) >= 3 && ner.NameWord(rest) && !officeWord(rest) && !officeWord(w)
}

// nameParticles join the words of a name (عبدالله آل فاضل).
var nameParticles = map[string]bool{"آل": true, "بن": true, "ابن": true, "بنت": true, "أبو": true}

// quantifiers open a speaker phrase for a group (الكثير من، عدد من).
var quantifiers = map[string]bool{"الكثير": true, "كثير": true, "العديد": true, "عديد": true, "عدد": true, "بعض": true,
	"معظم": true, "أغلب": true, "اغلب": true, "غالبية": true, "حوالي": true, "نحو": true}

// nonNames are words that end a speaker phrase without being a name.
var nonNames = map[string]bool{"أيضا": true, "كذلك": true, "اليوم": true, "أمس": true, "الأسبق": true, "السابق": true,
	"الحالي": true, "نفسه": true, "ذاته": true, "حاليا": true}

// familySpeakers gives a quote whose speaker is an entity named by a
// person's family name alone, or by it and a word that is no name (the
// tagger took الأحمدي for a place, or wrote لكن إردوغان, العمير
// للنعيمي), to that person: the one person of two words or more whose
// last word it is.
func familySpeakers(a *khabar.Analysis) {
	family := map[string]int{} // last word → person index, -1 when shared
	for i, e := range a.Entities {
		w := strings.Fields(ner.Fold(e.Name))
		if e.Type != "PER" || len(w) < 2 || !ner.NameWord(w[0]) {
			continue // a name that opens with no given name (لكن إردوغان) is no one's full name
		}
		last := w[len(w)-1]
		if j, ok := family[last]; ok && j != i {
			family[last] = -1
			continue
		}
		family[last] = i
	}
	if len(family) == 0 {
		return
	}
	byID := make(map[string]int, len(a.Entities))
	for i, e := range a.Entities {
		byID[e.ID] = i
	}
	for qi := range a.Quotes {
		q := &a.Quotes[qi]
		i, ok := byID[q.Speaker]
		if !ok || a.Entities[i].KB != nil {
			continue
		}
		w := strings.Fields(ner.Fold(a.Entities[i].Name))
		target, ok := -1, false
		switch {
		case len(w) == 1:
			target, ok = family[w[0]]
		case len(w) == 2:
			if !ner.NameWord(w[0]) {
				target, ok = family[w[1]]
			}
			if !ok && !ner.NameWord(w[1]) {
				target, ok = family[w[0]]
			}
		}
		if !ok || target < 0 || target == i {
			continue
		}
		id := a.Entities[target].ID
		q.Speaker = id
		for k, s := range q.Speakers {
			if s == a.Entities[i].ID {
				q.Speakers[k] = id
			}
		}
	}
}

// speakerNameWord reports whether w may be a word of a speaker's name:
// a name word that is no title, honorific or role noun.
func speakerNameWord(w string) bool {
	return ner.NameWord(w) && !officeWord(w)
}

// officeWord reports whether w is a title, honorific or role noun of the
// lexicon, as the tagger folds words.
func officeWord(w string) bool {
	officeOnce.Do(func() {
		officeSet = map[string]bool{}
		for _, c := range []titles.Category{titles.Title, titles.Honorific, titles.Role} {
			for _, t := range titles.Words(c) {
				officeSet[ner.Fold(t)] = true
			}
		}
	})
	return officeSet[ner.Fold(w)]
}

var (
	officeOnce sync.Once
	officeSet  map[string]bool
)

// findBefore returns the code-point offsets of the last occurrence of s
// in text that ends at or before code point before and starts within
// speakerWindow of it; offs holds each code point's byte offset.
func findBefore(text string, offs []int, s string, before int) (int, int, bool) {
	if before <= 0 || before >= len(offs) {
		return 0, 0, false
	}
	from := max(0, before-speakerWindow)
	i := strings.LastIndex(text[offs[from]:offs[before]], s)
	if i < 0 {
		return 0, 0, false
	}
	b := offs[from] + i
	start := from + utf8.RuneCountInString(text[offs[from]:b])
	return start, start + utf8.RuneCountInString(s), true
}

// speakerIndex names the speakers of quotes after the fact: the entities
// made by name, and the byte offset of each code point of the text,
// built on first use.
type speakerIndex struct {
	byName map[string]string
	offs   []int
}

// name makes the entity id (or, when id is "", the one of type typ made
// here under name, or a new one) the speaker of q, with a mention where
// name stands before the quote. It reports the entity, whether it was
// made now, and false when name is not found before the quote.
func (sx *speakerIndex) name(a *khabar.Analysis, q *khabar.Quote, typ, name, id string) (string, bool, bool) {
	if sx.offs == nil {
		sx.offs = make([]int, 0, len(a.Text)/2)
		for i := range a.Text {
			sx.offs = append(sx.offs, i)
		}
		sx.offs = append(sx.offs, len(a.Text))
	}
	start, _, ok := findBefore(a.Text, sx.offs, name, q.Start)
	if !ok {
		return "", false, false
	}
	id, created := sx.add(a, typ, name, id, start)
	q.Speaker, q.Speakers, q.SpeakerText = id, []string{id}, ""
	return id, created, true
}

// unknownWord reports whether w is an Arabic word of three letters or
// more that no lexicon, office or list of names knows as a common word.
func unknownWord(w string) bool {
	if !familyWord(w) || strings.HasPrefix(w, "ال") || strings.HasPrefix(w, "وال") || strings.HasPrefix(w, "فال") {
		return false
	}
	n := arabic.Normalize(w, arabic.Search)
	return !arabic.IsKnownWord(n) && !arabic.IsKnownWord(strings.TrimPrefix(n, "و"))
}

// cutFamily returns the ID of the person whose name, as the text writes
// it, goes on with family (عبدالله بن عبدالمحسن التركي, found as
// عبدالله بن عبدالمحسن), or "".
func cutFamily(a *khabar.Analysis, family string) string {
	for _, e := range a.Entities {
		if e.Type == "PER" && strings.Contains(e.Name, " ") && strings.Contains(a.Text, e.Name+" "+family) {
			return e.ID
		}
	}
	return ""
}

// fullName finds the first place in text where family, a family name
// alone, follows a given name (سلطان البركاني), and returns that name and
// its code-point start.
func fullName(text, family string) (string, int, bool) {
	from := 0
	for n := 0; n < 50; n++ {
		i := strings.Index(text[from:], " "+family)
		if i < 0 {
			return "", 0, false
		}
		i += from
		end := i + 1 + len(family)
		from = end
		if end < len(text) {
			if r, _ := utf8.DecodeRuneInString(text[end:]); unicode.IsLetter(r) {
				continue
			}
		}
		j := strings.LastIndexAny(text[:i], " \n")
		// A title that is a given name as often (سلطان) counts: a
		// family name follows a given name, not an office.
		given := text[j+1 : i]
		if !ner.NameWord(given) || strings.HasPrefix(given, "ال") || !ner.GivenName(given) {
			continue
		}
		return given + " " + family, utf8.RuneCountInString(text[:j+1]), true
	}
	return "", 0, false
}

// add gives the entity id (or, when id is "", the one of type typ made
// here under name, or a new one) a mention of name at code point start,
// and reports the entity and whether it was made now.
func (sx *speakerIndex) add(a *khabar.Analysis, typ, name, id string, start int) (string, bool) {
	if id == "" {
		id = sx.byName[typ+" "+name]
	}
	created := false
	if id == "" {
		id = fmt.Sprintf("e%d", len(a.Entities)+1)
		a.Entities = append(a.Entities, khabar.Entity{ID: id, Type: typ, Name: name})
		sx.byName[typ+" "+name] = id
		created = true
	}
	for i := range a.Entities {
		if a.Entities[i].ID == id {
			addMention(&a.Entities[i], khabar.Mention{Text: name, Start: start, End: start + utf8.RuneCountInString(name)})
		}
	}
	return id, created
}

// addMention adds m to e unless e has it, keeping text order.
func addMention(e *khabar.Entity, m khabar.Mention) {
	for i, x := range e.Mentions {
		if x.Start == m.Start {
			return
		}
		if x.Start > m.Start {
			e.Mentions = append(e.Mentions[:i], append([]khabar.Mention{m}, e.Mentions[i:]...)...)
			return
		}
	}
	e.Mentions = append(e.Mentions, m)
}
