package temporal

import (
	"errors"
	"fmt"
	"time"
)

// abs is a parsed calendar date phrase before resolution.
type abs struct {
	wd        int // weekday named with it, or -1
	d, d2     int // day (0: none) and last day of a day range (0: none)
	m, cal    int // month and its calendar
	y, era    int // year (0: none) and explicit era marker
	hasMod    bool
	mod       int // الماضي -1, المقبل +1
	yearGiven bool
	at        int // the token the phrase starts at, for tense cues
}

// Notes.
const (
	noteHijriRange = "Hijri year outside the Umm al-Qura table (AH 1300-1600)"
	noteNoRef      = "relative: no reference date"
)

// absDate parses a calendar date phrase at i:
// [يوم] [weekday [،] [الموافق]] (day [-|إلى day] [من] month | month [day-day]) [،] [year] [الماضي|المقبل].
func (p *parser) absDate(i int) (a abs, j int, ok bool) {
	a.wd = -1
	a.at = i
	k := i
	if t := p.at(k); t.kind == tWord && t.e.cls == cUnit && t.e.val == uDay && t.e.aux&fSing != 0 && !t.def && p.cls(k+1, cWeekday) {
		k++
	}
	if t := p.at(k); t.kind == tWord && t.e.cls == cWeekday && !t.e.weak {
		a.wd = int(t.e.val)
		k++
		if p.isComma(k) {
			k++
		}
		if p.fn(k, fnMuwafiq) || p.fn(k, fnFi) {
			k++
		}
		if y, m, d, cal, j, ok := p.numDate(k, true); ok && m != 0 {
			a.y, a.m, a.d, a.cal, a.yearGiven = y, m, d, cal, y != 0
			if cal == calHijri {
				a.era = calHijri
			}
			return a, j, true
		}
	}
	d, k2, okd := p.dayNum(k)
	if !okd && p.isDayWord(k) && p.punct(k+1, '(') {
		// A day in parentheses after يوم: يوم (19) شوال.
		if v, nd, ok := p.num(k + 2); ok && nd <= 2 && v >= 1 && v <= 31 && p.punct(k+3, ')') {
			if _, _, _, _, ok := p.month(k + 4); ok {
				d, k2, okd, k = v, k+4, true, k+1
			}
		}
	}
	if okd && p.at(k).kind == tWord && p.cls(k-1, cCard) {
		return a, i, false // العشرة الأولى من رمضان: the first ten days, not day 1
	}
	if okd {
		a.d = d
		k = k2
		if p.isDash(k) || p.fn(k, fnIla) || (p.fn(k, fnWa) && p.fn(i-1, fnBayna)) {
			if d2, k3, ok := p.dayNum(k + 1); ok && d2 > d {
				a.d2, k = d2, k3
			}
		}
		if p.fn(k, fnMin) {
			k++
		} else if p.punct(k, '.', '-', '/') && !p.at(k).gap {
			if _, _, _, _, ok := p.month(k + 1); ok {
				k++ // 2. أكتوبر, 2- أكتوبر
			}
		}
	}
	monthAt := k
	m, cal, k, weak, okm := p.month(k)
	if !okm {
		return a, i, false
	}
	a.m, a.cal = m, cal
	if !okd {
		// Month first: "يوليو 13-15", "تموز 13 الى 15".
		if d, k2, ok := p.dayNum(k); ok && (p.isDash(k2) || p.fn(k2, fnIla)) {
			if d2, k3, ok := p.dayNum(k2 + 1); ok && d2 > d {
				a.d, a.d2, k = d, d2, k3
			}
		}
	}
	kk := k
	if p.isComma(kk) {
		kk++
	}
	if y, era, j, _, ok := p.year(kk); ok {
		a.y, a.era, a.yearGiven, k = y, era, true, j
	} else if v, ok := p.mod(k); ok {
		a.hasMod, a.mod = true, v
		k++
	} else if off, j, ok := p.relYear(k); ok && cal == calGregorian {
		a.y, a.yearGiven, k = p.ref.Year()+off, true, j // يونيو العام المقبل, مارس من العام الماضي
	} else if cal == calHijri && p.fn(k, fnMubarak) {
		k++ // رمضان المبارك: not the name رمضان
		weak = false
	}
	switch {
	case weak && okd && p.cls(monthAt-1, cOrd) && !a.yearGiven:
		return a, i, false // أول أب is a first father; الأول من صفر and غرة صفر are dates
	case a.d == 0 && !a.yearGiven && !a.hasMod:
		// A month name alone: only after شهر or a preposition (في مارس);
		// of the names that are also words or names, only رمضان, شعبان and
		// محرم, and only after a preposition (في رمضان, not رمضان عبدالله).
		explicit := p.cls(monthAt, cUnit)
		prep := p.fn(monthAt-1, fnFi) || p.fn(monthAt-1, fnMundhu) || p.fn(monthAt-1, fnIla) || p.fn(monthAt-1, fnKhilal)
		if !explicit && !prep {
			return a, i, false
		}
		if weak && !(prep && cal == calHijri && (m == 9 || m == 8 || m == 1)) {
			return a, i, false
		}
		if a.wd >= 0 {
			return a, i, false
		}
	case weak && a.d == 0 && !a.yearGiven && !(cal == calHijri && (m == 9 || m == 8 || m == 1)):
		return a, i, false // رجب الماضي may be a man; رمضان الماضي is the month
	}
	return a, k, true
}

