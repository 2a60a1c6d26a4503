package article

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Limits on what can be a dateline.
const (
	maxDatelineRunes = 160
	maxDatelineWords = 18
	maxSegmentWords  = 5
	maxAuthorWords   = 4
	maxBylineWords   = 8 // "د. عبد الوهاب بن عبد الله الخميس"
)

// ParseDateline parses one dateline: the whole of line must be the
// dateline, as in
//
//	بروكسل – إدارة الإعلام والاتصال - ١٣ سبتمبر ٢٠٢٣
//	الدوحة – قنا:
//	الرياض 05 شوال 1436 هـ الموافق 21 يوليو 2015 م واس
//	بيروت، 12 أيار (رويترز) -
//	القاهرة - «الشرق الأوسط»:
//	لندن: رنيم حنوش
//
// It reports false when line does not read as a dateline: too long, a
// sentence, or nothing in it that is a known place, a source or a date.
// Dates without a year stay unresolved (Date empty); ParseText and the
// other parsers complete them from Options.Ref. Start and End are the
// code-point range of the dateline within line, trailing separators
// excluded.
func ParseDateline(line string) (Dateline, bool) {
	d, score := parseDateline(line, time.Time{}, false)
	return d, score > 0
}

// parseDateline does the work of ParseDateline. byline relaxes the
// checks for text known to be a byline (a record's author field): there
// an author alone is enough. The score is 0 for "not a dateline", 1 for
// a weak one (known place with an author), 2 for one with a source or a
// date.
func parseDateline(line string, ref time.Time, byline bool) (Dateline, int) {
	if byline {
		// "الرباط - الرياضية | Tuesday, 11 August 2015 - 16:29 pm":
		// keep the Arabic part before a bar.
		if i := strings.Index(line, "|"); i >= 0 && strings.ContainsFunc(line[:i], unicode.IsLetter) {
			line = line[:i]
		}
		// "علي سالم - الطائف تصوير - أحمد فهد": the photographer's
		// credit is not part of the dateline.
		if i := strings.Index(line, "تصوير"); i > 0 {
			line = line[:i]
		}
	}
	s := strings.TrimFunc(line, isSpaceOrSep)
	if s == "" || utf8.RuneCountInString(s) > maxDatelineRunes || !utf8.ValidString(s) {
		return Dateline{}, 0
	}
	if len(strings.Fields(s)) > maxDatelineWords || looksLikeSentence(s) {
		return Dateline{}, 0
	}
	lead := strings.Index(line, s)
	d := Dateline{Text: s, Start: utf8.RuneCountInString(line[:lead])}
	d.End = d.Start + utf8.RuneCountInString(s)

	// Dates first, so that their words never become a place or source.
	hits := findDates(s, ref)
	d.Date = bestDate(hits)
	var b strings.Builder
	last := 0
	for _, h := range hits {
		if h.start < last {
			continue
		}
		b.WriteString(s[last:h.start])
		b.WriteString(" | ")
		last = h.end
	}
	b.WriteString(s[last:])
	rest := b.String()

	// Bracketed and quoted groups are segments of their own.
	segs := segments(rest)

	var unknown []segment
	agency := false // the source is a known agency or publisher
	org := false    // the source is named like an organization
	for _, sg := range segs {
		t := cleanSegment(sg.text)
		if t == "" {
			continue
		}
		if w, ok := authorMark(t); ok {
			if a := strings.TrimFunc(strings.TrimPrefix(t, w), isSpaceOrSep); a != "" && d.Author == "" {
				d.Author = a
			}
			continue
		}
		if isSection(t) {
			continue // "الجزيرة - المحليات:": a section, not a place
		}
		words := len(strings.Fields(t))
		switch {
		case isSource(t):
			if d.Source == "" {
				d.Source, agency = t, true
			}
		case isPlace(t):
			if d.Place == "" {
				d.Place = t
			}
		case isOrg(t) && words <= 7:
			if d.Source == "" {
				d.Source, org = t, true
			}
		case words > maxSegmentWords && !(byline && words <= maxBylineWords):
			return Dateline{}, 0
		default:
			if src := findSource(t); src != "" && d.Source == "" && words <= 3 {
				d.Source, agency = src, true
				continue
			}
			unknown = append(unknown, segment{text: t, quoted: sg.quoted, bracket: sg.bracket})
		}
	}
	knownPlace := d.Place != ""
	for _, sg := range unknown {
		words := len(strings.Fields(sg.text))
		switch {
		case sg.quoted && d.Source == "":
			d.Source = sg.text
		case sg.bracket && words <= 2 && d.Place == "":
			d.Place = sg.text
		case sg.bracket && words <= 2 && d.Place != "":
			// "غولوفينكا (روسيا)": the place's country.
		case words == 1 && d.Place == "":
			d.Place = sg.text
		case words == 1 && d.Source == "":
			d.Source = sg.text
		case words >= 2 && d.Author == "":
			d.Author = sg.text
		case words >= 2 && d.Place != "" && !sg.quoted && !sg.bracket:
			d.Author += "، " + sg.text // several authors
		case words <= 3 && d.Place == "":
			d.Place = sg.text
		case byline && words <= 2 && d.Place != "":
			// "لندن – ديترويت: «الشرق الأوسط»": a second place.
		default:
			return Dateline{}, 0 // more than a dateline holds
		}
	}
	dated := d.Date != "" || len(hits) > 0
	switch {
	case byline:
		if d.Place != "" || d.Source != "" || d.Author != "" || dated {
			return d, 1
		}
	case len(strings.Fields(d.Author)) > maxAuthorWords:
		// A headline such as "مصر تنتهج «استراتيجية» لتعزيز علاقاتها".
	case d.Author != "" && !strings.ContainsAny(s, "-–—:،,|ـ("):
		// Words around a quoted name with nothing to separate them are a
		// headline ("الفال رئيساً لتحرير «عكاظ»"), not "author - source".
	case agency, dated && (knownPlace || org), org && knownPlace:
		return d, 2
	case knownPlace:
		return d, 1
	}
	return Dateline{}, 0
}

