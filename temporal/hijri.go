package temporal

import (
	_ "embed"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

//go:generate go run gen_ummalqura.go

// ummalquraText is the Umm al-Qura table: for each Hijri year, the Gregorian
// date of 1 Muharram and the lengths of its twelve months. It is generated
// by gen_ummalqura.go from ICU's islamic-umalqura calendar data.
//
//go:embed ummalqura.txt
var ummalquraText string

// Range of Hijri years the Umm al-Qura table covers.
const (
	MinHijriYear = 1300
	MaxHijriYear = 1600
)

// ErrHijriRange is returned for Hijri dates outside the Umm al-Qura table
// (AH 1300–1600); khabar gives no value rather than a guessed one.
var ErrHijriRange = errors.New("temporal: Hijri date outside the Umm al-Qura table (AH 1300-1600)")

// uqYear is one year of the table.
type uqYear struct {
	start int32  // days since 1970-01-01 of 1 Muharram
	long  uint16 // bit m-1 set: month m has 30 days
}

var (
	uqOnce  sync.Once
	uqTable []uqYear
)

func table() []uqYear {
	uqOnce.Do(func() {
		t, err := parseUmmalqura(ummalquraText)
		if err != nil {
			panic(err) // the embedded file is checked by tests; this is a build defect
		}
		uqTable = t
	})
	return uqTable
}

func parseUmmalqura(s string) ([]uqYear, error) {
	t := make([]uqYear, 0, MaxHijriYear-MinHijriYear+1)
	for n, line := range strings.Split(s, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 3 || len(f[2]) != 12 {
			return nil, fmt.Errorf("ummalqura.txt:%d: malformed line %q", n+1, line)
		}
		y, err := strconv.Atoi(f[0])
		if err != nil || y != MinHijriYear+len(t) {
			return nil, fmt.Errorf("ummalqura.txt:%d: year %q out of sequence", n+1, f[0])
		}
		d, err := time.Parse(time.DateOnly, f[1])
		if err != nil {
			return nil, fmt.Errorf("ummalqura.txt:%d: %w", n+1, err)
		}
		var long uint16
		for i, c := range f[2] {
			switch c {
			case '1':
				long |= 1 << i
			case '0':
			default:
				return nil, fmt.Errorf("ummalqura.txt:%d: bad month lengths %q", n+1, f[2])
			}
		}
		start := int32(d.Unix() / 86400)
		if len(t) > 0 {
			prev := t[len(t)-1]
			if start != prev.start+int32(yearDays(prev)) {
				return nil, fmt.Errorf("ummalqura.txt:%d: year %d does not follow year %d", n+1, y, y-1)
			}
		}
		t = append(t, uqYear{start: start, long: long})
	}
	if len(t) != MaxHijriYear-MinHijriYear+1 {
		return nil, fmt.Errorf("ummalqura.txt: %d years, want %d", len(t), MaxHijriYear-MinHijriYear+1)
	}
	return t, nil
}

func yearDays(y uqYear) int {
	n := 0
	for m := 1; m <= 12; m++ {
		n += monthDays(y, m)
	}
	return n
}

func monthDays(y uqYear, m int) int {
	if y.long&(1<<(m-1)) != 0 {
		return 30
	}
	return 29
}

// HijriMonthLength returns the number of days (29 or 30) of Hijri month m
// of year y in the Umm al-Qura calendar.
func HijriMonthLength(y, m int) (int, error) {
	if m < 1 || m > 12 {
		return 0, fmt.Errorf("temporal: Hijri month %d: out of range 1-12", m)
	}
	if y < MinHijriYear || y > MaxHijriYear {
		return 0, fmt.Errorf("year %d AH: %w", y, ErrHijriRange)
	}
	return monthDays(table()[y-MinHijriYear], m), nil
}

// HijriToGregorian converts the Umm al-Qura date y/m/d (AH) to a Gregorian
// date at midnight UTC. It fails for impossible dates and for years outside
// the table (ErrHijriRange).
func HijriToGregorian(y, m, d int) (time.Time, error) {
	n, err := HijriMonthLength(y, m)
	if err != nil {
		return time.Time{}, err
	}
	if d < 1 || d > n {
		return time.Time{}, fmt.Errorf("temporal: Hijri date %d-%02d-%02d: month has %d days", y, m, d, n)
	}
	yr := table()[y-MinHijriYear]
	days := int(yr.start)
	for i := 1; i < m; i++ {
		days += monthDays(yr, i)
	}
	return time.Unix(int64(days+d-1)*86400, 0).UTC(), nil
}

// GregorianToHijri converts the calendar date of t (its year, month and
// day, whatever its location) to the Umm al-Qura date. It fails with
// ErrHijriRange outside the table.
func GregorianToHijri(t time.Time) (y, m, d int, err error) {
	days := int32(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC).Unix() / 86400)
	tb := table()
	last := tb[len(tb)-1]
	if days < tb[0].start || days >= last.start+int32(yearDays(last)) {
		return 0, 0, 0, fmt.Errorf("%s: %w", t.Format(time.DateOnly), ErrHijriRange)
	}
	lo, hi := 0, len(tb)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if tb[mid].start <= days {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	yr := tb[lo]
	off := int(days - yr.start)
	m = 1
	for off >= monthDays(yr, m) {
		off -= monthDays(yr, m)
		m++
	}
	return MinHijriYear + lo, m, off + 1, nil
}
