package quote

import (
	"sort"
	"strings"

	"github.com/khabar/khabar/internal/matchtext"
	"github.com/khabar/khabar/titles"
)

// The subject region of a speech verb is what stands between the verb and
// its complement: وقال [وزير الخارجية عادل الجبير في مؤتمر صحفي] إن …. It
// holds the speaker, and often adverbials (اليوم، في بيان، من جهته) and
// the outlet the statement was given to (في حديثه لوكالة …). parseRegion
// reads it in this order: leading adverbials, then one subject phrase up
// to a comma or an adverbial, then what follows.

// Kinds of subject.
const (
	subjNone    = iota // no subject in the region: the verb's subject is omitted
	subjCurrent        // a pronoun or a word standing for the current speaker (سعادته، البيان)
	subjNamed          // one or more entities
	subjUnnamed        // a phrase the entities do not name (مصدر عسكري، مندوبة باكستان)
)

// subject is what parseRegion found.
type subject struct {
	kind   int
	ids    []string // subjNamed: the speakers; subjUnnamed: the organizations the phrase names
	text   string   // subjUnnamed: the phrase
	source string   // the outlet the statement was reported through or given to
	office bool     // subjUnnamed: the phrase is an office or a function (مدرب برشلونة السابق)
}

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[matchtext.FoldWord(w)] = true
	}
	return m
}

var (
	// outletHeads open the name of a news outlet.
	outletHeads = wordSet("صحيفة جريدة وكالة موقع قناة مجلة شبكة تلفزيون إذاعة محطة الصحيفة الجريدة الوكالة الموقع " +
		"القناة المجلة الشبكة التلفزيون الإذاعة")
	// eventNouns are the occasions of a statement (في بيان، خلال مؤتمر
	// صحفي، في حديثه): a phrase that starts with one, after في, is an
	// adverbial. Matched as the start of the word, for attached pronouns.
	eventNouns = []string{"بيان", "تصريح", "حديث", "كلم", "مؤتمر", "لقاء", "مقابل", "اتصال", "رسال", "تغريد", "منشور",
		"ختام", "افتتاح", "ندو", "محاضر", "خطاب", "تعليق", "رد", "اجتماع", "جلس", "زيار", "تقرير", "كتاب", "برنامج",
		"حوار", "مداخل", "ورش", "منتدى", "ملتقى", "جول", "اثناء", "معرض", "حفل", "استقبال", "سياق"}
	// cutWords end a subject phrase: temporal prepositions and time words,
	// and the quantifiers that open a verb's object (وحذر الناطق جميع
	// الجهات من …).
	cutWords = wordSet("عقب خلال أثناء اثناء بعد قبل عند إثر اثر أمام امام عبر اليوم أمس امس مؤخرا الأحد الاثنين " +
		"الثلاثاء الأربعاء الخميس الجمعة السبت صباح مساء ظهر الليلة الليله فجر غداة حين نقلا جميع كافة " +
		// قد opens the verb of a clause (وكان الوزير قد حسم …), never a noun phrase.
		"قد")
	// adverbWords are single adverbs that may stand between a verb and
	// its subject or complement.
	adverbWords = wordSet("أيضا ايضا كذلك مجددا مؤخرا بدوره بدورها بدورهم سابقا صراحة صراحه كما حينها آنذاك " +
		"اليوم أمس امس الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت صباح مساء الليلة غداة قائلا قائلة " +
		// A preposition with a pronoun (وذكر فيه أن، وقال له إن) is no subject.
		"فيه فيها فيهم عنه عنها عنهم له لها لهم منه منها منهم عليه عليها إليه إليها اليه اليها لي لنا لك لكم" +
		// بالقول (وأوضح بالقول: …) and بذلك (صرح بذلك المتحدث …) are no subject.
		" بالقول بذلك")
	// leadPreps open an adverbial before the subject (في كلمة دولة قطر).
	leadPreps = wordSet("في خلال عبر أثناء اثناء عقب بعد قبل عند إثر اثر أمام امام لدى من مع حول بشأن ل على منذ " +
		"إلى الى لوسائل للصحفيين للصحافيين")
	// genericOrgs stand for an organization the article names (الجامعة
	// for جامعة تبوك).
	genericOrgs = wordSet("الوزارة الجامعة الشركة الهيئة الرئاسة الحكومة المنظمة اللجنة الإدارة الادارة النادي " +
		"الصحيفة المجلس الاتحاد البنك الجمعية المؤسسة الأمانة الامانة المديرية الشرطة القيادة الوكالة المحكمة " +
		"الحركة الجماعة الحزب المركز المستشفى البلدية المحافظة الإمارة الامارة السفارة القنصلية الجهة الجهات " +
		"الجيش الكلية المصرف")
	// statementWords stand for the statement of the current speaker.
	statementWords = wordSet("البيان بيانها بيانه بيانهم البلاغ الدراسة التقرير")
	// reportWords stand for a report or a study: a body's, never a
	// person's (وقال التقرير إن … after a person spoke is unnamed).
	reportWords = wordSet("الدراسة التقرير")
	// relatives open a relative clause: مارادونا الذي قال إن ….
	relatives = wordSet("الذي التي الذين اللذان اللتان والذي والتي والذين")
	// sayingNouns name the quoted words after an outlet (نقلت … عن فلان قوله).
	sayingNouns = wordSet("قوله قولها قولهم تأكيده تأكيدها تصريحه تصريحها")
)

