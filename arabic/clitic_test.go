package arabic

import (
	"testing"
	"unicode/utf8"
)

func TestSplitClitics(t *testing.T) {
	for _, c := range readCases(t, "clitics.tsv", 4) {
		want := Segmentation{Proclitics: c[1], Base: c[2], Enclitic: c[3]}
		if got := SplitClitics(c[0]); got != want {
			t.Errorf("SplitClitics(%q) = %q|%q|%q, want %q|%q|%q", c[0],
				got.Proclitics, got.Base, got.Enclitic, want.Proclitics, want.Base, want.Enclitic)
		}
	}
}

func TestStripProclitics(t *testing.T) {
	for _, c := range readCases(t, "strip.tsv", 3) {
		p, r := StripProclitics(c[0])
		if p != c[1] || r != c[2] {
			t.Errorf("StripProclitics(%q) = %q, %q; want %q, %q", c[0], p, r, c[1], c[2])
		}
	}
}

func FuzzSplitClitics(f *testing.F) {
	for _, s := range []string{"", "وبالكتابهم", "لل", "وَ", "\xff\xfe", "ال", "للأمم", "بمرحلته", "ـ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, w string) {
		s := SplitClitics(w)
		if s.Proclitics+s.Base+s.Enclitic != w {
			t.Fatalf("SplitClitics(%+q) = %+q|%+q|%+q: parts do not spell the word", w, s.Proclitics, s.Base, s.Enclitic)
		}
		p, r := StripProclitics(w)
		if utf8.ValidString(w) && (!utf8.ValidString(p) || !utf8.ValidString(r)) {
			t.Fatalf("StripProclitics(%+q) = %+q, %+q: invalid UTF-8", w, p, r)
		}
		if len(p) > len(w) {
			t.Fatalf("StripProclitics(%+q) prefix %+q longer than the word", w, p)
		}
		for _, m := range []StemMode{LuceneStem, LightStem} {
			n := Normalize(w, Search)
			if st := Stem(n, m); len(st) > len(n)+len("ه") {
				t.Fatalf("Stem(%+q, %v) = %+q: longer than its input", n, m, st)
			}
		}
	})
}
