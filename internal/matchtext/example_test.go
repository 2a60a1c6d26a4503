package matchtext_test

import (
	"fmt"

	"github.com/khabar/khabar/internal/matchtext"
)

func ExampleTokenize() {
	text := "وأضافَ: «سنواصل»"
	for _, t := range matchtext.Tokenize([]rune(text), text) {
		if t.Kind == matchtext.Word {
			fmt.Printf("word  [%d,%d) %s\n", t.Start, t.End, t.Norm)
		} else {
			fmt.Printf("punct [%d,%d) %c\n", t.Start, t.End, t.R)
		}
	}
	// Output:
	// word  [0,6) واضاف
	// punct [6,7) :
	// punct [8,9) «
	// word  [9,15) سنواصل
	// punct [15,16) »
}

func ExampleNormalize() {
	fmt.Println(matchtext.Normalize("قالَ المُستشفى: «الحالةُ مستقرّة»."))
	// Output: قال المستشفي الحاله مستقره
}

func ExamplePrepare() {
	t := matchtext.Prepare("قال الوزير: «سنواصل».")
	for _, tok := range t.Tokens {
		if tok.Kind == matchtext.Word {
			fmt.Println(tok.Norm, string(t.Runes[tok.Start:tok.End]))
		}
	}
	// Output:
	// قال قال
	// الوزير الوزير
	// سنواصل سنواصل
}
