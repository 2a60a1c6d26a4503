package quotetest_test

import (
	"fmt"

	"github.com/khabar/khabar/quote/quotetest"
)

func ExampleAnalysis() {
	g := &quotetest.Gold{Entities: []quotetest.GoldEntity{{Type: "PER", Canonical: "أحمد سالم", Mentions: []string{"أحمد سالم", "سالم"}}}}
	a := quotetest.Analysis("قال أحمد سالم إن الوضع مستقر.\nوأضاف سالم أن الحوار مستمر.", g)
	for _, m := range a.Entities[0].Mentions {
		fmt.Println(m.Text, m.Start, m.End)
	}
	fmt.Println(a.Sentences)
	// Output:
	// أحمد سالم 4 13
	// سالم 36 40
	// [[0 29] [30 57]]
}
