package quote

import (
	"strings"

	"github.com/khabar/khabar/internal/matchtext"
)

// An office written alone (وقال رئيس هيئة الموانئ إن …) stands for the
// person the article names with it: the entity's title when the earlier
// stages recorded one (byTitle), else the words written next to one of
// the person's mentions: before it (رئيس هيئة الموانئ فهد الزين, or past
// a comma: رئيس هيئة الموانئ، فهد الزين،) or after it, past a comma (فهد
// الزين، رئيس هيئة الموانئ،). A later mention of the office may shorten
// it (مدير العلاقات بالإمارة for مدير عام العلاقات العامة بإمارة
// المنطقة) or name it by its first word alone (وقال الوزير).

// textTitle is an office written next to a person's mention.
type textTitle struct {
	ent, pos int      // the person, and where the office is written
	words    []string // the office's words, without the article
}

// maxTitleMentions bounds the mentions of one person whose neighbours
// are read, and maxTitleWords the words of an office.
const (
	maxTitleMentions = 8
	maxTitleWords    = 10
)

// textTitles indexes the offices written next to persons' mentions by
// their first word, each word in its core form (see coreWord).
func (f *finder) textTitles() map[string][]textTitle {
	if f.ttl != nil {
		return f.ttl
	}
	f.ttl = map[string][]textTitle{}
	add := func(t textTitle) {
		if len(t.words) == 0 {
			return
		}
		for k := range t.words {
			t.words[k] = coreWord(t.words[k])
		}
		k := t.words[0]
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
		// before it that opens with a title word, perhaps past one
		// comma (وزير الخارجية، فلان).
		last := si
		if k := si - 1; k > 0 && f.toks[k].Kind == matchtext.Punct && (f.toks[k].R == '،' || f.toks[k].R == ',') && !f.toks[si].NL {
			last = k
		}
		first := last
		for k := last - 1; k >= 0 && last-k <= maxTitleWords && f.toks[k].Kind == matchtext.Word; k-- {
			if complementizers[f.toks[k].Norm] {
				break // أوضح رئيس اللجنة أن الأمير فلان: not the prince's office
			}
			if objectWord(f.toks[k].Norm) || f.personAt(f.toks[k].Start) {
				// انتقد الوزير مواصلة إيران دعمها لنظام فلان: an office
				// holds no word with a pronoun and no other person.
				break
			}
			if c, _ := cues.lookup(f.toks[k].Norm); c != nil {
				break
			}
			first = k
			if f.toks[k].NL {
				break
			}
		}
		if last > first && construct(f.toks[last-1].Norm) {
			// مستشار فلان: the person is the office's complement, not
			// its holder.
			first = last
		}
		for k := first; k < last; k++ {
			w := titleWord(f.toks[k].Norm)
			if w == "" {
				continue
			}
			ws := []string{w}
			for x := k + 1; x < last; x++ {
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

// coreWord returns a normalized office word without a conjunction, a
// leading preposition ل or ب and the article (وللهيئة → هيئة), so that
// للهيئة and لهيئة agree.
func coreWord(w string) string {
	if c, ok := matchtext.StripConj(w); ok && len(c) >= len("ااا") {
		w = c
	}
	for _, p := range []string{"لل", "بال", "ل", "ب"} {
		if r, ok := strings.CutPrefix(w, p); ok && len(r) >= len("ااا") {
			if p == "لل" {
				r = "ال" + r
			}
			w = r
			break
		}
	}
	w = trimAl(w)
	if syn, ok := officeSynonyms[w]; ok {
		return syn
	}
	return w
}

// officeSynonyms map an office word to the one word its synonyms share
// (الناطق الرسمي and المتحدث الرسمي name one office).
var officeSynonyms = map[string]string{"ناطق": "متحدث", "ناطقه": "متحدثه"}

// byTextTitle returns the entity index of the person whose office,
// written next to a mention, agrees with words: the same first word, and
// the one's words a subsequence of the other's (وزير التخطيط اليمني and
// الوزير اليمني; مدير عام العلاقات العامة بإمارة المنطقة and مدير
// العلاقات بالإمارة). An office of one word agrees with every office it
// opens. Words past the written office must not name a place
// (extraOK(n) accepts the words from the n-th on, as for byTitle). The
// one written last before code point pos wins, else the first after. It
// returns -1 when none agrees.
func (f *finder) byTextTitle(words []string, pos int, extraOK func(n int) bool) int {
	if len(words) == 0 {
		return -1
	}
	q := make([]string, len(words))
	for k, w := range words {
		q[k] = coreWord(w)
	}
	best, bestPos := -1, -1
	after, afterPos := -1, -1
	for _, t := range f.textTitles()[q[0]] {
		switch {
		case subsequence(q, t.words):
		case subsequence(t.words, q) && extraOK(len(t.words)):
		default:
			continue
		}
		switch {
		case t.pos < pos && t.pos > bestPos:
			best, bestPos = t.ent, t.pos
		case t.pos >= pos && (after < 0 || t.pos < afterPos) && agrees(q, t.words):
			// An office written before its holder is named (قال وزير
			// كويتي …) takes the holder only on a close agreement.
			after, afterPos = t.ent, t.pos
		}
	}
	if best >= 0 {
		return best
	}
	return after
}

// subsequence reports whether a's words occur in b in order, with the
// same first word.
func subsequence(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 || a[0] != b[0] || len(a) > len(b) {
		return false
	}
	k := 1
	for _, w := range b[1:] {
		if k < len(a) && a[k] == w {
			k++
		}
	}
	return k == len(a)
}

// agrees reports whether two offices agree word for word on the words
// both have, at least two.
func agrees(a, b []string) bool {
	n := min(len(a), len(b))
	if n < 2 {
		return false
	}
	for k := 0; k < n; k++ {
		if a[k] != b[k] {
			return false
		}
	}
	return true
}

// construct reports whether a normalized word is an office in the
// construct state (مستشار، وزير without the article), whose next word
// is its complement.
func construct(w string) bool {
	return !strings.HasPrefix(w, "ال") && !honorifics[w] && (titleWords[w] || personNouns[w])
}

// objectWord reports whether a normalized word carries a possessive
// pronoun (دعمها، موقفهم), which no office written before a name has.
func objectWord(w string) bool {
	for _, suf := range []string{"ها", "هم", "هما"} {
		if strings.HasSuffix(w, suf) && len([]rune(w)) > len([]rune(suf))+2 {
			return true
		}
	}
	return false
}

// personAt reports whether a person's mention covers code point p.
func (f *finder) personAt(p int) bool {
	for _, m := range f.mentionsIn(max(0, p-maxTitleSpan), p+1) {
		if m.start <= p && p < m.end && f.a.Entities[m.ent].Type == "PER" {
			return true
		}
	}
	return false
}

// maxTitleSpan bounds how far before a word a mention covering it may
// start, in code points.
const maxTitleSpan = 60

// maxHonorificGap bounds the tokens between an honorific and the name of
// whom it honours (سماحة مفتي عام المملكة رئيس هيئة كبار العلماء … الشيخ
// فلان).
const maxHonorificGap = 24

// maxHonorificLook bounds how far back, in tokens, the honorific of a
// pronoun is looked for, so that a text full of pronouns costs in
// proportion to its length.
const maxHonorificLook = 2000

// byHonorific returns the entity index of the person an honorific pronoun
// w (سماحته) stands for: the first person named after the last use of its
// honorific (سماحة) before code point pos, within maxHonorificGap tokens;
// else -1.
func (f *finder) byHonorific(w string, pos int) int {
	h := honorificOf[w]
	if h == "" {
		return -1
	}
	from := f.tokenAt(pos) - 1
	for k := from; k >= 0 && k > from-maxHonorificLook; k-- {
		if f.toks[k].Norm != h {
			continue
		}
		for j := k + 1; j < len(f.toks) && j <= k+maxHonorificGap && f.toks[j].Start < pos; j++ {
			for _, m := range f.mentionsIn(f.toks[j].Start, f.toks[j].End) {
				if f.a.Entities[m.ent].Type == "PER" {
					return m.ent
				}
			}
		}
		return -1
	}
	return -1
}
