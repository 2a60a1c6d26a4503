package temporal

import (
	"fmt"
	"strings"
	"time"
)

// clockTime is a time of day read at some tokens.
type clockTime struct {
	h, mi, sec int  // sec < 0: not given
	half       bool // a period word (صباحا, مساء, بعد الظهر, هذه الليلة) fixed the half of the day
	start, end int  // tokens [start, end)
}

// minutes returns the time as minutes after midnight.
func (c clockTime) minutes() int { return c.h*60 + c.mi }

func (c clockTime) String() string {
	v := fmt.Sprintf("T%02d:%02d", c.h, c.mi)
	if c.sec >= 0 {
		v += fmt.Sprintf(":%02d", c.sec)
	}
	return v
}

// clock handles times of day: 15:15, 3:18 صباحا, الساعة 3 عصرا, الساعة
// الثالثة وربع, الثالثة وربع بعد الظهر, الثامنة هذه الليلة, and ranges of
// them (من الساعة 3 إلى الساعة 4 بعد العصر), whose first time takes the
// half of the day of the second. The value is "T15:15" (grain time); a
// time right after a date expression found just before it gets that date
// ("2023-07-29T15:15"); a range carries both ends as Interval
// ("T15:00/T16:00"). A time stated in GMT (بتوقيت غرينتش) is moved to the
// reference's zone. Under PreferFuture a time with no half of the day,
// no date and earlier than the reference's time of day is the afternoon's
// when that is still to come (at 04:30, الساعة 3 is 15:00), as Duckling
// reads it.
func (p *parser) clock(i int) int {
	k := i
	from := p.fn(k, fnMin)
	if from {
		k++
	}
	a, ok := p.clockAt(k)
	if !ok {
		return p.tonight(i)
	}
	start := a.start
	b, isRange := clockTime{}, false
	if p.fn(a.end, fnIla) {
		if b, isRange = p.clockAt(a.end + 1); isRange {
			if !a.half && b.half && b.h >= 12 && a.h < 12 && a.minutes()+12*60 <= b.minutes() {
				a.h += 12 // من الساعة 3 إلى الساعة 4 بعد العصر
			}
			isRange = a.minutes() < b.minutes()
		}
	}
	end := a.end
	if isRange {
		end = b.end
		if from {
			start = i
		}
	}
	shift := p.gmtShift(end)
	if shift != 0 || p.gmtAt(end) {
		end += 2
	}
	// Attach to a day expression that ends right before (الخميس الساعة 8).
	var date *Expr
	if n := len(p.out); n > 0 && p.out[n-1].Grain == Day && p.out[n-1].Value != "" && p.out[n-1].Interval == "" && start > 0 && (p.at(start-1).r1 == p.out[n-1].End || (p.isComma(start-1) && p.at(start-2).r1 == p.out[n-1].End)) {
		date = &p.out[n-1]
	}
	if date == nil && p.opt.Prefer == PreferFuture && p.hasRef && !a.half && !(isRange && b.half) && a.h >= 1 && a.h < 12 {
		now := p.opt.Ref.Hour()*60 + p.opt.Ref.Minute()
		if a.minutes() < now && a.minutes()+12*60 > now && (!isRange || b.h < 12) {
			a.h += 12
			b.h += 12
		}
	}
	dayShift := 0
	if shift != 0 {
		dayShift = a.moveBy(shift)
		if isRange {
			b.moveBy(shift)
		}
	}
	x := Expr{Grain: Time, Value: a.String()}
	prefix := ""
	if date != nil || dayShift != 0 {
		d := p.ref
		if date != nil {
			t, err := time.Parse(time.DateOnly, date.Value)
			if err != nil {
				return i
			}
			d = t
		}
		prefix = d.AddDate(0, 0, dayShift).Format(time.DateOnly)
		x.Value = prefix + x.Value
	}
	if isRange {
		x.Interval = x.Value + "/" + prefix + b.String()
	}
	if date != nil {
		x.Start, x.Calendar, x.Note = date.Start, date.Calendar, date.Note
		x.Text = p.text[p.byteAt(date.Start):p.at(end-1).b1]
		x.End = p.at(end - 1).r1
		*date = x
		return end
	}
	p.span(start, end, x)
	return end
}

