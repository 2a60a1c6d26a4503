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
