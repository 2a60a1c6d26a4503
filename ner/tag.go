package ner

import (
	"strings"
	"unicode/utf8"

	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/titles"
)

// maxSentenceTokens bounds the tokens tagged as one sentence; longer runs
// without sentence punctuation are cut (Viterbi is linear, but features
// and scratch space are per sentence).
const maxSentenceTokens = 512

// Tag finds the entities of text, given toks, khabar's tokens of text
// (arabic.Tokenize). It splits the tokens into sentences at sentence
// punctuation and line breaks, tags them as one document and returns the
// mentions in text order with code-point offsets and token indexes. A
// name found once is found again where the document repeats it, and a
// person's family name stands for the person (see propagate).
func (t *Tagger) Tag(text string, toks []arabic.Token) []Span {
	if len(toks) == 0 {
		return nil
	}
	d := t.decoder()
	defer t.putDecoder(d)
	// Code-point positions of line breaks, to split sentences.
	breaks := d.breaks[:0]
	pos := 0
	for _, r := range text {
		if r == '\n' || r == '\u2029' {
			breaks = append(breaks, pos)
		}
		pos++
	}
	d.breaks = breaks
	// The sentences are consecutive runs of words, all in one slice.
	words := d.words[:0]
	sents, firstTok := d.sents[:0], d.firstTok[:0]
	start, bi, prevEnd := 0, 0, 0
	flush := func(next int) {
		if len(words) > start {
			sents, firstTok = append(sents, words[start:len(words):len(words)]), append(firstTok, start)
		}
		start = next
	}
	for i, tok := range toks {
		newline := false
		for bi < len(breaks) && breaks[bi] < tok.Start {
			newline = newline || breaks[bi] >= prevEnd
			bi++
		}
		if newline {
			flush(i)
		}
		words = append(words, tok.Text)
		prevEnd = tok.End
		if isSentenceEnd(tok.Text) || len(words)-start >= maxSentenceTokens {
			flush(i + 1)
		}
	}
	flush(len(toks))
	labels := t.tagIDs(d, sents)
	// The words and sentences refer to text: do not keep them alive.
	clear(words)
	clear(sents)
	d.words, d.sents, d.firstTok = words[:0], sents[:0], firstTok
	var spans []Span
	var cur runeCursor
	var parts []chunkPart
	ls := d.labelStrs
	for si, ids := range labels {
		ls = ls[:0]
		for _, id := range ids {
			ls = append(ls, t.labels[id])
		}
		for _, c := range Chunks(ls) {
			a, b := firstTok[si]+c.Start, firstTok[si]+c.End
			a, b = trimSpan(toks, a, b)
			if c.Type == "PER" {
				a = skipLeadTitles(toks, a, b)
			}
			if b = cutAtStop(toks, a, b, c.Type); b <= a {
				continue
			}
			parts = splitChunk(parts[:0], toks, firstTok[si], a, b, c.Type)
			for _, pt := range parts {
				spans = t.chunkSpan(spans, &cur, text, toks, firstTok[si], pt)
			}
		}
	}
	d.labelStrs = ls
	spans = joinWawNames(text, toks, spans)
	covered := coverage(d.covered, len(toks), spans)
	spans = t.namePatterns(text, toks, spans, covered)
	spans = t.orgPhrases(text, toks, spans, covered, &d.fold)
	spans = t.miscPhrases(text, toks, spans, covered, &d.fold)
	spans = t.locPhrases(text, toks, spans, covered, &d.fold)
	fw, sw := foldWords(d, toks)
	spans = t.quotedTitles(text, toks, fw, spans, covered)
	spans = t.quotedBodies(text, toks, fw, spans, covered)
	spans = t.companyNames(text, toks, fw, spans, covered)
	spans = t.sportsClubs(text, toks, fw, spans, covered)
	spans = t.leagues(text, toks, fw, spans, covered)
	spans = t.servicePhrases(text, toks, fw, spans, covered)
	spans = t.listedEvents(text, toks, fw, sw, spans, covered)
	spans = t.listedOrgs(text, toks, fw, sw, spans, covered)
	spans = t.kbPlaces(text, toks, fw, sw, spans, covered)
	spans = t.forces(text, toks, fw, spans, covered)
	spans = t.ministries(text, toks, fw, spans, covered)
	spans = t.orgNationalities(text, toks, fw, sw, spans, covered)
	spans = t.localPlaces(text, toks, fw, spans, covered)
	spans = t.speakerFamilies(text, toks, fw, spans, covered)
	spans = dropNonNames(text, toks, fw, spans, covered)
	spans = splitPersons(text, toks, spans) // the coverage of tokens is the same
	consistentTypes(toks, fw, spans)
	spans = t.propagate(text, toks, spans, covered, &d.fold)
	d.covered = covered
	clear(fw)
	clear(sw)
	return spans
}

