package event_test

import (
	"context"
	"testing"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/event"
	"github.com/khabar/khabar/internal/scaletest"
	"github.com/khabar/khabar/pipeline"
)

// TestScaling checks that finding events does work in proportion to the
// text on texts that repeat one pattern (see internal/scaletest): dated
// events, meetings that refer back, titled actors. The analyses come from
// the whole pipeline; only event finding is measured.
func TestScaling(t *testing.T) {
	if testing.Short() {
		t.Skip("scaling: analyzes texts of up to 64 KB")
	}
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	prep := func(s string) (*khabar.Analysis, error) {
		return p.Analyze(context.Background(), khabar.RawDocument{Name: "scaling", Body: []byte(s)})
	}
	cases := append(scaletest.Pathological(),
		scaletest.Repeat("protests", "وتظاهر المئات في الرياض احتجاجا على القرار. واندلعت اشتباكات بين المحتجين والشرطة. "),
		scaletest.Repeat("titled actors", "التقى سفير دولة قطر لدى المملكة علي بن عبدالله آل محمود وزير الخارجية الأمريكي في الرياض أمس. "),
	)
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			scaletest.CheckPrepared(t, c, 4<<10, prep, func(a *khabar.Analysis) { event.Extract(a) })
		})
	}
}