// numDate parses a numeric date at i: d/m/yyyy, yyyy-mm-dd, d-m-yyyy,
// d.m.yyyy, and, when short is set, d/m without a year (y = 0). An era
// marker after the year is consumed: هـ makes the date Hijri (Saudi
// official style, often spaced: 26 / 9 / 1436هـ); spaces around the
// separators are accepted only with a marker. A year of 1300-1600 without
// a marker is taken as Hijri too (no Gregorian news date has such a year).
// Impossible dates are reported with ok and m == 0.
func (p *parser) numDate(i int, short bool) (y, m, d, cal, j int, ok bool) {
	if p.punct(i-1, '/', '-', '.') && p.at(i-2).kind == tNum {
		return 0, 0, 0, 0, i, false
	}
	return p.numDateAt(i, short)
}

// numDateAt is numDate without the check that no number precedes i.
func (p *parser) numDateAt(i int, short bool) (y, m, d, cal, j int, ok bool) {
	n1, nd1, ok1 := p.num(i)
	if !ok1 {
		return 0, 0, 0, 0, i, false
	}
	sep := p.at(i + 1)
	if sep.kind != tPunct || (sep.p != '/' && sep.p != '-' && sep.p != '.') {
		return 0, 0, 0, 0, i, false
	}
	n2, nd2, ok2 := p.num(i + 2)
	if !ok2 || nd2 > 2 {
		return 0, 0, 0, 0, i, false
	}
	spaced := sep.gap || p.at(i+2).gap
	sep2 := p.at(i + 3)
	if sep2.kind == tPunct && sep2.p == sep.p && p.at(i+4).kind == tNum {
		spaced = spaced || sep2.gap || p.at(i+4).gap
		n3, nd3, ok3 := p.num(i + 4)
		if !ok3 || (p.punct(i+5, sep.p) && p.at(i+6).kind == tNum) {
			return 0, 0, 0, 0, i, false
		}
		switch {
		case nd1 == 4 && nd3 <= 2:
			y, m, d = n1, n2, n3
		case nd1 <= 2 && nd3 == 4:
			y, m, d = n3, n2, n1
		default:
			return 0, 0, 0, 0, i, false
		}
		j, cal = i+5, calGregorian
		if t := p.at(j); t.kind == tWord && t.e.cls == cEra && t.clitR == 0 {
			cal = int(t.e.val)
			j++
		} else if spaced {
			return 0, 0, 0, 0, i, false
		} else if y >= MinHijriYear && y <= MaxHijriYear {
			cal = calHijri
		}
		if cal == calHijri {
			if d < 1 || d > 30 || m < 1 || m > 12 {
				return 0, 0, 0, 0, j, true
			}
			return y, m, d, cal, j, true
		}
		if !validGregorian(y, m, d) || d == 0 {
			return 0, 0, 0, 0, j, true
		}
		return y, m, d, cal, j, true
	}
	if short && !spaced && sep.p == '/' && nd1 <= 2 && !p.punct(i+3, '/', '-', '.', ':') {
		if n2 >= 1 && n2 <= 12 && n1 >= 1 && n1 <= 31 {
			return 0, n2, n1, calGregorian, i + 3, true
		}
	}
	return 0, 0, 0, 0, i, false
}

