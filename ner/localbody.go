package ner

import (
	"strings"
	"unicode/utf8"

	"github.com/khabar/khabar/arabic"
)

// A local body is named with the place it serves, after ب: الغرفة
// التجارية الصناعية بمنطقة القصيم، المحكمة العامة بجازان، اللجنة المحلية
// للانتخابات البلدية بمكة المكرمة. The guide keeps the place inside the
// body's name, where the tagger found the body and the place as two
// mentions. A facility's name ends with the adjective
// that tells it from others of its town (مستشفى القطيف المركزي، مستشفى جازان
// العام), a camp's with the refugees it shelters (مخيم اليرموك للاجئين
// الفلسطينيين). A club is named without the nationality the press adds
// (الجزيرة الإماراتي → الجزيرة), as in the guide.

// localBodyHeads are the heads, folded and without the article, of bodies
// that a place after ب names (a committee, a chamber, a court, a college,
// an office, a society, a directorate); a ministry or a club after which
// ب + a place tells where something happened is not one.
var localBodyHeads = map[string]bool{
	"لجنه": true, "غرفه": true, "محكمه": true, "كليه": true, "معهد": true, "مكتب": true,
	"جمعيه": true, "مديريه": true, "اداره": true, "هييه": true,
}

// placeHeadWords are the nouns that head a named region or town after ب
// (بمنطقة القصيم، بمحافظة أملج), folded.
var placeHeadWords = map[string]bool{"منطقه": true, "محافظه": true, "مدينه": true}

// facilityAdjectives are the adjectives that end a hospital's name, folded.
var facilityAdjectives = map[string]bool{
	"المركزي": true, "العام": true, "التخصصي": true, "الجامعي": true, "العسكري": true,
}

// localPlaces lengthens local bodies, facilities and camps with the words
// of their names described above, adds local bodies named by a definite
// head, its adjectives and the place (الغرفة التجارية الصناعية بأبها),
// and shortens clubs' names by their nationality; spans stay in text
// order and covered is kept up to date.
func (t *Tagger) localPlaces(text string, toks []arabic.Token, fw []string, spans []Span, covered []bool) []Span {
	g := defaultGazetteer()
	var ix spanIndex // indexed on first use
	for i := 0; i+2 < len(toks); i++ {
		if covered[i] {
			continue
		}
		pro, base := stripClitics(fw[i])
		if pro != "" && pro != "و" && pro != "ب" && pro != "ل" && pro != "وب" && pro != "ول" && pro != "لل" {
			continue
		}
		if pro == "لل" {
			base = strings.TrimPrefix(base, "ال")
		} else if base, _ = strings.CutPrefix(base, "ال"); base == fw[i] {
			continue
		}
		if !localBodyHeads[base] {
			continue
		}
		j := i + 1
		for j < len(toks) && j-i <= 3 && !covered[j] && sameLine(text, toks[j-1], toks[j]) && bodyAdjective(strings.TrimPrefix(fw[j], "ال")) &&
			strings.HasPrefix(fw[j], "ال") {
			j++
		}
		if j == i+1 || j >= len(toks) || !sameLine(text, toks[j-1], toks[j]) {
			continue
		}
		if base == "اداره" && j == i+2 && fw[i+1] == "العامه" {
			continue // الإدارة العامة بالرياض: a body's head office, no name
		}
		ix.index(spans)
		end, k := bodyPlaceEnd(g, toks, fw, covered, &ix, spans, j)
		if end == j {
			continue
		}
		skip := rawRunes(toks[i].Text, utf8.RuneCountInString(pro))
		if pro == "لل" {
			skip = rawRunes(toks[i].Text, 1)
		}
		if ix.add(text, toks, covered, i, end, skip, "ORG") {
			if pro == "لل" {
				ix.added[len(ix.added)-1].Name = "ال" + ix.added[len(ix.added)-1].Text
			}
			if k >= 0 {
				ix.drop[k] = true
			}
			i = end - 1
		}
	}
	spans = ix.merge(spans)
	ix = spanIndex{}
	for k := range spans {
		if ix.drop != nil && ix.drop[k] {
			continue
		}
		sp := &spans[k]
		e := sp.TokEnd
		switch {
		case sp.Type == "ORG" && localBody(fw, *sp) && e < len(toks) && sameLine(text, toks[e-1], toks[e]):
			ix.index(spans)
			if end, next := bodyPlaceEnd(g, toks, fw, covered, &ix, spans, e); end > e && setEnd(text, toks, sp, end) {
				if next >= 0 {
					ix.drop[next] = true
				}
				for j := e; j < end; j++ {
					covered[j] = true
				}
			}
		case sp.Type == "LOC" && e < len(toks) && !covered[e] && sameLine(text, toks[e-1], toks[e]):
			head := strings.TrimPrefix(fw[sp.TokStart], "ال")
			if _, h := stripClitics(fw[sp.TokStart]); sp.Start != toks[sp.TokStart].Start {
				head = h
			}
			end := e
			switch {
			case head == "مستشفي" && facilityAdjectives[fw[e]] && e > sp.TokStart+1:
				end = e + 1
			case head == "مخيم" && (fw[e] == "للاجيين" || fw[e] == "لاجيي"):
				end = e + 1
				if end < len(toks) && !covered[end] && sameLine(text, toks[e], toks[end]) && g.word[fw[end]]&gKBDem != 0 {
					end++
				}
			}
			if end > e && setEnd(text, toks, sp, end) {
				for j := e; j < end; j++ {
					covered[j] = true
				}
			}
		case sp.Type == "ORG" && e-sp.TokStart >= 2 && g.word[fw[e-1]]&gKBDem != 0 && strings.HasPrefix(fw[e-1], "ال"):
			// الجزيرة الإماراتي: the club without its nationality.
			name := strings.Join(fw[sp.TokStart:e-1], " ")
			if sp.Start != toks[sp.TokStart].Start {
				_, base := stripClitics(fw[sp.TokStart])
				name = strings.Join(append([]string{base}, fw[sp.TokStart+1:e-1]...), " ")
			}
			// Not اتحاد (الاتحاد السعودي is the federation, not the club).
			if name == "الاتحاد" || name == "اتحاد" || !clubs()[name] && !afterClubHead(text, toks, fw, covered, sp.TokStart) {
				break
			}
			if setEnd(text, toks, sp, e-1) {
				covered[e-1] = false
			}
		}
	}
	if ix.drop == nil {
		return spans
	}
	kept := spans[:0]
	for k, sp := range spans {
		if !ix.drop[k] {
			kept = append(kept, sp)
		}
	}
	return kept
}

