package event

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/khabar/khabar"
)

// The Analysis's dates are looked up by position for every trigger: the
// date of its clause, whether its sentence has one. Scanning all of them
// each time is quadratic in a long text full of dates and events, so
// they are sorted by start once per document.

// dateRef is one of the Analysis's dates.
type dateRef struct {
	start, end int
	idx        int    // index in Analysis.Dates
	value      string // the date as an event's: YYYY, YYYY-MM or YYYY-MM-DD; "" for none
}

// datesFrom returns the dates that start in [s, e], ordered by start. A
// date that ends before it starts lies in no clause and is left out.
func (d *doc) datesFrom(s, e int) []dateRef {
	if d.dates == nil {
		d.dates = make([]dateRef, 0, len(d.a.Dates))
		for i, dt := range d.a.Dates {
			if dt.End >= dt.Start {
				d.dates = append(d.dates, dateRef{start: dt.Start, end: dt.End, idx: i, value: eventDate(dt)})
			}
		}
		slices.SortFunc(d.dates, func(a, b dateRef) int { return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.idx, b.idx)) })
	}
	i := sort.Search(len(d.dates), func(i int) bool { return d.dates[i].start >= s })
	j := i
	for j < len(d.dates) && d.dates[j].start <= e {
		j++
	}
	return d.dates[i:j]
}

// dateIn returns the event date of the first calendar date (not a
// duration) in [s, e), or "".
func (d *doc) dateIn(s, e int) string {
	best, value := -1, ""
	for _, dt := range d.datesFrom(s, e) {
		if dt.end <= e && dt.value != "" && (best < 0 || dt.idx < best) {
			best, value = dt.idx, dt.value
		}
	}
	return value
}

// eventDate returns a date as an event's date (YYYY, YYYY-MM or
// YYYY-MM-DD), or "" for a duration, a bare clock time or an unresolved
// date. A Gregorian day, month or year is its value; a day with a clock
// time (2015-08-12T21:00) is its day; a value of another form (a Hijri
// month 1436-09H or year 1436H, a quarter 2016-Q3, an ISO week 2015-W30)
// is the Gregorian month or year that holds all of it, from its Interval
// or its week's days (Ramadan 1436, 2015-06-18/2015-07-16, is 2015).
func eventDate(dt khabar.Date) string {
	v := dt.Value
	switch {
	case isCalendar(v):
		return v
	case len(v) > 10 && v[10] == 'T' && isCalendar(v[:10]):
		return v[:10]
	}
	a, b, ok := strings.Cut(dt.Interval, "/")
	if !ok && dt.Grain == "week" {
		var y, w int
		if n, err := fmt.Sscanf(v, "%4d-W%2d", &y, &w); err == nil && n == 2 && w >= 1 && w <= 53 {
			// The Monday of ISO week w: 4 January is always in week 1.
			jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
			mon := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(w-1))
			a, b, ok = mon.Format(time.DateOnly), mon.AddDate(0, 0, 6).Format(time.DateOnly), true
		}
	}
	if !ok || len(a) < 7 || len(b) < 7 || !isCalendar(a) || !isCalendar(b) {
		return ""
	}
	switch {
	case a[:7] == b[:7]:
		return a[:7]
	case a[:4] == b[:4]:
		return a[:4]
	}
	return ""
}

// sentHasDate reports whether sentence s holds a date, remembering the
// answer for the sentence's other triggers.
func (d *doc) sentHasDate(s int) bool {
	if d.hasDate == nil {
		d.hasDate = make([]int8, len(d.sents))
	}
	if d.hasDate[s] == 0 {
		d.hasDate[s] = -1
		for _, dt := range d.datesFrom(d.sents[s][0], d.sents[s][1]) {
			if dt.end <= d.sents[s][1] {
				d.hasDate[s] = 1
				break
			}
		}
	}
	return d.hasDate[s] > 0
}
