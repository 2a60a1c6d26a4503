package ner_test

import (
	"fmt"

	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/ner"
)

func Example() {
	tagger, err := ner.Default()
	if err != nil {
		panic(err)
	}
	text := "وقال الرئيس الفرنسي إيمانويل ماكرون في باريس إن الاتحاد الأوروبي سيدعم لبنان."
	for _, sp := range tagger.Tag(text, arabic.Tokenize(text)) {
		fmt.Println(sp.Type, sp.Text)
	}
	// Output:
	// PER إيمانويل ماكرون
	// LOC باريس
	// ORG الاتحاد الأوروبي
	// LOC لبنان
}
