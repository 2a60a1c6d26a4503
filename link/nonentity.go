package link

import (
	"strings"

	"github.com/khabar/khabar/ner"
)

// nonEntityWords are words that a tagger trained on ANERcorp labels as
// entities (its MISC holds currencies, religions and الله) or that it
// confuses with places, but that a reader of the news does not look up
// as entities: the divine name and its formulas (حفظه الله), currencies,
// religions, and the generic word for a state. Spans made only of them
// are dropped. Entries are written as ner.Fold writes them.
var nonEntityWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		"الله", "لله", "بالله", "والله", "تالله", "اللهم", "سبحانه", "تعالي",
		"دولار", "دولارا", "دولارات", "الدولار", "بالدولار", "ريال", "ريالا", "ريالات", "الريال", "بالريال",
		"يورو", "اليورو", "باليورو", "درهم", "دراهم", "الدرهم", "جنيه", "جنيها", "جنيهات", "الجنيه",
		"دينار", "دينارا", "دنانير", "الدينار", "ليره", "الليره", "ليرات", "روبل", "الروبل", "شيكل", "الشيكل",
		"فرنك", "الفرنك", "استرليني", "الاسترليني", "ين", "الين", "يوان", "اليوان", "روبيه", "الروبيه",
		"الاسلام", "الإسلام", "المسيحيه", "اليهوديه", "البوذيه", "الهندوسيه",
		"دوله", "الدوله", "دول", "الدول", "للدوله", "بالدوله",
	} {
		m[ner.Fold(w)] = true
	}
	return m
}()

// nonEntity reports whether every word of text is in nonEntityWords.
func nonEntity(text string) bool {
	words := strings.Fields(text)
	if len(words) == 0 || len(words) > 3 {
		return false
	}
	for _, w := range words {
		if !nonEntityWords[ner.Fold(w)] {
			return false
		}
	}
	return true
}

// kingdomFollowers are words after المملكة that make it part of a longer
// country name, which the knowledge base links on its own.
var kingdomFollowers = map[string]bool{
	ner.Fold("العربية"): true, ner.Fold("المتحدة"): true, ner.Fold("الأردنية"): true, ner.Fold("المغربية"): true,
	ner.Fold("الهاشمية"): true, ner.Fold("السعودية"): true, ner.Fold("البحرينية"): true,
}

// kingdomStart returns how many code points of tok come before the
// word المملكة (its proclitics: و، ف، ب، ل, and لل where the article's
// alef is elided), and whether tok is that word.
func kingdomStart(tok string) (int, bool) {
	w := ner.Fold(tok)
	const word = "المملكه"
	for _, p := range []string{"", "و", "ف", "ب", "وب", "فب", "ك", "وك"} {
		if w == p+word {
			return len([]rune(p)), true
		}
	}
	for _, p := range []string{"لل", "ولل", "فلل"} {
		if w == p+word[len("ال"):] {
			return len([]rune(p)), true
		}
	}
	return 0, false
}

// kingdoms adds a LOC mention, without a link, for each المملكة standing
// alone ("the Kingdom": the country the article is about, in Gulf news
// Saudi Arabia), which the tagger leaves untagged. covered marks the
// tokens already inside a mention.
func (r *resolver) kingdoms(covered []int) {
	for i, t := range r.toks {
		if covered[i] != 0 || !strings.Contains(r.norms[i], "مملك") {
			continue // most tokens: no need to fold them
		}
		skip, ok := kingdomStart(t.Text)
		if !ok || i+1 < len(r.toks) && kingdomFollowers[ner.Fold(r.toks[i+1].Text)] {
			continue
		}
		m := &mention{tokS: i, tokE: i + 1, start: t.Start + skip, end: t.End, typ: "LOC", src: srcNER}
		r.ments = append(r.ments, m)
		covered[i] = len(r.ments)
	}
}
