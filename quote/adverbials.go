package quote

import (
	"strings"

	"github.com/khabar/khabar/internal/matchtext"
)

// The adverbials that stand between a speech verb and its subject, or end
// the subject (من جهته، في هذا الصدد، الشهر الماضي), and the accusative
// words that are a verb's object rather than its subject.

// fixedAdverbials are adverbial phrases that may come before the subject
// (ويشير في هذا الصدد رئيس …), normalized.
var fixedAdverbials = func() [][]string {
	var out [][]string
	for _, p := range []string{"من جهته", "من جهتها", "من جهتهم", "من جانبه", "من جانبها", "من جانبهم", "من ناحيته",
		"من ناحيتها", "في هذا الصدد", "في هذا السياق", "في هذا الإطار", "في الوقت نفسه", "في الوقت ذاته",
		"في السياق ذاته", "في السياق نفسه", "في المقابل", "في وقت سابق", "في وقت لاحق", "من ناحية أخرى",
		"من جهة أخرى", "في الإطار ذاته", "بهذا الصدد", "بهذا الخصوص", "في هذا الشأن", "في هذا الخصوص", "من خلاله",
		"من خلالها"} {
		out = append(out, strings.Fields(matchtext.Normalize(p)))
	}
	return out
}()

// fixedAt returns the number of tokens of a fixed adverbial phrase that
// starts at token i and ends by token re, or 0.
func (f *finder) fixedAt(i, re int) int {
	for _, p := range fixedAdverbials {
		if i+len(p) > re {
			continue
		}
		ok := true
		for k, w := range p {
			t := f.toks[i+k]
			if k == 0 {
				// ومن جهته: the first word may carry و or ف.
				if c, _ := matchtext.StripConj(t.Norm); t.Kind == matchtext.Word && c == w && t.Norm != w {
					continue
				}
			}
			if t.Kind != matchtext.Word || t.Norm != w {
				ok = false
				break
			}
		}
		if ok {
			return len(p)
		}
	}
	return 0
}

// timeNouns and timeAdjectives make a two-word time phrase (الشهر
// الماضي، العام المقبل), an adverbial that ends a subject phrase.
var (
	timeNouns      = wordSet("الشهر الأسبوع الاسبوع العام السنة السنه الموسم")
	timeAdjectives = wordSet("الماضي الماضيه الماضية المقبل المقبله المقبلة القادم القادمه الفائت الفائته الحالي الجاري")
)

// timePhrase reports whether a two-word time phrase starts at token i,
// before re.
func (f *finder) timePhrase(i, re int) bool {
	return i+1 < re && f.toks[i].Kind == matchtext.Word && timeNouns[f.toks[i].Norm] &&
		f.toks[i+1].Kind == matchtext.Word && timeAdjectives[f.toks[i+1].Norm]
}

// accusative reports whether a normalized word has the ending of an
// indefinite accusative noun (تحديا، نظاما). A noun and its adjective so
// written (ترى فيه تحديا سافرا …) are a verb's object, never its subject;
// one such word alone may be a foreign name (ماريا).
func accusative(w string) bool {
	r := []rune(w)
	return len(r) >= 4 && r[len(r)-1] == 'ا' && !strings.HasPrefix(w, "ال") && r[len(r)-2] != 'ا' && r[len(r)-2] != 'و'
}