func isEventNoun(w string) bool {
	w = strings.TrimPrefix(w, "ال")
	for _, p := range eventNouns {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// isBreak reports whether token i ends a phrase: a comma, semicolon,
// colon or terminal.
func (f *finder) isBreak(i int) bool {
	t := f.toks[i]
	return t.Kind == matchtext.Punct && (t.R == '،' || t.R == ',' || t.R == '؛' || t.R == ';' || t.R == ':' || matchtext.IsTerminal(t.R) && !t.Abbr)
}

// cutAt reports whether a subject phrase ends before token i: an
// adverbial starts there (عقب لقائه، اليوم، في بيان، لصحيفة …).
func (f *finder) cutAt(i, re int) bool {
	t := f.toks[i]
	if t.Kind != matchtext.Word {
		return false
	}
	w := t.Norm
	if cutWords[w] || f.timePhrase(i, re) || f.fixedAt(i, re) > 0 || i > 0 && objectIdioms[w] {
		return true // … فلان في وقت سابق: an adverbial after the name; سلط الرئيس الضوء: the object
	}
	if (w == "في" || w == "وفي") && i+1 < re && f.toks[i+1].Kind == matchtext.Word && isEventNoun(f.toks[i+1].Norm) {
		return true
	}
	_, ok := f.outletAt(i, re)
	return ok
}

// orgAt reports whether an organization mention starts at code point s.
func (f *finder) orgAt(s int) bool {
	for _, m := range f.mentionsIn(s, s+1) {
		if f.a.Entities[m.ent].Type == "ORG" {
			return true
		}
	}
	return false
}

// placeAt reports whether a nationality adjective or a place mention
// starts at code point s (صحيفة الحياة اللندنية: اللندنية is not part
// of the name).
func (f *finder) placeAt(s int) bool {
	ps := f.a.Places
	i := sort.Search(len(ps), func(i int) bool { return ps[i].Start >= s })
	if i < len(ps) && ps[i].Start == s {
		return true
	}
	for _, m := range f.mentionsIn(s, s+1) {
		if f.a.Entities[m.ent].Type == "LOC" {
			return true
		}
	}
	return false
}

// parseRegion reads the subject region [rs, re) of a speech verb. A bare
// verb (no complement) has no clear end to its subject: only a person, a
// title or a pronoun is taken as its subject there, never a phrase.
func (f *finder) parseRegion(rs, re int, bare bool) subject {
	var s subject
	if f.isComma(rs) && rs+1 < re && !f.mentionStartsAt(f.toks[rs+1].Start) {
		// وأضاف، لذلك نعمل …: a comma right after the verb leaves its
		// subject out; what follows is what was said, or an adverbial.
		return s
	}
	i := rs
	for i < re {
		t := f.toks[i]
		if t.Kind == matchtext.Punct {
			if matchtext.IsQuoteMark(t.R) && f.shortQuoteEnd(i) < 0 {
				break // a quotation, not a name in quote marks (ويدعي "باسوس" أن)
			}
			i++
			continue
		}
		if n := f.fixedAt(i, re); n > 0 {
			i += n
			continue
		}
		if f.timePhrase(i, re) {
			i += 2 // وقد قال الشهر الماضي للصحافيين إن …
			continue
		}
		w := t.Norm
		if adverbWords[w] || len(w) > len("اا") && strings.HasSuffix(w, "ا") && !strings.HasPrefix(w, "ال") && i+1 < re && f.isBreak(i+1) {
			i++
			continue
		}
		if name, ok := f.outletAt(i, re); ok {
			if s.source == "" {
				s.source = name
			}
			i = f.outletEnd(i, re)
			continue
		}
		if (w == "علي" || w == "وعلي") && i+2 < re && f.toks[i+1].Norm == "لسان" && !f.mentionStartsAt(t.Start) {
			// أكدت على لسان المتحدثة باسم الحكومة فلانة أن …: who spoke
			// for the body follows.
			i += 2
			break
		}
		if f.leadPrep(i, re) {
			// An adverbial to the next comma; an outlet named in it is
			// the source.
			j := f.phraseEnd(i+1, re)
			for k := i + 1; k < j && s.source == ""; k++ {
				if name, ok := f.outletAt(k, re); ok {
					s.source = name
				}
			}
			i = j
			continue
		}
		break
	}
	if i >= re || f.toks[i].Kind != matchtext.Word {
		return s
	}
	end := i + 1
	for end < re && !f.isBreak(end) && !f.cutAt(end, re) {
		if t := f.toks[end]; t.Kind == matchtext.Punct && matchtext.IsQuoteMark(t.R) {
			// A name in quote marks goes on with the phrase (نائب رئيس
			// «أرامكو السعودية» السابق فلان); a quotation ends it.
			k := f.shortQuoteEnd(end)
			if k < 0 || k >= re {
				break
			}
			end = k
		}
		end++
	}
	// An outlet after the subject: وقال مارتينو لشبكة فوكس سبورتس.
	for k := end; k < re && s.source == ""; k++ {
		if name, ok := f.outletAt(k, re); ok {
			s.source = name
		}
	}
	sub := f.classify(i, end, re, bare)
	if k := f.issuer(i, end, re); k >= 0 && sub.kind == subjUnnamed {
		// وذكر بيان لنقابة المعلمين أن …: the body that issued the
		// statement speaks; it is no outlet.
		return subject{kind: subjNamed, ids: []string{f.a.Entities[k].ID}}
	}
	if sub.kind == subjUnnamed && sub.office && end < re && f.isComma(end) {
		// An office and, past a comma, the name of who holds it (أكد
		// وزير الخارجية، فلان الفلاني، أن …).
		if k, j := f.apposition(end+1, re); k >= 0 {
			sub = subject{kind: subjNamed, ids: []string{f.a.Entities[k].ID}}
		} else if k := f.secondOffice(end+1, re); k >= 0 {
			sub = subject{kind: subjNamed, ids: []string{f.a.Entities[k].ID}}
		} else if j > 0 {
			// A name the entities missed: kept with the office, for
			// the pipeline to name the person.
			sub.text = f.phraseText(i, j)
		}
	}
	sub.source = firstNonEmpty(sub.source, s.source)
	return sub
}

// isComma reports whether token i is a comma.
func (f *finder) isComma(i int) bool {
	t := f.toks[i]
	return t.Kind == matchtext.Punct && (t.R == '،' || t.R == ',')
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// leadPrep reports whether token i opens an adverbial: a preposition,
// perhaps after و, that is not the start of a name (على is written as
// the name علي).
func (f *finder) leadPrep(i, re int) bool {
	t := f.toks[i]
	w, _ := matchtext.StripConj(t.Norm)
	addressee := strings.HasPrefix(t.Norm, "لل") && len([]rune(t.Norm)) > 4 // قال للوزراء والمسؤولين: to whom
	if !leadPreps[t.Norm] && !leadPreps[w] && !addressee || f.mentionStartsAt(t.Start) {
		return false
	}
	if t.Norm == "علي" && i+1 < re && f.mentionStartsAt(f.toks[i+1].Start) {
		return false // علي الحرقان: the tagger left the first name out
	}
	return true
}

// phraseEnd returns the first token at or after i, before re, that is a
// break (or re).
func (f *finder) phraseEnd(i, re int) int {
	for i < re && !f.isBreak(i) {
		i++
	}
	return i
}

// mentionStartsAt reports whether a mention starts at code point s.
func (f *finder) mentionStartsAt(s int) bool { return len(f.mentionsIn(s, s+1)) > 0 }

// classify names the subject phrase [i, end) of a region ending at re.
func (f *finder) classify(i, end, re int, bare bool) subject {
	w := f.toks[i].Norm
	s, e := f.toks[i].Start, f.toks[end-1].End
	ms := f.mentionsIn(s, e)
	switch {
	case honorificPronouns[w] && !f.curPerson():
		// وأشار سماحته after no one person spoke: the person the text
		// gave that honorific (سماحة … الشيخ فلان).
		if k := f.byHonorific(w, s); k >= 0 {
			return subject{kind: subjNamed, ids: []string{f.a.Entities[k].ID}}
		}
		return subject{kind: subjCurrent}
	case reportWords[w] && len(f.cur) == 0 && f.curText == "":
		// وأضاف التقرير أن … after نشرت صحيفة … تقريرا: the paper's report.
		if k := f.lastOutlet(s); k >= 0 {
			return subject{kind: subjNamed, ids: []string{f.a.Entities[k].ID}}
		}
		return subject{kind: subjCurrent}
	case honorificPronouns[w] || statementWords[w] && !(reportWords[w] && f.curPerson()):
		return subject{kind: subjCurrent}
	case end == i+1 && backNouns[w] && f.curPerson():
		// ويدعي الرجل أن …: the man the article is about, who spoke last.
		return subject{kind: subjCurrent}
	case outletHeads[w] || f.orgAt(s) && f.startsWithOutlet(ms):
		return f.outletSubject(i, end, re)
	case demonstratives[w] && end > i+1 && (len(f.cur) > 0 || f.curText != "") &&
		(titleWords[trimAl(f.toks[i+1].Norm)] || titleWords[f.toks[i+1].Norm] || personNouns[f.toks[i+1].Norm]):
		// وأكد هذا الناطق أن …: the office named before, who spoke last.
		return subject{kind: subjCurrent}
	}
	if pers := f.persons(f.subjectMentions(ms, i, end)); len(pers) > 0 && (!bare || f.opensPhrase(ms, i, end)) {
		// A bare verb's subject opens the words after it (وأكد وجود
		// توجه جاد …: a name further on is in the object).
		return subject{kind: subjNamed, ids: pers}
	}
	head := i
	for head < end-1 && honorifics[f.toks[head].Norm] {
		head++
	}
	hw := f.toks[head].Norm
	switch {
	case titleWords[hw] || titleWords[trimAl(hw)] || personNouns[hw]:
		if k := f.byTitle(f.titleWordsAt(head, end), func(n int) bool { return !f.placeIn(f.wordStartAt(head, end, n), e) }); k >= 0 {
			return subject{kind: subjNamed, ids: []string{f.a.Entities[k].ID}}
		}
		if k := f.byName(i, end); k >= 0 {
			return subject{kind: subjNamed, ids: []string{f.a.Entities[k].ID}}
		}
		if k := f.byTextTitle(f.titleWordsAt(head, end), s, func(n int) bool { return !f.placeIn(f.wordStartAt(head, end, n), e) }); k >= 0 {
			return subject{kind: subjNamed, ids: []string{f.a.Entities[k].ID}}
		}
		if bare {
			return subject{}
		}
		// The office's country or body (مندوبة باكستان) is never the speaker.
		return subject{kind: subjUnnamed, text: f.phraseText(i, end), office: true}
	case sourceWords[w]:
		return subject{kind: subjUnnamed, ids: f.ofType(ms, "ORG"), text: f.phraseText(i, end)}
	case genericOrgs[w]:
		// The organization named right here (a mention of الاتحاد),
		// else the current speaker when it is of that kind (وأضافت
		// الجامعة), else the last one of that kind named before.
		if len(ms) > 0 && ms[0].start == s && f.a.Entities[ms[0].ent].Type == "ORG" {
			return subject{kind: subjNamed, ids: []string{f.a.Entities[ms[0].ent].ID}}
		}
		if k := f.currentOrg(w); k >= 0 {
			return subject{kind: subjNamed, ids: []string{f.a.Entities[k].ID}}
		}
		if k := f.orgByHead(w, s); k >= 0 {
			return subject{kind: subjNamed, ids: []string{f.a.Entities[k].ID}}
		}
	}
	// A person's family name first, even where the tagger took it for
	// an organization (شدد شيعان على أن …); not inside a body's phrase
	// (مكتب رئيس الوزراء فلان).
	nameEnd := end
	if bare {
		nameEnd = i + 1 // a bare verb's subject is its first word (not وأكد وجود توجه جاد)
	}
	if k := f.byName(i, nameEnd); k >= 0 && !f.collectiveAt(i, end) {
		return subject{kind: subjNamed, ids: []string{f.a.Entities[k].ID}}
	}
	// An organization or country opening the phrase, or an organization
	// after the noun of its kind that the tagger left out (شركة [طيران
	// الشمال]).
	if len(ms) > 0 {
		m := ms[0]
		t := f.a.Entities[m.ent].Type
		if m.start == s && (t == "ORG" || t == "LOC") ||
			t == "ORG" && orgHeadNouns[w] && i+1 < end && m.start == f.toks[i+1].Start {
			return subject{kind: subjNamed, ids: []string{f.a.Entities[m.ent].ID}}
		}
	}
	if end > i+1 && participle(w) && !f.mentionStartsAt(s) {
		// واصفا القرار بأنه …: a participle and its object, not a
		// subject; the participle's subject is who spoke last.
		return subject{kind: subjCurrent}
	}
	if bare || complementizers[w] || cutWords[w] || idioms[w] || pronouns[w] || relatives[w] ||
		accusative(w) && i+1 < end && accusative(f.toks[i+1].Norm) {
		// قال نحن في مرحلة جديدة …: what was said, not who said it.
		return subject{}
	}
	// A phrase no entity names (a name the tagger missed, a body it did
	// not find): the entities inside it are not the speaker.
	return subject{kind: subjUnnamed, text: f.phraseText(i, end)}
}

// backNouns refer back to a person the article has named (الرجل).
var backNouns = wordSet("الرجل المرأة السيدة الشاب الفتاة")

// curPerson reports whether the current speaker is one person.
func (f *finder) curPerson() bool { return f.onePerson(f.cur) }

// pronouns, and the existential هناك, open what was said after a verb with
// no complementizer (قال نحن …، مضيفا هناك عدة طرق …).
var pronouns = wordSet("نحن أنا انا إننا اننا إنني انني هناك هنالك")

// orgHeadNouns name the kind of an organization before its name.
var orgHeadNouns = wordSet("شركة مؤسسة هيئة جامعة وزارة نادي منظمة جمعية مجلس بنك مصرف اتحاد حزب حركة جماعة " +
	"مستشفى مركز رابطة لجنة كلية مجموعة")

// objectIdioms are the objects of idioms that follow the subject (سلط
// رئيس الإقليم الضوء على …، ألقى الوزير كلمة): they end the subject.
var objectIdioms = wordSet("الضوء")

// idioms are objects that make a verb a phrase of its own, not a speech
// verb with a subject (كشف النقاب عن، يذكر فيها اسم الله).
var idioms = wordSet("النقاب الستار النظر الانتباه الأنظار الانظار اسم")

// byName returns the entity index of a person whose name's last word is
// one of the first words of [i, end): a name the tagger missed here but
// found elsewhere (وأكد الحربي); else of the one person whose name of
// several words opens with one of them (وقال خالد for خالد الفيصل). It
// returns -1 when none is.
func (f *finder) byName(i, end int) int {
	if f.lastNames == nil {
		f.lastNames, f.firstNames = map[string]int{}, map[string]int{}
		for k, e := range f.a.Entities {
			if e.Type != "PER" {
				continue
			}
			w := strings.Fields(Normalize(e.Name))
			if len(w) == 0 {
				continue
			}
			if last := w[len(w)-1]; len([]rune(last)) >= 3 {
				if _, ok := f.lastNames[last]; !ok {
					f.lastNames[last] = k
				}
			}
			if first := w[0]; len(w) >= 2 && len([]rune(first)) >= 3 && !nameParticles[first] {
				switch prev, ok := f.firstNames[first]; {
				case !ok:
					f.firstNames[first] = k
				case prev >= 0 && f.a.Entities[prev].ID != e.ID:
					f.firstNames[first] = -1 // two persons: no guess
				}
			}
		}
	}
	first := -1
	for k, n := i, 0; k < end && n < 4; k++ {
		if f.toks[k].Kind != matchtext.Word {
			continue
		}
		n++
		if k > i && f.toks[k-1].Kind == matchtext.Word && construct(f.toks[k-1].Norm) {
			continue // مستشار فلان: the office's complement, not its holder
		}
		if e, ok := f.lastNames[f.toks[k].Norm]; ok {
			return e
		}
		if e, ok := f.firstNames[f.toks[k].Norm]; ok && first < 0 && e >= 0 {
			first = e
		}
	}
	return first
}

// nameParticles open names without telling them apart (أبو متعب، عبد الله,
// and علي, which normalizes as the preposition على).
var nameParticles = wordSet("ابو أبو ام أم بن ابن عبد آل ال علي")

// personNouns are nouns that stand for a person by function but are not
// offices (المدرب، اللاعب، المواطن): the role nouns of package titles and
// its quote-person selection.
var personNouns = wordSet(strings.Join(append(titles.Words(titles.Role), titles.Select("quote-person")...), " "))

// startsWithOutlet reports whether the first mention of ms is named as an
// outlet (an organization whose name opens with صحيفة, وكالة …).
func (f *finder) startsWithOutlet(ms []ment) bool {
	if len(ms) == 0 {
		return false
	}
	fw := strings.Fields(Normalize(f.a.Entities[ms[0].ent].Name))
	return len(fw) > 0 && outletHeads[fw[0]]
}

// titleWordsAt returns up to six words of an office starting at token i,
// before end, without the article, stopping at punctuation.
func (f *finder) titleWordsAt(i, end int) []string {
	var out []string
	for k := i; k < end && len(out) < 6; k++ {
		t := f.toks[k]
		if t.Kind != matchtext.Word {
			break
		}
		out = append(out, trimAl(t.Norm))
	}
	return out
}

// wordStartAt returns the start of the n-th word (from 0) from token i,
// or the end of token end-1.
func (f *finder) wordStartAt(i, end, n int) int {
	for k := i; k < end; k++ {
		if f.toks[k].Kind != matchtext.Word {
			continue
		}
		if n == 0 {
			return f.toks[k].Start
		}
		n--
	}
	return f.toks[end-1].End
}

// placeIn reports whether a place mention or a nationality adjective
// starts in [s, e).
func (f *finder) placeIn(s, e int) bool {
	ps := f.a.Places
	i := sort.Search(len(ps), func(i int) bool { return ps[i].Start >= s })
	if i < len(ps) && ps[i].Start < e {
		return true
	}
	for _, m := range f.mentionsIn(s, e) {
		if f.a.Entities[m.ent].Type == "LOC" {
			return true
		}
	}
	return false
}

// phraseText is the text of tokens [i, end), without trailing punctuation.
func (f *finder) phraseText(i, end int) string {
	for end > i && f.toks[end-1].Kind == matchtext.Punct {
		end--
	}
	if end <= i {
		return ""
	}
	return string(f.rs[f.toks[i].Start:f.toks[end-1].End])
}

// orgByHead returns the entity index of the organization that a generic
// noun (الجامعة) stands for: the last one named before code point pos
// whose name opens with that noun (جامعة تبوك), or -1.
func (f *finder) orgByHead(w string, pos int) int {
	x := f.orgHeads()
	h := trimAl(w)
	best, bestPos := -1, -1
	for _, c := range x[h] {
		if c.pos < pos && c.pos > bestPos {
			best, bestPos = c.ent, c.pos
		}
	}
	return best
}

type headedOrg struct{ ent, pos int }

// orgHeads maps the first word of each organization's name, without the
// article, to its entity and the start of its first mention; at most
// maxTitleCands per word.
func (f *finder) orgHeads() map[string][]headedOrg {
	if f.heads != nil {
		return f.heads
	}
	f.heads = map[string][]headedOrg{}
	for i, e := range f.a.Entities {
		if e.Type != "ORG" || len(e.Mentions) == 0 {
			continue
		}
		fw := strings.Fields(Normalize(e.Name))
		if len(fw) == 0 {
			continue
		}
		h := trimAl(fw[0])
		if len(f.heads[h]) < maxTitleCands {
			f.heads[h] = append(f.heads[h], headedOrg{i, e.Mentions[0].Start})
		}
	}
	return f.heads
}
