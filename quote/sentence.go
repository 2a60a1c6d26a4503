package quote

import (
	"sort"
	"strings"

	"github.com/khabar/khabar/internal/matchtext"
)

// sentenceIndex answers, in constant time per lookup, where the sentence
// of a token starts, which person a sentence is about and which outlet
// it names; the tables are built once per text.
type sentenceIndex struct {
	start   []int32          // per token: the first token of its sentence
	rel     []int32          // per token: the last relative pronoun at or before it in its sentence, or -1
	comma   []int32          // per token: the last comma at or before it in its sentence, or -1
	perOut  []int32          // per mention index: the next person mention at or after it outside a quotation, or -1
	orgOut  []int32          // per mention index: the next organization mention at or after it outside a quotation, or -1
	source  map[int32]string // first token of a sentence → the outlet it names (حسب ما أورده موقع …)
	built   bool
	sources bool
}

func (f *finder) sentences() *sentenceIndex {
	x := &f.cx
	if x.built {
		return x
	}
	x.built = true
	x.start = make([]int32, len(f.toks))
	x.rel = make([]int32, len(f.toks))
	x.comma = make([]int32, len(f.toks))
	s, rel, comma := int32(0), int32(-1), int32(-1)
	for i, t := range f.toks {
		if t.NL {
			s, rel, comma = int32(i), -1, -1
		}
		x.start[i] = s
		switch {
		case t.Kind == matchtext.Word && relatives[t.Norm]:
			rel = int32(i)
		case t.Kind == matchtext.Punct && (t.R == '،' || t.R == ','):
			comma = int32(i)
		}
		x.rel[i], x.comma[i] = rel, comma
		if t.Terminal() {
			s, rel, comma = int32(i+1), -1, -1
		}
	}
	// The token of each mention's start, by walking both in order.
	x.perOut = make([]int32, len(f.ments))
	quoted := make([]bool, len(f.ments))
	k := 0
	for mi, m := range f.ments {
		for k+1 < len(f.toks) && f.toks[k+1].Start <= m.start {
			k++
		}
		quoted[mi] = k < len(f.inDirect) && f.inDirect[k]
	}
	x.orgOut = make([]int32, len(f.ments))
	next, nextOrg := int32(-1), int32(-1)
	for mi := len(f.ments) - 1; mi >= 0; mi-- {
		switch t := f.a.Entities[f.ments[mi].ent].Type; {
		case quoted[mi]:
		case t == "PER":
			next = int32(mi)
		case t == "ORG":
			nextOrg = int32(mi)
		}
		x.perOut[mi], x.orgOut[mi] = next, nextOrg
	}
	return x
}

// sentStart returns the first token of the sentence of token i.
func (f *finder) sentStart(i int) int { return int(f.sentences().start[i]) }

// sentenceSubject returns the index into f.ments of the person the
// sentence of a speech verb at token verb is about: the first person
// named in the sentence before the verb, outside quotations, when no
// speech act came before the verb in that sentence; else -1. It is the
// subject of a participle or an omitted subject that continues a
// sentence whose main verb is not a speech verb (هاجم فلان …، مشيرا إلى
// أن …).
func (f *finder) sentenceSubject(verb int) int {
	x := f.sentences()
	s := int(x.start[verb])
	if f.lastVerb >= s && f.lastVerb < verb {
		return -1
	}
	if verb > 0 {
		if r := int(x.rel[verb-1]); r > s && int(x.comma[verb-1]) < r && f.toks[r-1].Kind == matchtext.Word {
			// مارادونا الذي قاد بلاده … وقال: the verb goes on with
			// the relative clause of the person right before the pronoun.
			for _, mi := range f.endingAt(f.toks[r-1].End) {
				if f.a.Entities[f.ments[mi].ent].Type == "PER" {
					return int(mi)
				}
			}
		}
	}
	st := f.toks[s].Start
	mi := sort.Search(len(f.ments), func(i int) bool { return f.ments[i].start >= st })
	if mi >= len(f.ments) {
		return -1
	}
	if m := f.ments[mi]; f.a.Entities[m.ent].Type == "ORG" && m.end <= f.toks[verb].Start && m.start <= f.nthWordStart(s, 3, verb) {
		// يذكر أن جامعة تبوك أوضحت …، حيث أكدت أن: an organization
		// opening the sentence is what it is about.
		return mi
	}
	if c, _ := cues.lookup(f.toks[verb].Norm); c != nil && c.fem {
		// A feminine verb (وقالت في بيان لها) agrees with an
		// organization more often than with a person the sentence names.
		if j := f.orgIn(int(x.orgOut[mi]), f.toks[verb].Start); j >= 0 {
			return j
		}
	}
	if j := x.perOut[mi]; j >= 0 && f.ments[j].end <= f.toks[verb].Start {
		return int(j)
	}
	return -1
}

