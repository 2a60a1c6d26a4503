package temporal

import (
	"fmt"
	"strings"
	"time"
)

// ageWords are words before a number of years that make it an age, not a
// duration or date (عمره 30 عاما, البالغ من العمر 30 عاما).
var ageWords = map[string]bool{}

func init() {
	for _, w := range []string{"عمر", "العمر", "عمره", "عمرها", "عمرهم", "بعمر", "يبلغ", "تبلغ", "البالغ", "البالغة",
		"سن", "بسن", "عن", "يناهز", "تناهز", "ابن", "ابنة", "بلغ", "بلغت", "عمري", "أعمار", "أعمارهم", "أعمارهن", "سنه", "سنها"} {
		ageWords[normString(w)] = true
	}
}

// amount parses a count of units at i: "3 أيام", "ثلاثة أيام", "عامين",
// "العامين الماضيين" (mod required), "الأيام الثلاثة المقبلة", and a bare
// singular unit when single is set (قبل أسبوع).
func (p *parser) amount(i int, single bool) (n, u, j int, ok bool) {
	isUnit := func(k int) (int, uint8, bool) {
		t := p.at(k)
		if t.kind == tWord && t.e.cls == cUnit && t.e.val >= uDay && t.e.val <= uYear && t.clitR == 0 {
			return int(t.e.val), t.e.aux, true
		}
		return 0, 0, false
	}
	if v, nd, okn := p.num(i); okn {
		if u, f, ok := isUnit(i + 1); ok && nd <= 4 && v >= 1 && f&fDef == 0 {
			return v, u, i + 2, true
		}
		return 0, 0, i, false
	}
	if v, k, okc := p.cardinal(i); okc {
		if u, f, ok := isUnit(k); ok && f&fDef == 0 && f&fDual == 0 {
			return v, u, k + 1, true
		}
		return 0, 0, i, false
	}
	u, f, ok := isUnit(i)
	if !ok {
		return 0, 0, i, false
	}
	switch {
	case f&fDual != 0 && f&fDef == 0:
		if p.at(i+1).kind == tNum {
			return 0, 0, i, false // عامي 2010 و2015
		}
		return 2, u, i + 1, true
	case f&fDual != 0 && f&fDef != 0:
		if _, ok := p.mod(i + 1); ok {
			return 2, u, i + 1, true
		}
	case f&fPlur != 0 && f&fDef != 0:
		if v, k, okc := p.cardinal(i + 1); okc {
			if _, ok := p.mod(k); ok {
				return v, u, k, true
			}
		}
	case f&fSing != 0 && f&fDef == 0 && single:
		if p.at(i+1).kind == tNum {
			return 0, 0, i, false // عام 2015
		}
		if _, _, _, _, ok := p.month(i); ok {
			return 0, 0, i, false // خلال شهر رمضان
		}
		return 1, u, i + 1, true
	}
	return 0, 0, i, false
}

// duration handles durations and dates counted from the reference:
// خلال العامين الماضيين (P2Y, 2021-09-13/2023-09-13), منذ 10 سنوات,
// ثلاثة أيام, قبل أسبوع (a day), بعد شهرين (a month).
func (p *parser) duration(i int) int {
	k := i
	lead := 0
	if t := p.at(k); t.kind == tWord && t.e.cls == cFunc {
		switch v := int(t.e.val); v {
		case fnKhilal, fnMundhu, fnQabl, fnBaad, fnLimudda:
			lead = v
			k++
		}
	}
	n, u, j, ok := p.amount(k, lead != 0)
	if !ok || n < 1 || n > 9999 {
		return i
	}
	if p.fn(j, fnNisf) || (p.fn(j, fnWa) && p.fn(j+1, fnNisf)) {
		return j + 1 // بعد شهر ونصف: a fraction this reading has no value for
	}
	dir := 0
	if v, ok := p.mod(j); ok {
		dir = v
		j++
	}
	if lead == 0 && (dir == 0 && p.isAge(k, j)) {
		return i
	}
	unit := map[int]string{uDay: "D", uWeek: "W", uMonth: "M", uYear: "Y"}[u]
	shift := func(t time.Time, n int) time.Time {
		switch u {
		case uDay:
			return t.AddDate(0, 0, n)
		case uWeek:
			return t.AddDate(0, 0, 7*n)
		case uMonth:
			return t.AddDate(0, n, 0)
		}
		return t.AddDate(n, 0, 0)
	}
	if (lead == fnQabl || lead == fnBaad) && (p.fn(j, fnMin) || p.norm(j) == "علي") {
		// بعد 18 شهرا من المحادثات: counted from an event, not from the
		// reference; a plain duration.
		lead = 0
	}
	if lead == fnQabl || lead == fnBaad {
		sign := 1
		if lead == fnQabl {
			sign = -1
		}
		g := map[int]Grain{uDay: Day, uWeek: Day, uMonth: Month, uYear: Year}[u]
		x := Expr{Grain: g}
		if p.hasRef {
			d := dayOf(shift(p.ref, sign*n))
			switch g {
			case Month:
				d.d = 0
			case Year:
				d.d, d.m = 0, 0
			}
			x.Value = d.String()
		} else {
			x.Note = noteNoRef
		}
		p.span(i, j, x)
		return j
	}
	x := Expr{Grain: Duration, Value: fmt.Sprintf("P%d%s", n, unit)}
	switch {
	case lead == fnMundhu || dir < 0:
		dir = -1
	case dir > 0:
		dir = 1
	}
	if dir != 0 && p.hasRef {
		a, b := p.ref, shift(p.ref, dir*n)
		if dir < 0 {
			a, b = b, a
		}
		x.Interval = dayOf(a).String() + "/" + dayOf(b).String()
	}
	p.span(i, j, x)
	return j
}

