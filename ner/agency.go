package ner

import (
	"strings"
	"unicode/utf8"

	"github.com/khabar/khabar/arabic"
)

// Gulf news names a government service's branch by the service and the
// place it serves, without a head: تعليم تبوك (the education department of
// Tabuk), صحة جدة, شرطة مكة, مدني جازان (civil defence), مرور الرياض,
// إمارة منطقة حائل. The model tags the place and leaves the service word;
// the two are one organization.

// serviceWords are the services so named, indefinite, in norm's alphabet;
// false marks إمارة, the office of a governor only before منطقة or
// محافظة (إمارة دبي is an emirate, a place).
var serviceWords = map[string]bool{
	"تعليم": true, "صحه": true, "مدني": true, "مرور": true, "جوازات": true, "شرطه": true, "اماره": false,
	"بلديه": true, "امانه": true,
}

// servicePhrases turns a service word followed by a place mention (no
// proclitic on the place, on the same line) into one organization span,
// and returns the spans in text order; covered is kept up to date.
func (t *Tagger) servicePhrases(text string, toks []arabic.Token, fw []string, spans []Span, covered []bool) []Span {
	var ix spanIndex
	for i := 0; i+1 < len(toks); i++ {
		if covered[i] || !covered[i+1] || !sameLine(text, toks[i], toks[i+1]) {
			continue
		}
		n := fw[i]
		pro := 0
		any, ok := serviceWords[n]
		if !ok {
			p, base := stripClitics(n)
			if any, ok = serviceWords[base]; !ok || strings.HasSuffix(p, "ال") || strings.HasSuffix(p, "لل") {
				continue
			}
			pro = rawRunes(toks[i].Text, len([]rune(p)))
		}
		if next := fw[i+1]; !any && next != "منطقه" && next != "محافظه" {
			continue
		}
		end, taken := ix.absorb(text, toks, spans, i, 1, func(sp Span) bool {
			return sp.Type == "LOC" && arabicWord(toks[sp.TokStart].Text)
		})
		if taken == 0 {
			continue
		}
		ix.add(text, toks, covered, i, end, pro, "ORG")
		i = end - 1
	}
	return ix.merge(spans)
}

// Armies, forces and armed groups are named by a head and what qualifies
// it: الجيش الوطني، القوات المسلحة، المقاومة الشعبية، الحرس الثوري (a
// definite head and adjectives), قوات التحالف، جيش الاحتلال، مليشيا
// الحوثي (a head in construct and its complement). They are
// organizations.

// forceHeads are the heads, without the article, in norm's alphabet.
var forceHeads = map[string]bool{
	"جيش": true, "قوات": true, "مقاومه": true, "حرس": true, "مليشيا": true, "ميليشيا": true, "مليشيات": true,
	"ميليشيات": true,
}

// maxForceWords bounds the words after a force's head.
const maxForceWords = 3

// forces adds ORG spans for armies, forces and armed groups (see above)
// over untagged words and returns the spans in text order; covered is
// kept up to date.
func (t *Tagger) forces(text string, toks []arabic.Token, fw []string, spans []Span, covered []bool) []Span {
	// Words of the people the text names (بشار الأسد … قوات الأسد).
	person := map[string]bool{}
	for _, sp := range spans {
		if sp.Type == "PER" {
			for k := sp.TokStart; k < sp.TokEnd && k < len(fw); k++ {
				person[fw[k]] = true
			}
		}
	}
	forceWord := func(w string) bool { return forceWord(w) && !person[w] && !definiteTitles[w] } // الجيش | العماد فلان
	var ix spanIndex
	for i := 0; i+1 < len(toks); i++ {
		if covered[i] || !sameLine(text, toks[i], toks[i+1]) {
			continue
		}
		skip, head := 0, fw[i]
		if !forceHeads[head] && !forceHeads[strings.TrimPrefix(head, "ال")] {
			skip, head, _ = cliticWord(fw[i])
		}
		definite := strings.HasPrefix(head, "ال")
		if head = strings.TrimPrefix(head, "ال"); !forceHeads[head] {
			continue
		}
		end := i + 1
		if !definite {
			// In construct: a mention or a definite word, then adjectives.
			// A mention after the head keeps its own name (قوات | حزب الله،
			// قوات | صالح: a body's or a person's forces).
			if covered[i+1] || !forceWord(fw[i+1]) || isTitle(toks[i+1].Text) {
				continue
			}
			end = i + 2
		}
		for end < len(toks) && end-i <= maxForceWords && !covered[end] && sameLine(text, toks[end-1], toks[end]) && forceWord(fw[end]) {
			end++
		}
		if definite && end == i+1 {
			continue // القوات alone is no name
		}
		start := i
		if definite && skip == 0 && i > 0 && !covered[i-1] && sameLine(text, toks[i-1], toks[i]) {
			// مجلس المقاومة الشعبية، قيادة القوات المشتركة: the council or
			// command of a force is a body of its own.
			if s, head, _ := cliticWord(fw[i-1]); councilHeads[head] {
				start, skip = i-1, s
			}
		}
		if ix.add(text, toks, covered, start, end, rawRunes(toks[start].Text, skip), "ORG") {
			if sp := &ix.added[len(ix.added)-1]; definite && start == i && !strings.HasPrefix(norm(sp.Text), "ال") {
				sp.Name = "ال" + sp.Text // للقوات المسلحة → القوات المسلحة
			}
			i = end - 1
		}
	}
	return ix.merge(spans)
}

// councilHeads head a body of a force (مجلس، قيادة), in norm's alphabet.
var councilHeads = map[string]bool{"مجلس": true, "قياده": true, "مجالس": true}

