package ner

import (
	"bytes"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/khabar/khabar/arabic"
)

// Institutions in the press are named by a head noun and its complement
// (لجنة الاحتراف، عمادة القبول والتسجيل، شركة الخليج للتدريب والتعليم),
// and a new body has a name no list holds. Where the model left such a
// phrase untagged, or cut it before a coordinated word, the phrase is an
// organization: a head of orgPhraseHeads, then definite words, ل or ب +
// definite words, and و + definite words after a first complement.

// maxOrgComplement bounds the words after the head.
const maxOrgComplement = 6

// orgPhraseHeads are the head nouns of organization names, indefinite (in
// construct state), in norm's alphabet. Heads that name places or people
// as often (مركز، مجلس، برنامج، مديرية: a district in Yemen) or are as
// often verbal nouns (حركة السير، تنظيم الفعاليات) are left to the model.
var orgPhraseHeads = map[string]bool{
	"وزاره": true, "هييه": true, "لجنه": true, "جمعيه": true, "عماده": true, "شركه": true, "موسسه": true,
	"صندوق": true, "جامعه": true, "كليه": true, "منتخب": true, "صحيفه": true, "وكاله": true, "بنك": true,
	"مصرف": true, "حزب": true, "جبهه": true, "رابطه": true,
	"نقابه": true, "غرفه": true, "معهد": true, "امانه": true,
}

// orgStop are definite words that end an organization's name: relative
// pronouns, time words, quantifiers, words that place the body in a text
// (السابق، التابعة، المعنية) and participles that describe it (المملوكة،
// المؤلفة، المتطرف) rather than name it.
var orgStop = map[string]bool{
	"الذي": true, "التي": true, "الذين": true, "اللذين": true, "اللتين": true, "اللاتي": true,
	"اليوم": true, "الان": true, "الماضي": true, "الماضيه": true, "الحالي": true, "الحاليه": true,
	"الجاري": true, "الجاريه": true, "المقبل": true, "المقبله": true, "القادم": true, "القادمه": true,
	"الاول": true, "الاولي": true, "الثاني": true, "الثانيه": true, "الاخير": true, "الاخيره": true,
	"الجديد": true, "الجديده": true, "المذكور": true, "المذكوره": true, "نفسه": true, "نفسها": true,
	"السابق": true, "السابقه": true, "التابع": true, "التابعه": true, "المعني": true, "المعنيه": true,
	"المختص": true, "المختصه": true, "المسوول": true, "المسووله": true,
	"العديد": true, "الكثير": true, "البعض": true, "الجميع": true,
	"للمره": true, "المملوك": true, "المملوكه": true, "المولف": true, "المولفه": true, "المكون": true, "المكونه": true,
	"المعروف": true, "المعروفه": true, "المسماه": true, "المتطرف": true, "المتطرفه": true,
	"الاحد": true, "الاثنين": true, "الثلاثاء": true, "الاربعاء": true, "الخميس": true, "الجمعه": true, "السبت": true,
}

// orgPhrases adds organization spans for head + complement phrases among
// the uncovered tokens of toks and returns the spans in text order;
// covered (see coverage) is kept up to date, buf is scratch space.
func (t *Tagger) orgPhrases(text string, toks []arabic.Token, spans []Span, covered []bool, buf *[]byte) []Span {
	var ix spanIndex
	for i := 0; i+1 < len(toks); i++ {
		if covered[i] {
			continue
		}
		if pro, ok := eponymHead(toks[i].Text, buf); ok {
			if end, ok := ix.eponym(text, toks, spans, covered, i); ok && ix.add(text, toks, covered, i, end, pro, "ORG") {
				i = end - 1
			}
			continue
		}
		pro, ok := orgHead(toks[i].Text, buf)
		definite := false
		if !ok {
			if pro, ok = definiteOrgHead(toks[i].Text, buf); !ok {
				continue
			}
			definite = true
		}
		end, taken := i+1, 0
		if !definite {
			// A name the model found right after the head is the body's
			// name (جامعة الملك سعود، شركة الاتحاد للطيران).
			end, taken = ix.absorb(text, toks, spans, i, maxAbsorbed, func(sp Span) bool { return sp.Type != "MISC" })
		}
		if taken > 0 {
			end = orgComplement(text, toks, covered, end, true)
		} else {
			end = orgComplement(text, toks, covered, i+1, false)
		}
		if definite && end == i+2 {
			end = purposeComplement(text, toks, covered, i, end)
		}
		if end == i+1 || definite && !bodyOf(toks, i, end) {
			continue
		}
		if ix.add(text, toks, covered, i, end, pro, "ORG") {
			i = end - 1
		}
	}
	spans = ix.merge(spans)
	extendOrgs(text, toks, spans, covered)
	return spans
}

