package arabic

import "testing"

func TestDigitValue(t *testing.T) {
	tests := []struct {
		r    rune
		want int
		ok   bool
	}{
		{'0', 0, true}, {'9', 9, true}, {'٠', 0, true}, {'٧', 7, true}, {'۰', 0, true}, {'۹', 9, true},
		{'a', 0, false}, {'٪', 0, false}, {'\u06EF', 0, false}, {'\u066A', 0, false}, {'５', 0, false},
	}
	for _, tt := range tests {
		got, ok := DigitValue(tt.r)
		if got != tt.want || ok != tt.ok {
			t.Errorf("DigitValue(%q) = %d, %v; want %d, %v", tt.r, got, ok, tt.want, tt.ok)
		}
	}
}

func TestFoldDigits(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"abc 123", "abc 123"},
		{"عام ٢٠٢٤م", "عام 2024م"},
		{"۱۴۰۳ هـ", "1403 هـ"},
		{"٣٫٥٪", "3٫5٪"},
		{"x\xff٩", "x\xff9"},
	}
	for _, tt := range tests {
		if got := FoldDigits(tt.in); got != tt.want {
			t.Errorf("FoldDigits(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	s := "no digits here ولا أرقام"
	if n := testing.AllocsPerRun(50, func() { _ = FoldDigits(s) }); n != 0 {
		t.Errorf("FoldDigits without digits: %v allocs, want 0", n)
	}
}