// authorMark reports a segment that opens with a word announcing the
// author ("بواسطة", "بقلم") and returns that word.
func authorMark(t string) (string, bool) {
	for _, w := range []string{"بواسطة", "بقلم", "كتب", "كتبت", "إعداد", "اعداد"} {
		if strings.HasPrefix(t, w+" ") || t == w {
			return w, true
		}
	}
	return "", false
}

type segment struct {
	text    string
	quoted  bool // «...» or "..."
	bracket bool // (...)
}

// segments cuts s, in order, into bracketed and quoted groups and the
// parts between separators.
func segments(s string) []segment {
	var segs []segment
	flush := func(part string) {
		for _, p := range splitSeparators(part) {
			segs = append(segs, segment{text: p})
		}
	}
	start := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		closer, quoted := "", false
		switch r {
		case '(':
			closer = ")"
		case '[':
			closer = "]"
		case '«':
			closer, quoted = "»", true
		case '"':
			closer, quoted = "\"", true
		case '“':
			closer, quoted = "”", true
		}
		if closer != "" {
			if j := strings.Index(s[i+n:], closer); j >= 0 {
				flush(s[start:i])
				inner := s[i+n : i+n+j]
				segs = append(segs, segment{text: inner, quoted: quoted, bracket: !quoted})
				i += n + j + len(closer)
				start = i
				continue
			}
		}
		i += n
	}
	flush(s[start:])
	return segs
}

// splitSeparators splits s at dashes, colons, commas, bars and slashes,
// and at a tatweel standing alone between spaces.
func splitSeparators(s string) []string {
	var out []string
	start := 0
	prevSpace := true
	for i, r := range s {
		sep := false
		switch r {
		case '-', '–', '—', '‒', '―', ':', '،', ',', '|', '/', '\\', '؛', ';':
			sep = true
		case 'ـ':
			next, _ := utf8.DecodeRuneInString(s[i+len("ـ"):])
			sep = prevSpace || unicode.IsSpace(next) || i+len("ـ") == len(s)
		}
		if sep {
			out = append(out, s[start:i])
			start = i + utf8.RuneLen(r)
		}
		prevSpace = unicode.IsSpace(r)
	}
	return append(out, s[start:])
}

