package search_test

import (
	"fmt"

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
