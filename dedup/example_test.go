package dedup_test

import (
	"fmt"

	"github.com/khabar/khabar/dedup"
)

func ExampleIndex() {
	agency := "أكد وزير الخارجية خلال لقائه نظيره البلجيكي في بروكسل اليوم أهمية تعزيز التعاون بين البلدين في مجالات الطاقة والتعليم والصحة والاستثمار وتبادل الخبرات"
	reprint := "الرياض - واس: أكد وزير الخارجية خلال لقائه نظيره البلجيكي في بروكسل اليوم اهمية تعزيز التعاون بين البلدين في مجالات الطاقة والتعليم والصحة والاستثمار وتبادل الخبرات."
	other := "ارتفعت أسعار النفط في التعاملات الآسيوية صباح اليوم بعد بيانات أظهرت تراجع المخزونات الأمريكية للأسبوع الثالث على التوالي"

	x := dedup.NewIndex(dedup.Options{})
	for _, d := range []struct{ id, text string }{{"spa-1", agency}, {"paper-7", reprint}, {"oil-3", other}} {
		cluster, _, err := x.Add(d.id, dedup.Sign(d.text, dedup.Options{}))
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(d.id, "→", cluster)
	}
	// Output:
	// spa-1 → spa-1
	// paper-7 → spa-1
	// oil-3 → oil-3
}