// tonight handles هذه الليلة (not هذه الليلة الشعرية, هذه الليلة التي): the
// reference day, with the evening hours as Interval
// ("2023-07-29T18:00/2023-07-29T23:00"); and الليلة الماضية (the day
// before), الليلة قبل الماضية (two days before) and الليلة المقبلة (the
// day after), but not الليلة السابقة (the night before another). الليلة
// alone is left: in news it is as often a night in a story (قضت الليلة في
// منزلها) as tonight.
func (p *parser) tonight(i int) int {
	j := i
	if p.fn(j, fnHadha) {
		j++
	}
	if !p.cls(j, cPeriod) || p.at(j).clitR != 0 || p.norm(j) != normString("الليلة") {
		return i
	}
	off, end := 0, j+1
	switch v, ok := p.mod(j + 1); {
	case j > i && (p.at(j+1).def || p.cls(j+1, cRelPron)):
		return i
	case j == i && p.fn(j+1, fnQabl) && p.at(j+1).clitR == 0 && p.modPast(j+2):
		off, end = -2, j+3
	case j == i && ok && v != 0 && p.norm(j+1) != normString("السابقة"):
		off, end = v, j+2
	case j == i:
		return i
	}
	x := Expr{Grain: Day}
	switch {
	case !p.hasRef:
		x.Note = noteNoRef
	case off != 0:
		x.Value = dayOf(p.ref.AddDate(0, 0, off)).String()
	default:
		d := p.ref.Format(time.DateOnly)
		x.Value, x.Interval = d, d+"T18:00/"+d+"T23:00"
	}
	p.span(i, end, x)
	return end
}

// modPast reports whether token i is الماضي/الماضية.
func (p *parser) modPast(i int) bool {
	v, ok := p.mod(i)
	return ok && v < 0
}

// moveBy adds min minutes to c and returns the days it crossed.
func (c *clockTime) moveBy(min int) int {
	m := c.minutes() + min
	days := 0
	for m < 0 {
		m += 24 * 60
		days--
	}
	for m >= 24*60 {
		m -= 24 * 60
		days++
	}
	c.h, c.mi = m/60, m%60
	return days
}

// gmtAt reports whether tokens k, k+1 say "in GMT" (بتوقيت غرينتش, بتوقيت GMT).
func (p *parser) gmtAt(k int) bool {
	if !p.fn(k, fnTawqit) {
		return false
	}
	switch p.norm(k + 1) {
	case "gmt", "utc", normString("غرينتش"), normString("غرينيتش"), normString("جرينتش"), normString("جرينيتش"):
		return true
	}
	return false
}

// gmtShift returns the minutes to add to a time stated in GMT at token k
// to read it in the reference's zone (0 when it is not stated in GMT or
// there is no reference).
func (p *parser) gmtShift(k int) int {
	if !p.hasRef || !p.gmtAt(k) {
		return 0
	}
	_, off := p.opt.Ref.Zone()
	return off / 60
}