// cleanSegment trims a segment and drops the small words that link a
// dateline's parts: "الموافق", the era letters "هـ"/"م", a leading "من".
func cleanSegment(t string) string {
	t = strings.TrimFunc(t, isSpaceOrSep)
	f := strings.Fields(t)
	for len(f) > 0 && isLinkWord(f[0]) {
		f = f[1:]
	}
	for len(f) > 0 && isLinkWord(f[len(f)-1]) {
		f = f[:len(f)-1]
	}
	if len(f) > 0 && f[0] == "من" {
		f = f[1:]
	}
	return strings.Join(f, " ")
}

func isLinkWord(w string) bool {
	switch w {
	case "الموافق", "الموافق:", "هـ", "ه", "م", "في", "&nbsp;":
		return true
	}
	return false
}

// isSpaceOrSep reports white space, invisible marks and the
// punctuation that may trail or lead a dateline.
func isSpaceOrSep(r rune) bool {
	switch r {
	case '-', '–', '—', ':', '،', ',', '|', 'ـ', '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\ufeff', '\u061c':
		return true
	}
	return unicode.IsSpace(r)
}

// looksLikeSentence reports text that ends a sentence or asks a
// question: a full stop after a word of two letters or more, or ?, !, ؟.
func looksLikeSentence(s string) bool {
	if strings.ContainsAny(s, "?!؟") {
		return true
	}
	run := 0
	for _, r := range s {
		switch {
		case r == '.':
			if run >= 2 {
				return true
			}
			run = 0
		case unicode.IsLetter(r):
			run++
		default:
			run = 0
		}
	}
	return false
}

// splitPrefix finds a dateline at the start of paragraph p, as in
// "الرياض - واس: قال ..." or "بيروت، 12 أيار (رويترز) - قال ...". It
// returns the dateline and the byte length of p it takes, trailing
// separator included; the rest of p must still hold text.
func splitPrefix(p string, ref time.Time) (Dateline, int, bool) {
	const window = 200 // bytes, about 100 Arabic letters
	lim := min(len(p), window)
	var cands []int
	if i := strings.IndexByte(p[:lim], ':'); i > 0 {
		cands = append(cands, i+1)
	}
	for _, closer := range []string{")", "»"} {
		if i := strings.Index(p[:lim], closer); i > 0 {
			after := i + len(closer)
			rest := strings.TrimLeft(p[after:], " ")
			for _, dash := range []string{"-", "–", "—", ":"} {
				if strings.HasPrefix(rest, dash) {
					cands = append(cands, len(p)-len(rest)+len(dash))
				}
			}
		}
	}
	for _, end := range cands {
		body := strings.TrimFunc(p[end:], unicode.IsSpace)
		if utf8.RuneCountInString(body) < 2 {
			continue
		}
		d, score := parseDateline(p[:end], ref, false)
		if score == 0 {
			continue
		}
		// A prefix before a colon that is only a place and a person is
		// too often a quote ("المالكي: قطر ...") to be taken as an author
		// line inside a paragraph.
		if score == 1 && d.Author != "" {
			continue
		}
		return d, end, true
	}
	return Dateline{}, 0, false
}

// splitSignOff finds an agency credit closing paragraph p, as in
// "... (أ ف ب)" or "... - (رويترز)." It returns the byte offset where
// the credit starts and the source named.
func splitSignOff(p string) (int, string, bool) {
	t := strings.TrimRightFunc(p, func(r rune) bool { return unicode.IsSpace(r) || r == '.' })
	if !strings.HasSuffix(t, ")") {
		return 0, "", false
	}
	open := strings.LastIndex(t, "(")
	if open < 0 {
		return 0, "", false
	}
	inner := strings.TrimSpace(t[open+1 : len(t)-1])
	if inner == "" || !isSource(inner) {
		return 0, "", false
	}
	return open, inner, true
}
