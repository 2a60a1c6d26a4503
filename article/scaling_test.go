package article_test

import (
	"strings"
	"testing"

	"github.com/khabar/khabar/article"
	"github.com/khabar/khabar/internal/scaletest"
)

// TestScaling checks that reading plain text and HTML does work in
// proportion to the input on texts that repeat one pattern (see
// internal/scaletest). A text that is all boilerplate or punctuation
// fails with an error, which is fine: the error must come as cheaply.
func TestScaling(t *testing.T) {
	if testing.Short() {
		t.Skip("scaling: parses texts and pages of up to 64 KB")
	}
	opt := article.Options{MaxSize: 1 << 30}
	page := func(s string) string {
		return "<html><head><title>خبر</title></head><body><article><p>" +
			strings.ReplaceAll(s, "\n", "</p>\n<p>") + "</p></article></body></html>"
	}
	stages := []struct {
		name string
		f    func(string)
	}{
		{"text", func(s string) { _, _ = article.Parse(strings.NewReader(s), "text/plain", opt) }},
		{"html", func(s string) { _, _ = article.Parse(strings.NewReader(page(s)), "text/html", opt) }},
	}
	for _, st := range stages {
		for _, c := range scaletest.Pathological() {
			t.Run(st.name+"/"+c.Name, func(t *testing.T) { scaletest.Check(t, c, 4<<10, st.f) })
		}
	}
}
