package temporal

import (
	"fmt"
	"time"
)

// parser holds the state of one Find call.
type parser struct {
	text   string
	toks   []token
	opt    Options
	ref    time.Time // the reference day at 00:00 UTC; zero when none
	hasRef bool
	out    []Expr
}

// at returns token i, or an empty token past the end.
func (p *parser) at(i int) *token {
	if i < 0 || i >= len(p.toks) {
		return &noToken
	}
	return &p.toks[i]
}

// noToken stands for positions outside the text; it is never modified.
var noToken token

func (p *parser) cls(i int, c class) bool {
	t := p.at(i)
	return t.kind == tWord && t.e.cls == c
}

func (p *parser) fn(i int, f int) bool {
	t := p.at(i)
	return t.kind == tWord && t.e.cls == cFunc && int(t.e.val) == f
}

func (p *parser) punct(i int, rs ...rune) bool {
	t := p.at(i)
	if t.kind != tPunct {
		return false
	}
	for _, r := range rs {
		if t.p == r {
			return true
		}
	}
	return false
}

// isDash reports whether token i is a dash joining two numbers or dates.
func (p *parser) isDash(i int) bool { return p.punct(i, '-', '–', '—', '‐') }

// isComma reports whether token i is a comma.
func (p *parser) isComma(i int) bool { return p.punct(i, '،', ',') }

// num returns the value and digit count of number token i.
func (p *parser) num(i int) (v, nd int, ok bool) {
	t := p.at(i)
	if t.kind != tNum || t.num < 0 {
		return 0, 0, false
	}
	return t.num, t.nd, true
}

// raw returns the text of token i without its clitic.
func (p *parser) raw(i int) string {
	t := p.at(i)
	if t.kind == 0 {
		return ""
	}
	return p.text[t.b0+t.clitB : t.b1]
}

// span records an expression over tokens [i, j).
func (p *parser) span(i, j int, x Expr) {
	a, b := p.at(i), p.at(j-1)
	x.Text = p.text[a.b0+a.clitB : b.b1]
	x.Start = a.r0 + a.clitR
	x.End = b.r1
	if x.Calendar == "" {
		x.Calendar = "gregorian"
	}
	p.out = append(p.out, x)
}

// run finds the expressions in the tokens.
func (p *parser) run() {
	for i := 0; i < len(p.toks); {
		t := &p.toks[i]
		if t.kind == tPunct || (t.kind == tWord && t.e.cls == cNone) {
			i++
			continue
		}
		if j := p.try(i); j > i {
			i = j
			continue
		}
		i++
	}
}

// try parses an expression starting at token i and returns the token after
// it, or i when there is none.
func (p *parser) try(i int) int {
	j := p.nth(i)
	if j == i {
		j = p.absolute(i)
	}
	if j == i {
		j = p.numeric(i)
	}
	if j == i {
		j = p.relative(i)
	}
	if j == i {
		j = p.duration(i)
	}
	if j == i {
		j = p.yearExpr(i)
	}
	if j == i {
		j = p.holiday(i)
	}
	if j == i {
		j = p.clock(i)
	}
	return j
}

// day is a (possibly partial) calendar date.
type day struct {
	y, m, d int // y = 0: unknown year; d = 0: month grain; m = 0: year grain
	cal     int
}

func (d day) String() string {
	switch {
	case d.m == 0:
		return fmt.Sprintf("%04d", d.y)
	case d.d == 0:
		return fmt.Sprintf("%04d-%02d", d.y, d.m)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.y, d.m, d.d)
}

func dayOf(t time.Time) day {
	return day{y: t.Year(), m: int(t.Month()), d: t.Day(), cal: calGregorian}
}

func (d day) time() time.Time { return time.Date(d.y, time.Month(d.m), d.d, 0, 0, 0, 0, time.UTC) }

// daysIn returns the length of Gregorian month m of year y.
func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// validGregorian reports whether y-m-d is a real date (d = 0: month only).
func validGregorian(y, m, d int) bool {
	if y < 1 || y > 9999 || m < 1 || m > 12 {
		return false
	}
	return d == 0 || (d >= 1 && d <= daysIn(y, m))
}

