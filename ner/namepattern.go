package ner

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/titles"
)

// Gulf and Levantine press names most people by a given name and a
// family name in the nisba form (سلامة اللهيبي، تركي الثقفي), and no list
// holds every family. Where the model left such a pair untagged, a known
// given name (or a chain of them, with بن/بنت) followed by a word of the
// family-name shape (ال + at least four letters ending in ي, not a place,
// nationality, title or body) is a person.

// maxGivenChain bounds the given names (and بن/بنت) before a family name.
const maxGivenChain = 4

// coverage returns, in dst's space, which of n tokens a span covers.
func coverage(dst []bool, n int, spans []Span) []bool {
	dst = slices.Grow(dst[:0], n)[:n]
	clear(dst)
	for _, sp := range spans {
		for i := max(sp.TokStart, 0); i < sp.TokEnd && i < n; i++ {
			dst[i] = true
		}
	}
	return dst
}

// namePatterns adds person spans for untagged given-name + family-name
// runs of toks and returns the spans in text order; covered (see
// coverage) is kept up to date.
func (t *Tagger) namePatterns(text string, toks []arabic.Token, spans []Span, covered []bool) []Span {
	g := defaultGazetteer()
	spans = particleEnds(text, toks, spans, covered)
	// A given name the model read alone, or a nasab chain, before a
	// family name (عبدالله | الحربي، سعيد بن مسفر | القحطاني) takes it.
	for k := range spans {
		sp := &spans[k]
		e := sp.TokEnd
		if sp.Type != "PER" || e >= len(toks) || covered[e] || !sameLine(text, toks[e-1], toks[e]) {
			continue
		}
		if !openName(g, toks[sp.TokStart:sp.TokEnd]) || !familyToken(g, toks[e].Text) && !chainFamily(g, toks, covered, toks[sp.TokStart:sp.TokEnd], e) {
			if !givenPair(g, toks[sp.TokStart:sp.TokEnd]) || !nameFamily(g, text, toks, e) {
				continue
			}
		}
		if setEnd(text, toks, sp, e+1) {
			covered[e] = true
		}
	}
	extendForeign(text, toks, spans, covered)
	var added []Span
	for i := 1; i < len(toks); i++ {
		unknown := false
		if covered[i] || !familyToken(g, toks[i].Text) {
			if covered[i] || i == 0 || !unknownFamily(g, toks[i].Text) || !t.plainGiven(g, toks[i-1].Text) {
				continue
			}
			unknown = true
		}
		// Walk back over given names and بن/بنت on the same line (one
		// plain given name before a family name no list holds).
		a := i
		if unknown {
			if !covered[i-1] && sameLine(text, toks[i-1], toks[i]) {
				a = i - 1
			}
		}
		for !unknown && a > 0 && i-a < maxGivenChain && !covered[a-1] && sameLine(text, toks[a-1], toks[a]) {
			w := toks[a-1].Text
			if nasab(w) && a < i {
				a--
				continue
			}
			if !givenWord(g, w, a-1 == 0 || !sameLine(text, toks[a-2], toks[a-1])) {
				break
			}
			a--
		}
		for a < i && nasab(toks[a].Text) {
			a++
		}
		if a == i && i >= 2 && !covered[i-1] && sameLine(text, toks[i-2], toks[i]) && unlistedGiven(toks[i-1].Text) && roleWord(toks[i-2].Text) {
			a = i - 1 // المواطن عائض الحربي: a given name no list holds, after a title
		}
		if a == i || !startsName(g, toks, a) {
			continue
		}
		pro := 0
		if w := norm(toks[a].Text); !GivenName(w) && strings.HasPrefix(w, "و") && GivenName(w[len("و"):]) {
			pro = 1 // و + a given name
		}
		sp, ok := tokenSpan(text, toks, a, i+1, rawRunes(toks[a].Text, pro), "PER")
		if !ok {
			continue
		}
		added = append(added, sp)
		for j := a; j <= i; j++ {
			covered[j] = true
		}
	}
	if len(added) == 0 {
		return spans
	}
	spans = append(spans, added...)
	slices.SortFunc(spans, func(a, b Span) int { return a.Start - b.Start })
	return spans
}

