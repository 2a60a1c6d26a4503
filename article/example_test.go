package article_test

import (
	"fmt"
	"strings"

	"github.com/khabar/khabar/article"
)

func ExampleParseText() {
	text := `قطر تشارك في الاجتماع المشترك

news image

المالكي: قطر تعمل على استضافة مركز إقليمي

بروكسل – إدارة الإعلام والاتصال - ١٣ سبتمبر ٢٠٢٣

شاركت دولة قطر في الاجتماع المشترك بالعاصمة البلجيكية بروكسل.`
	a, err := article.ParseText(strings.NewReader(text), article.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("title:", a.Title.Text)
	fmt.Println("subtitle:", a.Subtitle.Text)
	fmt.Println("place:", a.Dateline.Place)
	fmt.Println("source:", a.Dateline.Source)
	fmt.Println("date:", a.Dateline.Date)
	fmt.Println("dropped:", a.Boilerplate[0].Text)
	fmt.Println("paragraphs:", len(a.Paragraphs))
	// Output:
	// title: قطر تشارك في الاجتماع المشترك
	// subtitle: المالكي: قطر تعمل على استضافة مركز إقليمي
	// place: بروكسل
	// source: إدارة الإعلام والاتصال
	// date: 2023-09-13
	// dropped: news image
	// paragraphs: 1
}

func ExampleParseDateline() {
	d, ok := article.ParseDateline("الرياض 05 شوال 1436 هـ الموافق 21 يوليو 2015 م واس")
	fmt.Println(ok, d.Place, d.Source, d.Date)
	// Output:
	// true الرياض واس 2015-07-21
}