// foldWords returns each token folded by norm, and that less a leading
// proclitic cluster (gazStrip), in d's buffers.
func foldWords(d *decoder, toks []arabic.Token) (fw, sw []string) {
	fw, sw = d.folded[:0], d.stripped[:0]
	for _, tk := range toks {
		w := norm(tk.Text)
		fw, sw = append(fw, w), append(sw, gazStrip(w))
	}
	d.folded, d.stripped = fw, sw
	return fw, sw
}

// runeCursor converts code-point offsets of a text to byte offsets,
// walking forward from the last offset asked for (spans come in text
// order), so that no table of all offsets is built.
type runeCursor struct {
	r, b int // code point r starts at byte b
}

// byteAt returns the byte offset of code point r of text (len(text) when
// r is the code-point length), and false when text is shorter. Code
// points are counted as a range loop counts them: an invalid byte is one.
func (c *runeCursor) byteAt(text string, r int) (int, bool) {
	if r < c.r {
		*c = runeCursor{}
	}
	for c.r < r {
		if c.b >= len(text) {
			return 0, false
		}
		if text[c.b] < utf8.RuneSelf {
			c.b++
		} else {
			_, w := utf8.DecodeRuneInString(text[c.b:])
			c.b += w
		}
		c.r++
	}
	return c.b, true
}

func isSentenceEnd(s string) bool {
	switch s {
	case ".", "!", "?", "؟", "…", "...", "۔":
		return true
	}
	return false
}

// spanStops are words a name never continues into: prepositions and
// relative pronouns, the formulas that follow a ruler's or a dead
// person's name (حفظه الله، رحمه الله), and the verbs of speech and
// movement that follow a subject (اليحيى زار، قال فلان). Entries are
// written as norm writes them.
var spanStops = func() map[string]uint8 {
	m := map[string]uint8{}
	for _, w := range []string{
		"في", "من", "علي", "الي", "عن", "مع", "لدي", "حتي", "منذ", "خلال", "ضد", "نحو", "عند", "بين", "الذي", "التي", "الذين", "اللذين", "اللتين",
	} {
		m[norm(w)] = stopPerson
	}
	for _, w := range []string{
		"حفظه", "حفظها", "يحفظه", "رحمه", "رحمها", "يرحمه", "ايده", "ادام", "اطال", "رضي", "عليه", "عليها", "السلام", "صلي",
		"قال", "قالت", "يقول", "تقول", "اكد", "اكدت", "يؤكد", "يوكد", "تؤكد", "اعلن", "اعلنت", "اضاف", "اضافت", "اوضح", "اوضحت", "ذكر", "ذكرت",
		"زار", "زارت", "يزور", "التقي", "يلتقي", "استقبل", "استقبلت", "يستقبل", "وصل", "وصلت", "يصل", "غادر", "غادرت", "بحث", "بحثت", "يبحث",
		"يناقش", "يناقشان", "تناقش", "ناقش", "ناقشت", "اجتمع", "اجتمعت", "يجتمع", "دعا", "دعت", "يدعو", "تدعو", "شدد", "شددت", "اشار", "اشارت",
		"اعرب", "اعربت", "قام", "قامت", "يقوم", "تقوم", "كان", "كانت", "يكون", "تكون", "هو", "هي", "هم",
		"معلقا", "معلقه", "مشيرا", "مشيره", "موكدا", "مؤكدا", "موكده", "مؤكده", "مضيفا", "مضيفه", "موضحا", "موضحه",
		"قائلا", "قائله", "قايلا", "قايله", "لافتا", "لافته", "منوها", "منوهه", "مبينا", "مبينه",
		// Punctuation inside a name's run: the model read two names as one
		// (نايف - روحاني) or a title across a comma.
		"-", "–", "—", "،", ",", ":", "؛", ";", "(", ")",
	} {
		m[norm(w)] = stopAny
	}
	// Pronouns of address (حمد، معاليه): the name has ended.
	for w := range titles.Pronouns() {
		m[norm(w)] = stopAny
	}
	return m
}()