// maxFamilyCount bounds how often a family name may occur in the text the
// word classes were learned from (8.3 M words of Wikipedia): adjectives
// and nouns of the same shape are frequent there (النادي 1,762, الوادي
// 353, الجامعي 268), family names are not (الحربي 170, المالكي 114,
// القحطاني 35).
const maxFamilyCount = 250

// familyToken reports whether the raw token w is a nisba family name; a
// final ى marks a plural or a verb (الأسرى), not a nisba.
func familyToken(g *gazetteer, w string) bool {
	if !strings.HasPrefix(w, "ال") || strings.HasSuffix(w, "ى") {
		return false // most words: no folding needed to tell
	}
	return nisbaFamily(g, norm(w))
}

// unknownFamily reports whether the raw token w may be a family name of
// another shape than the nisba (المردف، الدعيع): the article and three
// letters or more that neither the lexicon (inflections included) nor a
// list of places, bodies or titles holds.
func unknownFamily(g *gazetteer, w string) bool {
	n := norm(w)
	return strings.HasPrefix(n, "ال") && utf8.RuneCountInString(n) >= 5 && unlistedName(g, w, n)
}

// unlistedName reports whether the raw token w (folded: n) may be a name
// no list holds: an Arabic word that is no particle, stop word, title or
// role, no place, body, event or nationality of the lists, and no word of
// the lexicon, inflections and the article taken off.
func unlistedName(g *gazetteer, w, n string) bool {
	if !arabicWord(w) || leadWords[n] || spanStops[n] != 0 || isTitle(w) || roleWord(w) {
		return false
	}
	if g.word[n]&(gCountry|gCity|gKBLoc|gKBOrg|gKBDem|gOrgHead|gLocCue|gTitle|gOrgL|gMiscL) != 0 || demonymLike(g, n) {
		return false
	}
	s := arabic.Normalize(w, arabic.Search)
	return !arabic.IsStopword(s) && !inflectedWord(s) && !inflectedWord(strings.TrimPrefix(s, "ال"))
}

// plainGiven reports whether the raw token w is a given name of the lists
// that begins people's names in the training data (فيصل، علي) or is no
// word of the lexicon (نادية): before a family name no list holds, a given
// name that is mostly a common word (كامل، خلف، نجاح) proves nothing.
func (t *Tagger) plainGiven(g *gazetteer, w string) bool {
	if !givenWord(g, w, true) {
		return false
	}
	return t.firsts[norm(w)] >= minGivenFirsts || !arabic.IsKnownWord(arabic.Normalize(w, arabic.Search))
}

// minGivenFirsts is how often a given name must begin a person's name in
// the training data to count as one before an unlisted family name.
const minGivenFirsts = 3

// nisbaFamily reports whether the folded word w has the shape of a family
// name in the nisba form and is not known as anything else.
func nisbaFamily(g *gazetteer, w string) bool {
	if !strings.HasPrefix(w, "ال") || !strings.HasSuffix(w, "ي") || utf8.RuneCountInString(w) < 6 {
		return false
	}
	if defaultClasses().Count(w) >= maxFamilyCount {
		return false
	}
	return g.word[w]&(gCountry|gCity|gTitle|gOrgHead|gLocCue|gKBLoc|gKBDem|gKBOrg) == 0 && !demonymLike(g, w)
}

// notGiven are words of the given-name lists that news uses far more
// often as something else (أمام "in front of", رئيس "head of", وردة
// with a pronoun), in norm's alphabet.
var notGiven = map[string]bool{
	"امام": true, "رييس": true, "امين": true, "نايب": true, "وزير": true, "مدير": true,
	"عضو": true, "قايد": true, "ورده": true, "عيد": true, "خير": true, "نور": true, "وكيل": true, "احد": true,
	"بان": true,
}

// demonymLike reports whether w is the adjective of a known place:
// المصري from مصر, المكي from مكة (ال + place + ي).
func demonymLike(g *gazetteer, w string) bool {
	base := strings.TrimSuffix(strings.TrimPrefix(w, "ال"), "ي")
	for _, s := range [...]string{base, base + "ه", base + "ا", "ال" + base} {
		if g.word[s]&(gCountry|gCity|gKBLoc) != 0 {
			return true
		}
	}
	return false
}

