package arabic_test

import (
	"fmt"

	"github.com/khabar/khabar/arabic"
)

func ExampleSentences() {
	text := "قطر تشارك في الاجتماع\n\nوقال د. المالكي «الشراكة مهمة. وسنواصل العمل» في بروكسل. بلغت التكلفة 7.9 مليار يورو!"
	runes := []rune(text)
	for _, s := range arabic.Sentences(text) {
		fmt.Printf("[%d,%d) %s\n", s[0], s[1], string(runes[s[0]:s[1]]))
	}
	// Output:
	// [0,21) قطر تشارك في الاجتماع
	// [23,79) وقال د. المالكي «الشراكة مهمة. وسنواصل العمل» في بروكسل.
	// [80,108) بلغت التكلفة 7.9 مليار يورو!
}
