package quote

import "github.com/khabar/khabar/internal/matchtext"

// An office written alone (وقال رئيس هيئة الموانئ إن …) stands for the
// person the article names with it: the entity's title when the earlier
// stages recorded one (byTitle), else the words written next to one of
// the person's mentions: before it (رئيس هيئة الموانئ فهد الزين) or after
// it, past a comma (فهد الزين، رئيس هيئة الموانئ،).

// textTitle is an office written next to a person's mention.
type textTitle struct {
	ent, pos int      // the person, and where the office is written
	words    []string // the office's words, without the article
}

// maxTitleMentions bounds the mentions of one person whose neighbours
// are read, and maxTitleWords the words of an office.
const (
	maxTitleMentions = 8
	maxTitleWords    = 6
)

// textTitles indexes the offices written next to persons' mentions by
// their first two words.
func (f *finder) textTitles() map[string][]textTitle {
	if f.ttl != nil {
		return f.ttl
	}
	f.ttl = map[string][]textTitle{}
	add := func(t textTitle) {
		if len(t.words) < 2 {
			return
		}
		k := titleKey(t.words[0], t.words[1])
		if len(f.ttl[k]) < maxTitleCands {
			f.ttl[k] = append(f.ttl[k], t)
		}
	}
	seen := map[int]int{}
	for _, m := range f.ments {
		if f.a.Entities[m.ent].Type != "PER" || seen[m.ent] == maxTitleMentions {
			continue
		}
		seen[m.ent]++
		si, ei := f.tokenAt(m.start), f.tokenAt(m.end-1)
		if si < 0 || ei < 0 {
			continue
		}
		// After the name, past one comma.
		j := ei + 1
		if j < len(f.toks) && f.toks[j].Kind == matchtext.Punct && (f.toks[j].R == '،' || f.toks[j].R == ',') {
			j++
		}
		if ws := f.wordsFrom(j); len(ws) >= 2 && titleWord(f.toks[j].Norm) != "" {
			add(textTitle{m.ent, f.toks[j].Start, ws})
		}
		// Before the name: each run of the words of its line right
		// before it that opens with a title word.
		first := si
		for k := si - 1; k >= 0 && si-k <= maxTitleWords && f.toks[k].Kind == matchtext.Word; k-- {
			first = k
			if f.toks[k].NL {
				break
			}
		}
		for k := first; k < si; k++ {
			w := titleWord(f.toks[k].Norm)
			if w == "" {
				continue
			}
			ws := []string{w}
			for x := k + 1; x < si; x++ {
				ws = append(ws, trimAl(f.toks[x].Norm))
			}
			add(textTitle{m.ent, f.toks[k].Start, ws})
		}
	}
	return f.ttl
}

// titleWord returns a normalized word that opens an office, without the
// article and a conjunction (ورئيس → رئيس), or "".
func titleWord(n string) string {
	for _, w := range []string{n, trimAl(n)} {
		if titleWords[w] {
			return trimAl(w)
		}
	}
	if s, ok := matchtext.StripConj(n); ok && (titleWords[s] || titleWords[trimAl(s)]) {
		return trimAl(s)
	}
	return ""
}

// wordsFrom returns up to maxTitleWords words from token j, without the
// article, stopping at punctuation or a line.
func (f *finder) wordsFrom(j int) []string {
	var ws []string
	for k := j; k < len(f.toks) && len(ws) < maxTitleWords; k++ {
		t := f.toks[k]
		if t.Kind != matchtext.Word || t.NL && k > j {
			break
		}
		ws = append(ws, trimAl(t.Norm))
	}
	return ws
}

// tokenAt returns the token that holds code point p, or -1.
func (f *finder) tokenAt(p int) int {
	lo := matchtext.Search(f.toks, p)
	if lo < len(f.toks) && f.toks[lo].Start <= p {
		return lo
	}
	return -1
}

// byTextTitle returns the entity index of the person whose office,
// written next to a mention, agrees with words on at least two words and
// on all the words both have; the one written last before code point pos
// wins, else the first after. It returns -1 when none agrees.
func (f *finder) byTextTitle(words []string, pos int) int {
	if len(words) < 2 {
		return -1
	}
	best, bestPos := -1, -1
	after, afterPos := -1, -1
	for _, t := range f.textTitles()[titleKey(words[0], words[1])] {
		n := min(len(t.words), len(words))
		ok := true
		for k := 2; k < n; k++ {
			if t.words[k] != words[k] {
				ok = false
				break
			}
		}
		switch {
		case !ok:
		case t.pos < pos && t.pos > bestPos:
			best, bestPos = t.ent, t.pos
		case t.pos >= pos && (after < 0 || t.pos < afterPos):
			after, afterPos = t.ent, t.pos
		}
	}
	if best >= 0 {
		return best
	}
	return after
}
