package temporal_test

import (
	"fmt"
	"time"

	"github.com/khabar/khabar/temporal"
)

func ExampleFind() {
	text := "التقى الوزير نظيره في 29 يوليو الماضي، وخلال العامين الماضيين وقّع البلدان اتفاقيات، آخرها في ٥ شوال ١٤٣٦ هـ."
	ref := time.Date(2023, 9, 13, 0, 0, 0, 0, time.UTC)
	for _, x := range temporal.Find(text, temporal.Options{Ref: ref}) {
		fmt.Println(x.Text, "→", x.Value, x.Grain, x.Calendar)
	}
	// Output:
	// 29 يوليو الماضي → 2023-07-29 day gregorian
	// خلال العامين الماضيين → P2Y duration gregorian
	// ٥ شوال ١٤٣٦ هـ → 2015-07-21 day hijri
}

func ExampleHijriToGregorian() {
	t, err := temporal.HijriToGregorian(1445, 9, 1) // 1 Ramadan 1445
	fmt.Println(t.Format(time.DateOnly), err)
	// Output: 2024-03-11 <nil>
}
