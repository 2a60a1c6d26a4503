package event_test

import (
	"fmt"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/event"
)

func ExampleExtract() {
	text := "التقى وزير الخارجية القطري نظيره الفرنسي في باريس أمس."
	// Mentions are code-point offsets: قطر is not an entity here, باريس is.
	a := &khabar.Analysis{
		Text:     text,
		Dateline: &khabar.Dateline{Date: "2024-05-02"},
		Entities: []khabar.Entity{{ID: "e1", Type: "LOC", Name: "باريس", KB: &khabar.KBRef{Country: "FR"},
			Mentions: []khabar.Mention{{Text: "باريس", Start: 44, End: 49}}}},
	}
	for _, e := range event.Extract(a) {
		fmt.Println(e.Type, e.Trigger, e.Date, e.Place)
	}
	// Raw text works too: types and evidence without actors.
	for _, e := range event.Extract(&khabar.Analysis{Text: "وتظاهر آلاف الطلاب أمس أمام البرلمان."}) {
		fmt.Println(e.Type, e.Mode, e.Trigger)
	}
	// Output:
	// CONSULT التقى 2024-05-02 e1
	// PROTEST demo وتظاهر
}

func ExampleISO3() {
	fmt.Println(event.ISO3("QA"), event.ISO3("BE"))
	// Output: QAT BEL
}
