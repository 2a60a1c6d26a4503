package quote

import "github.com/khabar/khabar/internal/matchtext"

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
