package search

import (
	"strings"
	"testing"
)

func TestSnippet(t *testing.T) {
	an := DefaultAnalyzer()
	long := strings.Repeat("كلام عام لا صلة له بالموضوع. ", 400) // about 11 KB, several chunks
	tests := []struct {
		name, query, text string
		want              []string // highlighted words, in order
		prefix, suffix    bool     // "…" expected at the start / end
	}{
		{"inflected", `اجتماع`, "عقدت الاجتماعات الوزارية اجتماعا مهما.", []string{"الاجتماعات", "اجتماعا"}, false, false},
		{"hamza", `الاطلسي`, "حلف شمال الأطلسي", []string{"الأطلسي"}, false, false},
		{"exact phrase", `"الاجتماعات"`, "اجتماع ثم الاجتماعات", []string{"الاجتماعات"}, false, false},
		{"prefix", `اقتصا*`, "ملفات الاقتصاد والطاقة", []string{"الاقتصاد"}, false, false},
		{"exclusion never highlights", `طاقة -الاقتصاد`, "ملفات الاقتصاد والطاقة", []string{"والطاقة"}, false, false},
		{"deep match", `الاجتماعات`, long + "ثم بدأت الاجتماعات. " + long, []string{"الاجتماعات"}, true, true},
		{"no match", `غائب`, "نص قصير", nil, false, false},
		{"no match long", `غائب`, long, nil, false, true},
	}
	for _, tc := range tests {
		q, err := Parse(tc.query)
		if err != nil {
			t.Fatal(err)
		}
		sn := NewMatcher(an, q.Text).Snippet(tc.text, 24)
		runes := []rune(sn.Text)
		var got []string
		for _, h := range sn.Highlights {
			if h[0] < 0 || h[1] > len(runes) || h[0] >= h[1] {
				t.Fatalf("%s: highlight %v out of %q", tc.name, h, sn.Text)
			}
			got = append(got, string(runes[h[0]:h[1]]))
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: highlights %q in %q, want %q", tc.name, got, sn.Text, tc.want)
		}
		if strings.HasPrefix(sn.Text, "…") != tc.prefix || strings.HasSuffix(sn.Text, "…") != tc.suffix {
			t.Errorf("%s: snippet %q: want prefix … %v, suffix … %v", tc.name, sn.Text, tc.prefix, tc.suffix)
		}
		if len(runes) > 400 {
			t.Errorf("%s: snippet of %d runes", tc.name, len(runes))
		}
	}
	if sn := NewMatcher(an, nil).Snippet("", 24); sn.Text != "" || sn.Highlights != nil {
		t.Errorf("empty text gave %+v", sn)
	}
}

func BenchmarkSnippet(b *testing.B) {
	an := DefaultAnalyzer()
	text := strings.Repeat("كلام عام لا صلة له بالموضوع. ", 100) + "ثم بدأت الاجتماعات الوزارية."
	q, _ := Parse("الاجتماعات")
	m := NewMatcher(an, q.Text)
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		m.Snippet(text, 24)
	}
}

// FuzzSnippet: any text and query give a snippet whose highlights lie
// inside it, on words the query matches.
func FuzzSnippet(f *testing.F) {
	f.Add("اجتماع", "عقدت الاجتماعات الوزارية اجتماعا مهما.")
	f.Add(`"الأطلسي" اقتصا*`, "حلف شمال الأطلسي\n\nملفات الاقتصاد")
	f.Add("x", "\xff\xfe ـــ ً")
	an := DefaultAnalyzer()
	f.Fuzz(func(t *testing.T, query, text string) {
		q, err := Parse(query)
		if err != nil {
			return
		}
		m := NewMatcher(an, q.Text)
		sn := m.Snippet(text, 24)
		runes := []rune(sn.Text)
		last := 0
		for _, h := range sn.Highlights {
			if h[0] < last || h[0] >= h[1] || h[1] > len(runes) {
				t.Fatalf("highlight %v out of order or outside %q", h, sn.Text)
			}
			last = h[1]
		}
		if len(sn.Highlights) > 0 && m.Empty() {
			t.Fatalf("highlights %v for a query without terms", sn.Highlights)
		}
	})
}
