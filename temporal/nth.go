package temporal

import "time"

// Kinds of thing counted within a month by nth.
const (
	nthWeekday = iota + 1
	nthDay
	nthWeek
)

// nthWord parses an ordinal or "last" word at i (ثالث, الثالث, آخر,
// الأخير); last is reported as -1.
func (p *parser) nthWord(i int, first bool) (n, j int, ok bool) {
	t := p.at(i)
	switch {
	case t.kind != tWord || (t.clitR != 0 && !first):
		return 0, i, false
	case t.e.cls == cLast || (t.e.cls == cPart && t.e.val == partEnd && !t.def):
		return -1, i + 1, true
	case t.clitR != 0:
		// وأول أسبوع: ordinal accepts no clitic; read the word alone.
		if t.e.cls == cOrd && t.e.aux == 0 && t.e.val >= 1 && t.e.val <= 10 {
			return int(t.e.val), i + 1, true
		}
		return 0, i, false
	}
	return p.ordinal(i)
}

// monthRef parses the month an nth expression counts in: [من|في] month
// [[من|في] [عام|سنة] year | السنة القادمة], or [من] الشهر المقبل.
func (p *parser) monthRef(i int) (y, m, j int, ok bool) {
	k := i
	if p.fn(k, fnMin) || p.fn(k, fnFi) {
		k++
	} else if p.at(k).clitR == 0 {
		return 0, 0, i, false // "بايلول", "بشهر": the ب is the connector
	}
	if p.isUnitDef(k, uMonth) {
		if v, ok := p.mod(k + 1); ok && p.hasRef {
			d := day{y: p.ref.Year(), m: int(p.ref.Month())}.addMonths(v)
			return d.y, d.m, k + 2, true
		}
		if _, _, ok := p.ordinal(k + 1); !ok {
			return 0, 0, i, false
		}
	}
	m, cal, k, _, okm := p.month(k)
	if !okm || cal != calGregorian {
		return 0, 0, i, false
	}
	kk := k
	if p.fn(kk, fnMin) || p.fn(kk, fnFi) {
		kk++
	}
	if yy, era, j, _, ok := p.year(kk); ok && era != calHijri && p.at(kk).clitR <= 1 {
		return yy, m, j, true
	}
	if p.isUnitDef(k, uYear) {
		if v, ok := p.mod(k + 1); ok && p.hasRef {
			return p.ref.Year() + v, m, k + 2, true
		}
	}
	if !p.hasRef {
		return 0, m, k, true
	}
	y, found := p.inferYear(p.dirFor(false, 0), func(y int) (time.Time, bool) {
		if p.dirFor(false, 0) > 0 {
			return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC), true
		}
		return time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC), true
	})
	return y, m, k, found
}

// nth handles counting within a month: ثالث ثلاثاء في أيلول 2014, آخر اثنين
// من شهر آذار, الثلاثاء الثالث من شهر أيلول, اليوم الأخير من شهر عشرة,
// أول أسبوع بشهر أكتوبر 2014.
func (p *parser) nth(i int) int {
	k := i
	n, kind, wd := 0, 0, time.Weekday(0)
	if v, j, ok := p.nthWord(k, true); ok {
		// ORD [يوم] WEEKDAY | ORD يوم | ORD أسبوع
		n, k = v, j
		switch {
		case p.isDayWord(k) && p.cls(k+1, cWeekday):
			kind, wd, k = nthWeekday, time.Weekday(p.at(k+1).e.val), k+2
		case p.cls(k, cWeekday) && p.at(k).clitR == 0:
			kind, wd, k = nthWeekday, time.Weekday(p.at(k).e.val), k+1
		case p.isDayWord(k):
			kind, k = nthDay, k+1
		case p.isUnitWord(k, uWeek, false):
			kind, k = nthWeek, k+1
		default:
			return i
		}
	} else {
		// WEEKDAY ORD | اليوم ORD | الأسبوع ORD
		switch {
		case p.cls(k, cWeekday) && !p.at(k).e.weak:
			kind, wd = nthWeekday, time.Weekday(p.at(k).e.val)
		case p.isUnitDef(k, uDay):
			kind = nthDay
		case p.isUnitDef(k, uWeek):
			kind = nthWeek
		default:
			return i
		}
		v, j, ok := p.nthWord(k+1, false)
		if !ok {
			return i
		}
		n, k = v, j
		if kind == nthWeekday && n > 0 {
			// "الثلاثاء الأولى من أكتوبر" names day 1 when that is a
			// Tuesday: then absolute reads it as a day.
			if y, m, _, ok := p.monthRef(k); ok && y != 0 && validGregorian(y, m, n) && (day{y: y, m: m, d: n}).time().Weekday() == wd {
				return i
			}
		}
	}
	if n == 0 || n > 31 || (kind != nthDay && n > 5) {
		return i
	}
	y, m, j, ok := p.monthRef(k)
	if !ok {
		return i
	}
	if y == 0 {
		g := Day
		if kind == nthWeek {
			g = Week
		}
		p.span(i, j, Expr{Grain: g, Note: noteNoRef})
		return j
	}
	if !validGregorian(y, m, 0) {
		return i
	}
	last := daysIn(y, m)
	x := Expr{Grain: Day}
	switch kind {
	case nthDay:
		d := n
		if n < 0 {
			d = last
		}
		if d > last {
			return i
		}
		x.Value = day{y: y, m: m, d: d}.String()
	case nthWeekday:
		first := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
		var t time.Time
		if n > 0 {
			t = first.AddDate(0, 0, (int(wd)-int(first.Weekday())+7)%7+7*(n-1))
		} else {
			end := time.Date(y, time.Month(m), last, 0, 0, 0, 0, time.UTC)
			t = end.AddDate(0, 0, -((int(end.Weekday()) - int(wd) + 7) % 7))
		}
		if int(t.Month()) != m {
			return i
		}
		x.Value = dayOf(t).String()
	case nthWeek:
		// Weeks run Monday to Sunday; the first is the one whose Monday is
		// the month's first Monday, the last the last one wholly inside it.
		first := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
		mon := first.AddDate(0, 0, (8-int(first.Weekday()))%7)
		var t time.Time
		if n > 0 {
			t = mon.AddDate(0, 0, 7*(n-1))
		} else {
			end := time.Date(y, time.Month(m), last, 0, 0, 0, 0, time.UTC)
			sun := end.AddDate(0, 0, -(int(end.Weekday())))
			t = sun.AddDate(0, 0, -6)
		}
		if int(t.Month()) != m || t.AddDate(0, 0, 6).Month() != time.Month(m) {
			return i
		}
		x.Grain = Week
		x.Value = isoWeek(t)
	}
	p.span(i, j, x)
	return j
}

// isUnitWord reports whether token i is the singular unit word u, definite
// or not as def says.
func (p *parser) isUnitWord(i, u int, def bool) bool {
	t := p.at(i)
	return t.kind == tWord && t.e.cls == cUnit && int(t.e.val) == u && t.e.aux&fSing != 0 && t.def == def && t.clitR == 0
}
