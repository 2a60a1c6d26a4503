package ner

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/khabar/khabar/arabic"
)

// chunkPart is one mention of a model chunk after splitChunk: tokens
// [a, b) of type typ.
type chunkPart struct {
	a, b int
	typ  string
}

// splitChunk looks at a model chunk, tokens [a, b) of type typ after
// trimming, for two mentions the model ran together or for a word that is
// no mention, and returns the mentions it holds (appended to out):
//
//   - an organization or place followed by a person's name (بنادي الاتحاد
//     أحمد جميل): a given name right after a definite word that is no
//     title (الملك فهد, الأمير سلطان stay inside the name) begins a
//     person of two words or more;
//   - two people joined by و (الشهراني وعطيف): an inner word و + a name
//     that is no name as a whole (وليد is one) begins the second person;
//   - العهد of ولي العهد (crown prince) is no person, and a listed place
//     after محافظ (the governor of الدوادمي) is a place;
//   - an organization of two or three foreign words no list knows, after a
//     person's title (رئيس الجمعية إيزي سكومبي), is a person;
//   - an event of one word that the knowledge base knows as a place (الكعبة)
//     is the place;
//   - a place in quotation marks that is a newspaper's title of the
//     knowledge base (لـ«الرياض»، "الوطن") is the newspaper;
//   - a club's name and a nationality after it (النصر السعودي) is the
//     club's name (the guide: العين الإماراتي → العين);
//   - a place of one definite word ending in ية right after a definite
//     noun is the noun's adjective (الرياضة السعودية, الأكلات السعودية),
//     and a word ending in يًا is an adverb (إيرانيًا): no mention.
//
// from is the first token of the sentence.
func splitChunk(out []chunkPart, toks []arabic.Token, from, a, b int, typ string) []chunkPart {
	g := defaultGazetteer()
	switch typ {
	case "MISC":
		if b == a+1 && listedPlace(g, toks[a].Text) {
			typ = "LOC" // الكعبة: a place the knowledge base knows
		}
	case "LOC":
		if b == a+1 && (adjectiveAfterNoun(g, toks, from, a) || adverbial(toks[a].Text)) {
			return out
		}
		if quotedPaper(g, toks, from, a, b) {
			typ = "ORG" // في تصريح لـ«الرياض»: the newspaper
		}
	case "PER":
		if crownPrince(toks, from, a, b) {
			return out
		}
		if governed(g, toks, from, a, b) {
			return append(out, chunkPart{a, b, "LOC"})
		}
		for k := a + 1; k < b; k++ {
			if coordinatedName(g, toks[k].Text) && k > a {
				out = append(out, chunkPart{a, k, typ})
				a = k
			}
		}
	}
	if typ == "ORG" && foreignPerson(g, toks, from, a, b) {
		return append(out, chunkPart{a, b, "PER"})
	}
	if typ == "ORG" && b-a >= 2 && clubNationalityToks(g, toks, a, b) {
		b-- // النصر السعودي: the club is النصر
	}
	if typ != "PER" {
		for k := a + 1; k+1 < b; k++ {
			if personAfterName(g, toks, k, b) {
				return append(out, chunkPart{a, k, typ}, chunkPart{k, b, "PER"})
			}
		}
	}
	return append(out, chunkPart{a, b, typ})
}

// personAfterName reports whether tokens [k, b) of an organization or
// place chunk are a person's name of two words or more that begins after
// the chunk's own name: token k is a given name, token k-1 a definite
// word that is no title, and every word from k on is name-shaped.
func personAfterName(g *gazetteer, toks []arabic.Token, k, b int) bool {
	prev := norm(toks[k-1].Text)
	if !strings.HasPrefix(prev, "ال") || utf8.RuneCountInString(prev) < 4 || isTitle(toks[k-1].Text) || g.word[prev]&gTitle != 0 {
		return false
	}
	if !givenWord(g, toks[k].Text, true) || isTitle(toks[k].Text) {
		return false
	}
	for j := k + 1; j < b; j++ {
		w := toks[j].Text
		if n := norm(w); !arabicWord(w) || nasab(w) || g.word[n]&(gOrgHead|gLocCue|gTitle) != 0 {
			return false
		}
	}
	return true
}

// coordinatedName reports whether the raw token w is و + a name inside a
// person's chunk: the whole is no known name word, and the rest is one
// (a given, family or listed name word) of three letters or more.
func coordinatedName(g *gazetteer, w string) bool {
	n := norm(w)
	rest, ok := strings.CutPrefix(n, "و")
	if !ok || utf8.RuneCountInString(rest) < 3 || strings.HasPrefix(rest, "ال") {
		return false
	}
	const names = gFirst | gLast | gName | gKBPer | gPerL
	return g.word[n]&names == 0 && g.word[rest]&names != 0
}

