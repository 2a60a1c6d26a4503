package temporal

import "time"

// holidays maps the normalized word after عيد (or رأس السنة) to its date in
// a Gregorian year.
var holidays = map[string]func(y int) (time.Time, bool){
	normString("الفطر"):     hijriFeast(10, 1),
	normString("الأضحى"):    hijriFeast(12, 10),
	normString("الميلاد"):   func(y int) (time.Time, bool) { return time.Date(y, 12, 25, 0, 0, 0, 0, time.UTC), true },
	normString("الفصح"):     func(y int) (time.Time, bool) { return easter(y), true },
	normString("الهجرية"):   hijriFeast(1, 1),
	normString("الميلادية"): func(y int) (time.Time, bool) { return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), true },
}

// hijriFeast returns the date of Hijri day m/d falling in a Gregorian year.
func hijriFeast(m, d int) func(y int) (time.Time, bool) {
	return func(y int) (time.Time, bool) {
		for h := (y-622)*33/32 - 2; h <= (y-622)*33/32+3; h++ {
			if t, err := HijriToGregorian(h, m, d); err == nil && t.Year() == y {
				return t, true
			}
		}
		return time.Time{}, false
	}
}

// easter returns Western Easter Sunday of year y (the anonymous Gregorian
// computus).
func easter(y int) time.Time {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	dd := (h+l-7*m+114)%31 + 1
	return time.Date(y, time.Month(month), dd, 0, 0, 0, 0, time.UTC)
}

// holiday handles عيد الفطر, عيد الأضحى, عيد الميلاد, عيد الفصح and رأس
// السنة الهجرية/الميلادية, with an optional year.
func (p *parser) holiday(i int) int {
	if !p.cls(i, cHoliday) {
		return i
	}
	k := i + 1
	if p.norm(i) == normString("رأس") {
		if !p.isUnitDef(k, uYear) {
			return i
		}
		k++
	}
	at, ok := holidays[p.norm(k)]
	if !ok {
		return i
	}
	k++
	if p.fn(k, fnMubarak) {
		k++
	}
	x := Expr{Grain: Day}
	if h := p.norm(k - 1); h == normString("الفطر") || h == normString("الأضحى") || h == normString("الهجرية") {
		x.Calendar = "hijri"
	}
	if y, era, j, _, ok := p.year(k); ok && era != calHijri && y >= 1 && y <= 9999 {
		if t, ok := at(y); ok {
			x.Value = dayOf(t).String()
		} else {
			x.Note = noteHijriRange
		}
		p.span(i, j, x)
		return j
	}
	if !p.hasRef {
		x.Note = noteNoRef
		p.span(i, k, x)
		return k
	}
	dir := p.dirFor(false, 0)
	var best time.Time
	found := false
	for _, y := range []int{p.ref.Year() - 1, p.ref.Year(), p.ref.Year() + 1} {
		if t, ok := at(y); ok && better(dir, p.ref, t, best, found) {
			best, found = t, true
		}
	}
	if found {
		x.Value = dayOf(best).String()
	}
	p.span(i, k, x)
	return k
}