// teamHeads are the nouns, folded, that name what follows as a club or
// its team (نادي، فريق، فريقي … و…), with the proclitics they take.
var teamHeads = map[string]bool{"نادي": true, "ناديي": true, "فريق": true, "فريقي": true, "لفريق": true, "لنادي": true, "بفريق": true}

// afterClubHead reports whether one of the four tokens before token a, on
// its line, is a club head (وتمت مخاطبة فريقي الجزيرة الإماراتي
// والكويت الكويتي), with only mentions and nationalities between.
func afterClubHead(text string, toks []arabic.Token, fw []string, covered []bool, a int) bool {
	g := defaultGazetteer()
	for j := a - 1; j >= 0 && j >= a-4 && sameLine(text, toks[j], toks[a]); j-- {
		if teamHeads[fw[j]] {
			return true
		}
		if !covered[j] && g.word[fw[j]]&gKBDem == 0 {
			return false
		}
	}
	return false
}

// localBody reports whether the organization sp begins with a head of
// localBodyHeads with the article (behind its proclitics) and has a
// complement. A definite head and its adjectives (المحكمة العامة، الغرفة
// التجارية) name a kind of body that the place completes; an indefinite
// head's genitive (هيئة الهلال الأحمر، جمعية الثقافة والفنون) names a
// body of its own, whose branch the place tells (the gold sets write
// those apart).
func localBody(fw []string, sp Span) bool {
	if sp.TokEnd-sp.TokStart < 2 {
		return false
	}
	w := fw[sp.TokStart]
	if h, ok := strings.CutPrefix(w, "ال"); ok {
		return localBodyHeads[h]
	}
	pro, h := stripClitics(w)
	if strings.HasSuffix(pro, "لل") {
		return localBodyHeads[strings.TrimPrefix(h, "ال")]
	}
	h, ok := strings.CutPrefix(h, "ال")
	return ok && localBodyHeads[h]
}

// bodyPlaceEnd returns the end of the place named after ب at token e, the
// token after a local body's name, or e when none is, and the index in
// spans of the place mention it takes in (-1 if none): the place mention
// that starts there behind ب (بمنطقة القصيم) or after ب + a place head
// (ب|منطقة [القصيم]), or an untagged ب + a listed town or region
// (بجازان، بالأحساء). Not بالمملكة (the country the whole press is in)
// nor a word for the region the article is about (بالمنطقة).
func bodyPlaceEnd(g *gazetteer, toks []arabic.Token, fw []string, covered []bool, ix *spanIndex, spans []Span, e int) (int, int) {
	rest, ok := strings.CutPrefix(fw[e], "ب")
	if !ok || rest == "المملكه" {
		return e, -1
	}
	at := func(j int) (int, bool) {
		k, found := ix.startAt[j]
		if !found || ix.drop[k] || spans[k].Type != "LOC" || spans[k].TokEnd-spans[k].TokStart > 4 {
			return -1, false
		}
		return k, true
	}
	if k, found := at(e); found {
		if spans[k].Start == toks[e].Start {
			return e, -1
		}
		return spans[k].TokEnd, k
	}
	if _, found := ix.startAt[e]; found || covered[e] {
		return e, -1
	}
	if placeHeadWords[rest] {
		if k, found := at(e + 1); found && spans[k].Start == toks[e+1].Start {
			return spans[k].TokEnd, k
		}
		return e, -1
	}
	if g.word[rest]&gLocCue == 0 && g.word[rest]&(gCity|gKBLoc) != 0 {
		return e + 1, -1
	}
	return e, -1
}
