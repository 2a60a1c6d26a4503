package quote

import (
	"strings"

	"github.com/khabar/khabar/internal/matchtext"
)

// Outlets: a statement reported through a newspaper, an agency or a
// channel names the outlet as its source (ونقلت صحيفة … عن، في حديثه
// لوكالة …) or, when no one is quoted inside, as its speaker.

// outletAt reads an outlet given with ل at token i (لصحيفة الحياة،
// لوكالة الأنباء السعودية، لـ«الرياض»، للميدان after حديثه) and returns
// its name, or false.
func (f *finder) outletAt(i, re int) (string, bool) {
	t := f.toks[i]
	if t.Kind != matchtext.Word {
		return "", false
	}
	w := t.Norm
	afterEvent := i > 0 && f.toks[i-1].Kind == matchtext.Word && isEventNoun(f.toks[i-1].Norm)
	switch {
	case (w == "ل" || w == "لـ") && i+1 < re:
		// لـ«الرياض»: the name follows, perhaps in quote marks.
		return f.outletName(i+1, re, 0), true
	case (w == "الي" || w == "إلي") && afterEvent && i+1 < re && f.toks[i+1].Kind == matchtext.Punct && matchtext.IsQuoteMark(f.toks[i+1].R):
		// في تصريحات إلى "الوطن": the paper spoken to, in quote marks.
		return f.outletName(i+1, re, 0), true
	case strings.HasPrefix(w, "لل") && (afterEvent || outletHeads["ال"+w[len("لل"):]]):
		return f.outletName(i, re, len([]rune("ل"))), true
	case strings.HasPrefix(w, "ل") && outletHeads[w[len("ل"):]]:
		return f.outletName(i, re, len([]rune("ل"))), true
	case afterEvent && strings.HasPrefix(w, "ل") && len(w) > len("لال"):
		if f.orgAt(t.Start + 1) {
			return f.outletName(i, re, 1), true
		}
	case w == "مع" && i > 0 && i+1 < re && interviewNouns[f.toks[i-1].Norm]:
		// في مقابلة مع شبكة «سي إن إن»: the outlet that held the
		// interview, when an organization or an outlet's head follows.
		n := f.toks[i+1]
		if n.Kind == matchtext.Word && (outletHeads[n.Norm] || f.orgAt(n.Start)) {
			return f.outletName(i+1, re, 0), true
		}
	}
	return "", false
}

// outletEnd returns the token after an outlet given with ل at token i,
// read by outletAt: after the closing mark of a name in quote marks
// (صرح لـ«عين اليوم» المتحدث …: the subject follows), else at the next
// break, before re.
func (f *finder) outletEnd(i, re int) int {
	for k := i + 1; k < re && k <= i+2; k++ {
		if t := f.toks[k]; t.Kind == matchtext.Punct && matchtext.IsQuoteMark(t.R) {
			for j := k + 1; j < re && j <= k+6; j++ {
				if u := f.toks[j]; u.Kind == matchtext.Punct {
					if matchtext.IsQuoteMark(u.R) && j > k+1 {
						return j + 1
					}
					break
				}
			}
			break
		}
		if f.toks[k].Kind == matchtext.Word {
			break
		}
	}
	return f.phraseEnd(i+1, re)
}

// outletName is the name of an outlet starting at token i with skip
// letters of a preposition before it: a name in quote marks alone
// (وكالة «إرنا» → إرنا), else the words up to a break, a particle or a
// nationality adjective, four at most.
func (f *finder) outletName(i, re, skip int) string {
	for k := i; k < re && k <= i+2; k++ {
		if t := f.toks[k]; t.Kind == matchtext.Punct && matchtext.IsQuoteMark(t.R) {
			// The name in quote marks.
			var words []int
			for j := k + 1; j < len(f.toks) && j <= k+5; j++ {
				u := f.toks[j]
				if u.Kind == matchtext.Punct {
					break
				}
				words = append(words, j)
			}
			if len(words) > 0 {
				return string(f.rs[f.toks[words[0]].Start:f.toks[words[len(words)-1]].End])
			}
			break
		}
	}
	s := f.toks[i].Start + skip
	// An organization named from here, or after the outlet's head word:
	// the name runs to the end of its mention.
	for k := i; k < len(f.toks) && k <= i+1; k++ {
		at := f.toks[k].Start
		if k == i {
			at = s
		}
		for _, m := range f.mentionsIn(at, at+1) {
			if f.a.Entities[m.ent].Type == "ORG" && m.end > s {
				return f.stripLam(i, s, m.end)
			}
		}
		if f.toks[k].Kind != matchtext.Word {
			break
		}
	}
	end := i
	for k := i; k < len(f.toks) && k < i+4; k++ {
		t := f.toks[k]
		if t.Kind != matchtext.Word || t.NL && k > i || k > i && (outletStops[t.Norm] || complementizers[t.Norm] || f.placeAt(t.Start)) {
			break
		}
		end = k + 1
	}
	if end == i {
		return ""
	}
	return f.stripLam(i, s, f.toks[end-1].End)
}

// stripLam returns the text [s, e) of a name whose first token i may
// carry the preposition ل: للميدان is ل + الميدان.
func (f *finder) stripLam(i, s, e int) string {
	if s > f.toks[i].Start && strings.HasPrefix(f.toks[i].Norm, "لل") && s < e {
		return "ال" + string(f.rs[s+1:e])
	}
	return string(f.rs[s:e])
}

// interviewNouns are the nouns after which مع names the outlet an
// interview was given to.
var interviewNouns = wordSet("مقابلة المقابلة مقابلته مقابلتها حوار الحوار حواره حوارها لقاء اللقاء لقائه لقائها")

// outletStops end an outlet's name.
var outletStops = wordSet("في عن من على إلى الى أن إن ان بأن اليوم أمس امس قوله قولها نقلا التي الذي الصادرة " +
	"حول بشأن مع وقال وذكر خلال عبر الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت")

// outletSubject reads a subject that is an outlet: ونقلت صحيفة ميرور عن
// فلان قوله …, قالت صحيفة … نقلا عن مسؤولين …. The outlet is the source
// and the one quoted after عن the speaker; with no one quoted, the outlet
// is the speaker.
func (f *finder) outletSubject(i, end, re int) subject {
	an := -1
	for k := i + 1; k < re; k++ {
		if f.toks[k].Kind == matchtext.Word && (f.toks[k].Norm == "عن" || f.toks[k].Norm == "وعن") {
			an = k
			break
		}
	}
	name := f.outletName(i, max(end, min(re, i+4)), 0)
	s, e := f.toks[i].Start, f.toks[end-1].End
	var self subject
	if ms := f.mentionsIn(s, e); len(ms) > 0 && f.a.Entities[ms[0].ent].Type == "ORG" {
		self = subject{kind: subjNamed, ids: []string{f.a.Entities[ms[0].ent].ID}}
	} else {
		self = subject{kind: subjUnnamed, text: name}
	}
	if an < 0 || an+1 >= re {
		return self
	}
	// The one quoted: the words after عن up to قوله, a break or the end.
	qs := an + 1
	qe := qs
	for qe < re && !f.isBreak(qe) && !sayingNouns[f.toks[qe].Norm] && !(f.toks[qe].Kind == matchtext.Punct && matchtext.IsQuoteMark(f.toks[qe].R)) {
		qe++
	}
	if qe == qs || f.toks[qs].Kind != matchtext.Word {
		return self
	}
	in := f.classify(qs, qe, qe, false)
	if in.kind == subjNone || in.kind == subjCurrent {
		return self
	}
	in.source = name
	return in
}