// numeric handles a standalone numeric date (13/9/2023, 2023-09-13, 2/2013,
// 26/9/1436هـ).
func (p *parser) numeric(i int) int {
	if p.at(i).kind != tNum {
		return i
	}
	if j := p.numDayRange(i); j > i {
		return j
	}
	if y, m, d, cal, j, ok := p.numDate(i, false); ok {
		if m == 0 {
			return j
		}
		if cal == calHijri {
			x, ok := p.resolveHijri(abs{y: y, m: m, d: d, cal: cal, era: calHijri, yearGiven: true, wd: -1})
			if ok {
				p.span(i, j, x)
			}
			return j
		}
		p.span(i, j, Expr{Value: day{y: y, m: m, d: d}.String(), Grain: Day})
		return j
	}
	// m/yyyy
	n1, nd1, _ := p.num(i)
	if p.punct(i+1, '/') && !p.at(i+1).gap && !p.at(i+2).gap && !p.punct(i-1, '/') {
		if n2, nd2, ok := p.num(i + 2); ok && nd2 == 4 && nd1 <= 2 && n1 >= 1 && n1 <= 12 && !p.punct(i+3, '/') && n2 >= 1 {
			p.span(i, i+3, Expr{Value: day{y: n2, m: n1}.String(), Grain: Month})
			return i + 3
		}
	}
	return i
}

// absolute handles calendar date phrases, double dates (… هـ الموافق … م)
// and ranges of them.
func (p *parser) absolute(i int) int {
	a, j, ok := p.absDate(i)
	if !ok {
		return i
	}
	x, ok := p.resolveAbs(a)
	start := i
	if a.d2 != 0 && (p.fn(i-1, fnMin) || p.fn(i-1, fnBayna)) {
		start = i - 1
	}
	// Double date: the same day in two calendars.
	if p.fn(j, fnMuwafiq) || ((p.punct(j, '(') || p.isComma(j)) && p.fn(j+1, fnMuwafiq)) {
		k := j + 1
		if !p.fn(j, fnMuwafiq) {
			k++
		}
		if b, j2, ok2 := p.absDate(k); ok2 && b.d2 == 0 {
			if y, ok3 := p.resolveAbs(b); ok3 {
				if p.punct(j2, ')') && p.punct(j, '(') {
					j2++
				}
				if ok && x.Value != "" && y.Value != "" && x.Value != y.Value && x.Grain == Day && y.Grain == Day {
					y.Note = fmt.Sprintf("calendars disagree: %s read as %s", x.Calendar, x.Value)
				}
				y.Calendar = x.Calendar
				if !ok {
					y.Note = "first date of double date invalid"
				}
				x, ok, j = y, true, j2
			}
		}
	}
	if !ok {
		return j // an impossible date: consumed, not reported
	}
	// A range of full dates: "من 13 تموز الى 15 تموز".
	if a.d2 == 0 && a.d != 0 && (p.fn(j, fnIla) || p.isDash(j)) {
		if b, j2, ok2 := p.absDate(j + 1); ok2 && b.d2 == 0 && b.d != 0 && b.cal == a.cal {
			if !a.yearGiven && b.yearGiven {
				a.y, a.era, a.yearGiven = b.y, b.era, true
				if a.m > b.m {
					a.y--
				}
				x, ok = p.resolveAbs(a)
			}
			if y, ok3 := p.resolveAbs(b); ok3 && ok && x.Value != "" && y.Value != "" && x.Value < y.Value {
				x.Interval = x.Value + "/" + y.Value
				j = j2
				if p.fn(i-1, fnMin) {
					start = i - 1
				}
			}
		}
	}
	p.span(start, j, x)
	return j
}

