package article

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzParseText(f *testing.F) {
	if data, err := os.ReadFile(filepath.Join(moduleRoot, "examples", "qatar-nato-ici-2023-09-13.txt")); err == nil {
		f.Add(string(data))
	}
	for _, s := range []string{
		"", "\n\n", "عنوان\nالرياض - واس: قال.", "عنوان\nnews image\nفقرة. (أ ف ب)",
		"\xff\xfe", "عنوان\r\nبيروت، 12 أيار (رويترز) - نص", "سمات", "x\nرابط الخبر",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseText(strings.NewReader(s), Options{})
		if err != nil {
			if a != nil {
				t.Fatalf("article and error both returned")
			}
			return
		}
		checkInvariants(t, a)
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 accepted without Repair")
		}
	})
}

func FuzzParseDateline(f *testing.F) {
	for _, s := range []string{
		"بروكسل – إدارة الإعلام والاتصال - ١٣ سبتمبر ٢٠٢٣", "الدوحة – قنا:", "الرياض 05 شوال 1436 هـ الموافق 21 يوليو 2015 م واس",
		"بيروت، 12 أيار (رويترز) -", "لندن: فلان الفلاني", "(«»)", "31 فبراير 2020", "\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseDateline(s)
		if !ok {
			return
		}
		if got := slice(s, d.Start, d.End); got != d.Text {
			t.Fatalf("line[%d:%d] = %q, Text %q", d.Start, d.End, got, d.Text)
		}
		if d.Date != "" && !validValue(d.Date) {
			t.Fatalf("bad date value %q", d.Date)
		}
	})
}

func FuzzParseHTML(f *testing.F) {
	if data, err := os.ReadFile(filepath.Join("testdata", "page.html")); err == nil {
		f.Add(data)
	}
	for _, s := range []string{"", "<html>", "<title>ع</title><p>الرياض - واس: نص</p>", "<meta charset=windows-1256><p>\xc7\xe1</p>"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := ParseHTML(bytes.NewReader(data), "", Options{})
		if err != nil {
			return
		}
		checkInvariants(t, a)
	})
}

func FuzzParseRecord(f *testing.F) {
	f.Add([]byte(`{"title":"عنوان","content":"جدة - واس: نص.","author":"لندن: فلان","date":"2015-07-21"}`))
	f.Add([]byte(`{"text":"\u00a0","date":12}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := ParseRecord(data, Options{})
		if err != nil {
			return
		}
		checkInvariants(t, a)
	})
}
