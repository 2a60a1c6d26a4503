package ingest_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/khabar/khabar/ingest"
)

func ExampleReadJSONL() {
	in := `{"title": "عنوان", "content": "نص الخبر", "url": "http://example.test/1", "date": "2015-07-21"}
{"title": "broken"
`
	ingest.ReadJSONL(context.Background(), strings.NewReader(in), "news.jsonl", ingest.Options{}, func(r ingest.Record) error {
		if r.Err != nil {
			fmt.Println("skip:", r.Where)
			return nil
		}
		fmt.Printf("%s %s %s %q\n", r.Where, r.Doc.URL, r.Doc.Date.Format("2006-01-02"), r.Doc.Body)
		return nil
	})
	// Output:
	// news.jsonl:1 http://example.test/1 2015-07-21 "عنوان\n\nنص الخبر"
	// skip: news.jsonl:2
}