// isAge reports whether the amount in tokens [i, j) reads as an age: an
// age word shortly before it, a parenthesis right before it, or من العمر
// after it.
func (p *parser) isAge(i, j int) bool {
	if p.punct(i-1, '(') {
		return true
	}
	if p.fn(j, fnMin) && ageWords[p.norm(j+1)] {
		return true
	}
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if p.at(k).kind != tWord {
			break
		}
		if ageWords[p.norm(k)] {
			return true
		}
	}
	return false
}

// norm returns the normalized text of token i without its clitic.
func (p *parser) norm(i int) string {
	return string(appendNorm(nil, p.raw(i)))
}

// yearExpr handles years: عام 2015, 1436هـ, 2015م, في 2015, بين عامي 2010
// و2015, من عام 2010 إلى عام 2015.
func (p *parser) yearExpr(i int) int {
	k := i
	if p.fn(k, fnBayna) {
		k++
	}
	if t := p.at(k); t.kind == tWord && t.e.cls == cUnit && t.e.val == uYear && t.e.aux&fDual != 0 && t.e.aux&fDef == 0 {
		y1, nd1, ok1 := p.num(k + 1)
		y2, nd2, ok2 := p.num(k + 3)
		if ok1 && ok2 && nd1 == 4 && nd2 == 4 && p.fn(k+2, fnWa) && y1 < y2 {
			p.span(i, k+4, Expr{Grain: Year, Value: fmt.Sprintf("%04d", y1), Interval: fmt.Sprintf("%04d/%04d", y1, y2)})
			return k + 4
		}
		return i
	}
	if k != i {
		return i
	}
	if p.fn(i, fnFi) || p.fn(i, fnMin) {
		return i // the year starts at the next token (في عام 2015)
	}
	if j := p.seasonRange(i); j > i {
		return j
	}
	y, era, j, explicit, ok := p.year(i)
	if !ok {
		return i
	}
	if !explicit {
		// A bare four-digit year counts only after a preposition, and not
		// before a counted noun (في 2000 حالة).
		_, nd, _ := p.num(i)
		if nd != 4 || y < 1800 || y > 2200 || !p.yearPreposition(i-1) || !p.yearFollower(j) {
			return i
		}
	}
	x, ok := p.yearValue(y, era)
	if !ok {
		return j
	}
	if p.fn(j, fnIla) || p.isDash(j) {
		if y2, era2, j2, _, ok2 := p.year(j + 1); ok2 && (era2 == era || era2 == 0 || era == 0) {
			if era == 0 && era2 != 0 {
				// The era marker after the second year holds for both
				// (من عام 1430 إلى عام 1436 هـ).
				if x1, ok1 := p.yearValue(y, era2); ok1 {
					x, era = x1, era2
				}
			}
			// Both years in one calendar (عام 1432 إلى 1777 قضية is a
			// Hijri year and a count).
			if x2, ok3 := p.yearValue(y2, era); ok3 && x.Value != "" && x2.Value > x.Value && x2.Calendar == x.Calendar && (x.Interval == "") == (x2.Interval == "") {
				if x.Interval == "" {
					x.Interval = x.Value + "/" + x2.Value
				} else {
					x.Interval = x.Interval[:10] + x2.Interval[10:]
				}
				start := i
				if p.fn(i-1, fnMin) {
					start = i - 1
				}
				p.span(start, j2, x)
				return j2
			}
		}
	}
	p.span(i, j, x)
	return j
}

