package article

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Limits of the headline and subtitle heuristics.
const (
	maxTitleRunes    = 250
	maxTitleWords    = 40
	maxSubtitleRunes = 300
	maxSubtitleWords = 35
	maxLeadLines     = 3 // lines between the title and the dateline

	maxLooseSubtitleRunes = 160 // a subtitle with no dateline after it
	maxLooseSubtitleWords = 20
)

// ParseText parses a plain-text article: the headline on the first line
// (unless opt.NoTitle), then optionally a subtitle, a dateline and the
// body, one paragraph a line (blank lines between paragraphs are
// optional). Lines that are boilerplate are dropped and reported.
//
// Input must be valid UTF-8: otherwise ParseText fails with an error
// wrapping ErrInvalidUTF8 that names the byte offset, unless opt.Repair
// is set.
func ParseText(r io.Reader, opt Options) (*Article, error) {
	data, err := readAll(r, opt.maxSize())
	if err != nil {
		return nil, err
	}
	return parseTextBytes(data, opt)
}

func parseTextBytes(data []byte, opt Options) (*Article, error) {
	s, warn, err := checkUTF8(string(data), "text", opt.Repair)
	if err != nil {
		return nil, err
	}
	in := input{body: s, noTitle: opt.NoTitle, ref: opt.Ref}
	if warn != "" {
		in.warnings = append(in.warnings, warn)
	}
	return build(in)
}

// input is what every parser hands to build.
type input struct {
	body      string    // the article text, one paragraph a line
	title     string    // a title known from metadata, or ""
	noTitle   bool      // the body has no headline line
	byline    string    // a record's author field ("لندن: رنيم حنوش")
	published string    // YYYY-MM-DD from metadata, or ""
	ref       time.Time // reference date
	url       string
	source    string
	author    string
	lang      string
	warnings  []string
}

// Roles of lines.
const (
	roleBody = iota
	roleTitle
	roleSubtitle
	roleDateline
	roleBoiler
)

type item struct {
	text string
	role int
}

// splitLines cuts s into trimmed, non-empty lines.
func splitLines(s string) []string {
	s = strings.TrimPrefix(s, "\ufeff")
	var out []string
	for len(s) > 0 {
		i := lineBreak(s)
		var line string
		if i < 0 {
			line, s = s, ""
		} else {
			line = s[:i]
			_, n := utf8.DecodeRuneInString(s[i:])
			s = s[i+n:]
		}
		if line = strings.TrimFunc(line, isBlank); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// lineBreak returns the byte index of the first \n, \r, U+2028 or
// U+2029 in s, or -1: strings.IndexAny(s, "\n\r\u2028\u2029") without
// decoding every code point.
func lineBreak(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n', '\r':
			return i
		case 0xE2: // U+2028 and U+2029 are E2 80 A8 and E2 80 A9
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) {
				return i
			}
		}
	}
	return -1
}

// isBlank reports white space and invisible format characters.
func isBlank(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\ufeff', '\u061c', '\u2066', '\u2067', '\u2068', '\u2069',
		'\u202a', '\u202b', '\u202c', '\u202d', '\u202e':
		return true
	}
	return unicode.IsSpace(r)
}

