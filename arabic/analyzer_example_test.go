package arabic_test

import (
	"fmt"

	"github.com/khabar/khabar/arabic"
)

func ExampleAnalyzer_Terms() {
	a := arabic.NewAnalyzer(arabic.AnalyzerOptions{Stem: arabic.LuceneStem})
	for _, t := range a.Terms("وأكّد سفير دولة قطر لدى حلف (الناتو) في ٢٠٢٣", nil) {
		fmt.Printf("%s pos=%d [%d,%d)\n", t.Text, t.Pos, t.Start, t.End)
	}
	// Output:
	// اكد pos=0 [0,5)
	// سفير pos=1 [6,10)
	// دول pos=2 [11,15)
	// قطر pos=3 [16,19)
	// حلف pos=5 [24,27)
	// ناتو pos=6 [29,35)
	// 2023 pos=8 [40,44)
}
