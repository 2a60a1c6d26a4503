package quote_test

import (
	"testing"

	"github.com/khabar/khabar/quote"
)

func TestNormalize(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"«إنّ الوضعَ مستقرٌ»", "ان الوضع مستقر"},
		{"  قالــت   المدرسةُ: نعم. ", "قالت المدرسه نعم"},
		{"Hello, World", "hello world"},
		{"", ""},
	} {
		if got := quote.Normalize(c.in); got != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