// isTitleLike reports a short line that does not end with a full stop
// (headlines may end with ? or !).
func isTitleLike(s string, maxRunes, maxWords int) bool {
	if utf8.RuneCountInString(s) > maxRunes || len(strings.Fields(s)) > maxWords {
		return false
	}
	t := strings.TrimRightFunc(s, func(r rune) bool { return r == '"' || r == '»' || r == '”' || r == ')' })
	if strings.HasSuffix(t, "..") {
		return true // "تحرير عدن.." is a headline's ellipsis
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	return r != '.' && r != '…'
}

// looseSubtitle reports whether line, between the title and the body
// with no dateline after it, reads as a subtitle: short, and shorter than
// the paragraph that follows it.
func looseSubtitle(line, next string) bool {
	n := utf8.RuneCountInString(line)
	return n <= maxLooseSubtitleRunes && len(strings.Fields(line)) <= maxLooseSubtitleWords && n < utf8.RuneCountInString(next)
}

// standaloneDateline reports whether a whole line is a dateline.
func standaloneDateline(line string, ref time.Time) (Dateline, bool) {
	d, score := parseDateline(line, ref, false)
	switch {
	case score >= 2:
		return d, true
	case score == 1 && len(strings.Fields(line)) <= 6:
		return d, true
	}
	return Dateline{}, false
}

// headlineOf reports whether line is the headline that title holds,
// the same words or title with a site name added ("الخبر | الصحيفة").
func headlineOf(line, title string) bool {
	l, t := strings.Join(strings.Fields(line), " "), strings.Join(strings.Fields(title), " ")
	if l == t {
		return true
	}
	return len(l)*2 >= len(t) && isTitleLike(l, maxTitleRunes, maxTitleWords) &&
		(strings.HasPrefix(t, l+" ") || strings.HasSuffix(t, " "+l))
}

// build finds the structure of in.body and assembles the Article.
func build(in input) (*Article, error) {
	var items []item
	for _, l := range splitLines(in.body) {
		if furniture, rest, ok := cutSliderPrefix(l); ok {
			// "Next Previous حامد القرشي – …": a slider's buttons glued
			// to the first line of the text.
			items = append(items, item{text: furniture, role: roleBoiler})
			l = rest
		}
		role := roleBody
		if isBoilerplate(l) {
			role = roleBoiler
		}
		items = append(items, item{text: l, role: role})
	}
	content := func(from int) int { // index of the next non-boilerplate item
		for i := from; i < len(items); i++ {
			if items[i].role != roleBoiler {
				return i
			}
		}
		return -1
	}

	title := strings.Join(strings.Fields(in.title), " ")
	first := content(0)
	next := first // first item after the title
	if title != "" {
		if first >= 0 && headlineOf(items[first].text, title) {
			// The body repeats the headline (an <h1>): keep it once, as
			// written in the body.
			title = ""
			items[first].role = roleTitle
			next = content(first + 1)
		}
	} else if !in.noTitle && first >= 0 {
		second := content(first + 1)
		_, isDL := standaloneDateline(items[first].text, in.ref)
		if second >= 0 && !isDL && isTitleLike(items[first].text, maxTitleRunes, maxTitleWords) {
			items[first].role = roleTitle
			next = second
		}
	}

	// Subtitle and dateline lines between the title and the body.
	var dl *Dateline
	dlItem := -1
	var leads []int
	for i := next; i >= 0 && len(leads) <= maxLeadLines; i = content(i + 1) {
		if d, ok := standaloneDateline(items[i].text, in.ref); ok {
			dl, dlItem = &d, i
			items[i].role = roleDateline
			break
		}
		if !isTitleLike(items[i].text, maxSubtitleRunes, maxSubtitleWords) || content(i+1) < 0 {
			break
		}
		leads = append(leads, i)
	}
	hasTitle := first >= 0 && items[first].role == roleTitle || title != ""
	if dl != nil && len(leads) > 0 {
		items[leads[0]].role = roleSubtitle
	} else if dl == nil && hasTitle && len(leads) > 0 && leads[0] == next && looseSubtitle(items[next].text, items[content(next+1)].text) {
		items[next].role = roleSubtitle
	}

	a := &Article{URL: in.url, Source: in.source, Author: in.author, Warnings: in.warnings}
	var b strings.Builder
	// Room for the title and every line with its separator, so that the
	// text is not grown by copying.
	size := len(title) + 2
	for _, it := range items {
		size += len(it.text) + 2
	}
	b.Grow(size)
	pos := 0 // runes in b
	var pending []string
	add := func(s string) (start, end int) {
		if b.Len() > 0 {
			b.WriteString("\n\n")
			pos += 2
		}
		for _, p := range pending {
			a.Boilerplate = append(a.Boilerplate, Removed{Text: p, At: pos})
		}
		pending = pending[:0]
		start = pos
		b.WriteString(s)
		pos += utf8.RuneCountInString(s)
		return start, pos
	}
	if title != "" {
		st, en := add(title)
		a.Title = &Span{Text: title, Start: st, End: en}
	}
	lastBody := -1
	for i, it := range items {
		if it.role == roleBody {
			lastBody = i
		}
	}
	firstBody := true
	for i, it := range items {
		text := it.text
		switch it.role {
		case roleBoiler:
			pending = append(pending, text)
			continue
		case roleTitle:
			st, en := add(text)
			a.Title = &Span{Text: text, Start: st, End: en}
			continue
		case roleSubtitle:
			st, en := add(text)
			a.Subtitle = &Span{Text: text, Start: st, End: en}
			continue
		case roleDateline:
			st, _ := add(text)
			dl.Start += st
			dl.End += st
			continue
		}
		var dropped string
		if i == lastBody {
			text, dropped = tailBoilerplate(text)
			if text == "" {
				pending = append(pending, dropped)
				continue
			}
		}
		prefix := 0 // runes of a dateline opening the paragraph
		if firstBody && dl == nil && dlItem < 0 {
			if d, n, ok := splitPrefix(text, in.ref); ok {
				rest := text[n:]
				skip := len(rest) - len(strings.TrimLeftFunc(rest, isBlank))
				prefix = utf8.RuneCountInString(text[:n+skip])
				dl = &d
			}
		}
		firstBody = false
		st, en := add(text)
		if prefix > 0 {
			dl.Start += st
			dl.End += st
		}
		a.Paragraphs = append(a.Paragraphs, [2]int{st + prefix, en})
		if i == lastBody {
			if off, src, ok := splitSignOff(text); ok {
				s0 := st + utf8.RuneCountInString(text[:off])
				credit := strings.TrimRightFunc(text[off:], func(r rune) bool { return unicode.IsSpace(r) || r == '.' })
				a.SignOff = &Span{Text: credit, Start: s0, End: s0 + utf8.RuneCountInString(credit)}
				if dl == nil {
					dl = &Dateline{Source: src, Text: credit, Start: a.SignOff.Start, End: a.SignOff.End}
				} else if dl.Source == "" {
					dl.Source = src
				}
			}
			if dropped != "" {
				pending = append(pending, dropped)
			}
		}
	}
	for _, p := range pending {
		a.Boilerplate = append(a.Boilerplate, Removed{Text: p, At: pos})
	}
	a.Text = b.String()

	if in.byline != "" {
		if d, score := parseDateline(in.byline, in.ref, true); score > 0 {
			if dl == nil {
				d.Start, d.End = -1, -1
				dl = &d
			} else {
				fillDateline(dl, d)
			}
		}
	}
	a.Dateline = dl
	if dl != nil && a.Author == "" {
		a.Author = dl.Author
	}
	switch {
	case in.published != "":
		a.Published = in.published
	case dl != nil && dl.Date != "":
		a.Published = dl.Date
	default:
		a.Published = dateOnly(in.ref)
	}
	a.Lang = in.lang
	if a.Lang == "" {
		a.Lang = detectLang(a.Text)
	}
	if a.Text == "" {
		return nil, fmt.Errorf("%w: no text left after removing boilerplate", ErrNoContent)
	}
	return a, nil
}

// fillDateline completes empty fields of d from o.
func fillDateline(d *Dateline, o Dateline) {
	if d.Place == "" {
		d.Place = o.Place
	}
	if d.Source == "" {
		d.Source = o.Source
	}
	if d.Author == "" {
		d.Author = o.Author
	}
	if d.Date == "" {
		d.Date = o.Date
	}
}
