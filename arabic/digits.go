package arabic

import "unicode/utf8"

// DigitValue reports the value of r when r is a decimal digit in one of
// the three digit sets Arabic text uses: ASCII (0-9), Arabic-Indic
// (٠-٩, U+0660–U+0669) and Extended Arabic-Indic or Persian (۰-۹,
// U+06F0–U+06F9).
func DigitValue(r rune) (int, bool) {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0'), true
	case r >= '\u0660' && r <= '\u0669':
		return int(r - '\u0660'), true
	case r >= '\u06F0' && r <= '\u06F9':
		return int(r - '\u06F0'), true
	}
	return 0, false
}

// FoldDigits returns s with Arabic-Indic and Persian digits replaced by
// their ASCII equivalents; everything else is unchanged. When s has no
// such digit, s itself is returned without allocating. Invalid UTF-8 is
// passed through untouched.
func FoldDigits(s string) string {
	first := -1
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isIndicDigit(r) {
			first = i
			break
		}
		i += n
	}
	if first < 0 {
		return s
	}
	b := make([]byte, first, len(s))
	copy(b, s[:first])
	for i := first; i < len(s); {
		if s[i] < utf8.RuneSelf {
			b = append(b, s[i])
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isIndicDigit(r) {
			v, _ := DigitValue(r)
			b = append(b, byte('0'+v))
		} else {
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return string(b)
}

func isIndicDigit(r rune) bool {
	return (r >= '\u0660' && r <= '\u0669') || (r >= '\u06F0' && r <= '\u06F9')
}
