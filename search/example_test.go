package search_test

import (
	"fmt"
	"strings"

	"github.com/khabar/khabar/search"
)

func ExampleParse() {
	q, err := search.Parse(`"حلف شمال الأطلسي" اجتماع* -الرياض source:qna from:2023`)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(q.Text)
	fmt.Println(q.Sources, q.From.Format("2006-01-02"))
	// Output:
	// "حلف شمال الأطلسي" اجتماع* -الرياض
	// [qna] 2023-01-01
}

// A backend writes each word or phrase in its own syntax; Translate
// writes the boolean structure around them.
func ExampleSyntax_Translate() {
	q, err := search.Parse(`"وزير الخارجية" اجتماع* -الرياض`)
	if err != nil {
		fmt.Println(err)
		return
	}
	an := search.DefaultAnalyzer()
	syn := search.Syntax{
		And: " AND ", Or: " OR ", AndNot: " NOT ",
		Terms: func(word string, exact bool) []string { return search.QueryTerms(an, word, exact, 256, nil) },
		Unit: func(terms []string, prefix, exact, negative bool) string {
			s := `"` + strings.Join(terms, " ") + `"`
			if prefix {
				s += " *"
			}
			return s
		},
	}
	pos, neg := syn.Translate(q.Text)
	fmt.Println(pos)
	fmt.Println(neg)
	// Output:
	// ("=وزير =الخارجية" AND "اجتماع" *)
	// "رياض"
}
