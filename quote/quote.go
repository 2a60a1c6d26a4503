// Package quote finds who said what in an analyzed Arabic news article:
// direct quotations in any quote-mark style, reported speech after speech
// verbs (قال إن، أكد أن، أشار إلى أن، دعا إلى …) and the headline form
// "المالكي: قطر تعمل …", each with its speaker.
//
// The finder is a pure function over a khabar.Analysis: it reads the text,
// the title and subtitle spans and the entities with their mentions (pronoun
// mentions such as سعادته included when coreference has run), and returns
// the quotes in text order. Speakers are entity IDs. An omitted subject
// (وأضاف) or an honorific pronoun (وأوضح سعادته) resolves to the current
// speaker; an unnamed source (مصدر عسكري) is kept as text.
//
// Offsets are code points into Analysis.Text, half-open.
package quote

import (
	"sort"
	"strings"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/internal/matchtext"
)

// Quote is one quotation with its speaker.
type Quote struct {
	Text  string `json:"text"`  // what was said, without the quote marks
	Start int    `json:"start"` // code-point offsets of Text in Analysis.Text
	End   int    `json:"end"`
	// Speakers are the entity IDs of who said it: usually one, several for
	// a joint statement, none when the speaker is unknown. For an unnamed
	// source they are the organizations the source speaks for.
	Speakers []string `json:"speakers,omitempty"`
	// SpeakerText names an unnamed source (مصدر عسكري، مسؤول أمريكي).
	SpeakerText string `json:"speaker_text,omitempty"`
	Cue         string `json:"cue,omitempty"` // the speech verb and complementizer, or "X:" in a headline
	Direct      bool   `json:"direct"`        // inside quote marks
}

// Find returns the quotes of a in the form of the Analysis contract. The
// first speaker becomes Quote.Speaker.
func Find(a *khabar.Analysis) []khabar.Quote {
	return find(a, nil)
}

// FindPrepared is Find over a text already tokenized with
// matchtext.Prepare(a.Text), so that several finders share one
// tokenization; a nil or stale t is prepared anew.
func FindPrepared(a *khabar.Analysis, t *matchtext.Text) []khabar.Quote {
	return find(a, t)
}

func find(a *khabar.Analysis, t *matchtext.Text) []khabar.Quote {
	qs := extract(a, t)
	if len(qs) == 0 {
		return nil
	}
	out := make([]khabar.Quote, len(qs))
	for i, q := range qs {
		out[i] = khabar.Quote{Text: q.Text, Start: q.Start, End: q.End, Cue: q.Cue, Direct: q.Direct, SpeakerText: q.SpeakerText}
		if len(q.Speakers) > 1 {
			out[i].Speakers = q.Speakers
		}
		if len(q.Speakers) > 0 {
			out[i].Speaker = q.Speakers[0]
		}
	}
	return out
}

// Extract returns the quotes of a with every speaker, in text order.
// It never modifies a.
func Extract(a *khabar.Analysis) []Quote {
	return extract(a, nil)
}

func extract(a *khabar.Analysis, t *matchtext.Text) []Quote {
	if a == nil || a.Text == "" {
		return nil
	}
	f := newFinder(a, t.For(a.Text))
	return f.run()
}

// ment is one entity mention, by entity index.
type ment struct{ start, end, ent int }

type finder struct {
	a        *khabar.Analysis
	rs       []rune
	toks     []matchtext.Token
	ments    []ment // sorted by start
	cur      []string
	curText  string
	matches  []match
	inDirect []bool // per token: inside the content of a direct quote
	lastWord int    // the last word token, or -1
	sx       spanIndex
	mx       mentionIndex
	tx       titleIndex
}

func newFinder(a *khabar.Analysis, t *matchtext.Text) *finder {
	f := &finder{a: a, rs: t.Runes, toks: t.Tokens}
	for i, e := range a.Entities {
		for _, m := range e.Mentions {
			if m.Start >= 0 && m.End > m.Start && m.End <= len(f.rs) {
				f.ments = append(f.ments, ment{m.Start, m.End, i})
			}
		}
	}
	sort.Slice(f.ments, func(i, j int) bool { return f.ments[i].start < f.ments[j].start })
	f.lastWord = len(f.toks) - 1
	for f.lastWord >= 0 && f.toks[f.lastWord].Kind != matchtext.Word {
		f.lastWord--
	}
	return f
}