// extendOrgs lengthens organization mentions the model cut inside their
// complement: a genitive after an indefinite ل word (لعلوم | العقيدة،
// لقوى | الأمن) and و + a definite word inside a ل complement (للتدريب |
// والتعليم). spans are changed in place; covered is kept up to date.
func extendOrgs(text string, toks []arabic.Token, spans []Span, covered []bool) {
	for k := range spans {
		sp := &spans[k]
		if sp.Type != "ORG" {
			continue
		}
		e := sp.TokEnd
		for e < len(toks) && e-sp.TokEnd < maxOrgComplement && !covered[e] && sameLine(text, toks[e-1], toks[e]) {
			last, next := norm(toks[e-1].Text), norm(toks[e].Text)
			base, ok := strings.CutPrefix(next, "و")
			switch {
			case orgStop[next] || orgStop[base] || utf8.RuneCountInString(next) < 4:
				ok = false
			case strings.HasPrefix(next, "ال"):
				// A genitive after ل + an indefinite noun. (A nationality
				// after the name is left out: the press writes ريال مدريد
				// الإسباني for the club ريال مدريد.)
				ok = strings.HasPrefix(last, "ل") && !strings.HasPrefix(last, "لل") && !strings.HasPrefix(last, "ال")
			case ok && strings.HasPrefix(base, "ال"):
				ok = hasPrepComplement(toks[sp.TokStart+1 : e])
			default:
				ok = false
			}
			if !ok {
				break
			}
			e++
		}
		if e == sp.TokEnd {
			continue
		}
		from := sp.TokEnd
		if !setEnd(text, toks, sp, e) {
			continue
		}
		for j := from; j < e; j++ {
			covered[j] = true
		}
	}
}

// hasPrepComplement reports whether one of toks is ل or ب + a noun
// (للتدريب، لعلوم، بالقوات): the complement a coordinated word joins.
func hasPrepComplement(toks []arabic.Token) bool {
	for _, t := range toks {
		if w := norm(t.Text); strings.HasPrefix(w, "ل") && !strings.HasPrefix(w, "ال") || strings.HasPrefix(w, "بال") {
			return true
		}
	}
	return false
}

// tokenSpan returns the span of type typ over toks[a:b] of text, less the
// first skip code points of toks[a] (its proclitics); false when the
// tokens do not lie in text.
func tokenSpan(text string, toks []arabic.Token, a, b, skip int, typ string) (Span, bool) {
	first, last := toks[a], toks[b-1]
	skipBytes := 0
	for range skip {
		_, size := utf8.DecodeRuneInString(first.Text[skipBytes:])
		skipBytes += size
	}
	from, to := first.ByteStart+skipBytes, last.ByteStart+len(last.Text)
	if from >= to || from < 0 || to > len(text) {
		return Span{}, false
	}
	sp := Span{Type: typ, Start: first.Start + skip, End: last.End, TokStart: a, TokEnd: b, Text: text[from:to]}
	sp.Name = sp.Text
	return sp, true
}

// spanIndex finds the spans that start at a token, marks the ones a
// longer mention takes in and keeps the mentions a pass adds; it is built
// on first use.
type spanIndex struct {
	startAt map[int]int // token → index of the span starting there
	drop    []bool
	added   []Span
}

// add adds the span of type typ over toks[i:end] less pro code points of
// proclitics, unless it is empty, and marks its tokens covered.
func (ix *spanIndex) add(text string, toks []arabic.Token, covered []bool, i, end, pro int, typ string) bool {
	if end <= i+1 {
		return false
	}
	sp, ok := tokenSpan(text, toks, i, end, pro, typ)
	if !ok {
		return false
	}
	ix.added = append(ix.added, sp)
	for j := i; j < end; j++ {
		covered[j] = true
	}
	return true
}

// absorb takes in the spans that follow token i back to back (at most
// most, on one line, each accepted by ok) and returns the end of the last
// one taken and how many were taken.
func (ix *spanIndex) absorb(text string, toks []arabic.Token, spans []Span, i, most int, ok func(Span) bool) (end, taken int) {
	ix.index(spans)
	end = i + 1
	for taken < most && end < len(toks) {
		k, found := ix.startAt[end]
		if !found && taken == 0 && end+1 < len(toks) && isTitle(toks[end].Text) {
			// مستشفى الملك خالد: the person's title comes with the name.
			if k, found = ix.startAt[end+1]; found && spans[k].Type == "PER" && sameLine(text, toks[end-1], toks[end]) {
				end++
			} else {
				found = false
			}
		}
		if !found || ix.drop[k] || !ok(spans[k]) || !sameLine(text, toks[end-1], toks[end]) || behindProclitic(spans[k], toks[end]) {
			break
		}
		ix.drop[k] = true
		end = spans[k].TokEnd
		taken++
	}
	return end, taken
}

