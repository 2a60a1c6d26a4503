package store

import (
	"errors"
	"strings"
	"testing"
	"unicode"

	"github.com/khabar/khabar"
)

func TestContentHash(t *testing.T) {
	same := [][2]string{
		{"اجتماع  الوزراء\n", "اجتماع الوزراء"},
		{"اجْتِمَاع الوزراء", "اجتماع الوزراء"},
		{"اجتمـــاع\tالوزراء", "اجتماع الوزراء"},
		{"  a\n\n b  ", "a b"},
	}
	for _, p := range same {
		if ContentHash(p[0]) != ContentHash(p[1]) {
			t.Errorf("ContentHash(%q) != ContentHash(%q)", p[0], p[1])
		}
	}
	different := [][2]string{
		{"اجتماع الوزراء", "اجتماع الوزير"},
		{"ab", "a b"},
		{"أحمد", "احمد"}, // hamza is text, not decoration
	}
	for _, p := range different {
		if ContentHash(p[0]) == ContentHash(p[1]) {
			t.Errorf("ContentHash(%q) == ContentHash(%q)", p[0], p[1])
		}
	}
	if h := ContentHash("x"); len(h) != 64 || DocID(h) != h[:20] {
		t.Errorf("hash %q, id %q", h, DocID(h))
	}
}

func TestNormalizeName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"حلف شمال الأطلسي", "حلف شمال الاطلسي"},
		{"  إيران ", "ايران"},
		{"مصطفى", "مصطفي"},
		{"الدوحة", "الدوحه"},
		{"NATO  Alliance", "nato alliance"},
		{"مُحَمَّد", "محمد"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := NormalizeName(tc.in); got != tc.want {
			t.Errorf("NormalizeName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// normalizeNameRef is NormalizeName as it was when stores first kept its
// output, written without package arabic: entity keys, normalized names
// and places in existing stores hold its values, so NormalizeName must
// never change them.
func normalizeNameRef(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case refIsMark(r):
			continue
		case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
			r = 'ا'
		case r == 'ى':
			r = 'ي'
		case r == 'ة':
			r = 'ه'
		default:
			r = unicode.ToLower(r)
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

func TestNormalizeNameStable(t *testing.T) {
	tests := []string{"", " ", "\xff", " ً a", "a ً b", "A\xd8 B", "حلف  شمال\u00a0الأطلسي"}
	for r := rune(0); r < 0x10000; r++ {
		if r < 0xD800 || r > 0xDFFF {
			tests = append(tests, "x "+string(r)+" Y"+string(r))
		}
	}
	for _, s := range tests {
		if got, want := NormalizeName(s), normalizeNameRef(s); got != want {
			t.Errorf("NormalizeName(%+q) = %+q, reference %+q", s, got, want)
		}
	}
}

func TestEntityKey(t *testing.T) {
	tests := []struct{ typ, name, kb, want string }{
		{"LOC", "قطر", "QA", "kb:QA"},
		{"PER", "المالكي", "", "PER:المالكي"},
		{"", "شيء", "", "MISC:شيء"},
		{"ORG", "حلف شمال الأطلسي", "", "ORG:حلف شمال الاطلسي"},
	}
	for _, tc := range tests {
		if got := EntityKey(tc.typ, tc.name, tc.kb); got != tc.want {
			t.Errorf("EntityKey(%s, %s, %s) = %s, want %s", tc.typ, tc.name, tc.kb, got, tc.want)
		}
	}
}

func TestValidate(t *testing.T) {
	ok := &khabar.Analysis{Text: "نص"}
	tests := []struct {
		name string
		doc  Document
		ok   bool
	}{
		{"ok", Document{Analysis: ok}, true},
		{"no analysis", Document{}, false},
		{"empty text", Document{Analysis: &khabar.Analysis{Text: " \n"}}, false},
		{"bad utf-8", Document{Analysis: &khabar.Analysis{Text: "a\xffb"}}, false},
		{"huge text", Document{Analysis: &khabar.Analysis{Text: strings.Repeat("a", MaxTextBytes+1)}}, false},
		{"huge raw", Document{Analysis: ok, Raw: make([]byte, MaxRawBytes+1)}, false},
		{"huge url", Document{Analysis: ok, URL: strings.Repeat("u", MaxURLBytes+1)}, false},
	}
	for _, tc := range tests {
		err := Validate(&tc.doc)
		if (err == nil) != tc.ok || (err != nil && !errors.Is(err, ErrInvalid)) {
			t.Errorf("%s: Validate = %v", tc.name, err)
		}
	}
}

func TestStatusString(t *testing.T) {
	for s, want := range map[Status]string{Stored: "stored", DuplicateURL: "duplicate-url", DuplicateContent: "duplicate-content", 9: "unknown"} {
		if s.String() != want {
			t.Errorf("%d.String() = %s", s, s.String())
		}
	}
}
