package arabic

import (
	"strings"
	"unicode/utf8"
)

// Hamza on a seat and alone.
const (
	hamza        = '\u0621' // ء
	wawHamza     = '\u0624' // ؤ
	yehHamza     = '\u0626' // ئ
	wawHamzaUTF8 = "\u0624"
	yehHamzaUTF8 = "\u0626"
)

// FoldHamzaSeat returns the bare hamza ء for a hamza written on a waw
// or yeh seat (ؤ ئ), and r itself otherwise.
func FoldHamzaSeat(r rune) rune {
	if r == wawHamza || r == yehHamza {
		return hamza
	}
	return r
}

// FoldHamzaSeats is the hamza-seat fold: it writes the hamza on a waw
// or yeh seat (ؤ ئ) as the bare hamza ء, so that the two spellings
// common in the press meet (مسؤول and مسئول both become مسءول, رؤساء
// and رئاسة keep their other letters). The hamza forms of alef are left
// to the Search profile, which folds them to ا. When nothing changes,
// s itself is returned without allocating.
func FoldHamzaSeats(s string) string {
	if !strings.Contains(s, wawHamzaUTF8) && !strings.Contains(s, yehHamzaUTF8) {
		return s
	}
	return string(AppendFoldHamzaSeats(make([]byte, 0, len(s)), s))
}

// AppendFoldHamzaSeats appends the hamza-seat fold of s (see
// FoldHamzaSeats) to dst and returns the extended buffer. Invalid UTF-8
// bytes are copied as they are.
func AppendFoldHamzaSeats(dst []byte, s string) []byte {
	start := 0
	for i := 0; i+1 < len(s); i++ {
		// ؤ is D8 A4, ئ is D8 A6, ء is D8 A1.
		if s[i] == 0xD8 && (s[i+1] == 0xA4 || s[i+1] == 0xA6) {
			dst = append(dst, s[start:i]...)
			dst = utf8.AppendRune(dst, hamza)
			i++
			start = i + 1
		}
	}
	return append(dst, s[start:]...)
}
