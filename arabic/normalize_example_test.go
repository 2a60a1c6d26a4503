package arabic_test

import (
	"fmt"

	"github.com/khabar/khabar/arabic"
)

func ExampleNormalize() {
	fmt.Println(arabic.Normalize("أعلنت الوزارةُ ١٢ قراراً", arabic.Search))
	fmt.Println(arabic.Normalize("ﻻ ٱلرحمٰن", arabic.Match))
	// Output:
	// اعلنت الوزاره 12 قرارا
	// لا الرحمن
}

func ExampleAppendNormalized() {
	buf := make([]byte, 0, 64)
	for _, w := range []string{"إبراهيم", "مستشفى"} {
		buf = arabic.AppendNormalized(buf[:0], w, arabic.Search)
		fmt.Println(string(buf))
	}
	// Output:
	// ابراهيم
	// مستشفي
}

func ExampleFoldDigits() {
	fmt.Println(arabic.FoldDigits("عام ٢٠٢٤ و۱۴۰۳"))
	v, ok := arabic.DigitValue('٧')
	fmt.Println(v, ok)
	// Output:
	// عام 2024 و1403
	// 7 true
}

func ExampleIsStopword() {
	for _, w := range []string{"في", "الذي", "لبنان"} {
		fmt.Println(w, arabic.IsStopword(w))
	}
	// Output:
	// في true
	// الذي true
	// لبنان false
}
