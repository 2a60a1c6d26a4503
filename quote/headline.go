package quote

import (
	"math"
	"sort"
	"strings"

	"github.com/khabar/khabar/internal/matchtext"
)

// colonSource reads the headline form with unnamed speakers: a line that
// opens with a plural source noun and has at most four words before the
// colon at token k (خبراء: …، محللون ومشايخ: …، مصادر أمنية: …). It
// returns the speakers' phrase and the cue, or "".
func (f *finder) colonSource(k int) (who, cue string) {
	line := -1
	for j := k - 1; j >= 0 && j >= k-4; j-- {
		if f.toks[j].Kind != matchtext.Word {
			return "", "" // a dateline (الرياض - …) or a list, not a speaker
		}
		if j == 0 || f.toks[j].NL {
			line = j
			break
		}
	}
	if line < 0 || !pluralSources[f.toks[line].Norm] {
		return "", ""
	}
	return f.phraseText(line, k), string(f.rs[f.toks[line].Start:f.toks[k].End])
}

// pluralSources name several unnamed speakers, which a headline gives
// without a name; one (مصدر، مسؤول) is too vague to stand for one there.
var pluralSources = wordSet("مصادر المصادر مسؤولون مسؤولين شهود مراقبون محللون خبراء دبلوماسيون أوساط " +
	"متعاملون مختصون اقتصاديون أطباء")

// headlines finds "NAME: content" lines whose content is not quoted.
func (f *finder) headlines(spans []dspan) []item {
	var out []item
	for i, t := range f.toks {
		if t.Kind != matchtext.Punct || t.R != ':' || i+1 >= len(f.toks) || f.toks[i+1].NL {
			continue
		}
		if n := f.toks[i+1]; n.Kind == matchtext.Punct && matchtext.IsQuoteMark(n.R) {
			continue
		}
		mi, cue := f.colonSpeaker(i + 1)
		who, id := "", ""
		if mi < 0 {
			if id, cue = f.shortName(i); id == "" {
				if id, cue = f.familyName(i); id == "" {
					if who, cue = f.colonSource(i); who == "" {
						continue
					}
				}
			}
		}
		end := i + 1
		for end < len(f.toks) && (end == i+1 || !f.toks[end].NL) && !f.wireTrailer(end) {
			end++
		}
		for end > i+1 && f.toks[end-1].Kind == matchtext.Punct {
			end--
		}
		if end-(i+1) < 3 && !(end-(i+1) == 2 && mi >= 0 && f.a.Entities[f.ments[mi].ent].Type == "PER") {
			continue // a person's two words (فلان: سنطاردهم لإيران) are a statement; fewer are a label
		}
		out = append(out, item{pos: i, start: f.toks[i+1].Start, end: f.toks[end-1].End, cue: cue, verb: -1, ment: mi, who: who, id: id})
	}
	return out
}

// colonSpeaker looks for "NAME:" opening the line that token at lies on,
// with the colon right before at. It returns the mention index of NAME
// (a person or organization) and the cue text, or -1.
func (f *finder) colonSpeaker(at int) (int, string) {
	k := at - 1
	if k < 1 || f.toks[k].Kind != matchtext.Punct || f.toks[k].R != ':' {
		return -1, ""
	}
	line := f.segmentStart(k, 8)
	if line < 0 {
		return -1, ""
	}
	if fw := f.firstWord(line, k); fw >= 0 {
		if leadPreps[f.toks[fw].Norm] {
			return -1, "" // في نظر فيفا: a topic, not a speaker
		}
		if c, _ := cues.lookup(f.toks[fw].Norm); c != nil {
			return -1, "" // وقال لوكالة …: a speech verb's colon, read with the verb
		}
	}
	end := f.toks[k-1].End
	limit := -1 // the start of the line's third word, once needed
	// The mentions that end at end start in [line start, end).
	ls := f.toks[line].Start
	for mi := sort.Search(len(f.ments), func(i int) bool { return f.ments[i].start >= ls }); mi < len(f.ments) && f.ments[mi].start < end; mi++ {
		m := f.ments[mi]
		if m.end != end {
			continue
		}
		if limit < 0 {
			limit = f.wordStartBefore(line, 3, k)
		}
		if m.start > limit {
			continue
		}
		if t := f.a.Entities[m.ent].Type; t == "PER" || t == "ORG" {
			return mi, string(f.rs[f.toks[line].Start:f.toks[k].End])
		}
	}
	return -1, ""
}

// firstWord returns the first word token in [i, k), or -1.
func (f *finder) firstWord(i, k int) int {
	for ; i < k; i++ {
		if f.toks[i].Kind == matchtext.Word {
			return i
		}
	}
	return -1
}

