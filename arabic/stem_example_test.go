package arabic_test

import (
	"fmt"

	"github.com/khabar/khabar/arabic"
)

func ExampleStem() {
	for _, w := range []string{"للتعاون", "لبنان", "والمسؤولين", "الكبيرة"} {
		n := arabic.Normalize(w, arabic.Search)
		fmt.Println(w, arabic.Stem(n, arabic.LuceneStem), arabic.Stem(n, arabic.LightStem))
	}
	// Output:
	// للتعاون تعا تعاون
	// لبنان لبن لبنان
	// والمسؤولين مسؤول مسؤول
	// الكبيرة كبير كبير
}
