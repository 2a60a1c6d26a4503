package arabic_test

import (
	"fmt"

	"github.com/khabar/khabar/arabic"
)

func ExampleTokenize() {
	for _, t := range arabic.Tokenize("و أكد المالكي (NAC) في ١٣ سبتمبر ٢٠٢٣: 3.5%") {
		fmt.Printf("%s %q [%d,%d)\n", t.Kind, t.Text, t.Start, t.End)
	}
	// Output:
	// word "و" [0,1)
	// word "أكد" [2,5)
	// word "المالكي" [6,13)
	// punct "(" [14,15)
	// latin "NAC" [15,18)
	// punct ")" [18,19)
	// word "في" [20,22)
	// number "١٣" [23,25)
	// word "سبتمبر" [26,32)
	// number "٢٠٢٣" [33,37)
	// punct ":" [37,38)
	// number "3.5" [39,42)
	// punct "%" [42,43)
}

func ExampleJoinDetached() {
	text := "و أكد ترحيب دولة قطر"
	for _, t := range arabic.JoinDetached(text, arabic.Tokenize(text)) {
		fmt.Printf("%q [%d,%d)\n", t.Text, t.Start, t.End)
	}
	// Output:
	// "و أكد" [0,5)
	// "ترحيب" [6,11)
	// "دولة" [12,16)
	// "قطر" [17,20)
}

func ExampleTokenizer() {
	var tz arabic.Tokenizer
	tz.Reset("راسلوا info@spa.gov.sa أو زوروا https://www.spa.gov.sa. #السعودية")
	for t, ok := tz.Next(); ok; t, ok = tz.Next() {
		fmt.Println(t.Kind, t.Text)
	}
	// Output:
	// word راسلوا
	// email info@spa.gov.sa
	// word أو
	// word زوروا
	// url https://www.spa.gov.sa
	// punct .
	// hashtag #السعودية
}