// leadWords are words that never begin a name: interrogatives and
// particles the model sometimes takes with the name that follows (أين
// حمزة صالح، ثم الرياض). Written as norm writes them.
var leadWords = map[string]bool{
	"اين": true, "كيف": true, "متي": true, "هل": true, "لماذا": true, "ماذا": true, "اما": true, "ثم": true,
	"حيث": true, "كما": true, "لكن": true, "بل": true, "لان": true, "قد": true, "لقد": true, "ان": true,
}

// skipLeadTitles returns the first token of the person's chunk toks[a:b]
// past the definite titles, ranks and role nouns of package titles that
// open it (والسيناتور شومر، الزميل حمود العمار): the guide, like ANERcorp,
// leaves them out of the name. One token always remains.
func skipLeadTitles(toks []arabic.Token, a, b int) int {
	for a+1 < b {
		w := norm(toks[a].Text)
		if r, ok := strings.CutPrefix(w, "و"); ok {
			w = r
		} else if r, ok := strings.CutPrefix(w, "ف"); ok {
			w = r
		}
		if !strings.HasPrefix(w, "ال") || !definiteTitles[w] {
			return a
		}
		a++
	}
	return a
}

// definiteTitles are the one-word titles, honorifics and role nouns of
// package titles that begin with the article, folded by norm.
var definiteTitles = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range []titles.Category{titles.Title, titles.Honorific, titles.Role} {
		for _, w := range titles.Words(c) {
			if n := norm(w); strings.HasPrefix(n, "ال") && !strings.Contains(n, " ") {
				m[n] = true
			}
		}
	}
	return m
}()

// isQuoteMark reports whether tok is a quotation mark.
func isQuoteMark(tok string) bool {
	switch tok {
	case "«", "»", "\"", "“", "”", "'":
		return true
	}
	return false
}

// trimSpan narrows the model's chunk toks[a:b]: leading particles go,
// and a name in quotation marks after a head noun (وكالة «إرنا») is the
// quoted name; a quotation mark ends the span otherwise.
func trimSpan(toks []arabic.Token, a, b int) (int, int) {
	for a+1 < b && leadWords[norm(toks[a].Text)] {
		a++
	}
	for k := a; k < b; k++ {
		tok := toks[k].Text
		if !isQuoteMark(tok) {
			continue
		}
		opening := tok == "«" || tok == "“"
		if k+1 < b && (k == a || opening && k == a+1) {
			a = k + 1 // «إرنا, or وكالة «إرنا
			continue
		}
		return a, k
	}
	return a, b
}

// Kinds of spanStops: prepositions and relative pronouns end a person's
// name only (هيئة الأمر بالمعروف والنهي عن المنكر is one name).
const (
	stopPerson uint8 = 1
	stopAny    uint8 = 2
)

// cutAtStop returns the end of the mention toks[a:b] of type typ, cut
// before its first token (after the first) that the name never continues
// into.
func cutAtStop(toks []arabic.Token, a, b int, typ string) int {
	for k := a + 1; k < b; k++ {
		w := norm(toks[k].Text)
		if typ == "PER" && toks[k].Text == "علي" && k+1 < b && NameWord(toks[k+1].Text) {
			continue // محمد علي جعفري: the given name علي, written with ي, not على
		}
		if s := spanStops[w]; s == stopAny || s == stopPerson && typ == "PER" || imperfectVerb(w, toks[k].Text) ||
			typ == "PER" && clitWord(w, toks[k].Text) {
			return k
		}
	}
	return b
}

