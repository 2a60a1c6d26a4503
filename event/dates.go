package event

import (
	"cmp"
	"slices"
	"sort"
)

// The Analysis's dates are looked up by position for every trigger: the
// date of its clause, whether its sentence has one. Scanning all of them
// each time is quadratic in a long text full of dates and events, so
// they are sorted by start once per document.

// dateRef is one of the Analysis's dates.
type dateRef struct {
	start, end int
	idx        int  // index in Analysis.Dates
	calendar   bool // the value is YYYY, YYYY-MM or YYYY-MM-DD
}

// datesFrom returns the dates that start in [s, e], ordered by start. A
// date that ends before it starts lies in no clause and is left out.
func (d *doc) datesFrom(s, e int) []dateRef {
	if d.dates == nil {
		d.dates = make([]dateRef, 0, len(d.a.Dates))
		for i, dt := range d.a.Dates {
			if dt.End >= dt.Start {
				d.dates = append(d.dates, dateRef{start: dt.Start, end: dt.End, idx: i, calendar: isCalendar(dt.Value)})
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

// dateIn returns the value of the first calendar date (not a duration)
// in [s, e), or "".
func (d *doc) dateIn(s, e int) string {
	best := -1
	for _, dt := range d.datesFrom(s, e) {
		if dt.end <= e && dt.calendar && (best < 0 || dt.idx < best) {
			best = dt.idx
		}
	}
	if best < 0 {
		return ""
	}
	return d.a.Dates[best].Value
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
