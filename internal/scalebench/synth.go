package scalebench

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/store"
)

// piece is a sentence (or a title, or a paragraph of another corpus)
// with the annotations that lie wholly inside it, their offsets in code
// points from the piece's start.
type piece struct {
	text  string
	runes int
	ments []ment
	dates []khabar.Date
}

// ment is an entity mention inside a piece.
type ment struct {
	ent        int32 // index into Pool.ents
	start, end int
	text       string
}

// entRef is what a mention says of its entity.
type entRef struct {
	typ, name string
	kb        *khabar.KBRef
}

// Pool holds the pieces that synthetic articles are made of: the
// sentences and titles of analyzed real articles, with their entity
// mentions and dates, and optionally plain paragraphs of other corpora.
type Pool struct {
	titles    []piece
	sentences []piece
	extra     []piece           // plain paragraphs of other corpora
	lengths   []int             // sentences per real article, to draw lengths from
	datelines []khabar.Dateline // datelines of real articles (place only)
	ents      []entRef
	entID     map[entRef]int32
}

// NewPool cuts analyzed documents into pieces.
func NewPool(docs []store.Document) *Pool {
	p := &Pool{entID: map[entRef]int32{}}
	for _, d := range docs {
		p.add(d.Analysis)
	}
	return p
}

// AddExtra adds plain paragraphs (without annotations), which
// synthetic articles mix in at the rate Generator.ExtraRate.
func (p *Pool) AddExtra(paras []string) {
	for _, s := range paras {
		s = strings.TrimSpace(s)
		if s == "" || !utf8.ValidString(s) {
			continue
		}
		p.extra = append(p.extra, piece{text: s, runes: utf8.RuneCountInString(s)})
	}
}

// Sizes returns the number of titles, sentences, plain paragraphs and
// distinct entities in the pool.
func (p *Pool) Sizes() (titles, sentences, extra, entities int) {
	return len(p.titles), len(p.sentences), len(p.extra), len(p.ents)
}

func (p *Pool) add(a *khabar.Analysis) {
	if a == nil {
		return
	}
	runes := []rune(a.Text)
	cut := func(s, e int) (piece, bool) {
		if s < 0 || e > len(runes) {
			return piece{}, false
		}
		for s < e && unicode.IsSpace(runes[s]) {
			s++
		}
		for e > s && unicode.IsSpace(runes[e-1]) {
			e--
		}
		if s >= e {
			return piece{}, false
		}
		pc := piece{text: string(runes[s:e]), runes: e - s}
		for _, en := range a.Entities {
			r := entRef{typ: en.Type, name: en.Name}
			if en.KB != nil {
				kb := *en.KB
				r.kb = &kb
			}
			for _, m := range en.Mentions {
				if m.Start >= s && m.End <= e && m.Start < m.End {
					pc.ments = append(pc.ments, ment{ent: p.entity(r), start: m.Start - s, end: m.End - s, text: m.Text})
				}
			}
		}
		for _, d := range a.Dates {
			if d.Start >= s && d.End <= e && d.Start < d.End {
				d.Start -= s
				d.End -= s
				pc.dates = append(pc.dates, d)
			}
		}
		return pc, true
	}
	if a.Title != nil {
		if pc, ok := cut(a.Title.Start, a.Title.End); ok {
			p.titles = append(p.titles, pc)
		}
	}
	n := 0
	for _, sp := range a.Sentences {
		if a.Title != nil && sp[0] < a.Title.End {
			continue
		}
		if pc, ok := cut(sp[0], sp[1]); ok {
			p.sentences = append(p.sentences, pc)
			n++
		}
	}
	if n > 0 {
		p.lengths = append(p.lengths, n)
	}
	if dl := a.Dateline; dl != nil && dl.Place != "" {
		p.datelines = append(p.datelines, khabar.Dateline{Place: dl.Place, PlaceEntity: dl.PlaceEntity})
	}
}

