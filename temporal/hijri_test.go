package temporal

import (
	"errors"
	"testing"
	"time"
)

func TestHijriToGregorian(t *testing.T) {
	tests := []struct {
		y, m, d int
		want    string
	}{
		{1436, 10, 5, "2015-07-21"},  // the Saudi Press Agency dateline in DESIGN.md
		{1445, 1, 1, "2023-07-19"},   // Islamic new year 1445
		{1434, 10, 1, "2013-08-08"},  // Eid al-Fitr 1434
		{1434, 12, 10, "2013-10-15"}, // Eid al-Adha 1434
		{1440, 9, 1, "2019-05-06"},   // Ramadan 1440
		{1300, 1, 1, "1882-11-12"},   // first day of the table
	}
	for _, tt := range tests {
		got, err := HijriToGregorian(tt.y, tt.m, tt.d)
		if err != nil || got.Format(time.DateOnly) != tt.want {
			t.Errorf("HijriToGregorian(%d, %d, %d) = %v, %v; want %s", tt.y, tt.m, tt.d, got, err, tt.want)
		}
	}
	for _, bad := range [][3]int{{1299, 12, 1}, {1601, 1, 1}, {0, 1, 1}} {
		if _, err := HijriToGregorian(bad[0], bad[1], bad[2]); !errors.Is(err, ErrHijriRange) {
			t.Errorf("HijriToGregorian(%v): err %v, want ErrHijriRange", bad, err)
		}
	}
	for _, bad := range [][3]int{{1436, 13, 1}, {1436, 1, 0}, {1436, 1, 31}} {
		if _, err := HijriToGregorian(bad[0], bad[1], bad[2]); err == nil {
			t.Errorf("HijriToGregorian(%v): no error", bad)
		}
	}
}

// TestHijriRoundTrip converts every day of the table both ways.
func TestHijriRoundTrip(t *testing.T) {
	start, _ := HijriToGregorian(MinHijriYear, 1, 1)
	prev := start.AddDate(0, 0, -1)
	if _, _, _, err := GregorianToHijri(prev); !errors.Is(err, ErrHijriRange) {
		t.Errorf("GregorianToHijri(%v): err %v, want ErrHijriRange", prev, err)
	}
	days := 0
	for d := start; ; d = d.AddDate(0, 0, 1) {
		y, m, dd, err := GregorianToHijri(d)
		if err != nil {
			break
		}
		back, err := HijriToGregorian(y, m, dd)
		if err != nil || !back.Equal(d) {
			t.Fatalf("%v -> %d-%d-%d -> %v, %v", d, y, m, dd, back, err)
		}
		days++
	}
	if days < 106000 || days > 107000 { // 301 lunar years
		t.Errorf("table covers %d days", days)
	}
}

func TestParseUmmalquraErrors(t *testing.T) {
	for _, s := range []string{"1300 1882-11-12 10101010101", "1301 1882-11-12 101010101010", "1300 1882-13-12 101010101010", "1300 1882-11-12 10101010101x", ""} {
		if _, err := parseUmmalqura(s); err == nil {
			t.Errorf("parseUmmalqura(%q): no error", s)
		}
	}
}