// resolveAbs gives a parsed date phrase its value. ok is false for
// impossible dates.
func (p *parser) resolveAbs(a abs) (x Expr, ok bool) {
	if a.cal == calHijri {
		return p.resolveHijri(a)
	}
	x.Grain = Day
	if a.d == 0 {
		x.Grain = Month
	}
	y := a.y
	if !a.yearGiven {
		if !p.hasRef {
			if !validGregorian(2000, a.m, a.d) { // 2000 is a leap year
				return x, false
			}
			x.Note = noteNoRef
			return x, true
		}
		dir := p.dirFor(a.hasMod, a.mod)
		if dir == 0 && !a.hasMod && p.opt.Prefer == PreferNews {
			// The clause's tense: under a past verb a month later in the
			// year than the reference is last year's, under a scheduling
			// word or a future verb it is this year's.
			dir = p.tenseBefore(a.at)
		}
		var found bool
		y, found = p.inferYear(dir, func(y int) (time.Time, bool) {
			if !validGregorian(y, a.m, a.d) {
				return time.Time{}, false
			}
			if a.d == 0 || (dir > 0 && !a.hasMod) {
				// Month grain, or the future preference, which like
				// Duckling keeps a day of the current month in this year.
				if dir > 0 {
					return time.Date(y, time.Month(a.m)+1, 0, 0, 0, 0, 0, time.UTC), true
				}
				return time.Date(y, time.Month(a.m), 1, 0, 0, 0, 0, time.UTC), true
			}
			return time.Date(y, time.Month(a.m), a.d, 0, 0, 0, 0, time.UTC), true
		})
		if !found {
			return x, false
		}
	}
	if !validGregorian(y, a.m, a.d) || (a.d2 != 0 && !validGregorian(y, a.m, a.d2)) {
		return x, false
	}
	v := day{y: y, m: a.m, d: a.d}
	x.Value = v.String()
	if a.d2 != 0 {
		x.Interval = x.Value + "/" + day{y: y, m: a.m, d: a.d2}.String()
	}
	if a.wd >= 0 && a.d != 0 && int(v.time().Weekday()) != a.wd {
		x.Note = "weekday does not match the date"
	}
	return x, true
}

// resolveHijri converts a Hijri date phrase to Gregorian.
func (p *parser) resolveHijri(a abs) (x Expr, ok bool) {
	x.Calendar = "hijri"
	x.Grain = Day
	if a.d == 0 {
		x.Grain = Month
	}
	hy := a.y
	switch {
	case a.yearGiven && a.era != calGregorian && (a.era == calHijri || hy < 1700):
	case a.yearGiven:
		// A Hijri month in a Gregorian year (رمضان 2019): the one that starts in it.
		found := false
		for h := (a.y-622)*33/32 - 2; h <= (a.y-622)*33/32+3; h++ {
			if t, err := HijriToGregorian(h, a.m, 1); err == nil && t.Year() == a.y {
				hy, found = h, true
				break
			}
		}
		if !found {
			x.Note = noteHijriRange
			return x, true
		}
	case !p.hasRef:
		if a.d > 30 {
			return x, false
		}
		x.Note = noteNoRef
		return x, true
	default:
		ry, _, _, err := GregorianToHijri(p.ref)
		if err != nil {
			x.Note = noteHijriRange
			return x, true
		}
		dir := p.dirFor(a.hasMod, a.mod)
		best, found := 0, false
		var bestT time.Time
		for _, h := range []int{ry - 1, ry, ry + 1} {
			d := max(a.d, 1)
			t, err := HijriToGregorian(h, a.m, d)
			if err != nil {
				continue
			}
			if better(dir, p.ref, t, bestT, found) {
				best, bestT, found = h, t, true
			}
		}
		if !found {
			return x, false
		}
		hy = best
	}
	if a.d == 0 {
		t0, err := HijriToGregorian(hy, a.m, 1)
		if err != nil {
			if errors.Is(err, ErrHijriRange) {
				x.Note = noteHijriRange
				return x, true
			}
			return x, false
		}
		n, _ := HijriMonthLength(hy, a.m)
		x.Value = fmt.Sprintf("%04d-%02dH", hy, a.m)
		x.Interval = dayOf(t0).String() + "/" + dayOf(t0.AddDate(0, 0, n-1)).String()
		return x, true
	}
	t, err := HijriToGregorian(hy, a.m, a.d)
	if err != nil {
		if errors.Is(err, ErrHijriRange) {
			x.Note = noteHijriRange
			return x, true
		}
		return x, false
	}
	x.Value = dayOf(t).String()
	if a.d2 != 0 {
		t2, err := HijriToGregorian(hy, a.m, a.d2)
		if err != nil {
			return x, false
		}
		x.Interval = x.Value + "/" + dayOf(t2).String()
	}
	return x, true
}

