package ingest_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/khabar/khabar/ingest"
)

func ExampleReadFeed() {
	feed := `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>وكالة</title>
<item><title>عنوان الخبر</title><link>https://news.test/1</link>
<pubDate>Tue, 05 Mar 2024 09:30:00 +0000</pubDate>
<description>&lt;p&gt;الفقرة الأولى.&lt;/p&gt;&lt;p&gt;الفقرة الثانية.&lt;/p&gt;</description></item>
<item><title>بلا نص</title></item>
</channel></rss>`
	ingest.ReadFeed(context.Background(), strings.NewReader(feed), "agency.rss", ingest.Options{}, func(r ingest.Record) error {
		if r.Err != nil {
			fmt.Println("skip:", r.Err)
			return nil
		}
		fmt.Printf("%s %s %s %s %q\n", r.Where, r.Doc.URL, r.Doc.Date.Format("2006-01-02"), r.Doc.Title, r.Doc.Body)
		return nil
	})
	// Output:
	// agency.rss#1 https://news.test/1 2024-03-05 عنوان الخبر "الفقرة الأولى.\n\nالفقرة الثانية."
	// skip: agency.rss#2: item "بلا نص" has no content or description
}
