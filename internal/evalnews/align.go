package evalnews

import (
	"html"
	"unicode"
)

// The analysis text is the record's title and content as khabar reads
// them: white space rewritten, HTML entities decoded, format characters
// and boilerplate dropped, sometimes the title written twice. An
// alignment maps the code points of the record's title and content (the
// gold's coordinates) to those of the analysis text and back, over the
// characters both keep.

// alignment maps between the source text, the record's title, two line
// breaks and its content, and the analysis text, in code points.
type alignment struct {
	toText []int // source code point → analysis code point, or -1
	toSrc  []int // analysis code point → source code point, or -1
	title  int   // code points of the title in the source
	body   int   // where the content starts in the source
}

// unit is one kept character with where it stands.
type unit struct {
	r   rune
	pos int
}

// runLen is how many characters must agree for the alignment to pick up
// again after a difference, and maxSkip bounds how far ahead it looks.
const (
	runLen  = 12
	maxSkip = 8000
)

// align aligns the record's title and content with the analysis text.
func align(title, content, text string) *alignment {
	tr, cr := []rune(title), []rune(content)
	src := make([]rune, 0, len(tr)+2+len(cr))
	src = append(append(append(src, tr...), '\n', '\n'), cr...)
	dst := []rune(text)
	al := &alignment{toText: fill(len(src)), toSrc: fill(len(dst)), title: len(tr), body: len(tr) + 2}
	s, t := srcUnits(src), dstUnits(dst)
	i, j := 0, 0
	for i < len(s) && j < len(t) {
		if s[i].r == t[j].r {
			// An entity decoded into several characters maps them all
			// to its '&'; the first mapping of a position wins.
			if al.toText[s[i].pos] < 0 {
				al.toText[s[i].pos] = t[j].pos
			}
			al.toSrc[t[j].pos] = s[i].pos
			i, j = i+1, j+1
			continue
		}
		ni, nj, ok := resync(s, t, i, j)
		if !ok {
			break
		}
		i, j = ni, nj
	}
	return al
}

func fill(n int) []int {
	m := make([]int, n)
	for i := range m {
		m[i] = -1
	}
	return m
}

// resync finds the nearest pair of positions from (i, j) on where runLen
// characters (or all that is left, if fewer) agree.
func resync(s, t []unit, i, j int) (int, int, bool) {
	for d := 1; d <= maxSkip; d++ {
		for a := 0; a <= d; a++ {
			si, tj := i+a, j+d-a
			if si >= len(s) || tj >= len(t) {
				continue
			}
			if agree(s[si:], t[tj:]) {
				return si, tj, true
			}
		}
		if i+d >= len(s) && j+d >= len(t) {
			break
		}
	}
	return 0, 0, false
}

func agree(s, t []unit) bool {
	n := min(runLen, len(s), len(t))
	if n < runLen && n != len(s) && n != len(t) {
		return false
	}
	for k := 0; k < n; k++ {
		if s[k].r != t[k].r {
			return false
		}
	}
	return true
}

// kept reports whether a character takes part in the alignment: white
// space and format characters (directional marks, zero-width joiners)
// do not, as khabar rewrites or drops them.
func kept(r rune) bool {
	return !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r)
}

func dstUnits(text []rune) []unit {
	out := make([]unit, 0, len(text))
	for i, r := range text {
		if kept(r) {
			out = append(out, unit{r, i})
		}
	}
	return out
}

// srcUnits returns the kept characters of the source, with its HTML
// entities decoded (as khabar does): the characters of an entity stand
// at its '&'.
func srcUnits(src []rune) []unit {
	out := make([]unit, 0, len(src))
	for i := 0; i < len(src); i++ {
		if src[i] == '&' {
			if n := entityLen(src[i:]); n > 0 {
				for _, r := range html.UnescapeString(string(src[i : i+n])) {
					if kept(r) {
						out = append(out, unit{r, i})
					}
				}
				i += n - 1
				continue
			}
		}
		if kept(src[i]) {
			out = append(out, unit{src[i], i})
		}
	}
	return out
}

// entityLen returns the length of the HTML character reference at the
// start of s (&amp; &#39; &#x27;), or 0.
func entityLen(s []rune) int {
	for n := 2; n <= len(s) && n <= 12; n++ {
		r := s[n-1]
		if r == ';' {
			e := string(s[:n])
			if n > 2 && html.UnescapeString(e) != e {
				return n
			}
			return 0
		}
		if !(r == '#' && n == 2) && !(r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r))) {
			return 0
		}
	}
	return 0
}

// inSource reports whether any kept character of the analysis span
// [start, end) comes from the record's title or content.
func (al *alignment) inSource(start, end int) bool {
	if start < 0 || end > len(al.toSrc) || start >= end {
		return false
	}
	for _, p := range al.toSrc[start:end] {
		if p >= 0 {
			return true
		}
	}
	return false
}

// sourcePos returns the source position of a gold offset in field
// ("title" or "content").
func (al *alignment) sourcePos(field string, off int) int {
	if field == "title" {
		return off
	}
	return al.body + off
}