// givenWord reports whether the raw token w is a given name, possibly
// behind و: a word of the given-name list that the Wikidata name words
// also hold (the list alone has months and nouns: تموز، مدن), or a name
// in عبد. A word with the article (الدين of نور الدين) does not begin a
// name, and the preposition على, folded like the name علي, is not one;
// first tells that w begins the line (و there is more often a
// conjunction of common words).
func givenWord(g *gazetteer, w string, first bool) bool {
	if strings.HasSuffix(w, "ى") && norm(w) == "علي" {
		return false
	}
	given := func(n string) bool {
		if notGiven[n] || strings.HasPrefix(n, "ال") {
			return false
		}
		c := g.word[n]
		return c&gFirst != 0 && (c&gName != 0 || strings.HasPrefix(n, "عبد") && utf8.RuneCountInString(n) > 4)
	}
	n := norm(w)
	if given(n) {
		return true
	}
	if rest, ok := strings.CutPrefix(n, "و"); ok && !first && utf8.RuneCountInString(rest) >= 3 {
		return given(rest)
	}
	return false
}

// maxForeign bounds the words a person's mention takes before it (one
// after it: a family name follows, a verb or an object as often).
const maxForeign = 2

// extendForeign lengthens person mentions over the untagged words beside
// them that no Arabic lexicon holds (دييجو | مارادونا، خوان | رودريجيز):
// transliterated names, whose parts the model often tags one at a time.
// spans are changed in place; covered is kept up to date.
func extendForeign(text string, toks []arabic.Token, spans []Span, covered []bool) {
	for k := range spans {
		sp := &spans[k]
		if sp.Type != "PER" {
			continue
		}
		a, b := sp.TokStart, sp.TokEnd
		for a > 0 && sp.TokStart-a < maxForeign && !covered[a-1] && sameLine(text, toks[a-1], toks[a]) && foreignWord(toks[a-1].Text) {
			a--
		}
		if a == sp.TokStart && b-a == 1 && a > 0 && !covered[a-1] && sameLine(text, toks[a-1], toks[a]) && listedFirst(toks[a-1].Text) {
			a-- // تشاك | شومر: a first name that begins listed people's names
		}
		for b < len(toks) && b-sp.TokEnd < 1 && !covered[b] && sameLine(text, toks[b-1], toks[b]) && foreignWord(toks[b].Text) {
			b++
		}
		if a == sp.TokStart && b == sp.TokEnd {
			continue
		}
		first, last := toks[a], toks[b-1]
		start := first.ByteStart
		startCP := first.Start
		if a == sp.TokStart {
			if start = byteOffsetOf(text, first, sp.Start); start < 0 {
				continue
			}
			startCP = sp.Start
		}
		end := last.ByteStart + len(last.Text)
		if end > len(text) || start >= end {
			continue
		}
		for j := a; j < b; j++ {
			covered[j] = true
		}
		sp.Text = text[start:end]
		sp.Name = sp.Text
		sp.Start, sp.End, sp.TokStart, sp.TokEnd = startCP, last.End, a, b
	}
}

// minListedFirst is how many listed people's names a word must begin to
// count as a first name before a lone family name.
const minListedFirst = 2

// listedFirst reports whether the raw token w begins the names of at
// least minListedFirst listed people and is no particle, title, role,
// stop word, place or body (تشاك of تشاك بيري and تشاك نوريس).
func listedFirst(w string) bool {
	g := defaultGazetteer()
	n := norm(w)
	if g.perFirst[n] < minListedFirst || !arabicWord(w) || strings.HasPrefix(n, "ال") || nasab(w) || isTitle(w) || roleWord(w) ||
		leadWords[n] || spanStops[n] != 0 || arabic.IsStopword(arabic.Normalize(w, arabic.Search)) {
		return false
	}
	return g.word[n]&(gCountry|gCity|gKBLoc|gKBOrg|gKBDem|gOrgHead|gLocCue|gTitle) == 0
}

