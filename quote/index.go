package quote

import (
	"sort"
	"strings"

	"github.com/khabar/khabar/internal/matchtext"
)

// The finder looks up, for every quote candidate, where its reported
// speech ends, which mentions end at a token and which person has a given
// title. Scanning the text or the entity list for each candidate makes the
// finder quadratic in the length of a text full of speech verbs, so these
// answers are precomputed once per text in the tables below; each lookup
// then costs the same whatever the length of the text.

// spanIndex answers where a reported-speech span that starts at a token
// ends. Each table has one entry per token and one past the end.
type spanIndex struct {
	punct    []int32 // first token at or after i that is a terminal or a quotation's mark
	hard     []int32 // first token at or after i that starts a line, the next speech act or a direct quote's content
	comment  []int32 // first token at or after i opening وهو ما، وهي ما، وهذا ما or ، حسب …
	keep     []int32 // last token before i that is neither punctuation nor و, or -1
	words    []int32 // number of word tokens before i
	finished bool
}

// build fills the tables; stop reports the tokens where the next speech
// act starts, notes those that open the writer's attribution.
func (x *spanIndex) build(toks []matchtext.Token, stop, notes, inDirect, marks []bool) {
	n := len(toks)
	x.punct = make([]int32, n+1)
	x.hard = make([]int32, n+1)
	x.comment = make([]int32, n+1)
	x.keep = make([]int32, n+1)
	x.words = make([]int32, n+1)
	x.punct[n], x.hard[n], x.comment[n] = int32(n), int32(n), int32(n)
	act := -1 // the next speech act with a subject of its own, in the sentence
	for i := n - 1; i >= 0; i-- {
		t := toks[i]
		x.punct[i], x.hard[i], x.comment[i] = x.punct[i+1], x.hard[i+1], x.comment[i+1]
		if t.Terminal() || marks[i] || t.NL {
			act = -1
		}
		if stop[i] && !participle(t.Norm) {
			act = i
		}
		actAhead := act > i && act-i <= maxTopic
		if t.Terminal() || marks[i] {
			x.punct[i] = int32(i)
		}
		if actAhead && (t.Norm == "اما" || t.Norm == "واما") && i > 0 && toks[i-1].Kind == matchtext.Punct {
			x.comment[i] = int32(i) // …، أما فلان فقد قال: another speaker's turn
		}
		if t.NL || stop[i] || inDirect[i] {
			x.hard[i] = int32(i)
		}
		if (t.Norm == "وهو" || t.Norm == "وهي" || t.Norm == "وهذا") && i+1 < n && toks[i+1].Norm == "ما" {
			x.comment[i] = int32(i)
		}
		if notes[i] || attribution[t.Norm] && i > 0 && toks[i-1].Kind == matchtext.Punct && (toks[i-1].R == '،' || toks[i-1].R == ',') {
			x.comment[i] = int32(i) // …، حسب ما أورده موقع …: who reported it, not what was said
		}
	}
	x.keep[0] = -1
	for i, t := range toks {
		x.keep[i+1], x.words[i+1] = x.keep[i], x.words[i]
		if t.Kind != matchtext.Punct && t.Norm != "و" {
			x.keep[i+1] = int32(i)
		}
		if t.Kind == matchtext.Word {
			x.words[i+1]++
		}
	}
	x.finished = true
}

// attribution opens the writer's note of where a statement comes from.
var attribution = wordSet("حسب بحسب حسبما وفق وفقا طبقا نقلا")

// next returns the first index at or after i in table t (len(t)-1 when i
// lies past the end).
func next(t []int32, i int) int {
	if i >= len(t) {
		return len(t) - 1
	}
	return int(t[i])
}

// reportedEnd returns the end token (exclusive) of reported speech whose
// content starts at token attach: it runs to the end of the sentence, a
// line break, the next speech act or a quotation, stops before the
// writer's comment (وهو ما …), and drops trailing punctuation and a
// dangling conjunction.
func (x *spanIndex) reportedEnd(attach int) int {
	end := min(next(x.punct, attach), next(x.hard, attach+1), next(x.comment, attach+3))
	return max(attach, int(x.keep[end])+1)
}

// mentionIndex finds mentions by where they end and by type.
type mentionIndex struct {
	byEnd   []int32 // indices into finder.ments, ordered by end, ties in ments order
	prevPER []int32 // prevPER[i]: the last mention at or before i of a person, or -1
	built   bool
}