// item is one quote candidate awaiting speaker resolution, ordered by pos.
type item struct {
	pos        int // token index where the speech act starts
	start, end int // content, code points
	direct     bool
	cue        string
	verb       int // cue verb token, or -1
	conj       bool
	part       bool
	rs, re     int  // subject region, token indices [rs, re)
	ment       int  // headline form: index into f.ments of the speaker, or -1
	weak       bool // no cue at all: speaker is the current one
}

func (f *finder) run() []Quote {
	spans := f.directSpans()
	f.inDirect = make([]bool, len(f.toks))
	for _, d := range spans {
		for i := d.open + 1; i < d.last; i++ {
			f.inDirect[i] = true
		}
	}
	f.findMatches()
	attach := map[int]int{} // first content token → match index
	for i, m := range f.matches {
		if m.kind != cueNone {
			attach[m.attach] = i
		}
	}
	used := make([]bool, len(f.matches))
	var items []item
	for _, d := range spans {
		it, ok := f.directItem(d, attach, used)
		if ok {
			items = append(items, it)
		}
	}
	for i, m := range f.matches {
		if used[i] || f.inDirect[m.verb] {
			continue
		}
		items = append(items, f.reportedItem(m, spans))
	}
	items = append(items, f.headlines(spans)...)
	sort.SliceStable(items, func(i, j int) bool { return items[i].pos < items[j].pos })

	var out []Quote
	for _, it := range items {
		ids, text := f.speaker(it)
		if it.start < 0 || it.end <= it.start {
			continue // a bare cue: it only moved the current speaker
		}
		q := Quote{Start: it.start, End: it.end, Speakers: ids, SpeakerText: text, Cue: it.cue, Direct: it.direct}
		out = append(out, q)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	out = dedupe(out)
	// The texts of the quotes that dedupe drops are never made: nested
	// candidates could add up to far more text than the article has.
	for i := range out {
		out[i].Text = string(f.rs[out[i].Start:out[i].End])
	}
	return out
}

// dedupe drops a quote whose span lies inside an earlier kept one.
func dedupe(qs []Quote) []Quote {
	out := qs[:0]
	for _, q := range qs {
		if n := len(out); n > 0 && q.Start >= out[n-1].Start && q.End <= out[n-1].End {
			continue
		}
		out = append(out, q)
	}
	return out
}

// speaker resolves the speaker of it and moves the current speaker.
func (f *finder) speaker(it item) ([]string, string) {
	var ids []string
	var text string
	explicit := false
	switch {
	case it.ment >= 0:
		ids, explicit = []string{f.a.Entities[f.ments[it.ment].ent].ID}, true
	case it.weak:
	default:
		ids, text, explicit = f.resolve(it)
	}
	if explicit {
		f.cur, f.curText = ids, text
		return ids, text
	}
	return f.cur, f.curText
}

// resolve finds the subject of a speech verb: in the region after the
// verb, else right before it (SVO order), else nothing (explicit=false),
// which means the current speaker.
func (f *finder) resolve(it item) (ids []string, text string, explicit bool) {
	if it.re > it.rs {
		s, e := f.toks[it.rs].Start, f.toks[it.re-1].End
		ms := f.mentionsIn(s, e)
		fw := ""
		for i := it.rs; i < it.re; i++ {
			if f.toks[i].Kind == matchtext.Word {
				fw = f.toks[i].Norm
				break
			}
		}
		if honorificPronouns[fw] && len(ms) == 0 {
			return nil, "", false
		}
		if pers := f.persons(ms); len(pers) > 0 {
			return pers, "", true
		}
		if titleWords[fw] {
			if id := f.byTitle(it.rs, it.re); id != "" {
				return []string{id}, "", true
			}
		}
		if titleWords[fw] || sourceWords[fw] {
			return f.ofType(ms, "ORG"), f.regionText(it.rs, it.re), true
		}
		// An organization or country opening the region is the subject;
		// one deeper inside (في كلمة دولة قطر) is not.
		for _, m := range ms {
			t := f.a.Entities[m.ent].Type
			if (t == "ORG" || t == "LOC") && m.start <= f.wordStart(it.rs, 1) {
				return []string{f.a.Entities[m.ent].ID}, "", true
			}
		}
	}
	if it.verb > 0 && !it.conj && !it.part {
		prev := f.toks[it.verb-1]
		if prev.Kind == matchtext.Word && !prev.NL && prev.Norm != "و" && prev.Norm != "ف" {
			for _, mi := range f.endingAt(prev.End) {
				m := f.ments[mi]
				t := f.a.Entities[m.ent].Type
				if t == "PER" || t == "ORG" || t == "LOC" {
					return []string{f.a.Entities[m.ent].ID}, "", true
				}
			}
		}
	}
	if len(f.cur) == 0 && f.curText == "" && it.verb >= 0 {
		// No speaker yet: the last person named before the cue.
		if i := f.lastPersonBefore(f.toks[it.verb].Start); i >= 0 {
			return []string{f.a.Entities[f.ments[i].ent].ID}, "", true
		}
	}
	return nil, "", false
}

// wordStart is the start of the n-th word token from token i (or of the
// last one before the region ends).
func (f *finder) wordStart(i, n int) int {
	last := f.toks[i].Start
	for ; i < len(f.toks) && n > 0; i++ {
		if f.toks[i].Kind == matchtext.Word {
			last = f.toks[i].Start
			n--
		}
	}
	return last
}

// mentionsIn returns the mentions that start in [s, e).
func (f *finder) mentionsIn(s, e int) []ment {
	i := sort.Search(len(f.ments), func(i int) bool { return f.ments[i].start >= s })
	j := i
	for j < len(f.ments) && f.ments[j].start < e {
		j++
	}
	return f.ments[i:j]
}

// persons returns the PER entities of ms: the first, and the ones
// coordinated with it by و.
func (f *finder) persons(ms []ment) []string {
	var ids []string
	prevEnd := -1
	for _, m := range ms {
		e := &f.a.Entities[m.ent]
		if e.Type != "PER" || contains(ids, e.ID) {
			continue
		}
		if prevEnd >= 0 && !f.coordinated(prevEnd, m.start) {
			break
		}
		ids = append(ids, e.ID)
		prevEnd = m.end
	}
	return ids
}

// coordinated reports whether the text between two mentions joins them
// with و: a lone و, or و attached to a title or honorific.
func (f *finder) coordinated(s, e int) bool {
	// Overlapping or nested mentions (e < s) are not coordinated.
	if e < s || e-s > 80 {
		return false
	}
	for _, t := range matchtext.Tokenize(f.rs[s:e], "") {
		if t.Kind != matchtext.Word {
			continue
		}
		if t.Norm == "و" {
			return true
		}
		if w, ok := matchtext.StripConj(t.Norm); ok && strings.HasPrefix(t.Norm, "و") && (titleWords[w] || honorifics[w]) {
			return true
		}
	}
	return false
}

var honorifics = map[string]bool{"فخامه": true, "معالي": true, "سعاده": true, "سمو": true, "جلاله": true, "السيد": true, "السيده": true, "الشيخ": true}

func (f *finder) ofType(ms []ment, typ string) []string {
	var ids []string
	for _, m := range ms {
		if e := &f.a.Entities[m.ent]; e.Type == typ && !contains(ids, e.ID) {
			ids = append(ids, e.ID)
		}
	}
	return ids
}

// byTitle finds the person whose title the region starts with
// (سفير دولة قطر لدى … → the ambassador), or whose title contains the
// region's single title word when that person is the current speaker.
func (f *finder) byTitle(rs, re int) string {
	var words []string
	for i := rs; i < re && len(words) < 3; i++ {
		if f.toks[i].Kind == matchtext.Word {
			words = append(words, strings.TrimPrefix(f.toks[i].Norm, "ال"))
		}
	}
	return f.byTitleIndexed(words)
}

// regionText is the subject region up to its first comma.
func (f *finder) regionText(rs, re int) string {
	end := rs
	for i := rs; i < re; i++ {
		if t := f.toks[i]; t.Kind == matchtext.Punct && (t.R == '،' || t.R == ',' || t.R == ':') {
			break
		}
		end = i + 1
	}
	if end == rs {
		return ""
	}
	return string(f.rs[f.toks[rs].Start:f.toks[end-1].End])
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