// orgIn returns the first of the organization mentions from mention j on
// (following orgOut) that ends by code point e and is not an outlet given
// with ل (لوكالة …), looking at a few; else -1.
func (f *finder) orgIn(j, e int) int {
	x := f.sentences()
	for n := 0; j >= 0 && n < 4 && f.ments[j].end <= e; n++ {
		if m := f.ments[j]; !(m.start > 0 && f.rs[m.start-1] == 'ل' && (m.start < 2 || isSpace(f.rs[m.start-2]))) && !f.afterPrep(m.start) {
			return j
		}
		if j+1 >= len(f.ments) {
			break
		}
		j = int(x.orgOut[j+1])
	}
	return -1
}

// nthWordStart returns the start of the n-th word from token i, looking
// no further than token k (then the end of token k).
func (f *finder) nthWordStart(i, n, k int) int {
	for ; i < k; i++ {
		if f.toks[i].Kind == matchtext.Word {
			if n--; n == 0 {
				return f.toks[i].Start
			}
		}
	}
	return f.toks[k].End
}

// sourceMarkers introduce the outlet a sentence's statement comes from:
// حسب ما أورده موقع …، وفقا لصحيفة …، نقلا عن وكالة …، في مقابلة نقلتها
// قناة ….
var sourceMarkers = wordSet("حسب بحسب وحسب وبحسب حسبما وحسبما وفق وفقا ووفقا طبقا وطبقا نقلا ونقلا نقلتها نقلته " +
	"أوردتها أوردته أوردت أورده نشرتها نشرته بثتها بثته ذكرته ذكرتها نشرت")

// sentenceSource returns the outlet named by a source marker in the
// sentence of token i, or "".
func (f *finder) sentenceSource(i int) string {
	if i < 0 || i >= len(f.toks) {
		return ""
	}
	x := f.sentences()
	if !x.sources {
		x.sources = true
		x.source = map[int32]string{}
		for k, t := range f.toks {
			if t.Kind != matchtext.Word || !sourceMarkers[t.Norm] {
				continue
			}
			s := x.start[k]
			if _, ok := x.source[s]; ok {
				continue
			}
			if name := f.outletAfter(k); name != "" {
				x.source[s] = name
			}
		}
	}
	return x.source[x.start[i]]
}

// outletAfter returns the outlet named within four tokens after a source
// marker at token k, or "".
func (f *finder) outletAfter(k int) string {
	for j := k + 1; j < len(f.toks) && j <= k+4; j++ {
		t := f.toks[j]
		if t.NL || t.Terminal() || t.Kind == matchtext.Punct && (t.R == '،' || t.R == ',') {
			return ""
		}
		if t.Kind != matchtext.Word {
			if j == k+1 && matchtext.IsQuoteMark(t.R) {
				// وبحسب «رويترز»، …: a name in quote marks right after
				// the marker, closing the phrase or followed by the speech
				// verb (وبحسب «رويترز» أبلغ …), is the outlet's.
				if e := f.shortQuoteEnd(j); e > j+1 && e+1 < len(f.toks) && (f.isBreak(e+1) || f.cueAt(e+1)) {
					return f.phraseText(j+1, e)
				}
			}
			continue
		}
		if outletHeads[t.Norm] {
			return f.outletName(j, len(f.toks), 0)
		}
		if strings.HasPrefix(t.Norm, "ل") && outletHeads[t.Norm[len("ل"):]] {
			return f.outletName(j, len(f.toks), len([]rune("ل")))
		}
	}
	return ""
}

// afterPrep reports whether the mention starting at code point s is the
// complement of a preposition written before it, perhaps across a quote
// mark (شكرها لشركة «…»، على «…»): no subject.
func (f *finder) afterPrep(s int) bool {
	k := f.tokenAt(s)
	if k < 0 || f.toks[k].Start < s {
		return false
	}
	k--
	for k >= 0 && f.toks[k].Kind == matchtext.Punct && matchtext.IsQuoteMark(f.toks[k].R) {
		k--
	}
	if k < 0 || f.toks[k].Kind != matchtext.Word {
		return false
	}
	w := f.toks[k].Norm
	return leadPreps[w] || strings.HasPrefix(w, "ل") && !strings.HasPrefix(w, "ال") && orgHeadNouns[strings.TrimPrefix(w, "ل")]
}

// cueAt reports whether token i is a speech verb.
func (f *finder) cueAt(i int) bool {
	c, _ := cues.lookup(f.toks[i].Norm)
	return c != nil
}
