package article

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/khabar/khabar/temporal"
)

// dateHit is a date expression inside a dateline, in byte offsets.
type dateHit struct {
	start, end int
	value      string // "2023-09-13", "2023-09"; "" when unresolved
	gregorian  bool
}

var gregMonths = map[string]int{}

const (
	gregAlt  = `كانون الثاني|كانون الأول|كانون الاول|تشرين الثاني|تشرين الأول|تشرين الاول|يناير|فبراير|شباط|مارس|آذار|اذار|أبريل|ابريل|إبريل|نيسان|مايو|أيار|ايار|يونيو|يونيه|حزيران|يوليو|يوليه|تموز|أغسطس|اغسطس|آب|سبتمبر|أيلول|ايلول|أكتوبر|اكتوبر|نوفمبر|ديسمبر`
	hijriAlt = `محرم|صفر|ربيع الأول|ربيع الاول|ربيع الآخر|ربيع الثاني|جمادى الأولى|جمادى الاولى|جمادى الآخرة|جمادى الاخرة|جمادى الثانية|رجب|شعبان|رمضان|شوال|ذو القعدة|ذي القعدة|ذو الحجة|ذي الحجة`
	digit    = `[0-9٠-٩۰-۹]`
)

var (
	reGreg  = regexp.MustCompile(`(` + digit + `{1,2})\s*(?:من\s+)?(` + gregAlt + `)(?:\s*[/(]\s*(?:` + gregAlt + `)\s*\)?)?(?:\s*[،,]?\s*(?:عام|سنة)?\s*(` + digit + `{4}))?(?:\s*م(?:\s|$))?`)
	reHijri = regexp.MustCompile(`(` + digit + `{1,2})\s*(?:من\s+)?(?:` + hijriAlt + `)(?:\s*(?:عام|سنة)?\s*` + digit + `{4})?(?:\s*هـ?(?:\s|$))?`)
)

func init() {
	for i, names := range [][]string{
		{"يناير", "كانون الثاني"}, {"فبراير", "شباط"}, {"مارس", "آذار", "اذار"},
		{"أبريل", "ابريل", "إبريل", "نيسان"}, {"مايو", "أيار", "ايار"}, {"يونيو", "يونيه", "حزيران"},
		{"يوليو", "يوليه", "تموز"}, {"أغسطس", "اغسطس", "آب"}, {"سبتمبر", "أيلول", "ايلول"},
		{"أكتوبر", "اكتوبر", "تشرين الأول", "تشرين الاول"}, {"نوفمبر", "تشرين الثاني"}, {"ديسمبر", "كانون الأول", "كانون الاول"},
	} {
		for _, n := range names {
			gregMonths[n] = i + 1
		}
	}
}

// atoiAny parses ASCII, Arabic-Indic and Eastern Arabic-Indic digits.
func atoiAny(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			n = n*10 + int(r-'0')
		case r >= '٠' && r <= '٩':
			n = n*10 + int(r-'٠')
		case r >= '۰' && r <= '۹':
			n = n*10 + int(r-'۰')
		}
	}
	return n
}

// findDates returns the date expressions of a dateline. The temporal
// package is asked first; a small built-in matcher for "13 سبتمبر 2023"
// and Hijri days covers what it does not report, so that datelines never
// keep date words in their place or source.
func findDates(s string, ref time.Time) []dateHit {
	if !hasDigit(s) {
		return nil // every dateline date form has digits
	}
	var hits []dateHit
	for _, e := range temporal.Find(s, temporal.Options{Ref: ref}) {
		if !validValue(e.Value) || (e.Grain != temporal.Day && e.Grain != temporal.Month) {
			continue
		}
		st, en := byteRange(s, e.Start, e.End)
		if st < 0 || !hasDigit(s[st:en]) {
			continue // "اليوم" in "عين اليوم" is a name here, not a date
		}
		hits = append(hits, dateHit{start: st, end: en, value: e.Value, gregorian: e.Calendar != "hijri"})
	}
	for _, m := range reGreg.FindAllStringSubmatchIndex(s, -1) {
		day := atoiAny(s[m[2]:m[3]])
		month := gregMonths[s[m[4]:m[5]]]
		year := 0
		if m[6] >= 0 {
			year = atoiAny(s[m[6]:m[7]])
		}
		hits = addHit(hits, dateHit{start: m[0], end: trimEnd(s, m[1]), value: dayValue(year, month, day, ref), gregorian: true})
	}
	for _, m := range reHijri.FindAllStringIndex(s, -1) {
		hits = addHit(hits, dateHit{start: m[0], end: trimEnd(s, m[1])})
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].start < hits[j].start })
	return hits
}

// addHit appends h unless an existing hit overlaps it; an overlapping
// hit without a value takes h's value.
func addHit(hits []dateHit, h dateHit) []dateHit {
	for i, o := range hits {
		if h.start < o.end && o.start < h.end {
			if o.value == "" && h.value != "" {
				hits[i].value, hits[i].gregorian = h.value, h.gregorian
			}
			if h.start < o.start {
				hits[i].start = h.start
			}
			if h.end > o.end {
				hits[i].end = h.end
			}
			return hits
		}
	}
	return append(hits, h)
}

func trimEnd(s string, end int) int {
	for end > 0 && (s[end-1] == ' ' || s[end-1] == '\t' || s[end-1] == '\n') {
		end--
	}
	return end
}

// dayValue builds YYYY-MM-DD; without a year it takes the reference
// date's year (the year before when that would be well in the future).
func dayValue(year, month, day int, ref time.Time) string {
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return ""
	}
	if year == 0 {
		if ref.IsZero() {
			return ""
		}
		year = ref.Year()
		if time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC).After(ref.AddDate(0, 1, 0)) {
			year--
		}
	}
	if year < 1000 || year > 2999 {
		return ""
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day {
		return "" // 31 April and the like
	}
	return t.Format("2006-01-02")
}

var reValue = regexp.MustCompile(`^\d{4}-\d{2}(-\d{2})?$`)

func validValue(v string) bool { return reValue.MatchString(v) }

// bestDate picks the dateline's date: a Gregorian day first, then any
// value.
func bestDate(hits []dateHit) string {
	best := ""
	for _, h := range hits {
		if h.value == "" {
			continue
		}
		if h.gregorian && len(h.value) == 10 {
			return h.value
		}
		if best == "" || len(h.value) > len(best) {
			best = h.value
		}
	}
	return best
}

// byteRange converts the code-point range [start, end) of s to bytes,
// or returns -1, -1 when it is out of range.
func byteRange(s string, start, end int) (int, int) {
	if start < 0 || end < start {
		return -1, -1
	}
	bs, be, n := -1, -1, 0
	for i := range s {
		if n == start {
			bs = i
		}
		if n == end {
			be = i
			break
		}
		n++
	}
	if bs < 0 && start == n {
		bs = len(s)
	}
	if be < 0 && end == utf8.RuneCountInString(s) {
		be = len(s)
	}
	if bs < 0 || be < 0 {
		return -1, -1
	}
	return bs, be
}

// parseISODate accepts the date forms of records and metadata:
// "2015-07-21 02:51:32", RFC 3339, "2015-07-21".
func parseISODate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02", time.RFC1123Z, time.RFC1123} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	if len(s) >= 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return t, nil
		}
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && n > 0 {
		return time.Unix(n, 0).UTC(), nil
	}
	return time.Time{}, fmt.Errorf("unknown date format %q", s)
}

func hasDigit(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.IsDigit(r) })
}