// adjectiveAfterNoun reports whether token a, a definite word ending in
// ية, follows a definite noun of the same sentence and so describes it
// (الرياضة السعودية) rather than naming a place. The noun must be a word
// of the lexicon, no title, no place cue (المملكة العربية السعودية keeps
// its place) and not العربية.
func adjectiveAfterNoun(g *gazetteer, toks []arabic.Token, from, a int) bool {
	n := norm(toks[a].Text)
	if a-1 < from || !strings.HasPrefix(n, "ال") || !strings.HasSuffix(n, "يه") {
		return false
	}
	p := norm(toks[a-1].Text)
	if pro, base := stripClitics(p); strings.HasSuffix(pro, "ال") || strings.HasSuffix(pro, "لل") {
		p = "ال" + strings.TrimPrefix(base, "ال")
	}
	if !strings.HasPrefix(p, "ال") || p == "العربيه" || isTitle(toks[a-1].Text) || g.word[p]&(gLocCue|gCountry|gCity|gKBLoc) != 0 {
		return false
	}
	return knownBase(toks[a-1].Text)
}

// knownBase reports whether the raw token w, a definite word with or
// without proclitics (الرياضة، للنخب، والأكلات), has a stem the Arabic
// lexicon knows.
func knownBase(w string) bool {
	s := arabic.Normalize(w, arabic.Search)
	for _, pre := range [...]string{"وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال"} {
		if rest, ok := strings.CutPrefix(s, pre); ok && utf8.RuneCountInString(rest) >= 2 {
			return arabic.IsKnownWord(rest)
		}
	}
	return false
}

// adverbial reports whether the raw token w is a nisba adverb with
// tanween (إيرانيًا، دوليًا): ي + ا with the tanween written.
func adverbial(w string) bool {
	if !strings.ContainsRune(w, '\u064b') {
		return false
	}
	return strings.HasSuffix(strings.ReplaceAll(w, "\u064b", ""), "يا")
}

// chunkSpan appends the span of one part of a model chunk to spans: a
// person's leading titles and nisba adjectives are left out, and the
// first word's proclitics (see procliticRunes). from is the first token
// of the sentence; cur converts code points of text to bytes.
func (t *Tagger) chunkSpan(spans []Span, cur *runeCursor, text string, toks []arabic.Token, from int, pt chunkPart) []Span {
	a, b := pt.a, pt.b
	if pt.typ == "PER" {
		if onlyTitles(toks[a:b]) {
			return spans
		}
		// السفير المالكي: the title is not the name.
		for a+1 < b && (onlyTitles(toks[a:a+1]) || leadingNisba(toks[a].Text)) {
			a++
		}
	}
	first := toks[a]
	skip, article := t.procliticRunes(first.Text, pt.typ == "PER" && titleBefore(toks, from, a))
	sp := Span{Type: pt.typ, Start: first.Start + skip, End: toks[b-1].End, TokStart: a, TokEnd: b}
	if sp.Start >= first.End { // never strip a whole token
		sp.Start, article = first.Start, false
	}
	if sp.Start < 0 || sp.Start >= sp.End {
		return spans // tokens that do not belong to text
	}
	i, ok1 := cur.byteAt(text, sp.Start)
	j, ok2 := cur.byteAt(text, sp.End)
	if !ok1 || !ok2 {
		return spans
	}
	sp.Text = text[i:j]
	sp.Name = sp.Text
	if article {
		sp.Name = "ال" + sp.Text
	}
	return append(spans, sp)
}

// crownPrince reports whether tokens [a, b) are العهد right after ولي
// (وولي العهد، لولي العهد): the title of the crown prince, no name.
func crownPrince(toks []arabic.Token, from, a, b int) bool {
	if b != a+1 || a-1 < from || norm(toks[a].Text) != "العهد" {
		return false
	}
	return strings.HasSuffix(norm(toks[a-1].Text), "ولي")
}

// governed reports whether tokens [a, b) are one word the lists know as a
// place, right after محافظ (governor) in construct: محافظ الدوادمي is the
// governor of a place, not a person.
func governed(g *gazetteer, toks []arabic.Token, from, a, b int) bool {
	if b != a+1 || a-1 < from || g.word[norm(toks[a].Text)]&(gCity|gKBLoc|gCountry) == 0 {
		return false
	}
	_, base := stripClitics(norm(toks[a-1].Text))
	return base == "محافظ" || norm(toks[a-1].Text) == "محافظ"
}