// entity returns the index of r, adding it.
func (p *Pool) entity(r entRef) int32 {
	key := r
	if r.kb != nil {
		key.kb = nil
		key.name = r.name + "\x00" + r.kb.ID
	}
	if id, ok := p.entID[key]; ok {
		return id
	}
	id := int32(len(p.ents))
	p.ents = append(p.ents, r)
	p.entID[key] = id
	return id
}

// Generator makes synthetic articles from a Pool. The same Generator
// settings and index give the same article.
type Generator struct {
	Pool *Pool
	Seed uint64
	// From and To bound the publication days, spread over the indexes
	// 0..Total-1 in order (an archive ingested oldest first) with a
	// month of jitter.
	From, To time.Time
	Total    int
	// DupRate is the share of articles that are near-duplicate copies of
	// one of the last few hundred articles (another outlet's reprint).
	DupRate float64
	// ExtraRate is the share of an article's pieces taken from the
	// plain paragraphs of other corpora, when the pool has any.
	ExtraRate float64
	// Sources are the outlets; the first ones are drawn more often
	// (Zipf-like weights).
	Sources []string
}

// recipe is what an article is made of, kept so that a copy can be made
// of it later.
type recipe struct {
	title   int
	body    []int // index into sentences, or -1-i for extra[i]
	paras   []int // sentences per paragraph
	dateln  int   // -1: none
	numSeed uint64
}

// Doc returns the i-th synthetic article and whether it is a
// near-duplicate copy of an earlier one.
func (g *Generator) Doc(i int) (store.Document, bool) {
	r := rand.New(rand.NewPCG(g.Seed, uint64(i)))
	rec := g.recipe(r, i)
	dup := false
	if i >= 50 && r.Float64() < g.DupRate {
		// A reprint of one of the last 500 articles: its recipe, redrawn,
		// less a sentence at the end and with a line of the reprinting
		// outlet appended.
		j := i - 1 - r.IntN(min(i, 500))
		orig := g.recipe(rand.New(rand.NewPCG(g.Seed, uint64(j))), j)
		if len(orig.body) > 2 {
			orig.body = orig.body[:len(orig.body)-1]
			orig.paras = fitParas(orig.paras, len(orig.body))
		}
		orig.body = append(orig.body, rec.body[0])
		orig.paras = append(orig.paras, 1)
		rec, dup = orig, true
	}
	src := g.source(r)
	a := g.build(rec)
	day := g.day(r, i)
	a.Published = day
	a.Source = src
	a.URL = fmt.Sprintf("https://synthetic.invalid/%s/%d", src, i)
	return store.Document{URL: a.URL, Source: src, Title: a.Title.Text, Analysis: a}, dup
}

// fitParas trims paragraph sizes to n sentences in all.
func fitParas(paras []int, n int) []int {
	out := make([]int, 0, len(paras))
	for _, k := range paras {
		if n <= 0 {
			break
		}
		k = min(k, n)
		out = append(out, k)
		n -= k
	}
	return out
}

func (g *Generator) recipe(r *rand.Rand, i int) recipe {
	p := g.Pool
	rec := recipe{title: r.IntN(len(p.titles)), dateln: -1, numSeed: r.Uint64()}
	n := p.lengths[r.IntN(len(p.lengths))]
	for range n {
		if len(p.extra) > 0 && r.Float64() < g.ExtraRate {
			rec.body = append(rec.body, -1-r.IntN(len(p.extra)))
		} else {
			rec.body = append(rec.body, r.IntN(len(p.sentences)))
		}
	}
	for left := n; left > 0; {
		k := min(left, 1+r.IntN(3))
		rec.paras = append(rec.paras, k)
		left -= k
	}
	if len(p.datelines) > 0 && r.IntN(2) == 0 {
		rec.dateln = r.IntN(len(p.datelines))
	}
	return rec
}

func (g *Generator) source(r *rand.Rand) string {
	// Weight 1/(k+1) for the k-th source.
	total := 0.0
	for k := range g.Sources {
		total += 1 / float64(k+1)
	}
	x := r.Float64() * total
	for k, s := range g.Sources {
		x -= 1 / float64(k+1)
		if x < 0 {
			return s
		}
	}
	return g.Sources[len(g.Sources)-1]
}