func (f *finder) mentionIndex() *mentionIndex {
	x := &f.mx
	if x.built {
		return x
	}
	x.built = true
	x.byEnd = make([]int32, len(f.ments))
	x.prevPER = make([]int32, len(f.ments))
	last := int32(-1)
	for i, m := range f.ments {
		x.byEnd[i] = int32(i)
		if f.a.Entities[m.ent].Type == "PER" {
			last = int32(i)
		}
		x.prevPER[i] = last
	}
	sort.SliceStable(x.byEnd, func(i, j int) bool { return f.ments[x.byEnd[i]].end < f.ments[x.byEnd[j]].end })
	return x
}

// endingAt returns the indices into f.ments of the mentions that end at
// code point e, in f.ments order.
func (f *finder) endingAt(e int) []int32 {
	x := f.mentionIndex()
	i := sort.Search(len(x.byEnd), func(i int) bool { return f.ments[x.byEnd[i]].end >= e })
	j := i
	for j < len(x.byEnd) && f.ments[x.byEnd[j]].end == e {
		j++
	}
	return x.byEnd[i:j]
}

// lastPersonBefore returns the index into f.ments of the last person
// mention, in f.ments order, that ends at or before code point e, or -1.
func (f *finder) lastPersonBefore(e int) int {
	x := f.mentionIndex()
	// A mention that ends by e starts before it.
	hi := sort.Search(len(f.ments), func(i int) bool { return f.ments[i].start >= e })
	if hi == 0 {
		return -1
	}
	for j := x.prevPER[hi-1]; j >= 0; {
		if f.ments[j].end <= e {
			return int(j)
		}
		if j == 0 {
			break
		}
		j = x.prevPER[j-1]
	}
	return -1
}

// titleIndex finds persons by the first two words of their title, with
// the article ال removed from each word, as titleWordsAt writes them.
type titleIndex struct {
	words map[int][]string // entity index → its title words
	byTwo map[string][]int // first two title words → persons with that title, in entity order, at most maxTitleCands
	ids   map[string][]int // entity ID → indices of the persons with a title and that ID
	built bool
}

// maxTitleCands bounds the persons one title lookup compares, so that a
// text naming thousands of ministers costs the same per lookup.
const maxTitleCands = 8

func titleKey(words ...string) string { return strings.Join(words, "\x00") }

func (f *finder) titleIndex() *titleIndex {
	x := &f.tx
	if x.built {
		return x
	}
	x.built = true
	x.words, x.byTwo, x.ids = map[int][]string{}, map[string][]int{}, map[string][]int{}
	for i, e := range f.a.Entities {
		if e.Type != "PER" || e.Title == "" {
			continue
		}
		tw := strings.Fields(Normalize(e.Title))
		if len(tw) == 0 {
			continue
		}
		for k := range tw {
			tw[k] = trimAl(tw[k])
		}
		x.words[i] = tw
		x.ids[e.ID] = append(x.ids[e.ID], i)
		if len(tw) >= 2 {
			k := titleKey(tw[0], tw[1])
			if len(x.byTwo[k]) < maxTitleCands {
				x.byTwo[k] = append(x.byTwo[k], i)
			}
		}
	}
	return x
}

// trimAl removes the article ال from a normalized word.
func trimAl(w string) string {
	if r, ok := strings.CutPrefix(w, "ال"); ok && len(r) >= 4 {
		return r
	}
	return w
}

// byTitle returns the entity index of the person whose title agrees with
// words (a speaker given by office: وزير الصحة) on the words both have:
// at least two, or one when the person is the current speaker. When the
// words run past the person's title, extraOK(n) must accept the words
// from the n-th on (a country or nationality there names another
// office: وزير الخارجية الأمريكي is not وزير الخارجية of another land).
// The current speaker wins, then the longest agreement. It returns -1
// when no person agrees.
func (f *finder) byTitle(words []string, extraOK func(n int) bool) int {
	if len(words) == 0 {
		return -1
	}
	x := f.titleIndex()
	best, bestScore := -1, 0
	try := func(i int) {
		tw := x.words[i]
		n := min(len(tw), len(words))
		for k := 0; k < n; k++ {
			if tw[k] != words[k] {
				return
			}
		}
		cur := len(f.cur) > 0 && f.a.Entities[i].ID == f.cur[0]
		if n < 2 && !cur || len(words) > len(tw) && !extraOK(len(tw)) {
			return
		}
		score := n
		if cur {
			score += 1 << 10
		}
		if score > bestScore || score == bestScore && i < best {
			best, bestScore = i, score
		}
	}
	if len(f.cur) > 0 {
		for _, i := range x.ids[f.cur[0]] {
			try(i)
		}
	}
	if len(words) >= 2 {
		for _, i := range x.byTwo[titleKey(words[0], words[1])] {
			try(i)
		}
	}
	return best
}
