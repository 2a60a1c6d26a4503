package arabic_test

import (
	"testing"

	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/internal/scaletest"
)

// TestScaling checks that sentence splitting, tokenization, normalization
// and term analysis do work in proportion to their input on texts that
// repeat one pattern (see internal/scaletest).
func TestScaling(t *testing.T) {
	if testing.Short() {
		t.Skip("scaling: runs every function on texts of up to 128 KB")
	}
	an := arabic.NewAnalyzer(arabic.DefaultAnalyzerOptions())
	stages := []struct {
		name string
		f    func(string)
	}{
		{"sentences", func(s string) { arabic.Sentences(s) }},
		{"tokens", func(s string) { arabic.AppendTokens(nil, s) }},
		{"normalize", func(s string) { arabic.Normalize(s, arabic.Match) }},
		{"terms", func(s string) { an.Terms(s, nil) }},
	}
	for _, st := range stages {
		for _, c := range scaletest.Pathological() {
			t.Run(st.name+"/"+c.Name, func(t *testing.T) { scaletest.Check(t, c, 8<<10, st.f) })
		}
	}
}