// clitWord reports whether the folded word w (raw token raw) inside a
// person's span is a preposition or a conjunction with a common word
// (بـ، دون، والمحمدين، بالزلفي، لمستشفى): the name has ended.
func clitWord(w, raw string) bool {
	switch w {
	case "بـ", "لـ", "ب", "ل", "دون", "بدون":
		return true
	}
	g := defaultGazetteer()
	const names = gFirst | gLast | gName | gKBPer | gPerL
	if g.word[w]&names != 0 {
		return false
	}
	s := arabic.Normalize(raw, arabic.Search)
	for _, p := range [...]string{"وال", "بال", "ب", "ل"} {
		if rest, ok := strings.CutPrefix(s, p); ok && utf8.RuneCountInString(rest) >= 3 {
			if p == "وال" || p == "بال" {
				return inflectedWord(rest)
			}
			// ب or ل + the head of a body or a place (لمستشفى، بوزارة);
			// any other word after ب or ل may be a foreign name (بينسون،
			// ليفني).
			r := norm(rest)
			return orgPhraseHeads[r] || locPhraseHeads[r] || g.word[r]&(gOrgHead|gLocCue) != 0 ||
				p == "ب" && g.word[r]&(gCity|gCountry|gKBLoc) != 0 // ببريدة: in a place
		}
	}
	return false
}

// nameClasses are the gazetteer classes that make a word a name.
const nameClasses = gCountry | gCity | gFirst | gLast | gName | gKBAll | gOrgL | gPerL

// imperfectVerb reports whether the folded word w (raw token raw) reads
// as a verb in the imperfect (يلعب، يناقشان، يؤكد): it begins with ي,
// is a word of the Arabic lexicon, and no list knows it as a name (يوسف،
// يحيى and ينبع are names).
func imperfectVerb(w, raw string) bool {
	if rest, ok := strings.CutPrefix(w, "ل"); ok && strings.HasPrefix(rest, "ي") && utf8.RuneCountInString(rest) >= 5 &&
		defaultGazetteer().word[w]&nameClasses == 0 {
		// ليؤكدوا: the ل of purpose before a verb.
		r, ok := strings.CutPrefix(raw, "ل")
		if !ok {
			return false
		}
		w, raw = rest, r
	}
	if !strings.HasPrefix(w, "ي") || utf8.RuneCountInString(w) < 4 {
		return false
	}
	if defaultGazetteer().word[w]&nameClasses != 0 {
		return false
	}
	n := arabic.Normalize(raw, arabic.Search)
	if arabic.IsKnownWord(n) {
		return true
	}
	// The dual and the plural (يدعمان، يلعبون، يؤكدوا) are verbs when
	// their stem is: the lexicon lists the singular.
	for _, suf := range [...]string{"ان", "ون", "وا"} {
		if stem, ok := strings.CutSuffix(n, suf); ok && utf8.RuneCountInString(stem) >= 3 && arabic.IsKnownWord(stem) {
			return true
		}
	}
	return false
}

// onlyTitles reports whether every token is a title or honorific (سعادة
// السيد): such a span names no one.
func onlyTitles(toks []arabic.Token) bool {
	for _, t := range toks {
		if !isTitle(t.Text) && !definiteTitles[strings.TrimPrefix(norm(t.Text), "و")] {
			return false
		}
	}
	return true
}

// isTitle reports whether the raw token tok is a title or honorific of
// the gazetteer, as written or behind its proclitics (والدكتور).
func isTitle(tok string) bool {
	g := defaultGazetteer()
	w := norm(tok)
	if g.word[w]&gTitle != 0 {
		return true
	}
	pro, base := stripClitics(w)
	return g.word[base]&gTitle != 0 || strings.HasSuffix(pro, "ال") && g.word["ال"+base]&gTitle != 0
}

// leadingNisba reports whether tok, the first word of a person's span
// of two words or more, is a nisba adjective that describes the person
// (الأوروجوياني خوان، الأمريكي جون): it begins with ال, ends with ي, and
// no list knows it as a name (الوليد، الحسن begin names).
func leadingNisba(tok string) bool {
	w := norm(tok)
	if !strings.HasPrefix(w, "ال") || !strings.HasSuffix(w, "ي") || utf8.RuneCountInString(w) < 5 {
		return false
	}
	return defaultGazetteer().word[w]&(gFirst|gLast|gName|gPerL) == 0
}

