package quote_test

import (
	"fmt"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/quote"
)

func ExampleExtract() {
	text := "قال الوزير أحمد سالم إن المحادثات كانت مثمرة. وأضاف «سنواصل العمل معا حتى النهاية»."
	a := &khabar.Analysis{
		Text: text,
		Entities: []khabar.Entity{{ID: "e1", Type: "PER", Name: "أحمد سالم",
			Mentions: []khabar.Mention{{Text: "أحمد سالم", Start: 11, End: 20}}}},
	}
	for _, q := range quote.Extract(a) {
		fmt.Printf("%v direct=%v cue=%q: %s\n", q.Speakers, q.Direct, q.Cue, q.Text)
	}
	// Output:
	// [e1] direct=false cue="قال الوزير أحمد سالم إن": المحادثات كانت مثمرة
	// [e1] direct=true cue="وأضاف": سنواصل العمل معا حتى النهاية
}