// forceWord reports whether the folded word w may qualify a force in its
// name: a definite word that is no stop word, no person's name and no
// participle describing what the force does (الموالية، المشاركة،
// المهاجمة), which names no body.
func forceWord(w string) bool {
	if !strings.HasPrefix(w, "ال") || orgStop[w] || utf8.RuneCountInString(w) < 4 {
		return false
	}
	if defaultGazetteer().word[w]&(gKBPer|gPerL|gLast|gName|gTitle) != 0 {
		return false // a person's name or a title (الحرس الوطني | الأمير)
	}
	for _, p := range [...]string{"الموالي", "المشارك", "المهاجم", "المتواجد", "الموجود", "المنتشر", "المرابط", "المتبقي", "المنضوي"} {
		if strings.HasPrefix(w, p) {
			return false
		}
	}
	return true
}

// ministryShort are ministries the press names by their field alone
// (وقالت الخارجية، الداخلية السعودية), definite, in norm's alphabet; the
// same words are adjectives after a noun (السياسة الخارجية) and an
// office's complement after a title (وزير الخارجية).
var ministryShort = map[string]bool{"الخارجيه": true, "الداخليه": true}

// ministries adds ORG spans for ministries named by their field alone,
// with a nationality after them when there is one, and returns the spans
// in text order; covered is kept up to date.
func (t *Tagger) ministries(text string, toks []arabic.Token, fw []string, spans []Span, covered []bool) []Span {
	g := defaultGazetteer()
	var ix spanIndex
	for i := 1; i < len(toks); i++ {
		if covered[i] {
			continue
		}
		skip, article := 0, false
		if !ministryShort[fw[i]] {
			var w string
			if skip, w, article = cliticWord(fw[i]); !ministryShort[w] {
				continue
			}
		}
		// After a definite word it is an adjective; after a title, the
		// office's complement; after a head, part of a longer name.
		p := fw[i-1]
		pp, pb := stripClitics(p)
		definite := strings.HasPrefix(p, "ال") || strings.HasPrefix(p, "لل") || strings.HasSuffix(pp, "ال") || strings.HasSuffix(pp, "لل") ||
			possessed(toks[i-1].Text) // سياستها الخارجية
		office := strings.HasPrefix(pb, "وزير") || pb == "وزراء" || p == "وزراء" || strings.HasPrefix(p, "وزير")
		if definite || office || isTitle(toks[i-1].Text) || roleWord(toks[i-1].Text) ||
			orgPhraseHeads[p] || g.word[p]&(gOrgHead|gTitle) != 0 || !sameLine(text, toks[i-1], toks[i]) {
			continue
		}
		end := i + 1
		if end < len(toks) && !covered[end] && sameLine(text, toks[end-1], toks[end]) && g.word[fw[end]]&gKBDem != 0 && strings.HasPrefix(fw[end], "ال") {
			end++ // الخارجية السعودية
		}
		sp, ok := tokenSpan(text, toks, i, end, rawRunes(toks[i].Text, skip), "ORG")
		if !ok {
			continue
		}
		if article {
			sp.Name = "ال" + sp.Text
		}
		ix.added = append(ix.added, sp)
		for k := i; k < end; k++ {
			covered[k] = true
		}
		i = end - 1
	}
	return ix.merge(spans)
}

// possessed reports whether the raw token w is a noun with a possessive
// pronoun (سياستها، شؤونها، استثماراتنا، لحمتنا): definite, so a definite
// word after it is its adjective.
func possessed(w string) bool {
	s := arabic.Normalize(w, arabic.Search)
	for _, suf := range [...]string{"هما", "هم", "هن", "ها", "نا", "كم", "ه", "ك"} {
		if stem, ok := strings.CutSuffix(s, suf); ok && utf8.RuneCountInString(stem) >= 3 {
			if _, base := stripClitics(norm(stem)); inflectedWord(stem) || inflectedWord(base) ||
				strings.HasSuffix(stem, "ت") && arabic.IsKnownWord(strings.TrimSuffix(stem, "ت")+"ه") {
				return true
			}
		}
	}
	return false
}

// orgNationalities extends an organization's span over the nationality
// adjective right after it, on the same line and outside any other span,
// when the name opens with a head noun (مجلس الوزراء الجزائري، وزارة
// الخارجية المصرية): the adjective is part of the name as the press
// writes it, and tells one country's council from another's.
func (t *Tagger) orgNationalities(text string, toks []arabic.Token, fw, sw []string, spans []Span, covered []bool) []Span {
	g := defaultGazetteer()
	for i := range spans {
		sp := &spans[i]
		e := sp.TokEnd
		if sp.Type != "ORG" || e >= len(toks) || e <= sp.TokStart || covered[e] || !sameLine(text, toks[e-1], toks[e]) {
			continue
		}
		if g.word[fw[e]]&gKBDem == 0 || !strings.HasPrefix(fw[e], "ال") || g.word[fw[e-1]]&gKBDem != 0 {
			continue
		}
		// The head as written first: gazStrip reads the و of وزارة and
		// وكالة as a conjunction.
		if h, w := sw[sp.TokStart], fw[sp.TokStart]; !orgPhraseHeads[h] && g.word[h]&gOrgHead == 0 && !orgPhraseHeads[w] && g.word[w]&gOrgHead == 0 {
			continue
		}
		if i+1 < len(spans) && spans[i+1].TokStart <= e {
			continue
		}
		ext, ok := tokenSpan(text, toks, sp.TokStart, e+1, sp.Start-toks[sp.TokStart].Start, "ORG")
		if !ok {
			continue
		}
		ext.Name = sp.Name + ext.Text[len(sp.Text):]
		*sp = ext
		covered[e] = true
	}
	return spans
}