// ordinal parses an ordinal day number (الأول, الثالث عشر, الثالث والعشرون)
// at i.
func (p *parser) ordinal(i int) (v, j int, ok bool) {
	t := p.at(i)
	if t.kind != tWord || t.e.cls != cOrd || t.e.aux != 0 || t.clitR != 0 {
		return 0, i, false
	}
	v = int(t.e.val)
	n := p.at(i + 1)
	switch {
	case v <= 9 && n.kind == tWord && n.e.cls == cTeen && n.clitR == 0:
		return v + 10, i + 2, true
	case v == 11 && n.kind == tWord && n.e.cls == cTeen:
		return 11, i + 2, true
	case (v <= 9 || v == 11) && n.kind == tWord && n.e.cls == cOrd && n.clitR == 1 && (n.e.val == 20 || n.e.val == 30):
		if v == 11 {
			v = 1
		}
		return v + int(n.e.val), i + 2, true
	case v == 11:
		return 0, i, false
	}
	return v, i + 1, true
}

// cardinal parses a number written in words (ثلاثة, خمسة عشر, خمسة وعشرون) at i.
func (p *parser) cardinal(i int) (v, j int, ok bool) { return p.cardinalC(i, false) }

// cardinalC is cardinal; clit allows a clitic (و) on the first word.
func (p *parser) cardinalC(i int, clit bool) (v, j int, ok bool) {
	t := p.at(i)
	if t.kind != tWord || (t.clitR != 0 && !clit) {
		return 0, i, false
	}
	switch t.e.cls {
	case cTeen:
		if pr := p.at(i - 1); pr.kind == tWord && (pr.e.cls == cCard || pr.e.cls == cWeekday) {
			return 0, i, false // the tail of أحد عشر, اثنا عشر
		}
		return 10, i + 1, true
	case cWeekday:
		// أحد عشر (11): أحد is also a weekday name.
		if t.e.val == 0 && t.e.weak && p.cls(i+1, cTeen) {
			return 11, i + 2, true
		}
		return 0, i, false
	case cCard:
	default:
		return 0, i, false
	}
	v = int(t.e.val)
	n := p.at(i + 1)
	switch {
	case v <= 9 && n.kind == tWord && n.e.cls == cTeen && n.clitR == 0:
		return v + 10, i + 2, true
	case (v == 11 || v == 12) && n.kind == tWord && n.e.cls == cTeen:
		return v, i + 2, true
	case v <= 9 && n.kind == tWord && n.e.cls == cCard && n.clitR == 1 && n.e.val >= 20 && n.e.val <= 90 && n.e.val%10 == 0:
		return v + int(n.e.val), i + 2, true
	case v == 11 || v == 12:
		return 0, i, false
	}
	return v, i + 1, true
}

// dayNum parses a day of the month at i: a number, an ordinal or غرة.
func (p *parser) dayNum(i int) (d, j int, ok bool) {
	if v, nd, ok := p.num(i); ok {
		if nd <= 2 && v >= 1 && v <= 31 && !p.punct(i+1, ':') && !(p.punct(i+1, '.', '/') && p.at(i+2).kind == tNum) {
			return v, i + 1, true
		}
		return 0, i, false
	}
	if p.fn(i, fnGhurra) {
		return 1, i + 1, true
	}
	if v, j, ok := p.ordinal(i); ok && v <= 31 {
		return v, j, true
	}
	return 0, i, false
}

// month parses a month name at i: a Gregorian name in any naming, a
// two-word name (كانون الثاني, ربيع الأول, ذو الحجة), شهر + name or number,
// or الشهر + ordinal. It also consumes an alternate name in parentheses or
// after a slash (سبتمبر (أيلول), يناير/كانون الثاني).
func (p *parser) month(i int) (m, cal, j int, weak, ok bool) {
	k := i
	explicit := false
	if t := p.at(k); t.kind == tWord && t.e.cls == cUnit && t.e.val == uMonth && t.e.aux&fSing != 0 {
		explicit = true
		if v, nd, ok := p.num(k + 1); ok && !t.def && nd <= 2 && v >= 1 && v <= 12 {
			return v, calGregorian, k + 2, false, true
		}
		if v, j, ok := p.cardinal(k + 1); ok && !t.def && v >= 1 && v <= 12 {
			return v, calGregorian, j, false, true
		}
		if v, j, ok := p.ordinal(k + 1); ok && t.def && v >= 1 && v <= 12 {
			return v, calGregorian, j, false, true
		}
		if t.def {
			return 0, 0, i, false, false
		}
		k++
	}
	if !explicit && p.punct(k, '(') {
		// 1 (كانون الثاني): the month in parentheses.
		if m, cal, j, _, ok := p.monthName(k + 1); ok && p.punct(j, ')') {
			return m, cal, j + 1, false, true
		}
	}
	m, cal, j, weak, ok = p.monthName(k)
	if !ok {
		return 0, 0, i, false, false
	}
	if explicit {
		weak = false
	}
	// An alternate name: "(أيلول)" or "/كانون الثاني".
	if p.punct(j, '(') {
		if m2, _, j2, _, ok2 := p.monthName(j + 1); ok2 && m2 == m && p.punct(j2, ')') {
			j = j2 + 1
		}
	} else if p.punct(j, '/') {
		if m2, _, j2, _, ok2 := p.monthName(j + 1); ok2 && m2 == m {
			j = j2
		}
	} else if m2, _, j2, _, ok2 := p.monthName(j); ok2 && m2 == m && p.at(j).clitR == 0 {
		j = j2 // سبتمبر أيلول
	}
	return m, cal, j, weak, true
}