// wordStartBefore is wordStart(i, n) for a caller that only compares it
// with code points before token k: when the n-th word lies at or after k,
// it returns math.MaxInt without looking for it.
func (f *finder) wordStartBefore(i, n, k int) int {
	last := f.toks[i].Start
	for ; i < k && n > 0; i++ {
		if f.toks[i].Kind == matchtext.Word {
			last = f.toks[i].Start
			n--
		}
	}
	if n > 0 && f.lastWord >= k {
		return math.MaxInt // wordStart would find a word at or after k
	}
	return last
}

// segmentStart returns the first token of the line, or of the part of a
// headline after a full stop, an ellipsis or a wire service's slash
// (الحوثيون يطلبون المغادرة.. والمخلافي: …; عام / "الغذاء والدواء": …),
// that ends with the colon at token k, when it lies within n tokens of
// k; else -1.
func (f *finder) segmentStart(k, n int) int {
	line := k
	for line > 0 && !f.toks[line].NL && k-line < n {
		if p := f.toks[line-1]; line < k && p.Kind == matchtext.Punct && (p.R == '.' || p.R == '…' || p.R == '/') {
			// Only words (and quote marks) stand between such a start
			// and the colon: not code or a list (jQuery.post(url,{site:).
			for j := line; j < k; j++ {
				if t := f.toks[j]; t.Kind == matchtext.Punct && !matchtext.IsQuoteMark(t.R) {
					return -1
				}
			}
			return line
		}
		line--
	}
	if !f.toks[line].NL && line != 0 {
		return -1
	}
	return line
}

// shortName reads the headline form with an organization's short name
// (الاقتصاد والتخطيط: … for وزارة الاقتصاد والتخطيط; "الغذاء والدواء": …
// for الهيئة العامة للغذاء والدواء): one to three words opening the line
// before the colon at token k that end the name of one organization the
// article names, without its head words. It returns the entity's ID and
// the cue, or "".
func (f *finder) shortName(k int) (id, cue string) {
	line := f.segmentStart(k, 6)
	if line < 0 {
		return "", ""
	}
	var words []string
	for j := line; j < k; j++ {
		t := f.toks[j]
		switch {
		case t.Kind == matchtext.Word:
			w := t.Norm
			if j == line {
				w, _ = matchtext.StripConj(w)
			}
			words = append(words, lamToAl(w))
		case !matchtext.IsQuoteMark(t.R):
			return "", ""
		}
	}
	if len(words) == 0 || len(words) > 3 || len(words) == 1 && len([]rune(words[0])) < 6 {
		return "", ""
	}
	key := strings.Join(words, " ")
	found := -1
	for i, e := range f.a.Entities {
		if e.Type != "ORG" {
			continue
		}
		w := strings.Fields(Normalize(e.Name))
		if len(w) <= len(words) {
			continue
		}
		tail := make([]string, 0, len(words))
		for _, x := range w[len(w)-len(words):] {
			tail = append(tail, lamToAl(x))
		}
		if strings.Join(tail, " ") != key {
			continue
		}
		if found >= 0 && f.a.Entities[found].ID != e.ID {
			return "", "" // two bodies end so: no guess
		}
		found = i
	}
	if found < 0 {
		return "", ""
	}
	return f.a.Entities[found].ID, string(f.rs[f.toks[line].Start:f.toks[k].End])
}

// lamToAl writes a normalized word with the preposition ل on its article
// (للغذاء) as the article alone (الغذاء).
func lamToAl(w string) string {
	if rest, ok := strings.CutPrefix(w, "لل"); ok && len(rest) > 2 {
		return "ال" + rest
	}
	return w
}

// wireTrailer reports whether token i is the slash before a wire service's
// note at the end of a headline (… / إضافة أولى واخيرة).
func (f *finder) wireTrailer(i int) bool {
	t := f.toks[i]
	if t.Kind != matchtext.Punct || t.R != '/' || i+1 >= len(f.toks) {
		return false
	}
	w := f.toks[i+1].Norm
	return w == "اضافه" || w == "تصحيح" || w == "انتهي"
}

// familyName reads the headline form with a person's family name alone
// (أولاريو: …), which the tagger may not tag in a headline: one word
// opening the line before the colon at token k that is the last word of
// a person the article names. It returns the entity's ID and the cue, or
// "".
func (f *finder) familyName(k int) (id, cue string) {
	line := f.segmentStart(k, 2)
	if line < 0 || line+1 != k || f.toks[line].Kind != matchtext.Word {
		return "", ""
	}
	e := f.byName(line, k)
	if e < 0 || f.a.Entities[e].Type != "PER" {
		return "", ""
	}
	return f.a.Entities[e].ID, string(f.rs[f.toks[line].Start:f.toks[k].End])
}
