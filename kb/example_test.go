package kb_test

import (
	"fmt"

	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/kb"
)

func ExampleKB_Lookup() {
	for _, e := range kb.Default().Lookup("للناتو") {
		fmt.Println(e.ID, e.NameEn, e.Wikidata)
	}
	// Output:
	// org:nato NATO Q7184
}

func ExampleKB_Match() {
	text := "تعاون بين حلف (الناتو) ودول مجلس التعاون الخليجي بالعاصمة البلجيكية"
	for _, m := range kb.Default().Match(arabic.Tokenize(text)) {
		c := m.Candidates[0]
		fmt.Printf("%s %s (%s)\n", string([]rune(text)[m.TextStart:m.TextEnd]), c.Entry.ID, c.Kind)
	}
	// Output:
	// حلف (الناتو) org:nato (alias)
	// مجلس التعاون الخليجي org:gcc (alias)
	// البلجيكية country:BE (demonym)
}