// foreignWord reports whether the raw token w reads as a transliterated
// name: Arabic letters only, three or more, no article or proclitic
// و, and a word neither the Arabic lexicon nor the lists of stop words,
// titles and heads know.
func foreignWord(w string) bool {
	n := norm(w)
	if !nameShaped(w, n) {
		return false
	}
	// ل + a verb (لتوقفت) and feminine plurals (لانتقادات) the lexicon
	// did not split: names seldom begin or end so.
	if strings.HasPrefix(n, "لت") || strings.HasSuffix(n, "ات") {
		return false
	}
	if defaultGazetteer().word[n]&(gCountry|gCity|gKBLoc|gKBOrg|gKBDem) != 0 {
		return false
	}
	seg := arabic.SplitClitics(w)
	if seg.Proclitics != "" || seg.Enclitic != "" {
		return false // a clitic came off a lexicon word (لتوقف، جهته)
	}
	base := arabic.Normalize(seg.Base, arabic.Search)
	if arabic.IsKnownWord(base) {
		return false
	}
	if stem := arabic.Stem(base, arabic.LightStem); stem != base && arabic.IsKnownWord(stem) {
		return false // an inflected lexicon word
	}
	if adj, ok := strings.CutSuffix(base, "يه"); ok && (arabic.IsKnownWord(adj+"ي") || arabic.IsKnownWord(adj)) {
		return false // a feminine nisba adjective (تاريخية)
	}
	return !inflectedKnown(base)
}

// verbSuffixes and wordPrefixes are the endings of inflected verbs and
// nouns, and the proclitics, that inflectedKnown tries (Search-normalized).
var (
	verbSuffixes = [...]string{"تما", "تم", "وا", "نا", "ان", "ون", "ين", "ت", "ا"}
	wordPrefixes = [...]string{"", "س", "ب", "ل", "ف", "ك"}
)

// inflectedKnown reports whether the Search-normalized word w is a
// lexicon word with an ending (and a proclitic) the clitic splitter does
// not take off: past-tense and plural verbs (طلبت، سبقوا، سيلتقيان) and
// duals (بهدفين).
func inflectedKnown(w string) bool {
	for _, p := range wordPrefixes {
		rest, ok := strings.CutPrefix(w, p)
		if !ok {
			continue
		}
		for _, x := range verbSuffixes {
			stem, ok := strings.CutSuffix(rest, x)
			if ok && utf8.RuneCountInString(stem) >= 3 && arabic.IsKnownWord(stem) {
				return true
			}
		}
	}
	return false
}

// isHead reports whether w is a key of heads, whatever its value.
func isHead(heads map[string]bool, w string) bool {
	_, ok := heads[w]
	return ok
}

// roleWords are nouns that stand before a person's name in the press
// (المواطن فلان، الطالبة فلانة) besides the gazetteer's titles: the role
// nouns of package titles, in norm's alphabet.
var roleWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range titles.Words(titles.Role) {
		m[norm(w)] = true
	}
	return m
}()

// roleWord reports whether the raw token w is a title or a role noun.
func roleWord(w string) bool {
	return isTitle(w) || roleWords[norm(w)]
}

// unlistedGiven reports whether the raw token w may be a given name no
// list holds: an Arabic word of three letters or more, without the
// article or و, that is not a particle, a stop word, a title or the head
// of a body, a place or an event.
func unlistedGiven(w string) bool {
	n := norm(w)
	return nameShaped(w, n) && !notGiven[n]
}

// nameShaped reports whether the raw token w (folded: n) has the shape of
// a name word: Arabic letters only, three or more, without the article or
// و, and not a particle, a stop word, a title, a role noun or the head of
// a body, a department, a place or an event.
func nameShaped(w, n string) bool {
	if !arabicWord(w) || utf8.RuneCountInString(n) < 3 || strings.HasPrefix(n, "ال") || strings.HasPrefix(n, "و") ||
		leadWords[n] || spanStops[n] != 0 || roleWord(w) || placeNouns[n] || orgPhraseHeads[n] ||
		isHead(miscPhraseHeads, n) || isHead(locPhraseHeads, n) {
		return false
	}
	return defaultGazetteer().word[n]&(gOrgHead|gLocCue) == 0
}

