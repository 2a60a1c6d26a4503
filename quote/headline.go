package quote

import (
	"math"
	"sort"

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
		who := ""
		if mi < 0 {
			if who, cue = f.colonSource(i); who == "" {
				continue
			}
		}
		end := i + 1
		for end < len(f.toks) && (end == i+1 || !f.toks[end].NL) {
			end++
		}
		for end > i+1 && f.toks[end-1].Kind == matchtext.Punct {
			end--
		}
		if end-(i+1) < 3 {
			continue
		}
		out = append(out, item{pos: i, start: f.toks[i+1].Start, end: f.toks[end-1].End, cue: cue, verb: -1, ment: mi, who: who})
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
	line := k
	for line > 0 && !f.toks[line].NL && k-line < 8 {
		line--
	}
	if !f.toks[line].NL && line != 0 {
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