// dirFor returns the direction to resolve an incomplete date in: -1 past,
// +1 future, 0 nearest.
func (p *parser) dirFor(hasMod bool, mod int) int {
	if hasMod && mod != 0 {
		return mod
	}
	switch p.opt.Prefer {
	case PreferPast:
		return -1
	case PreferFuture:
		return 1
	}
	return 0
}

// better reports whether candidate t beats best (valid when have) for
// direction dir around ref: dir < 0 wants the latest t <= ref, dir > 0 the
// earliest t >= ref, dir 0 the nearest.
func better(dir int, ref, t, best time.Time, have bool) bool {
	switch {
	case dir < 0:
		return !t.After(ref) && (!have || t.After(best))
	case dir > 0:
		return !t.Before(ref) && (!have || t.Before(best))
	}
	if !have {
		return true
	}
	return absDur(t.Sub(ref)) < absDur(best.Sub(ref))
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// inferYear picks the year, among the reference year and its neighbours,
// whose date (built by at) best fits direction dir.
func (p *parser) inferYear(dir int, at func(y int) (time.Time, bool)) (int, bool) {
	best, found := 0, false
	var bestT time.Time
	for _, y := range []int{p.ref.Year() - 1, p.ref.Year(), p.ref.Year() + 1} {
		t, ok := at(y)
		if !ok {
			continue
		}
		if better(dir, p.ref, t, bestT, found) {
			best, bestT, found = y, t, true
		}
	}
	return best, found
}

// relYear parses a year relative to the reference after a month: [من]
// العام الماضي/المقبل/الجاري, [من] هذا العام. It needs a reference.
func (p *parser) relYear(i int) (off, j int, ok bool) {
	if !p.hasRef {
		return 0, i, false
	}
	k := i
	if p.fn(k, fnMin) {
		k++
	}
	if p.fn(k, fnHadha) && p.isUnitDef(k+1, uYear) {
		return 0, k + 2, true
	}
	if v, ok := p.mod(k + 1); ok && p.isUnitDef(k, uYear) {
		return v, k + 2, true
	}
	return 0, i, false
}

// numDayRange handles a range of days before a numeric date: 3-5/11/1436,
// من 3-5/11/1436هـ, 12-14/9/2015. The value is the first day, the
// interval the span.
func (p *parser) numDayRange(i int) int {
	d1, nd1, ok := p.num(i)
	if !ok || nd1 > 2 || d1 < 1 || !p.isDash(i+1) || p.at(i+1).gap || p.at(i+2).gap || p.punct(i-1, '/', '-', '.') {
		return i
	}
	y, m, d2, cal, j, ok := p.numDateAt(i+2, false)
	if !ok || m == 0 || d2 <= d1 {
		return i
	}
	a := abs{y: y, m: m, d: d1, d2: d2, cal: cal, yearGiven: true, wd: -1}
	if cal == calHijri {
		a.era = calHijri
	}
	x, ok := p.resolveAbs(a)
	if !ok {
		return j
	}
	if x.Interval == "" {
		return j // outside the Hijri table: reported by its parts, not as a range
	}
	start := i
	if p.fn(i-1, fnMin) {
		start = i - 1
	}
	p.span(start, j, x)
	return j
}
