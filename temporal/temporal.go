// Package temporal finds date expressions in Arabic text and normalizes
// them to values.
//
// Find recognizes Gregorian dates in every common Arabic month naming
// (يناير…, كانون الثاني…, جانفي…, يوليوز…), combined forms (سبتمبر (أيلول),
// يناير/كانون الثاني), numeric dates (13/9/2023, 2023-09-13), Hijri dates
// converted with the Umm al-Qura calendar (5 شوال 1436 هـ, غرة رمضان),
// double dates (… هـ الموافق … م), ranges (3-5/11/1436, موسم 2006 ـ 2007), durations (خلال العامين الماضيين)
// and expressions relative to a reference date (أمس, الخميس الماضي,
// 29 يوليو الماضي, الشهر المقبل). Digits may be ASCII, Arabic-Indic or
// Persian.
//
// Values follow khabar's Analysis contract, and a value's form always
// matches its grain, so that a consumer can read it without the grain:
//
//	day       "2023-07-29"
//	week      "2023-W37" (ISO week)
//	month     "2023-03"; a Hijri month "1436-09H"
//	quarter   "2016-Q3"
//	year      "2023"; a Hijri year "1436H"
//	duration  "P2Y"
//	time      "T14:30" or "2023-07-29T14:30"
//
// Interval gives the span of everything coarser than a day and of ranges,
// in Gregorian dates: days ("2015-06-18/2015-07-16" for a Hijri month or
// year, "2023-03-21/2023-03-31" for the end of a month), months
// ("2016-07/2016-09" for a quarter, the middle of a year or a half) or
// years ("2006/2007" for a season). Parts of a period take the grain of
// the period (نهاية شهر مارس: month "2023-03" with its days as Interval;
// منتصف العام: year with its months); a half year is a year with its six
// months. Ranges of days carry their first day as Value and the whole span
// as Interval; anchored durations carry it too ("2021-09-13/2023-09-13").
// Offsets are code points, half-open.
//
// Under PreferNews the clause a date stands in decides its direction when
// the text leaves it open: a scheduling word (من المقرر، المقررة، المرتقب،
// يعتزم، تنطلق) or a future verb makes a bare weekday or month the coming
// one, a past verb of news (أعلن، قال، سيطر) makes a month or day without
// a year the last one on or before the reference (وسيطر المسلحون على
// العاصمة في سبتمبر, written in August 2015, is 2014-09).
//
// Bare years are dates only after عام/سنة, an era marker (هـ, م) or a
// preposition (في 2015); a year inside a name (رؤية 2030, كأس العالم 2022)
// is not reported. Impossible dates (31 فبراير, 30/2/2023) are not
// reported; Hijri dates outside the table (AH 1300-1600) are reported with
// an empty Value and a Note.
package temporal

import "time"

// Grain is the precision of a normalized value.
type Grain string

// Grains.
const (
	Day      Grain = "day"
	Week     Grain = "week"
	Month    Grain = "month"
	Quarter  Grain = "quarter"
	Year     Grain = "year"
	Time     Grain = "time"
	Duration Grain = "duration"
)

// Prefer says how to resolve an expression whose direction the text leaves
// open: a weekday alone (الخميس) or a day and month without a year.
type Prefer uint8

// Preferences.
const (
	// PreferNews is for news, which mostly reports what happened: a bare
	// weekday is the most recent one on or before the reference day, unless
	// an imperfect or future verb (سيعقد, يعقد, ستبدأ) stands just before it
	// or a scheduling word (من المقرر أن, المقررة, يعتزم) earlier in its
	// clause, which makes it the next one after the reference day; a day
	// and month without a year take the year that puts them nearest to the
	// reference, or the past one under a past verb (أعلن, سيطر), or the
	// coming one under a scheduling word or future verb.
	PreferNews Prefer = iota
	// PreferPast resolves open expressions to the past.
	PreferPast
	// PreferFuture resolves open expressions to the future, as assistants
	// and Duckling do (a bare weekday is the next one after today).
	PreferFuture
)

// Options controls how expressions are resolved.
type Options struct {
	// Ref is the reference date for relative expressions; zero means none,
	// and relative expressions are reported unresolved (empty Value, Note
	// "relative: no reference date"). Only its calendar day (in its own
	// location) and, for clock times, its time of day are used.
	Ref time.Time
	// Prefer resolves expressions whose direction is open.
	Prefer Prefer
}

// Expr is one date expression found in text.
type Expr struct {
	Text     string
	Start    int // code points
	End      int
	Value    string // "2023-09-13", "2023-03", "P2Y"; empty when unresolved
	Grain    Grain
	Calendar string // "gregorian" or "hijri"
	Interval string // ISO 8601 interval for durations and ranges
	Note     string
}

// MaxTextBytes is the largest text Find examines; longer texts are cut at
// that byte (their later dates are not reported).
const MaxTextBytes = 64 << 20

// Finder finds date expressions, reusing its buffers across calls. A Finder
// is not safe for concurrent use; the zero value is ready.
type Finder struct {
	toks []token
	buf  []byte
}

// Find returns the date expressions in text, in text order.
func (f *Finder) Find(text string, opt Options) []Expr {
	if len(text) > MaxTextBytes {
		text = text[:MaxTextBytes]
	}
	f.toks, f.buf = scan(text, f.toks[:0], f.buf)
	p := parser{text: text, toks: f.toks, opt: opt}
	if !opt.Ref.IsZero() {
		p.ref = time.Date(opt.Ref.Year(), opt.Ref.Month(), opt.Ref.Day(), 0, 0, 0, 0, time.UTC)
		p.hasRef = true
	}
	p.run()
	return p.out
}

// Find returns the date expressions in text, in text order. It is a
// convenience for a one-off call; use a Finder to find in many texts.
func Find(text string, opt Options) []Expr {
	var f Finder
	return f.Find(text, opt)
}

// ParseDate normalizes a single date expression: it returns the longest
// expression Find sees in s, and false when there is none.
func ParseDate(s string, opt Options) (Expr, bool) {
	var best Expr
	found := false
	for _, x := range Find(s, opt) {
		if !found || x.End-x.Start > best.End-best.Start {
			best, found = x, true
		}
	}
	return best, found
}
