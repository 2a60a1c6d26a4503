package quote

import (
	"sort"
	"strings"

	"github.com/khabar/khabar/internal/matchtext"
)

// A subject written before its speech verb: put first with أما (أما فلان
// فقد قال)، or a plural group (لكن بعض المحللين يقولون).

// maxTopic bounds the tokens between أما and the speech verb whose
// subject it puts first.
const maxTopic = 14

// topicSubject returns the index into f.ments of the person or body put
// first with أما before the speech verb at token verb, in the same
// sentence and with no other speech act between (أما المواطن فلان، فقد
// قال: …; أما فلان صاحب محل يقول: …), or -1.
func (f *finder) topicSubject(verb int) int {
	for k := verb - 1; k >= 0 && k >= verb-maxTopic; k-- {
		t := f.toks[k]
		if t.NL && k < verb-1 || t.Terminal() || f.marks[k] {
			return -1
		}
		if t.Norm != "اما" && t.Norm != "واما" {
			continue
		}
		if k > 0 && f.toks[k-1].Kind == matchtext.Word && !f.toks[k].NL {
			return -1 // إما … أو: "either", or أما inside a clause
		}
		for j := k + 1; j < verb && j <= k+3; j++ {
			st := f.toks[j].Start
			for mi := sort.Search(len(f.ments), func(i int) bool { return f.ments[i].start >= st }); mi < len(f.ments) && f.ments[mi].start <= st; mi++ {
				if typ := f.a.Entities[f.ments[mi].ent].Type; typ == "PER" || typ == "ORG" {
					return mi
				}
			}
			if w := f.toks[j].Norm; !f.roleWord(w) {
				break
			}
		}
		return -1
	}
	return -1
}

// clauseOpeners end the look back for a subject written before its verb.
var clauseOpeners = wordSet("لكن ولكن كما وكما بينما وبينما فيما وفيما حيث إذ اذ")

// groupHeads open a plural subject written before its verb (بعض المحللين
// يقولون).
var groupHeads = wordSet("بعض معظم أغلب اغلب غالبية كثير الكثير العديد عدد")

// pluralBefore returns the subject written right before a plural speech
// verb at token verb (لكن بعض المحللين يقولون إن …، ويقول خبراء …): a
// group opened by a quantifier or a plural noun, at most five words back
// to a clause opener or punctuation; else "".
func (f *finder) pluralBefore(verb int) string {
	if c, _ := cues.lookup(f.toks[verb].Norm); c == nil || !c.plur || c.part {
		return ""
	}
	k := verb
	for k > 0 && verb-k < 5 {
		t := f.toks[k-1]
		if t.Kind != matchtext.Word || clauseOpeners[t.Norm] || relatives[t.Norm] || complementizers[t.Norm] || f.toks[k].NL {
			break
		}
		if c, _ := cues.lookup(t.Norm); c != nil {
			return ""
		}
		k--
	}
	if k == verb {
		return ""
	}
	w, _ := matchtext.StripConj(f.toks[k].Norm)
	plural := pluralEnding(w) && (strings.HasPrefix(w, "ال") || sourceWords[w])
	if !groupHeads[w] && !plural || f.mentionStartsAt(f.toks[k].Start) {
		return ""
	}
	return f.phraseText(k, verb)
}