// index builds ix's map of the spans by first token, once.
func (ix *spanIndex) index(spans []Span) {
	if ix.startAt == nil {
		ix.startAt = make(map[int]int, len(spans))
		for k, sp := range spans {
			ix.startAt[sp.TokStart] = k
		}
		ix.drop = make([]bool, len(spans))
	}
}

// behindProclitic reports whether the mention sp, which starts at token
// tok, stands behind a proclitic (بالرياض، وأمريكا): a preposition or a
// conjunction, which a name after a head does not have.
func behindProclitic(sp Span, tok arabic.Token) bool {
	if sp.Start != tok.Start {
		return true
	}
	w := norm(tok.Text)
	for _, p := range [...]string{"بال", "لل", "فال", "كال", "وال"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// merge returns spans less the ones taken in, plus the added ones, in
// text order.
func (ix *spanIndex) merge(spans []Span) []Span {
	if len(ix.added) == 0 {
		return spans
	}
	if ix.drop != nil {
		kept := spans[:0]
		for k, sp := range spans {
			if !ix.drop[k] {
				kept = append(kept, sp)
			}
		}
		spans = kept
	}
	spans = append(spans, ix.added...)
	slices.SortFunc(spans, func(a, b Span) int { return a.Start - b.Start })
	return spans
}

// orgHead reports whether the raw token w is an organization head, and
// how many code points of proclitics (و، ب، ل، ف) come before it.
func orgHead(w string, buf *[]byte) (int, bool) {
	if !headEnding(w) || !arabicWord(w) || len(w) > 2*maxHeadRunes {
		return 0, false
	}
	n := appendNorm((*buf)[:0], w)
	*buf = n
	if !orgPhraseHeads[string(n)] && bytes.HasPrefix(n, []byte("لل")) {
		return 0, false // ل + ال: للجنة is لـ + اللجنة, a definite head
	}
	return cliticHead(w, n, orgPhraseHeads)
}

// cliticHead reports whether n, the raw token w folded by norm, is a key
// of heads as it stands or after the proclitics و، ف، ب، ل (وب، ول), and
// how many code points of w precede the head.
func cliticHead(w string, n []byte, heads map[string]bool) (int, bool) {
	for _, p := range [...]string{"", "وب", "ول", "و", "ف", "ب", "ل"} {
		if rest, ok := bytes.CutPrefix(n, []byte(p)); ok && heads[string(rest)] {
			return rawRunes(w, utf8.RuneCountInString(p)), true
		}
	}
	return 0, false
}

// headEnding reports whether the raw token w ends as a head of
// orgPhraseHeads can (ة، ق، ب، ك، ف، د): most words are refused
// without folding them.
func headEnding(w string) bool {
	r, _ := utf8.DecodeLastRuneInString(w)
	switch r {
	case 'ة', 'ه', 'ق', 'ب', 'ك', 'ف', 'د':
		return true
	}
	return false
}

// maxHeadRunes bounds the letters of a head with its proclitics and
// article (وبالمؤسسة): longer tokens are not looked up.
const maxHeadRunes = 10

// definiteOrgHead reports whether the raw token w is a head with the
// article (اللجنة، الهيئة، الإدارة), behind و، ف or ب, and how many code
// points of proclitics come before it.
func definiteOrgHead(w string, buf *[]byte) (int, bool) {
	if !headEnding(w) || !arabicWord(w) || len(w) > 2*maxHeadRunes {
		return 0, false
	}
	n := appendNorm((*buf)[:0], w)
	*buf = n
	for _, p := range [...]string{"", "و", "ف", "ب", "وب"} {
		rest, ok := bytes.CutPrefix(n, []byte(p))
		if !ok {
			continue
		}
		if h, ok := bytes.CutPrefix(rest, []byte("ال")); ok && (orgPhraseHeads[string(h)] || string(h) == "اداره") {
			return rawRunes(w, utf8.RuneCountInString(p)), true
		}
	}
	return 0, false
}

// bodyOf reports whether the complement toks[i+1:end] of a definite head
// names a body: an adjective, then within two words a ل + definite word
// (الهيئة العامة للرياضة، اللجنة العليا للحج). A definite head with an
// adjective alone (الجمعية العمومية) is most often generic.
func bodyOf(toks []arabic.Token, i, end int) bool {
	adj := norm(toks[i+1].Text)
	if end < i+3 || !strings.HasPrefix(adj, "ال") {
		return false
	}
	// The adjective agrees with the head in gender (الهيئة العامة، البنك
	// الدولي); a noun after the head (توفر الوزارة الأرض) does not.
	if strings.HasSuffix(norm(toks[i].Text), "ه") != strings.HasSuffix(adj, "ه") {
		return false
	}
	for k := i + 2; k < end && k <= i+3; k++ {
		if w := norm(toks[k].Text); strings.HasPrefix(w, "لل") || k == i+2 && indefiniteLam(w) {
			return true
		}
	}
	return false
}

// purposeComplement returns the end of the name of a definite head and
// its adjective toks[i:end] that goes on with ل + an indefinite noun and
// its genitive (الهيئة الوطنية لمكافحة الفساد، المؤسسة العامة لتحلية
// المياه المالحة), or end when it does not. The adjective must be a
// nisba or one of the few that name bodies (العامة، العليا), not a
// participle (الرامية، المنفذة) or a club's (النصراوية).
func purposeComplement(text string, toks []arabic.Token, covered []bool, i, end int) int {
	if end+1 >= len(toks) || covered[end] || covered[end+1] || !sameLine(text, toks[end-1], toks[end]) ||
		!sameLine(text, toks[end], toks[end+1]) {
		return end
	}
	adj := strings.TrimPrefix(norm(toks[i+1].Text), "ال")
	if !bodyAdjective(adj) || !indefiniteLam(norm(toks[end].Text)) || !strings.HasPrefix(norm(toks[end+1].Text), "ال") {
		return end
	}
	if e := orgComplement(text, toks, covered, end+1, true); e > end+1 {
		return e
	}
	return end
}

// indefiniteLam reports whether the folded word w is ل + an indefinite
// noun of three letters or more (لمكافحة، لإدارة), not ل + the article.
func indefiniteLam(w string) bool {
	rest, ok := strings.CutPrefix(w, "ل")
	return ok && !strings.HasPrefix(rest, "ل") && !strings.HasPrefix(rest, "ا") && utf8.RuneCountInString(rest) >= 3 && arabicWord(rest)
}

// bodyAdjective reports whether the folded adjective a (without its
// article) may qualify a body's head in its name: a nisba (الوطنية،
// الخيرية، الأمريكية) or العامة، العليا، الدائمة; not a participle of a
// defective verb (الرامية، الساعية), not a club's nisba (النصراوية).
func bodyAdjective(a string) bool {
	switch a {
	case "عامه", "عليا", "دائمه", "عام", "اعلي":
		return true
	}
	stem, ok := strings.CutSuffix(a, "يه")
	if !ok {
		stem, ok = strings.CutSuffix(a, "ي")
	}
	if !ok || utf8.RuneCountInString(stem) < 3 {
		return false
	}
	if r := []rune(stem); len(r) == 3 && r[1] == 'ا' {
		return false // الرامية، الساعية: فاعلة of a defective verb
	}
	return !clubs()["ال"+stem] && !clubs()["ال"+strings.TrimSuffix(stem, "او")]
}

// feminine reports whether the folded noun w is feminine in form: ة
// (folded to ه) or the plural ات.
func feminine(w string) bool {
	return strings.HasSuffix(w, "ه") || strings.HasSuffix(w, "ات")
}

// arabicWord reports whether w holds only Arabic letters and marks.
func arabicWord(w string) bool {
	for _, r := range w {
		if r < 0x0600 || r > 0x06FF {
			return false
		}
	}
	return w != ""
}

// orgComplement returns the end of the complement of a head whose next
// token is i: definite words (الاحتراف), ل/ب + definite words (للتدريب،
// بالقوات), and after the first, و + a definite word (والتسجيل). The
// words must be uncovered and on the head's line; the phrase ends at
// anything else.
func orgComplement(text string, toks []arabic.Token, covered []bool, i int, cont bool) int {
	g := defaultGazetteer()
	end, locative := i, false
words:
	for j := i; j < len(toks) && j-i < maxOrgComplement; j++ {
		if covered[j] || !sameLine(text, toks[j-1], toks[j]) {
			break
		}
		w := norm(toks[j].Text)
		base := w
		switch {
		case strings.HasPrefix(w, "ال"):
		case strings.HasPrefix(w, "لل") && (j > i || cont):
			base = "ال" + w[len("لل"):]
		case strings.HasPrefix(w, "بال") && (j > i || cont):
			base = w[len("ب"):]
		case strings.HasPrefix(w, "وال") && (j > i || cont):
			base = w[len("و"):]
		default:
			break words
		}
		if utf8.RuneCountInString(base) < 4 || orgStop[base] || g.word[base]&gTitle != 0 {
			break
		}
		if strings.HasPrefix(w, "بال") && g.word[base[len("ال"):]]&(gLocCue|gCountry|gCity) != 0 {
			break // بالمنطقة: where the body is
		}
		if locative && feminine(norm(toks[j-1].Text)) != strings.HasSuffix(base, "ه") {
			break // بالجامعة النتائج: no adjective of the ب word follows
		}
		end, locative = j+1, strings.HasPrefix(w, "بال")
	}
	if locative {
		// ب + one definite word at the end is most often where the body
		// is (عمادة القبول بالجامعة), not its name.
		end--
	}
	return end
}
