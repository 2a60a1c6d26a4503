package arabic

import (
	"testing"
	"unicode/utf8"
)

func TestFoldHamzaSeats(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"مسؤول", "مسءول"},
		{"مسئول", "مسءول"},
		{"المسئولين والمسؤولين", "المسءولين والمسءولين"},
		{"رئيس", "رءيس"},
		{"مؤتمر", "مءتمر"},
		{"سماء", "سماء"},           // a bare hamza stays
		{"أإآ", "أإآ"},             // alef seats are the Search profile's
		{"news ئ", "news ء"},       // a seat on its own
		{"\xd8ئ\xd8", "\xd8ء\xd8"}, // stray bytes kept as they are
		{"ؤئؤ", "ءءء"},             // back to back
		{"مُسؤولٌ", "مُسءولٌ"},     // marks kept
	}
	for _, tt := range tests {
		if got := FoldHamzaSeats(tt.in); got != tt.want {
			t.Errorf("FoldHamzaSeats(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := string(AppendFoldHamzaSeats([]byte("x"), tt.in)); got != "x"+tt.want {
			t.Errorf("AppendFoldHamzaSeats(x, %q) = %q, want %q", tt.in, got, "x"+tt.want)
		}
	}
}

// TestFoldHamzaSeatRune checks that the rune fold and the string fold
// agree on every code point of the Arabic block.
func TestFoldHamzaSeatRune(t *testing.T) {
	for r := rune(0x0600); r < 0x0700; r++ {
		s := string(r)
		want := FoldHamzaSeats(s)
		if got := string(FoldHamzaSeat(r)); got != want {
			t.Errorf("FoldHamzaSeat(%U) = %q, FoldHamzaSeats gives %q", r, got, want)
		}
		if (r == 'ؤ' || r == 'ئ') == (want == s) {
			t.Errorf("%U: folded to %q", r, want)
		}
	}
}

func TestFoldHamzaSeatsNoAlloc(t *testing.T) {
	s := "الاجتماعات السنوية"
	if n := testing.AllocsPerRun(100, func() { FoldHamzaSeats(s) }); n != 0 {
		t.Errorf("FoldHamzaSeats of a text without seats: %v allocations, want 0", n)
	}
}

func FuzzFoldHamzaSeats(f *testing.F) {
	for _, s := range []string{"مسئول", "\xd8", "ؤ\xa4", "abc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := FoldHamzaSeats(s)
		if FoldHamzaSeats(got) != got {
			t.Errorf("not a fixed point: %q → %q", s, got)
		}
		if utf8.RuneCountInString(got) != utf8.RuneCountInString(s) && utf8.ValidString(s) {
			t.Errorf("%q → %q changed the number of runes", s, got)
		}
	})
}

func TestAnalyzerFoldHamzaSeats(t *testing.T) {
	terms := func(opt AnalyzerOptions, text string) []string {
		var out []string
		for _, tm := range NewAnalyzer(opt).Terms(text, nil) {
			out = append(out, tm.Text)
		}
		return out
	}
	fold := DefaultAnalyzerOptions()
	fold.FoldHamzaSeats = true
	tests := []struct {
		name string
		a, b string // texts that must give the same terms with the fold
	}{
		{"waw and yeh seats", "المسؤولين", "المسئولين"},
		{"with clitics", "وللمسؤولين", "وللمسئولين"},
		{"singular", "مسؤول", "مسئول"},
		{"plural of president", "الرؤساء", "الرءساء"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := terms(fold, tt.a), terms(fold, tt.b)
			if len(a) != 1 || len(b) != 1 || a[0] != b[0] {
				t.Errorf("folded: %q gives %q, %q gives %q; want one and the same term", tt.a, a, tt.b, b)
			}
			for _, tm := range a {
				if FoldHamzaSeats(tm) != tm {
					t.Errorf("term %q still has a seat", tm)
				}
			}
		})
	}
	// Stop words are looked up before the fold: هؤلاء and أولئك stay out.
	if got := terms(fold, "هؤلاء أولئك"); len(got) != 0 {
		t.Errorf("stop words with seats gave terms %q", got)
	}
	// Without the option the seats are kept.
	if a, b := terms(DefaultAnalyzerOptions(), "المسؤولين"), terms(DefaultAnalyzerOptions(), "المسئولين"); len(a) == 1 && len(b) == 1 && a[0] == b[0] {
		t.Errorf("without FoldHamzaSeats both spellings give %q", a)
	}
}
