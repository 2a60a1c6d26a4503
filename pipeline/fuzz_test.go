package pipeline

import (
	"context"
	"errors"
	"testing"

	"github.com/khabar/khabar"
)

// FuzzAnalyze runs every stage on arbitrary text and HTML: a stage may
// reject a document with an error, but never fail inside (ErrInternal is
// a recovered panic), and what it returns must be a valid Analysis.
func FuzzAnalyze(f *testing.F) {
	f.Add("الدوحة - قنا - 13 سبتمبر 2023\nأكد سعادة الشيخ محمد أن \"الاجتماع مهم\".", false)
	f.Add("<html><title>خبر</title><p>قال الوزير: «نرفض»</p></html>", true)
	f.Add("ٝ متظاهر و أكد", false)
	p, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body string, html bool) {
		doc := khabar.RawDocument{Name: "fuzz", Body: []byte(body)}
		if html {
			doc.ContentType = "text/html"
		}
		a, err := p.Analyze(context.Background(), doc)
		if errors.Is(err, ErrInternal) {
			t.Fatalf("%q: %v", body, err)
		}
		if err != nil {
			return
		}
		n := len([]rune(a.Text))
		for _, e := range a.Entities {
			for _, m := range e.Mentions {
				if m.Start < 0 || m.End > n || m.Start > m.End {
					t.Fatalf("%q: mention [%d,%d) outside a text of %d runes", body, m.Start, m.End, n)
				}
			}
		}
	})
}
