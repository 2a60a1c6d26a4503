package pipeline

import (
	"context"
	"testing"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/internal/scaletest"
)

// TestScaling checks that the whole pipeline does work in proportion to
// the document on texts that repeat one pattern (see internal/scaletest).
func TestScaling(t *testing.T) {
	if testing.Short() {
		t.Skip("scaling: analyzes texts of up to 64 KB")
	}
	p, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range scaletest.Pathological() {
		t.Run(c.Name, func(t *testing.T) {
			scaletest.Check(t, c, 4<<10, func(s string) {
				_, _ = p.Analyze(context.Background(), khabar.RawDocument{Name: "scaling", Body: []byte(s)})
			})
		})
	}
}
