package quote

import (
	"math"
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
	punct    []int32 // first token at or after i that is a terminal or quote mark
	hard     []int32 // first token at or after i that starts a line, the next speech act or a direct quote's content
	comment  []int32 // first token at or after i opening وهو ما، وهي ما، وهذا ما
	keep     []int32 // last token before i that is neither punctuation nor و, or -1
	words    []int32 // number of word tokens before i
	finished bool
}

// build fills the tables; stop reports the tokens where the next speech
// act starts.
func (x *spanIndex) build(toks []matchtext.Token, stop []bool, inDirect []bool) {
	n := len(toks)
	x.punct = make([]int32, n+1)
	x.hard = make([]int32, n+1)
	x.comment = make([]int32, n+1)
	x.keep = make([]int32, n+1)
	x.words = make([]int32, n+1)
	x.punct[n], x.hard[n], x.comment[n] = int32(n), int32(n), int32(n)
	for i := n - 1; i >= 0; i-- {
		t := toks[i]
		x.punct[i], x.hard[i], x.comment[i] = x.punct[i+1], x.hard[i+1], x.comment[i+1]
		if t.Kind == matchtext.Punct && (matchtext.IsTerminal(t.R) || matchtext.IsQuoteMark(t.R)) {
			x.punct[i] = int32(i)
		}
		if t.NL || stop[i] || inDirect[i] {
			x.hard[i] = int32(i)
		}
		if (t.Norm == "وهو" || t.Norm == "وهي" || t.Norm == "وهذا") && i+1 < n && toks[i+1].Norm == "ما" {
			x.comment[i] = int32(i)
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

// titleIndex finds persons by the first words of their title, with the
// article ال removed from each word, as byTitle compares them.
type titleIndex struct {
	first map[string]int   // two or more title words: the first person whose title starts with the two words
	exact map[string]int   // exactly two title words: the first person with that title
	three map[string]int   // three or more title words: the first person whose title starts with the three words
	title map[int]titleOf  // by entity index, persons with a title
	ids   map[string][]int // entity ID → indices of the persons with a title and that ID
	built bool
}

// titleOf is a person's first title word and number of title words.
type titleOf struct {
	word string
	n    int
}

func titleKey(words ...string) string { return strings.Join(words, "\x00") }

func (f *finder) titleIndex() *titleIndex {
	x := &f.tx
	if x.built {
		return x
	}
	x.built = true
	x.first, x.exact, x.three = map[string]int{}, map[string]int{}, map[string]int{}
	x.title, x.ids = map[int]titleOf{}, map[string][]int{}
	first := func(m map[string]int, k string, i int) {
		if _, ok := m[k]; !ok {
			m[k] = i
		}
	}
	for i, e := range f.a.Entities {
		if e.Type != "PER" || e.Title == "" {
			continue
		}
		tw := strings.Fields(Normalize(e.Title))
		if len(tw) == 0 {
			continue
		}
		for k := range tw {
			tw[k] = strings.TrimPrefix(tw[k], "ال")
		}
		x.title[i] = titleOf{tw[0], len(tw)}
		x.ids[e.ID] = append(x.ids[e.ID], i)
		if len(tw) >= 2 {
			first(x.first, titleKey(tw[0], tw[1]), i)
		}
		if len(tw) == 2 {
			first(x.exact, titleKey(tw[0], tw[1]), i)
		}
		if len(tw) >= 3 {
			first(x.three, titleKey(tw[0], tw[1], tw[2]), i)
		}
	}
	return x
}

// byTitleIndexed is byTitle by table lookups: the first person, in entity
// order, whose title agrees with words (one to three region words) on
// the words both have, where that is at least two words or the person is
// the current speaker.
func (f *finder) byTitleIndexed(words []string) string {
	if len(words) == 0 {
		return ""
	}
	x := f.titleIndex()
	best := math.MaxInt
	// Agreement on one word only: a one-word region or a one-word title,
	// accepted for the current speaker.
	if len(f.cur) > 0 {
		for _, i := range x.ids[f.cur[0]] {
			if t := x.title[i]; t.word == words[0] && (len(words) == 1 || t.n == 1) {
				best = min(best, i)
			}
		}
	}
	switch len(words) {
	case 2:
		if i, ok := x.first[titleKey(words[0], words[1])]; ok {
			best = min(best, i)
		}
	case 3:
		if i, ok := x.exact[titleKey(words[0], words[1])]; ok {
			best = min(best, i)
		}
		if i, ok := x.three[titleKey(words[0], words[1], words[2])]; ok {
			best = min(best, i)
		}
	}
	if best == math.MaxInt {
		return ""
	}
	return f.a.Entities[best].ID
}
