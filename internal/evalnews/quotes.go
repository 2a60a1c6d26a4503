package evalnews

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/khabar/khabar"
)

// goldWords returns, for each word of the gold quote q, the analysis
// position of its first character that khabar kept, or -1.
func goldWords(al *alignment, src []rune, q Quote) []int {
	start, end := al.sourcePos(q.field(), q.Start), al.sourcePos(q.field(), q.End)
	end = min(end, len(src))
	var out []int
	for i := start; i < end; {
		if !wordRune(src[i]) {
			i++
			continue
		}
		pos := -1
		for ; i < end && wordRune(src[i]); i++ {
			if pos < 0 && al.toText[i] >= 0 {
				pos = al.toText[i]
			}
		}
		out = append(out, pos)
	}
	return out
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// quoteSource returns the outlet a predicted quote was reported through,
// read from its JSON form so that the evaluation follows the Analysis
// contract as it grows (a "source" field, text or entity ID), or "".
func quoteSource(q khabar.Quote) string {
	b, err := json.Marshal(q)
	if err != nil {
		return ""
	}
	var v struct {
		Source string `json:"source"`
	}
	if json.Unmarshal(b, &v) != nil {
		return ""
	}
	return v.Source
}

// names reports whether the entity e is called name: its name, one of
// its mentions or its knowledge-base name, normalized.
func names(e *khabar.Entity, name string) bool {
	k := key(name)
	if k == "" || e == nil {
		return false
	}
	if key(e.Name) == k || e.KB != nil && e.KB.Name != "" && key(e.KB.Name) == k {
		return true
	}
	for _, m := range e.Mentions {
		if key(m.Text) == k {
			return true
		}
	}
	return false
}

// snippet returns the first words of a quote, for error lists.
func snippet(s string) string {
	w := strings.Fields(s)
	if len(w) > 8 {
		return strings.Join(w[:8], " ") + " …"
	}
	return strings.Join(w, " ")
}

func scoreQuotes(s *ArticleScore, a *khabar.Analysis, al *alignment, rec *Record, g *Article) {
	src := []rune(rec.Title + "\n\n" + rec.Content)
	byID := map[string]*khabar.Entity{}
	for i := range a.Entities {
		byID[a.Entities[i].ID] = &a.Entities[i]
	}
	var pred []khabar.Quote
	for _, q := range a.Quotes {
		if al.inSource(q.Start, q.End) {
			pred = append(pred, q)
		}
	}
	words := make([][]int, len(g.Quotes))
	type pair struct{ g, p, n int }
	var pairs []pair
	gBest, pBest := make([]int, len(g.Quotes)), make([]int, len(pred)) // most gold words shared, for the error list
	for gi, gq := range g.Quotes {
		words[gi] = goldWords(al, src, gq)
		for pi, pq := range pred {
			n := 0
			for _, pos := range words[gi] {
				if pos >= pq.Start && pos < pq.End {
					n++
				}
			}
			gBest[gi], pBest[pi] = max(gBest[gi], n), max(pBest[pi], n)
			if n > 0 && 2*n >= len(words[gi]) {
				pairs = append(pairs, pair{gi, pi, n})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].n > pairs[j].n })
	gm, pm := make([]int, len(g.Quotes)), make([]bool, len(pred))
	for i := range gm {
		gm[i] = -1
	}
	for _, p := range pairs {
		if gm[p.g] < 0 && !pm[p.p] {
			gm[p.g], pm[p.p] = p.p, true
		}
	}
	goldText := func(q Quote) string {
		st, en := al.sourcePos(q.field(), q.Start), min(al.sourcePos(q.field(), q.End), len(src))
		return snippet(string(src[st:en]))
	}
	speakerName := func(q khabar.Quote) string {
		if e := byID[q.Speaker]; e != nil {
			return e.Name
		}
		if q.SpeakerText != "" {
			return "(unnamed) " + q.SpeakerText
		}
		return ""
	}
	for gi, gq := range g.Quotes {
		s.SpeakerAll.Total++
		pi := gm[gi]
		if pi < 0 {
			s.Quotes.FN++
			var note string
			if gBest[gi] > 0 {
				note = fmt.Sprintf("a predicted quote holds %d of its %d words", gBest[gi], len(words[gi]))
			}
			s.Errors = append(s.Errors, Error{Line: g.Line, Kind: "missed-quote", Text: goldText(gq), Want: gq.Speaker + gq.unnamed(), Note: note})
			continue
		}
		s.Quotes.TP++
		s.SpeakerMatched.Total++
		pq := pred[pi]
		var right bool
		if gq.Speaker == "" {
			right = pq.Speaker == ""
		} else {
			right = names(byID[pq.Speaker], gq.Speaker)
		}
		if right {
			s.SpeakerMatched.Correct++
			s.SpeakerAll.Correct++
		} else {
			s.Errors = append(s.Errors, Error{Line: g.Line, Kind: "speaker", Text: goldText(gq), Want: gq.Speaker + gq.unnamed(),
				Got: orNone(speakerName(pq))})
		}
		if gq.Source == "" {
			continue
		}
		s.QuoteSource.Total++
		ps := quoteSource(pq)
		got := ps
		if e := byID[ps]; e != nil {
			got = e.Name
		}
		if ps != "" && (names(byID[ps], gq.Source) || key(ps) == key(gq.Source)) {
			s.QuoteSource.Correct++
		} else {
			s.Errors = append(s.Errors, Error{Line: g.Line, Kind: "source", Text: goldText(gq), Want: gq.Source, Got: orNone(got)})
		}
	}
	for pi, pq := range pred {
		if !pm[pi] {
			s.Quotes.FP++
			var note string
			if pBest[pi] > 0 {
				note = fmt.Sprintf("holds %d words of a gold quote", pBest[pi])
			}
			s.Errors = append(s.Errors, Error{Line: g.Line, Kind: "extra-quote", Text: snippet(pq.Text), Got: orNone(speakerName(pq)), Note: note})
		}
	}
}

// unnamed describes an unnamed gold speaker.
func (q Quote) unnamed() string {
	if q.Speaker == "" {
		return "(unnamed) " + q.SpeakerText
	}
	return ""
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}