// placeNouns are nouns of departments and buildings that follow a title
// (مدير قسم الطوارئ، رئيس إدارة …) and are no given names.
var placeNouns = map[string]bool{
	"اداره": true, "قسم": true, "فرع": true, "بيت": true, "دار": true, "شعبه": true, "وحده": true, "مبني": true,
}

// openName reports whether a person's mention may go on with a family
// name: a given name alone, or a chain ending in بن + a name.
func openName(g *gazetteer, ts []arabic.Token) bool {
	switch n := len(ts); {
	case n == 1:
		return givenWord(g, ts[0].Text, false)
	case n >= 3:
		return nasab(ts[n-2].Text)
	}
	return false
}

// chainFamily reports whether w, token e after a person's nasab chain
// (إحسان بن صالح), is the family name that ends it (طيب): a given or
// family name of the Arabic lists that is no title, particle, verb, head
// or place, and not the head of a title's complement (سلطان عمان، وكيل
// إمارة الرياض: the next word is definite or part of a mention).
func chainFamily(g *gazetteer, toks []arabic.Token, covered []bool, name []arabic.Token, e int) bool {
	if len(name) < 3 || !nasab(name[len(name)-2].Text) {
		return false
	}
	w := toks[e].Text
	n := norm(w)
	if !arabicWord(w) || g.word[n]&(gFirst|gLast) == 0 || notGiven[n] || nasab(w) || leadWords[n] || spanStops[n] != 0 ||
		isTitle(w) || roleWord(w) || arabic.IsStopword(arabic.Normalize(w, arabic.Search)) {
		return false
	}
	if g.word[n]&(gCountry|gCity|gKBLoc|gKBOrg|gKBDem|gOrgHead|gLocCue|gTitle) != 0 || imperfectVerb(n, w) {
		return false
	}
	if e+1 < len(toks) && (covered[e+1] || strings.HasPrefix(norm(toks[e+1].Text), "ال")) {
		return false
	}
	return true
}

// particleEnds lengthens a person's mention that ends on a particle
// (متولي أبو | سريع، أحمد بن | علي الدوسري): a name does not end on أبو,
// بن or آل. The next word is taken, or the person's mention that starts
// there (which is dropped). spans are in text order and stay so;
// covered is kept up to date.
func particleEnds(text string, toks []arabic.Token, spans []Span, covered []bool) []Span {
	out := spans[:0]
	for k := 0; k < len(spans); k++ {
		sp := spans[k]
		for grown := true; grown; {
			grown = false
			e := sp.TokEnd
			if sp.Type != "PER" || e >= len(toks) || e-sp.TokStart < 2 || !endParticles[norm(toks[e-1].Text)] ||
				!sameLine(text, toks[e-1], toks[e]) || !arabicWord(toks[e].Text) ||
				toks[e].Text != "علي" && (arabic.IsStopword(arabic.Normalize(toks[e].Text, arabic.Search)) || spanStops[norm(toks[e].Text)] != 0) {
				break // (علي written with ي is the name, not the preposition على)
			}
			switch {
			case k+1 < len(spans) && spans[k+1].TokStart == e:
				if spans[k+1].Type == "PER" && setEnd(text, toks, &sp, spans[k+1].TokEnd) {
					k++ // taken in
					grown = true
				}
			case !covered[e]:
				if setEnd(text, toks, &sp, e+1) {
					covered[e] = true
					grown = true
				}
			}
		}
		out = append(out, sp)
	}
	return out
}

// endParticles are the words a name never ends on, in norm's alphabet.
// (ال is آل folded; ابن and أبي are left out: ابن التاسعة is an age,
// شينزو آبي a name).
var endParticles = map[string]bool{"ابو": true, "بن": true, "بنت": true, "ال": true}

// givenPair reports whether ts, a person's mention, is two given names
// without the article and nothing else (محمد عبدالعزيز): a name that
// has its family name still to come.
func givenPair(g *gazetteer, ts []arabic.Token) bool {
	return len(ts) == 2 && givenWord(g, ts[0].Text, true) && givenWord(g, ts[1].Text, false) && norm(ts[1].Text) != "عبد"
}