// clockAt reads one time of day at token i: an optional قرابة/حوالي/عند,
// then الساعة and an hour in digits or words, or an hour in words with
// minutes or a part of the day after it (الثالثة وربع بعد الظهر).
func (p *parser) clockAt(i int) (c clockTime, ok bool) {
	k := i
	if p.fn(k, fnQuraba) {
		k++
	}
	c.start = k
	saa := p.fn(k, fnSaa)
	if saa {
		k++
	}
	h, mi, sec := -1, 0, -1
	words := false // the hour is an ordinal without الساعة: minutes or a period must follow
	if v, nd, ok := p.num(k); ok && nd <= 2 {
		h = v
		k++
		if p.punct(k, ':') && !p.at(k+1).gap {
			if v2, nd2, ok := p.num(k + 1); ok && nd2 == 2 && v2 < 60 {
				mi, k = v2, k+2
				if p.punct(k, ':') {
					if v3, nd3, ok := p.num(k + 1); ok && nd3 == 2 && v3 < 60 {
						sec, k = v3, k+2
					}
				}
			} else {
				return c, false
			}
		} else if !saa {
			return c, false
		}
	} else if v, j, ok := p.ordinal(k); ok && v >= 1 && v <= 12 && (saa || feminine(p.raw(k))) {
		h, k, words = v, j, !saa // الثالثة, not الأول
	} else if v, j, ok := p.cardinal(k); ok && saa && v <= 12 {
		h, k = v, j
	} else {
		return c, false
	}
	if h > 24 {
		return c, false
	}
	if saa && mi == 0 && (p.punct(k, '.') || (p.punct(k, ',', '٫') && !p.at(k).gap)) && !p.at(k+1).gap {
		if v2, nd2, ok := p.num(k + 1); ok && nd2 == 2 && v2 < 60 {
			mi, k = v2, k+2 // الساعة 02.17, الساعة 13,30 (agency style)
		}
	}
	minutes := false
	// Minutes in words or digits: و18 دقيقة, وثمانية عشر دقيقة.
	if mi == 0 {
		kk := k
		if p.fn(kk, fnWa) {
			kk++
		}
		v, j, ok := 0, 0, false
		if n, nd, okn := p.num(kk); okn && nd <= 2 && (kk > k || p.at(k).kind == tWord) {
			v, j, ok = n, kk+1, true
		} else if kk > k || (p.at(kk).clitR == 1 && strings.HasPrefix(p.text[p.at(kk).b0:], "و")) {
			v, j, ok = p.cardinalC(kk, true) // وثمانية عشر دقيقة, not بست دقائق
		}
		if ok && v < 60 && p.fn(j, fnDaqiqa) {
			mi, k, minutes = v, j+1, true
		}
	}
	// Fractions: وربع, ونصف, وثلث, إلا ربع.
	switch {
	case p.fn(k, fnRub) && p.at(k).clitR == 1:
		mi, k, minutes = 15, k+1, true
	case p.fn(k, fnNisf):
		mi, k, minutes = 30, k+1, true
	case p.fn(k, fnThuluth) && p.at(k).clitR == 1:
		mi, k, minutes = 20, k+1, true
	case p.fn(k, fnIlla) && p.fn(k+1, fnRub):
		h, mi, k, minutes = h-1, 45, k+2, true
	case p.fn(k, fnIlla) && p.fn(k+1, fnThuluth):
		h, mi, k, minutes = h-1, 40, k+2, true
	}
	const periodBefore = -1
	period := 0
	if t := p.at(k); t.kind == tWord && t.e.cls == cPeriod {
		period, k = int(t.e.val), k+1
	} else if p.fn(k, fnHadha) && p.cls(k+1, cPeriod) && p.at(k+1).e.val == periodNight {
		period, k = periodNight, k+2 // الثامنة هذه الليلة
	} else if p.fn(k, fnBaad) || p.fn(k, fnQabl) {
		if w := p.norm(k + 1); w == normString("الظهر") || w == normString("العصر") || w == normString("المغرب") {
			period = periodBefore // قبل الظهر: the hour as written
			if p.fn(k, fnBaad) || w == normString("المغرب") {
				period = periodPM
			}
			k += 2
		}
	}
	switch period {
	case periodAM:
		if h == 12 {
			h = 0
		}
	case periodNoon:
		if h < 6 {
			h += 12
		}
	case periodPM, periodNight:
		if h < 12 {
			h += 12
		}
	}
	// An hour in words needs minutes or a part of the day after it, and no
	// definite noun before it, which it would qualify (الجولة الثالثة وربع
	// المتسابقين).
	if words && ((!minutes && period == 0) || p.definiteNoun(c.start-1)) {
		return c, false
	}
	if h < 0 || h > 24 || (h == 24 && mi > 0) {
		return c, false
	}
	return clockTime{h: h, mi: mi, sec: sec, half: period != 0, start: c.start, end: k}, true
}

// byteAt returns the byte offset of code point r, which starts a token or
// lies within one.
func (p *parser) byteAt(r int) int {
	for _, t := range p.toks {
		if t.r0 <= r && r < t.r1 {
			off := t.b0
			for n := t.r0; n < r; n++ {
				_, size := decodeRune(p.text[off:])
				off += size
			}
			return off
		}
	}
	return 0
}

// feminine reports whether word ends in ة or ه, as the hours do (الثالثة).
func feminine(word string) bool {
	return strings.HasSuffix(word, "ة") || strings.HasSuffix(word, "ه")
}

// definiteNoun reports whether token i is a word with the article that is
// no function word of the lexicon (الجولة, not الموافق).
func (p *parser) definiteNoun(i int) bool {
	t := p.at(i)
	return t.kind == tWord && t.e.cls != cFunc && t.clitR == 0 && hasArticle(appendNorm(nil, p.raw(i)))
}
