package evalentities_test

import (
	"fmt"
	"strings"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/internal/evalentities"
)

func ExampleScore() {
	gold, err := evalentities.ReadGold(strings.NewReader(`{"entities": [
		{"type": "LOC", "canonical": "قطر", "country": "QA", "mentions": ["قطر", "دولة قطر"]},
		{"type": "ORG", "canonical": "الاتحاد الأوروبي", "mentions": ["الاتحاد الأوروبي"]}]}`), "gold")
	if err != nil {
		panic(err)
	}
	a := &khabar.Analysis{Entities: []khabar.Entity{
		{ID: "e1", Type: "LOC", Name: "قطر", KB: &khabar.KBRef{ID: "country:QA", Country: "QA"},
			Mentions: []khabar.Mention{{Text: "دولة قطر", Start: 0, End: 8}}},
	}}
	r := evalentities.Score(a, gold)
	fmt.Printf("P %.2f R %.2f, mentions %d/%d, linking %d/%d\n", r.All.Precision(), r.All.Recall(),
		r.Mentions.Correct, r.Mentions.Total, r.Linking.Correct, r.Linking.Total)
	// Output:
	// P 1.00 R 0.50, mentions 1/3, linking 1/1
}