// monthName parses a bare month name at i.
func (p *parser) monthName(i int) (m, cal, j int, weak, ok bool) {
	t := p.at(i)
	if t.kind != tWord {
		return 0, 0, i, false, false
	}
	switch t.e.cls {
	case cGMonth:
		return int(t.e.val), calGregorian, i + 1, t.e.weak, true
	case cHMonth:
		return int(t.e.val), calHijri, i + 1, t.e.weak, true
	case cHead:
	default:
		return 0, 0, i, false, false
	}
	n := p.at(i + 1)
	second := 0 // 1 or 2: which of the pair
	switch {
	case n.kind == tWord && n.e.cls == cOrd && n.e.val == 1 && n.clitR == 0:
		second = 1
	case n.kind == tWord && n.e.cls == cOrd && n.e.val == 2 && n.clitR == 0:
		second = 2
	case n.kind == tNum && (n.num == 1 || n.num == 2) && n.nd == 1:
		second = n.num
	case n.kind == tWord && n.e.cls == cHTail && t.e.val == headDhu:
		return int(n.e.val), calHijri, i + 2, false, true
	}
	if second == 0 {
		return 0, 0, i, false, false
	}
	switch t.e.val {
	case headKanun:
		if second == 1 {
			return 12, calGregorian, i + 2, false, true
		}
		return 1, calGregorian, i + 2, false, true
	case headTishrin:
		return 9 + second, calGregorian, i + 2, false, true
	case headRabi:
		return 2 + second, calHijri, i + 2, false, true
	case headJumada:
		return 4 + second, calHijri, i + 2, false, true
	}
	return 0, 0, i, false, false
}

// year parses a year at i: [عام|سنة|لعام|من عام] N [هـ|م]. explicit says a
// year word or an era marker was there; without them the number must have
// four digits.
func (p *parser) year(i int) (y, era, j int, explicit, ok bool) {
	k := i
	if (p.fn(k, fnMin) || p.fn(k, fnFi)) && p.isYearWord(k+1) {
		k++
	}
	if p.isYearWord(k) {
		k++
		explicit = true
	}
	v, nd, okn := p.num(k)
	if !okn || v < 1 || nd > 4 {
		return 0, 0, i, false, false
	}
	k++
	if t := p.at(k); t.kind == tWord && t.e.cls == cEra && t.clitR == 0 {
		return v, int(t.e.val), k + 1, true, true
	}
	if nd != 4 && !explicit {
		return 0, 0, i, false, false
	}
	if p.punct(k, '/', '-', ':') && p.at(k+1).kind == tNum {
		return 0, 0, i, false, false
	}
	return v, 0, k, explicit, true
}

// isYearWord reports whether token i is عام or سنة (with or without article
// or clitic, not dual or plural).
func (p *parser) isYearWord(i int) bool {
	t := p.at(i)
	return t.kind == tWord && t.e.cls == cUnit && t.e.val == uYear && t.e.aux&fSing != 0
}

// mod returns the direction word at i (الماضي -1, المقبل +1, الجاري 0).
func (p *parser) mod(i int) (int, bool) {
	t := p.at(i)
	if t.kind == tWord && t.e.cls == cMod && t.clitR == 0 {
		return int(t.e.val), true
	}
	return 0, false
}
