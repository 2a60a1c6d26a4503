package temporal_test

import (
	"testing"
	"time"

	"github.com/khabar/khabar/internal/scaletest"
	"github.com/khabar/khabar/temporal"
)

// TestScaling checks that finding dates does work in proportion to the
// text on texts that repeat one pattern (see internal/scaletest), dates
// and numbers among them.
func TestScaling(t *testing.T) {
	if testing.Short() {
		t.Skip("scaling: finds dates in texts of up to 128 KB")
	}
	opt := temporal.Options{Ref: time.Date(2023, 9, 13, 0, 0, 0, 0, time.UTC)}
	cases := append(scaletest.Pathological(),
		scaletest.Repeat("relative dates", "أمس واليوم وغدا والأسبوع الماضي والشهر المقبل وبعد ثلاثة أيام "),
		scaletest.Repeat("ranges", "من 1 إلى 5 سبتمبر 2023 وبين عامي 2010 و2015 "),
		scaletest.Repeat("clock times", "الساعة 10:30 صباحا و 11 مساء "),
		scaletest.Repeat("numbers", "1 2 3 4 5 6 7 8 9 10 11 12 13 "),
	)
	for _, c := range cases {
		// A new Finder each time: one that is reused keeps its buffers,
		// and allocates only when a larger text outgrows them.
		t.Run(c.Name, func(t *testing.T) { scaletest.Check(t, c, 8<<10, func(s string) { temporal.Find(s, opt) }) })
	}
}
