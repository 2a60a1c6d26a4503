package temporal_test

import (
	"context"
	"testing"

	"github.com/khabar/khabar/internal/evaldates"
	"github.com/khabar/khabar/internal/shareddata"
)

// TestNewsDates scores Find on dates annotated by hand in the SaudiNewsNet
// records of the real-news gold set (docs/news-gold/GUIDE.md, "Dates"),
// as `khabar eval dates --news` does: value and grain must both be right.
// news-dates.tsv (dev) was looked at while developing, news-dates-test.tsv
// (held out) was not. Each gate sits one honest margin below the figure
// measured: one more error than was seen, in F1.
func TestNewsDates(t *testing.T) {
	corpus := shareddata.Path(t, shareddata.SaudiNewsNetName)
	for _, tt := range []struct {
		file  string
		minF1 float64
	}{
		// 28 records, 56 dates: P 0.966 (58 found), R 1.000, F1 0.982.
		{"testdata/news-dates.tsv", 0.96},
		// 28 records, 69 dates: P 0.899 (69 found), R 0.899, F1 0.899.
		{"testdata/news-dates-test.tsv", 0.88},
	} {
		t.Run(tt.file, func(t *testing.T) {
			rep, err := evaldates.News(context.Background(), evaldates.NewsOptions{Gold: []string{tt.file}, Corpus: corpus})
			if err != nil {
				t.Fatal(err)
			}
			c := rep.Total.Overall
			t.Logf("%s: %d records, %d dates, %d found, %d right: P %.3f R %.3f F1 %.3f",
				tt.file, rep.Total.Records, c.Gold, c.Predicted, c.Correct, c.Precision, c.Recall, c.F1)
			for _, e := range rep.Total.Errors {
				t.Logf("  %d %s %d-%d %q: want %s, got %s", e.Line, e.Kind, e.Start, e.End, e.Text, e.Want, e.Got)
			}
			if c.F1 < tt.minF1 {
				t.Errorf("F1 %.3f, want at least %.3f", c.F1, tt.minF1)
			}
		})
	}
}
