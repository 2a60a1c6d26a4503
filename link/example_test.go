package link_test

import (
	"fmt"

	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/link"
	"github.com/khabar/khabar/ner"
)

func ExampleResolve() {
	text := "ترأس الاجتماع سعادة السيد يانس ستولتنبرج، الأمين العام لحلف شمال الأطلسي (الناتو) في بروكسل. وقال سعادته إن الحلف شريك."
	toks := arabic.Tokenize(text)
	// The tagger's spans; ner.Default().Tag(text, toks) gives them in
	// the pipeline. Here one person, by token indexes.
	spans := []ner.Span{{Type: "PER", Text: "يانس ستولتنبرج", Start: 26, End: 40, TokStart: 4, TokEnd: 6}}
	res := link.Resolve(text, toks, spans, nil)
	for _, e := range res.Entities {
		fmt.Printf("%s %s %q", e.ID, e.Type, e.Name)
		if e.KB != nil {
			fmt.Printf(" → %s", e.KB.ID)
		}
		if e.Title != "" {
			fmt.Printf(" [%s | %s]", e.Honorific, e.Title)
		}
		for _, m := range e.Mentions {
			fmt.Printf(" «%s»", m.Text)
		}
		fmt.Println()
	}
	// Output:
	// e1 PER "يانس ستولتنبرج" → per:jens-stoltenberg [سعادة السيد | الأمين العام لحلف شمال الأطلسي] «يانس ستولتنبرج» «سعادته»
	// e2 ORG "حلف شمال الأطلسي" → org:nato «حلف شمال الأطلسي» «الناتو» «الحلف»
	// e3 LOC "بروكسل" → city:BE:brussels «بروكسل»
}