// nameFamily reports whether token e, right after a person's given
// names, is a family name formed of the article and a given name
// (الربيعة، الراشد، العثمان) that ends the name: a comma, a colon or the
// line's end follows. Titles (السلطان، الأمير) are excluded, and so are
// words frequent in the word classes' text (الشهيرة after محمود درويش is
// an adjective; family names are rare there).
func nameFamily(g *gazetteer, text string, toks []arabic.Token, e int) bool {
	w := toks[e].Text
	n := norm(w)
	rest, ok := strings.CutPrefix(n, "ال")
	if !ok || utf8.RuneCountInString(rest) < 3 || !arabicWord(w) || isTitle(w) || roleWord(w) || g.word[rest]&(gFirst|gName) == 0 ||
		g.word[n]&(gCountry|gCity|gKBLoc|gKBOrg|gKBDem|gOrgHead|gLocCue|gTitle) != 0 || defaultClasses().Count(n) >= maxFamilyCount {
		return false
	}
	if e+1 >= len(toks) || !sameLine(text, toks[e], toks[e+1]) {
		return true
	}
	switch toks[e+1].Text {
	case "،", ",", ":", "؛":
		return true
	}
	return false
}

// nasab reports whether w is بن or بنت (son, daughter of).
func nasab(w string) bool {
	switch norm(w) {
	case "بن", "بنت", "ابن":
		return true
	}
	return false
}

// startsName reports whether the person's name may begin at token a:
// neither of the two words before it is an organization head or a place
// cue (مستشفى الملك خالد الجامعي names a building, not خالد الجامعي).
func startsName(g *gazetteer, toks []arabic.Token, a int) bool {
	for j := a - 1; j >= 0 && j >= a-2; j-- {
		n := norm(toks[j].Text)
		_, base := stripClitics(n)
		if (g.word[n]|g.word[base])&(gOrgHead|gLocCue) != 0 {
			return false
		}
	}
	return true
}

// setEnd moves the end of sp to the end of token end-1, lengthening or
// shortening it, and keeps its start; a name whose article was restored
// (للأمم → الأمم) keeps it. It reports false, changing nothing, when the
// tokens do not lie in text.
func setEnd(text string, toks []arabic.Token, sp *Span, end int) bool {
	start := byteOffsetOf(text, toks[sp.TokStart], sp.Start)
	last := toks[end-1]
	to := last.ByteStart + len(last.Text)
	if start < 0 || to > len(text) {
		return false
	}
	article := strings.HasPrefix(sp.Name, "ال") && !strings.HasPrefix(sp.Text, "ال")
	sp.Text = text[start:to]
	sp.Name = sp.Text
	if article {
		sp.Name = "ال" + sp.Text
	}
	sp.End, sp.TokEnd = last.End, end
	return true
}

// byteOffsetOf returns the byte offset in text of code point start, which
// lies in token tok; -1 when it does not.
func byteOffsetOf(text string, tok arabic.Token, start int) int {
	if start < tok.Start || start > tok.End {
		return -1
	}
	b := tok.ByteStart
	for n := tok.Start; n < start; n++ {
		_, size := utf8.DecodeRuneInString(text[b:])
		if size == 0 {
			return -1
		}
		b += size
	}
	return b
}

// sameLine reports whether no line break lies between tokens a and b.
func sameLine(text string, a, b arabic.Token) bool {
	from, to := a.ByteStart+len(a.Text), b.ByteStart
	if from > to || to > len(text) {
		return false
	}
	return !strings.ContainsAny(text[from:to], "\n\u2029")
}

// NameWord reports whether word (as written, one token) reads as part of
// a person's name when a sentence already says a person stands there (the
// subject of a speech verb, after an office): a given name of the lists,
// a family name of the nisba shape, or a transliterated word no Arabic
// lexicon holds.
func NameWord(word string) bool {
	g := defaultGazetteer()
	if givenWord(g, word, true) || familyToken(g, word) {
		return true
	}
	return foreignWord(word)
}
