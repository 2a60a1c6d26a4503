package quote

import (
	"strings"

	"github.com/khabar/khabar/internal/matchtext"
)

// Where one speech act ends and the next begins, and the writer's
// attribution that names who speaks next without a statement of its own.

// openers are words before a speech verb that open a new speech act
// (فقد قال، وقد أكد، وكما أشار): the verb ends reported speech before it.
// A bare قد or كما may stand inside what was said (كانت قد أعلنت).
var openers = wordSet("فقد وقد لقد وكما")

// openerBefore reports whether the word before token v opens a new speech
// act: an opener, or كما after punctuation (…، كما أوضح فلان أنه …).
func (f *finder) openerBefore(v int) bool {
	if v < 1 {
		return false
	}
	w := f.toks[v-1].Norm
	return openers[w] || w == "كما" && v >= 2 && f.toks[v-2].Kind == matchtext.Punct
}

// adverbialBefore reports whether a fixed adverbial phrase (من جانبه، من
// جهته) or بدوره ends right before token v: a new speaker's turn.
func (f *finder) adverbialBefore(v int) bool {
	if v < 1 {
		return false
	}
	if w := f.toks[v-1].Norm; (w == "بدوره" || w == "بدورها" || w == "بدورهم") && v >= 2 && f.toks[v-2].Kind == matchtext.Punct {
		return true
	}
	for _, p := range fixedAdverbials {
		if k := v - len(p); k >= 0 && f.fixedAt(k, v) == len(p) {
			return true
		}
	}
	return false
}

// attributedCue returns the cue of a speech verb with an object pronoun
// after the writer's attribution (حسب ما أكده، بحسب ما ذكره، وفق ما
// قالته) at token i, or nil.
func (f *finder) attributedCue(i int) *cue {
	if i < 2 || f.toks[i-1].Norm != "ما" || !attribution[f.toks[i-2].Norm] && !attribution[strings.TrimPrefix(f.toks[i-2].Norm, "و")] {
		if i < 1 || f.toks[i-1].Norm != "حسبما" && f.toks[i-1].Norm != "وحسبما" {
			return nil
		}
	}
	return pronounCue(f.toks[i].Norm)
}

// relativeCue returns the cue of a speech verb with an object pronoun after
// ما that no attribution opens (على ما ذكره المتحدث فلان بأن …: what فلان
// said, a statement of its own), or nil.
func (f *finder) relativeCue(i int) *cue {
	if i < 1 || f.toks[i-1].Norm != "ما" || i >= 2 && attribution[strings.TrimPrefix(f.toks[i-2].Norm, "و")] {
		return nil
	}
	return pronounCue(f.toks[i].Norm)
}

// pronounCue returns the cue of a normalized verb form with an object
// pronoun (أكده، ذكرته، قالها), or nil.
func pronounCue(w string) *cue {
	if !(strings.HasSuffix(w, "ه") || strings.HasSuffix(w, "ها")) {
		return nil
	}
	for _, suf := range []string{"ها", "ه"} {
		if stem, ok := strings.CutSuffix(w, suf); ok {
			if c, _ := cues.lookup(stem); c != nil && !c.part {
				return c // ذكره → ذكر، ذكرته → ذكرت
			}
		}
	}
	return nil
}

// modals take a clause with أن that is no statement (يمكن أن، يجب أن).
var modals = wordSet("يمكن ويمكن يجب ويجب ينبغي يستطيع تستطيع بد لابد يمكنه يمكنها يمكنهم " +
	"ضرورة لضرورة بضرورة أهمية بأهمية")

// objectPrep reports whether the preposition at token j, which a cue at
// token i takes before أن (على، إلى) but is not followed by one here,
// opens the verb's noun object (شدد على أهمية …، وشدد الوزير على …، أشار
// فلان إلى ضرورة …) rather than standing inside a long subject (المشرف
// على الحملة، المندوب إلى الأمم المتحدة): right after the verb, after one
// word, or right after a person's or body's name.
func (f *finder) objectPrep(i, j int) bool {
	if j+1 < len(f.toks) && f.toks[j+1].Norm == "لسان" {
		return false // على لسان متحدثها فلان: through whom the body speaks
	}
	if f.mentionStartsAt(f.toks[j].Start) || j+1 < len(f.toks) && f.mentionStartsAt(f.toks[j+1].Start) {
		return false // وأكد علي الحرقان: the name علي, not the preposition على
	}
	if j <= i+2 {
		return true
	}
	for _, mi := range f.endingAt(f.toks[j-1].End) {
		if t := f.a.Entities[f.ments[mi].ent].Type; t == "PER" || t == "ORG" {
			return true
		}
	}
	return false
}

// colonAhead reports whether a colon or a quotation mark comes within a
// few words after token n, in its sentence (قائلا خلال زيارته: «…»).
func (f *finder) colonAhead(n int) bool {
	for k := n; k < len(f.toks) && k <= n+10; k++ {
		t := f.toks[k]
		if k > n && t.NL || t.Terminal() {
			return false
		}
		if t.Kind == matchtext.Punct && (t.R == ':' || matchtext.IsQuoteMark(t.R)) {
			return true
		}
	}
	return false
}

// adverbsBetween reports whether only adverbs (فيها، أيضا) stand between
// tokens i and j.
func (f *finder) adverbsBetween(i, j int) bool {
	for k := i + 1; k < j; k++ {
		if !adverbWords[f.toks[k].Norm] {
			return false
		}
	}
	return true
}