// yearValue is the expression of year y in era (Hijri years become their
// Gregorian span).
func (p *parser) yearValue(y, era int) (Expr, bool) {
	note := ""
	if era == 0 && p.hijriLikely(y) {
		era, note = calHijri, noteHijriAssumed
	}
	if era == calHijri {
		x, ok := p.hijriYearValue(y)
		if note != "" && x.Note == "" {
			x.Note = note
		}
		return x, ok
	}
	if y < 1 || y > 9999 {
		return Expr{}, false
	}
	return Expr{Grain: Year, Value: fmt.Sprintf("%04d", y)}, true
}

// noteHijriAssumed marks a year read as Hijri without an era marker.
const noteHijriAssumed = "Hijri year assumed (no era marker)"

// hijriLikely reports whether a year without an era marker is better read
// as Hijri: it is in the Umm al-Qura range and its Gregorian reading lies
// within 60 years before to 10 years after the reference (العام 1428 in
// a 2015 article), while the Gregorian reading would be centuries old.
func (p *parser) hijriLikely(y int) bool {
	if !p.hasRef || y < 1340 || y > 1500 {
		return false
	}
	t, err := HijriToGregorian(y, 1, 1)
	return err == nil && t.Year() >= p.ref.Year()-60 && t.Year() <= p.ref.Year()+10
}

// hijriYearValue is Hijri year y: value "1436H", its Gregorian span as
// interval.
func (p *parser) hijriYearValue(y int) (Expr, bool) {
	x := Expr{Grain: Year, Calendar: "hijri"}
	t0, err := HijriToGregorian(y, 1, 1)
	if err != nil {
		x.Note = noteHijriRange
		return x, true
	}
	n, _ := HijriMonthLength(y, 12)
	t1, _ := HijriToGregorian(y, 12, n)
	x.Value = fmt.Sprintf("%04dH", y)
	x.Interval = dayOf(t0).String() + "/" + dayOf(t1).String()
	return x, true
}

// yearPreposition reports whether token i lets a bare number be a year.
func (p *parser) yearPreposition(i int) bool {
	t := p.at(i)
	if t.kind != tWord {
		return false
	}
	if t.e.cls == cFunc {
		switch t.e.val {
		case fnFi, fnMundhu, fnIla, fnBaad, fnQabl, fnKhilal:
			return true
		}
	}
	return p.norm(i) == "بحلول"
}

// yearFollower reports whether token i may follow a bare year: the end,
// punctuation, a lexicon word, or a word with the article or و.
func (p *parser) yearFollower(i int) bool {
	t := p.at(i)
	if t.kind != tWord {
		return t.kind != tNum
	}
	if t.e.cls != cNone {
		return t.e.cls != cUnit
	}
	w := p.norm(i)
	return hasArticle([]byte(w)) || (len(w) > 2 && w[:2] == clWaw)
}

// seasonRange handles two consecutive years joined by a dash, a slash or a
// tatweel, as seasons and fiscal years are written: موسم 2006 ـ 2007,
// 2006-2007, 2006/2007. The value is the first year, the interval both.
func (p *parser) seasonRange(i int) int {
	y1, nd1, ok1 := p.num(i)
	if !ok1 || nd1 != 4 || y1 < 1800 || y1 > 2200 || p.punct(i-1, '/', '-', '.') {
		return i
	}
	k := i + 1
	if !p.isDash(k) && !p.punct(k, '/') && !p.isTatweel(k) {
		return i
	}
	y2, nd2, ok2 := p.num(k + 1)
	if !ok2 || nd2 != 4 || y2 != y1+1 || p.punct(k+2, '/', '-', '.') && p.at(k+3).kind == tNum {
		return i
	}
	j := k + 2
	if t := p.at(j); t.kind == tWord && t.e.cls == cEra && t.clitR == 0 && int(t.e.val) == calGregorian {
		j++
	}
	p.span(i, j, Expr{Grain: Year, Value: fmt.Sprintf("%04d", y1), Interval: fmt.Sprintf("%04d/%04d", y1, y2)})
	return j
}

// isTatweel reports whether token i is a tatweel standing alone (ـ), which
// Arabic typesetting uses as a dash.
func (p *parser) isTatweel(i int) bool {
	t := p.at(i)
	return t.kind == tWord && t.clitR == 0 && t.b1 > t.b0 && strings.Trim(p.text[t.b0:t.b1], "ـ") == ""
}