func (g *Generator) day(r *rand.Rand, i int) string {
	span := g.To.Sub(g.From)
	frac := float64(i) / float64(max(g.Total, 1))
	t := g.From.Add(time.Duration(frac * float64(span)))
	t = t.Add(time.Duration(r.IntN(31)-15) * 24 * time.Hour)
	if t.Before(g.From) {
		t = g.From
	}
	if t.After(g.To) {
		t = g.To
	}
	return t.Format("2006-01-02")
}

// build assembles the Analysis of rec: the title, a blank line, then
// paragraphs of sentences joined by spaces, separated by blank lines.
// Digits outside mentions and dates are redrawn (same count), so that
// numbers, and with them the vocabulary, keep growing like an
// archive's.
func (g *Generator) build(rec recipe) *khabar.Analysis {
	p := g.Pool
	nr := digitRand(rec.numSeed)
	var b strings.Builder
	pos := 0
	a := &khabar.Analysis{Schema: khabar.Schema}
	local := map[int32]int{} // pool entity → index in a.Entities
	emit := func(pc *piece) (int, int) {
		start := pos
		b.WriteString(redrawDigits(pc, nr))
		pos += pc.runes
		for _, m := range pc.ments {
			k, ok := local[m.ent]
			if !ok {
				e := p.ents[m.ent]
				k = len(a.Entities)
				local[m.ent] = k
				a.Entities = append(a.Entities, khabar.Entity{ID: fmt.Sprintf("e%d", k+1), Type: e.typ, Name: e.name, KB: e.kb})
			}
			a.Entities[k].Mentions = append(a.Entities[k].Mentions, khabar.Mention{Text: m.text, Start: start + m.start, End: start + m.end})
		}
		for _, d := range pc.dates {
			d.Start += start
			d.End += start
			a.Dates = append(a.Dates, d)
		}
		a.Sentences = append(a.Sentences, [2]int{start, pos})
		return start, pos
	}
	t := &p.titles[rec.title]
	ts, te := emit(t)
	a.Title = &khabar.Span{Text: t.text, Start: ts, End: te}
	a.Paragraphs = append(a.Paragraphs, [2]int{ts, te})
	k := 0
	for _, np := range rec.paras {
		b.WriteString("\n\n")
		pos += 2
		ps := pos
		for j := 0; j < np && k < len(rec.body); j++ {
			if j > 0 {
				b.WriteByte(' ')
				pos++
			}
			if x := rec.body[k]; x >= 0 {
				emit(&p.sentences[x])
			} else {
				emit(&p.extra[-1-x])
			}
			k++
		}
		a.Paragraphs = append(a.Paragraphs, [2]int{ps, pos})
	}
	a.Text = b.String()
	if rec.dateln >= 0 {
		dl := p.datelines[rec.dateln]
		body := a.Paragraphs[min(1, len(a.Paragraphs)-1)][0]
		dl.Start, dl.End = body, body
		a.Dateline = &dl
	}
	return a
}

// digitRand returns the source of the digits an article redraws.
func digitRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 1)) }

// redrawDigits returns the piece's text with every run of digits
// outside its mentions and dates replaced by random digits of the same
// count and script.
func redrawDigits(pc *piece, r *rand.Rand) string {
	if !strings.ContainsAny(pc.text, "0123456789٠١٢٣٤٥٦٧٨٩") {
		return pc.text
	}
	runes := []rune(pc.text)
	keep := func(i int) bool {
		for _, m := range pc.ments {
			if i >= m.start && i < m.end {
				return true
			}
		}
		for _, d := range pc.dates {
			if i >= d.Start && i < d.End {
				return true
			}
		}
		return false
	}
	for i, c := range runes {
		switch {
		case c >= '0' && c <= '9' && !keep(i):
			runes[i] = '0' + rune(r.IntN(10))
		case c >= '٠' && c <= '٩' && !keep(i):
			runes[i] = '٠' + rune(r.IntN(10))
		}
	}
	return string(runes)
}
