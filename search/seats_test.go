package search

import (
	"strings"
	"testing"
)

// TestHamzaSeats checks that the two spellings of a hamza on a waw or
// yeh seat (مسؤول, مسئول) find each other in every path a query takes:
// the analyzer's terms, exact phrases, snippets and the text filter.
func TestHamzaSeats(t *testing.T) {
	an := DefaultAnalyzer()
	long := strings.Repeat("كلام عام لا صلة له بالموضوع. ", 400) // several chunks: the quick path runs
	tests := []struct {
		name, query, text string
		want              []string // highlighted words, in order
	}{
		{"yeh query, waw text", `المسئولين`, "التقى المسؤولين في الوزارة", []string{"المسؤولين"}},
		{"waw query, yeh text", `المسؤولين`, "التقى المسئولين في الوزارة", []string{"المسئولين"}},
		{"singular finds plural", `مسئول`, "قال مسؤول ثم المسؤولون", []string{"مسؤول", "المسؤولون"}},
		{"exact phrase", `"المسئولين الجدد"`, "التقى المسؤولين الجدد", []string{"المسؤولين", "الجدد"}},
		{"prefix", `مسئو*`, "قال المسؤولون", []string{"المسؤولون"}},
		{"deep in a long text", `المسئولين`, long + "ثم التقى المسؤولين. " + long, []string{"المسؤولين"}},
		{"other words untouched", `رئيس`, "الرئيس والرءوس والرؤوس", []string{"الرئيس"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q, err := Parse(tc.query)
			if err != nil {
				t.Fatal(err)
			}
			sn := NewMatcher(an, q.Text).Snippet(tc.text, 24)
			runes := []rune(sn.Text)
			var got []string
			for _, h := range sn.Highlights {
				got = append(got, string(runes[h[0]:h[1]]))
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("highlights %q in %q, want %q", got, sn.Text, tc.want)
			}
			if !NewTextFilter(an, q.Text).Match(tc.text) {
				t.Errorf("text filter: %q does not match %q", tc.query, tc.text)
			}
		})
	}
}

func TestExactFormHamzaSeats(t *testing.T) {
	tests := []struct{ a, b string }{
		{"المسئولين", "المسؤولين"},
		{"مسئول", "مسءول"},
		{"أسئلة", "اسءلة"},
	}
	for _, tt := range tests {
		if ExactForm(tt.a) != ExactForm(tt.b) {
			t.Errorf("ExactForm(%q) = %q, ExactForm(%q) = %q; want equal", tt.a, ExactForm(tt.a), tt.b, ExactForm(tt.b))
		}
	}
	if ExactForm("المسئولين") == ExactForm("مسئول") {
		t.Error("ExactForm dropped a clitic or suffix")
	}
}
