package arabic_test

import (
	"fmt"

	"github.com/khabar/khabar/arabic"
)

func ExampleSplitClitics() {
	for _, w := range []string{"وبالعاصمة", "كتابهم", "لبنان", "بروكسل"} {
		s := arabic.SplitClitics(w)
		fmt.Printf("%s: %q %q %q\n", w, s.Proclitics, s.Base, s.Enclitic)
	}
	// Output:
	// وبالعاصمة: "وبال" "عاصمة" ""
	// كتابهم: "" "كتاب" "هم"
	// لبنان: "" "لبنان" ""
	// بروكسل: "" "بروكسل" ""
}

func ExampleStripProclitics() {
	for _, w := range []string{"وحلف", "بالعاصمة", "للأمم", "لبنان"} {
		p, rest := arabic.StripProclitics(w)
		fmt.Printf("%s: %q + %q\n", w, p, rest)
	}
	// Output:
	// وحلف: "و" + "حلف"
	// بالعاصمة: "ب" + "العاصمة"
	// للأمم: "ل" + "الأمم"
	// لبنان: "" + "لبنان"
}