// splitPersons splits the organization and place spans the document
// passes built (an organization head takes in the mentions after it) at
// a person's name after the body's name (أمانة المدينة المنورة محمد
// المردف), as splitChunk does for the model's chunks, and returns the
// spans in text order.
func splitPersons(text string, toks []arabic.Token, spans []Span) []Span {
	g := defaultGazetteer()
	var extra []Span
	for i := range spans {
		sp := &spans[i]
		if sp.Type != "ORG" && sp.Type != "LOC" || sp.TokEnd-sp.TokStart < 3 {
			continue
		}
		for k := sp.TokStart + 1; k+1 < sp.TokEnd; k++ {
			if !personAfterName(g, toks, k, sp.TokEnd) {
				continue
			}
			per, ok := tokenSpan(text, toks, k, sp.TokEnd, 0, "PER")
			if ok && setEnd(text, toks, sp, k) {
				extra = append(extra, per)
			}
			break
		}
	}
	if len(extra) == 0 {
		return spans
	}
	spans = append(spans, extra...)
	slices.SortFunc(spans, func(a, b Span) int { return a.Start - b.Start })
	return spans
}

// joinWawNames joins a person's span and the person span right after it
// on the same line when the second is a given name that begins with و
// (شهاب | وجيه, محمد | وليد): two people joined by و would be written
// with a second و (ووليد), so the two are one name. spans are in text
// order; the joined spans are returned in text order.
func joinWawNames(text string, toks []arabic.Token, spans []Span) []Span {
	g := defaultGazetteer()
	out := spans[:0]
	for _, sp := range spans {
		if n := len(out); n > 0 && sp.Type == "PER" && out[n-1].Type == "PER" && out[n-1].TokEnd == sp.TokStart &&
			sp.TokStart < len(toks) && sp.Start == toks[sp.TokStart].Start && sameLine(text, toks[sp.TokStart-1], toks[sp.TokStart]) {
			w := norm(toks[sp.TokStart].Text)
			if strings.HasPrefix(w, "و") && g.word[w]&gFirst != 0 && g.word[w]&gName != 0 {
				if setEnd(text, toks, &out[n-1], sp.TokEnd) {
					continue
				}
			}
		}
		out = append(out, sp)
	}
	return out
}

// foreignPerson reports whether tokens [a, b), an organization chunk, are
// a foreign person's name after a title and the body it heads (رئيس
// الجمعية إيزي سكومبي، رئيس البلدية فرانتس …): two or three Arabic-script
// words without article or proclitic that the lexicon and the lists do not
// know, right after a title and one definite word.
func foreignPerson(g *gazetteer, toks []arabic.Token, from, a, b int) bool {
	if b-a < 2 || b-a > 3 || a-2 < from || !isTitle(toks[a-2].Text) || !strings.HasPrefix(norm(toks[a-1].Text), "ال") {
		return false
	}
	for k := a; k < b; k++ {
		w := toks[k].Text
		n := norm(w)
		if pro, _ := stripClitics(n); !arabicWord(w) || pro != "" || strings.HasPrefix(n, "ال") || g.word[n]&(gCountry|gCity|gOrgHead|gLocCue|gKBOrg|gKBLoc|gOrgL|gTitle) != 0 ||
			arabic.IsKnownWord(arabic.Normalize(w, arabic.Search)) {
			return false
		}
	}
	return true
}

// listedPlace reports whether the raw token w (behind its proclitics) is a
// one-word place name of the knowledge base that no list holds as an
// event, a body or a person.
func listedPlace(g *gazetteer, w string) bool {
	n := norm(w)
	c := g.word[n]
	if c == 0 {
		n = gazStrip(n)
		c = g.word[n]
	}
	// Only a definite name (الكعبة): the lists' one-word places without
	// the article include words such as فيروس.
	return strings.HasPrefix(n, "ال") && c&gKBLoc != 0 && c&(gMiscL|gKBOrg|gKBPer|gOrgL|gPerL) == 0
}

// quotedPaper reports whether tokens [a, b), a place, stand in quotation
// marks and صحيفة + their name is a newspaper of the knowledge base: the
// press quotes a paper's title (لـ«الرياض»، "الشرق الأوسط"), not a city.
func quotedPaper(g *gazetteer, toks []arabic.Token, from, a, b int) bool {
	if a-1 < from || b >= len(toks) || !isQuoteMark(toks[a-1].Text) || !isQuoteMark(toks[b].Text) {
		return false
	}
	h := newHash(0).str(norm("صحيفة"))
	for k := a; k < b; k++ {
		h = h.byte(' ').str(norm(toks[k].Text))
	}
	r, ok := g.table.lookup(uint64(h))
	return ok && uint16(r)&gKBOrg != 0
}

// clubNationalityToks is clubNationality for tokens [a, b), the first
// behind its proclitics.
func clubNationalityToks(g *gazetteer, toks []arabic.Token, a, b int) bool {
	_, first := clubWord(norm(toks[a].Text))
	rest := make([]string, 0, b-a-1)
	for k := a + 1; k < b; k++ {
		rest = append(rest, norm(toks[k].Text))
	}
	return clubNationality(g, first, rest)
}
