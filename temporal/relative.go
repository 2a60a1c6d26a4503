package temporal

import (
	"fmt"
	"time"
	"unicode/utf8"
)

// relative handles expressions resolved against the reference date: أمس,
// غدا, بعد غد, weekdays, الشهر الماضي, هذا الأسبوع and parts of periods
// (مطلع الشهر, منتصف مارس, أواخر العام).
func (p *parser) relative(i int) int {
	j := p.dayRel(i)
	if j == i {
		j = p.weekday(i)
	}
	if j == i {
		j = p.period(i)
	}
	if j == i {
		j = p.part(i)
	}
	if j == i {
		j = p.quarter(i)
	}
	return j
}

// emitRel records a relative expression whose value is built by val from
// the reference day.
func (p *parser) emitRel(i, j int, g Grain, val func(ref time.Time) string) {
	x := Expr{Grain: g}
	if p.hasRef {
		x.Value = val(p.ref)
	} else {
		x.Note = noteNoRef
	}
	p.span(i, j, x)
}

func dayValue(off int) func(time.Time) string {
	return func(ref time.Time) string { return dayOf(ref.AddDate(0, 0, off)).String() }
}

func isoWeek(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// isDayWord reports whether token i is يوم (singular, indefinite).
func (p *parser) isDayWord(i int) bool {
	t := p.at(i)
	return t.kind == tWord && t.e.cls == cUnit && t.e.val == uDay && t.e.aux&fSing != 0 && !t.def
}

// dayRel handles اليوم, أمس, أمس الأول, غدا, بعد غد, قبل أمس and their
// dialect forms.
func (p *parser) dayRel(i int) int {
	t := p.at(i)
	k := i
	if t.kind == tWord && t.e.cls == cDayRel && t.e.val == 0 && t.def && t.clitR == 0 && p.norm(i-1) == "عين" {
		return i + 1 // the newspaper عين اليوم
	}
	if p.isDayWord(k) || (t.kind == tWord && t.e.cls == cDayRel && t.e.val == 0 && p.at(k+1).e.cls != cOrd) {
		// يوم غد, اليوم الذي بعد الغد, اليوم الماضي
		k++
		if p.cls(k, cRelPron) || p.fn(k, fnIla) { // الي (dialect) folds like الى
			k++
		}
		if p.at(k).clitR != 0 {
			k = len(p.toks) // اليوم وغدا: two expressions
		}
		switch {
		case p.fn(k, fnGhad) || (p.cls(k, cDayRel) && p.at(k).e.val == 1):
			return p.emitDayOff(i, k+1, 1)
		case p.fn(k, fnBaad) && (p.fn(k+1, fnGhad) || (p.cls(k+1, cDayRel) && p.at(k+1).e.val == 1)):
			return p.emitDayOff(i, k+2, 2)
		case p.fn(k, fnQabl) && p.cls(k+1, cDayRel) && p.at(k+1).e.val == -1:
			return p.emitDayOff(i, k+2, -2)
		}
		if t.e.cls == cDayRel {
			if v, ok := p.mod(i + 1); ok && v == -1 {
				return p.emitDayOff(i, i+2, -1)
			}
			return p.emitDayOff(i, i+1, 0)
		}
		return i
	}
	switch {
	case t.kind == tWord && t.e.cls == cOrd && t.e.val == 1 && !t.def && p.fn(i+1, fnMin) && p.cls(i+2, cDayRel) && p.at(i+2).e.val == -1:
		return p.emitDayOff(i, i+3, -2) // أول من أمس
	case t.kind == tWord && t.e.cls == cOrd && t.e.val == 1 && !t.def && p.cls(i+1, cDayRel) && p.at(i+1).e.val == -1 && p.at(i+1).clitR == 0:
		return p.emitDayOff(i, i+2, -2) // أول أمس
	case t.kind == tWord && t.e.cls == cDayRel:
		off := int(t.e.val)
		if t.e.weak && (p.norm(i-1) == "عن" || (p.definiteNoun(i+1) && !p.cls(i+1, cPeriod))) {
			return i // عن بكرة أبيهم; بكرة القدم is ب + كرة
		}
		if off == -1 && p.at(i+1).e.cls == cOrd && p.at(i+1).e.val == 1 && p.at(i+1).clitR == 0 && p.at(i+1).def {
			return p.emitDayOff(i, i+2, -2) // أمس الأول
		}
		if off == 0 && t.def && p.at(i+1).kind == tWord && p.at(i+1).e.cls == cOrd && p.at(i+1).clitR == 0 && p.at(i+1).def {
			return i + 2 // اليوم الأول في المعسكر: a day counted, not today
		}
		return p.emitDayOff(i, i+1, off)
	case p.fn(i, fnBaad) && (p.fn(i+1, fnGhad) || (p.cls(i+1, cDayRel) && p.at(i+1).e.val == 1)):
		return p.emitDayOff(i, i+2, 2)
	case p.fn(i, fnQabl) && p.cls(i+1, cDayRel) && p.at(i+1).e.val == -1:
		return p.emitDayOff(i, i+2, -2)
	}
	return i
}

// emitDayOff records a day counted from the reference (أمس: -1) over
// tokens [i, j), with a weekday in apposition when one follows: اليوم
// (الاثنين), أمس السبت. The weekday wins over the reference when they
// disagree (a crawl date is often a day off the publication date): the
// value is the nearest such weekday, with a Note, and the reference moves
// by as much for the expressions after it. It returns the end.
func (p *parser) emitDayOff(i, j, off int) int {
	wd, j2 := -1, j
	switch {
	case p.punct(j, '(') && p.cls(j+1, cWeekday) && !p.at(j+1).e.weak && p.punct(j+2, ')'):
		wd, j2 = int(p.at(j+1).e.val), j+3
	case p.cls(j, cWeekday) && !p.at(j).e.weak && p.at(j).clitR == 0 && !p.isDash(j-1):
		wd, j2 = int(p.at(j).e.val), j+1
	}
	x := Expr{Grain: Day}
	if !p.hasRef {
		x.Note = noteNoRef
		p.span(i, j2, x)
		return j2
	}
	d := p.ref.AddDate(0, 0, off)
	if wd >= 0 && int(d.Weekday()) != wd {
		delta := (wd - int(d.Weekday()) + 7) % 7
		if delta > 3 {
			delta -= 7
		}
		d = d.AddDate(0, 0, delta)
		x.Note = "weekday differs from the reference; resolved by the weekday"
		// The text has stated its own day: later expressions count from it
		// (اليوم الأربعاء … في وقت لاحق اليوم is the same Wednesday).
		p.ref = p.ref.AddDate(0, 0, delta)
	}
	x.Value = dayOf(d).String()
	p.span(i, j2, x)
	return j2
}

// weekOffset parses "[من] (هذا الأسبوع | الأسبوع الماضي/الحالي/المقبل)" at i.
func (p *parser) weekOffset(i int) (off, j int, ok bool) {
	k := i
	if p.fn(k, fnMin) {
		k++
	}
	if p.fn(k, fnHadha) && p.isUnitDef(k+1, uWeek) {
		return 0, k + 2, true
	}
	if p.isUnitDef(k, uWeek) {
		if v, ok := p.mod(k + 1); ok {
			return v, k + 2, true
		}
	}
	return 0, i, false
}

// isUnitDef reports whether token i is the definite singular unit word u
// (الأسبوع, الشهر, العام, السنة).
func (p *parser) isUnitDef(i, u int) bool {
	t := p.at(i)
	if t.kind != tWord || !t.def {
		return false
	}
	if t.e.cls == cUnit && int(t.e.val) == u && t.e.aux&fSing != 0 {
		return true
	}
	return u == uDay && t.e.cls == cDayRel && t.e.val == 0
}

// weekday handles a weekday name: الخميس, يوم الخميس, الخميس الماضي,
// الخميس المقبل, أحد الأسبوع الماضي, السبت السادس عشر (a day of the
// reference month).
func (p *parser) weekday(i int) int {
	k := i
	if p.fn(k, fnHadha) && p.cls(k+1, cWeekday) { // هذا الاثنين
		k++
	} else if p.isDayWord(k) && p.cls(k+1, cWeekday) {
		k++
	}
	t := p.at(k)
	if t.kind != tWord || t.e.cls != cWeekday {
		return i
	}
	wd := time.Weekday(t.e.val)
	k++
	if off, j, ok := p.weekOffset(k); ok {
		p.emitRel(i, j, Day, func(ref time.Time) string {
			mon := ref.AddDate(0, 0, -((int(ref.Weekday())+6)%7)+7*off)
			return dayOf(mon.AddDate(0, 0, (int(wd)+6)%7)).String()
		})
		return j
	}
	if t.e.weak {
		return i
	}
	if v, ok := p.mod(k); ok && v != 0 {
		p.emitRel(i, k+1, Day, func(ref time.Time) string { return dayOf(nextWeekday(ref, wd, v, false)).String() })
		return k + 1
	}
	// A day of the reference month: السبت السادس عشر [من هذا الشهر].
	if d, j, ok := p.ordinal(k); ok && d >= 1 && d <= 31 && p.at(k).def {
		if p.fn(j, fnMin) && ((p.fn(j+1, fnHadha) && p.isUnitDef(j+2, uMonth)) || (p.isUnitDef(j+1, uMonth) && p.mod0(j+2))) {
			j += 3
		}
		x := Expr{Grain: Day}
		if !p.hasRef {
			x.Note = noteNoRef
		} else {
			y, m := p.ref.Year(), int(p.ref.Month())
			if !validGregorian(y, m, d) {
				return i
			}
			v := day{y: y, m: m, d: d}
			x.Value = v.String()
			if v.time().Weekday() != wd {
				x.Note = "weekday does not match the date"
			}
		}
		p.span(i, j, x)
		return j
	}
	dir := p.dirFor(false, 0)
	if p.opt.Prefer == PreferNews {
		dir = -1
		if p.tenseBefore(i) > 0 {
			dir = 1
		}
	}
	p.emitRel(i, k, Day, func(ref time.Time) string { return dayOf(nextWeekday(ref, wd, dir, dir < 0)).String() })
	return k
}

// mod0 reports whether token i is الجاري/الحالي.
func (p *parser) mod0(i int) bool {
	v, ok := p.mod(i)
	return ok && v == 0
}

// nextWeekday returns the weekday wd nearest ref in direction dir (-1 back,
// +1 forward); inclusive allows ref itself.
func nextWeekday(ref time.Time, wd time.Weekday, dir int, inclusive bool) time.Time {
	if dir < 0 {
		n := (int(ref.Weekday()) - int(wd) + 7) % 7
		if n == 0 && !inclusive {
			n = 7
		}
		return ref.AddDate(0, 0, -n)
	}
	n := (int(wd) - int(ref.Weekday()) + 7) % 7
	if n == 0 && !inclusive {
		n = 7
	}
	return ref.AddDate(0, 0, n)
}

// futureVerbBefore reports whether an imperfect or future verb (سيعقد,
// يعقد, ستبدأ) stands within three words before token i, in the same
// clause. The test is on form: س + a prefix of the imperfect (ي ت ن أ), or
// ي + at least three letters; a word in ت counts only right before the
// weekday, as verbal nouns in ت (توقيع) are common in news.
func (p *parser) futureVerbBefore(i int) bool {
	for k, n := i-1, 0; k >= 0 && n < 3; k-- {
		t := p.at(k)
		if t.kind == tPunct {
			if t.p == '،' || t.p == ',' {
				continue
			}
			return false
		}
		if t.kind != tWord {
			return false
		}
		n++
		if t.e.cls == cFunc || t.e.cls == cPeriod || t.e.cls == cUnit {
			continue
		}
		w := p.text[t.b0:t.b1]
		if r, n := utf8.DecodeRuneInString(w); utf8.RuneCountInString(w) > 4 && (r == 'و' || (r == 'ف' && w[n:n+2] == "س")) {
			w = w[n:] // وسيعقد, ويعقد, فسيعقد (but not فيسبوك)
		}
		r1, s1 := utf8.DecodeRuneInString(w)
		r2, _ := utf8.DecodeRuneInString(w[s1:])
		runes := utf8.RuneCountInString(w)
		switch {
		case r1 == 'س' && (r2 == 'ي' || r2 == 'ت' || r2 == 'ن' || r2 == 'أ') && runes >= 4 && !notFutureVerb(w):
			return true
		case r1 == 'ي' && runes >= 4:
			return true
		case r1 == 'ت' && k == i-1 && runes >= 3 && runes <= 5 && !hasSuffix(w, "ة", "ات", "ه"):
			return true
		}
	}
	return false
}

func hasSuffix(w string, ss ...string) bool {
	for _, s := range ss {
		if len(w) >= len(s) && w[len(w)-len(s):] == s {
			return true
		}
	}
	return false
}

// period handles الأسبوع/الشهر/العام الماضي/المقبل/الجاري and هذا الأسبوع,
// هذه السنة, في هذا اليوم.
func (p *parser) period(i int) int {
	k := i
	off, j := 0, 0
	switch {
	case p.fn(k, fnHadha):
		k++
		if !p.at(k).def {
			return i
		}
		off, j = 0, k+1
	default:
		v, ok := p.mod(k + 1)
		if !ok {
			return i
		}
		off, j = v, k+2
	}
	t := p.at(k)
	if t.kind != tWord || t.e.aux&fSing == 0 || !t.def {
		return i
	}
	u := 0
	switch {
	case t.e.cls == cUnit:
		u = int(t.e.val)
	case t.e.cls == cDayRel && t.e.val == 0 && off == 0:
		u = uDay
	default:
		return i
	}
	if u == uWeek {
		// الأسبوع المقبل [يوم] الجمعة: a day of that week.
		k2 := j
		if p.isDayWord(k2) {
			k2++
		}
		if t := p.at(k2); t.kind == tWord && t.e.cls == cWeekday && t.clitR == 0 {
			wd := int(t.e.val)
			p.emitRel(i, k2+1, Day, func(ref time.Time) string {
				mon := ref.AddDate(0, 0, -((int(ref.Weekday())+6)%7)+7*off)
				return dayOf(mon.AddDate(0, 0, (wd+6)%7)).String()
			})
			return k2 + 1
		}
	}
	switch u {
	case uDay:
		p.emitRel(i, j, Day, dayValue(off))
	case uWeek:
		p.emitRel(i, j, Week, func(ref time.Time) string { return isoWeek(ref.AddDate(0, 0, 7*off)) })
	case uMonth:
		p.emitRel(i, j, Month, func(ref time.Time) string { return day{y: ref.Year(), m: int(ref.Month())}.addMonths(off).String() })
	case uYear:
		p.emitRel(i, j, Year, func(ref time.Time) string { return fmt.Sprintf("%04d", ref.Year()+off) })
	default:
		return i
	}
	return j
}

// addMonths moves a month-grain day by n months.
func (d day) addMonths(n int) day {
	m := d.y*12 + d.m - 1 + n
	return day{y: m / 12, m: m%12 + 1, cal: d.cal}
}

// part handles the start, middle or end of a month or year: مطلع الشهر
// الجاري, منتصف مارس, أواخر العام الماضي, أوائل شهر مارس, بداية شهر 3.
func (p *parser) part(i int) int {
	t := p.at(i)
	if t.kind != tWord || t.e.cls != cPart {
		return i
	}
	pt := int(t.e.val)
	k := i + 1
	// A relative month or year: الشهر [الجاري], العام المقبل.
	if p.isUnitDef(k, uMonth) || p.isUnitDef(k, uYear) {
		u := int(p.at(k).e.val)
		off, j := 0, k+1
		if v, ok := p.mod(k + 1); ok {
			off, j = v, k+2
		}
		if !p.hasRef {
			g := Year
			if u == uMonth {
				g = Month
			}
			p.span(i, j, Expr{Grain: g, Note: noteNoRef})
			return j
		}
		if u == uMonth {
			m := day{y: p.ref.Year(), m: int(p.ref.Month())}.addMonths(off)
			p.span(i, j, monthPart(m.y, m.m, pt))
		} else {
			p.span(i, j, yearPart(p.ref.Year()+off, pt))
		}
		return j
	}
	if m, cal, j, _, ok := p.month(k); ok && cal == calGregorian {
		a := abs{m: m, cal: cal}
		if y, era, j2, _, ok := p.year(j); ok && era != calHijri {
			a.y, a.yearGiven, j = y, true, j2
		} else if v, ok := p.mod(j); ok {
			a.hasMod, a.mod, j = true, v, j+1
		}
		if !a.yearGiven {
			if !p.hasRef {
				p.span(i, j, Expr{Grain: Month, Note: noteNoRef})
				return j
			}
			y, _ := p.inferYear(p.dirFor(a.hasMod, a.mod), func(y int) (time.Time, bool) {
				return time.Date(y, time.Month(a.m), 1, 0, 0, 0, 0, time.UTC), true
			})
			a.y = y
		}
		if !validGregorian(a.y, a.m, 0) {
			return i
		}
		p.span(i, j, monthPart(a.y, a.m, pt))
		return j
	}
	if y, era, j, _, ok := p.year(k); ok && era != calHijri && y >= 1 && y <= 9999 {
		p.span(i, j, yearPart(y, pt))
		return j
	}
	return i
}

// monthPart is the start (days 1-10), middle (11-20) or end (21-last) of a
// month: grain month, the month as value, the days as interval.
func monthPart(y, m, pt int) Expr {
	from, to := 1, 10
	switch pt {
	case partMid:
		from, to = 11, 20
	case partEnd:
		from, to = 21, daysIn(y, m)
	}
	return Expr{Grain: Month, Value: day{y: y, m: m}.String(),
		Interval: day{y: y, m: m, d: from}.String() + "/" + day{y: y, m: m, d: to}.String()}
}

// yearPart is the start (months 1-3), middle (5-8) or end (10-12) of a
// year: grain year, the year as value, the months as interval.
func yearPart(y, pt int) Expr {
	from, to := 1, 3
	switch pt {
	case partMid:
		from, to = 5, 8
	case partEnd:
		from, to = 10, 12
	}
	return Expr{Grain: Year, Value: fmt.Sprintf("%04d", y),
		Interval: day{y: y, m: from}.String() + "/" + day{y: y, m: to}.String()}
}

// notFutureVerb reports whether w, which starts like a future verb (س + ي,
// ت, ن, أ), is a common noun or adjective (سيارات, سياسة, سيدة, ستة, سنوات).
func notFutureVerb(w string) bool {
	if hasSuffix(w, "ات", "ة", "ه") {
		return true
	}
	for _, p := range []string{"سيا", "سيد", "سيط", "سين", "ستين", "ستة", "سنو", "سنة", "سيول", "سير", "ستري"} {
		if len(w) >= len(p) && w[:len(p)] == p {
			return true
		}
	}
	return false
}

// quarter handles quarters and halves of a year: الربع الثالث من عام 2016,
// الربع الأول من العام الجاري, النصف الثاني من العام الماضي. A quarter has
// grain quarter and value "2016-Q3", a half grain year and value "2016";
// the interval is the months.
func (p *parser) quarter(i int) int {
	t := p.at(i)
	months := 0
	switch {
	case t.kind == tWord && t.e.cls == cQuarter:
		months = 3
	case p.fn(i, fnNisf) && t.def:
		months = 6
	default:
		return i
	}
	n, k, ok := p.ordinal(i + 1)
	if !ok || n < 1 || n > 12/months {
		return i
	}
	if p.fn(k, fnMin) {
		k++
	}
	y, j := 0, k
	if yy, era, j2, _, ok := p.year(k); ok && era != calHijri {
		y, j = yy, j2
	} else if p.isUnitDef(k, uYear) {
		off, j2 := 0, k+1
		if v, ok := p.mod(k + 1); ok {
			off, j2 = v, k+2
		}
		if !p.hasRef {
			p.span(i, j2, Expr{Grain: quarterGrain(months), Note: noteNoRef})
			return j2
		}
		y, j = p.ref.Year()+off, j2
	} else {
		return i
	}
	if y < 1 || y > 9999 {
		return i
	}
	from := day{y: y, m: (n-1)*months + 1}
	to := day{y: y, m: n * months}
	x := Expr{Grain: quarterGrain(months), Value: fmt.Sprintf("%04d-Q%d", y, n), Interval: from.String() + "/" + to.String()}
	if months == 6 {
		x.Value = fmt.Sprintf("%04d", y)
	}
	p.span(i, j, x)
	return j
}

// quarterGrain is the grain of a quarter (3 months) or a half (6) of a year.
func quarterGrain(months int) Grain {
	if months == 3 {
		return Quarter
	}
	return Year
}