// titleBefore reports whether one of the three tokens before toks[a]
// (not before the sentence's first token, from) is a title or honorific
// (وزير، المدرب، الرئيس …). A person's name that follows its title seldom
// has a proclitic: in "قال المدرب فلوريان" and "وزير الداخلية كريم سنجاري"
// the leading ف and ك are the names' own letters (but "اتصل الرئيس
// ببوتين" has one).
func titleBefore(toks []arabic.Token, from, a int) bool {
	for j := a - 1; j >= max(from, a-3); j-- {
		if isTitle(toks[j].Text) {
			return true
		}
	}
	return false
}

// proclitic clusters tried on the first token of a mention, longest first.
var spanProclitics = []string{"وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك"}

// procliticRunes decides how many leading code points of tok (the first
// token of a mention) are a proclitic cluster to leave out of the span,
// and whether the article's alef was elided (لل). See the package
// documentation for the rule.
//
// After a title (afterTitle), a proclitic is left out only when the rest
// is a known name or word and the whole token is not, or when the whole
// is known to the model only and the rest is و + a given or family name
// of the lists (وأحمد after لاعب نادي الشباب): an unknown name keeps its
// first letter.
func (t *Tagger) procliticRunes(tok string, afterTitle bool) (int, bool) {
	w := norm(tok)
	known := func(s string) int32 {
		n := t.firsts[s]
		if c, ok := defaultGazetteer().word[s]; ok && c&(gCountry|gCity|gFirst|gLast|gName|gOrgHead|gLocCue|gKBLoc|gKBOrg|gKBPer) != 0 {
			n += 3
		}
		return n
	}
	whole := known(w)
	if afterTitle && whole > 0 {
		// كريم after a title is no ك + ريم, nor وليام و + ليام; وأحمد
		// (known to the model as a first word) is و + أحمد.
		g := defaultGazetteer()
		if g.word[w]&(gCountry|gCity|gFirst|gLast|gName) == 0 {
			if rest, ok := strings.CutPrefix(w, "و"); ok && g.word[rest]&(gFirst|gLast) != 0 {
				return rawRunes(tok, 1), false
			}
		}
		return 0, false
	}
	for _, p := range [...]string{"ول", "فل", "ل"} {
		// ل + ال with the alef elided: للأمم, وللسعودية (but لليبيا is ل + ليبيا).
		if rest, ok := strings.CutPrefix(w, p); ok && strings.HasPrefix(rest, "ل") && utf8.RuneCountInString(rest) >= 3 && known(rest) == 0 {
			return rawRunes(tok, utf8.RuneCountInString(p)+1), true
		}
	}
	// The best-known reading wins; on a tie the shorter proclitic. A
	// given or family name after و or ف keeps its first letter (وكامل is
	// و + كامل, not و + ك + أمل).
	bestP, bestR := "", whole
	g := defaultGazetteer()
	for _, p := range spanProclitics {
		rest, ok := strings.CutPrefix(w, p)
		if !ok || utf8.RuneCountInString(rest) < 2 {
			continue
		}
		if len(p) > len("و") && g.word[w[len("و"):]]&(gFirst|gLast) != 0 { // و and ف are two bytes each
			continue
		}
		if r := known(rest); r > bestR || (r == bestR && bestP != "" && len(p) < len(bestP)) {
			bestP, bestR = p, r
		}
	}
	if bestP != "" {
		return rawRunes(tok, utf8.RuneCountInString(bestP)), false
	}
	if whole > 0 || afterTitle {
		return 0, false
	}
	for _, p := range spanProclitics {
		rest, ok := strings.CutPrefix(w, p)
		n := utf8.RuneCountInString(rest)
		switch {
		case !ok || n < 3:
		case strings.HasPrefix(rest, "ال") && n >= 4:
			return rawRunes(tok, utf8.RuneCountInString(p)), false
		case p == "و":
			// وساطة (mediation) is a word of its own, not و + ساطة.
			if s := arabic.Normalize(tok, arabic.Search); arabic.IsKnownWord(s) && !arabic.IsKnownWord(strings.TrimPrefix(s, "و")) {
				return 0, false
			}
			return rawRunes(tok, 1), false
		}
	}
	return 0, false
}

// rawRunes returns how many code points of tok hold its first n letters,
// counting the diacritics and tatweel that follow them.
func rawRunes(tok string, n int) int {
	count, letters := 0, 0
	for _, r := range tok {
		if foldRune(r) < 0 {
			count++
			continue
		}
		if letters == n {
			break
		}
		letters++
		count++
	}
	return count
}
