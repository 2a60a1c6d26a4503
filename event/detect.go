package event

import (
	"sort"
	"strings"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/internal/matchtext"
	"unicode"
	"unicode/utf8"
)

// ment is one entity mention, by entity index.
type ment struct{ start, end, ent int }

// doc is an Analysis prepared for event finding.
type doc struct {
	a       *khabar.Analysis
	rs      []rune
	toks    []matchtext.Token
	sents   [][2]int // code-point ranges
	own     bool     // sents were computed here, not taken from a
	tokSent []int    // token → sentence index, -1 outside every sentence
	direct  [][2]int // direct quotations
	ments   []ment   // sorted by start
	inMent  []int    // token → index into ments of a mention covering it, or -1
	// lastConsult is the index in the events found so far of the last
	// CONSULT, which a later definite meeting noun may refer back to, or -1.
	lastConsult int
	dates       []dateRef         // by start, built when first needed (datesFrom)
	hasDate     []int8            // per sentence: 1 holds a date, -1 does not, 0 not known yet
	titleCC     map[string]string // titleCountry's answers
	locNames    []locName         // for titleCountry
}

func newDoc(a *khabar.Analysis, t *matchtext.Text) *doc {
	d := &doc{a: a, rs: t.Runes, toks: t.Tokens, lastConsult: -1}
	d.sents = a.Sentences
	if len(d.sents) == 0 {
		d.sents, d.own = splitSentences(d.rs, d.toks), true
	}
	d.tokSent = make([]int, len(d.toks))
	s := 0
	for i, t := range d.toks {
		for s < len(d.sents) && d.sents[s][1] <= t.Start {
			s++
		}
		if s < len(d.sents) && d.sents[s][0] <= t.Start {
			d.tokSent[i] = s
		} else {
			d.tokSent[i] = -1
		}
	}
	for _, q := range a.Quotes {
		if q.Direct {
			d.direct = append(d.direct, [2]int{q.Start, q.End})
		}
	}
	sort.Slice(d.direct, func(i, j int) bool { return d.direct[i][1] < d.direct[j][1] })
	for i, e := range a.Entities {
		for _, m := range e.Mentions {
			if m.Start >= 0 && m.End > m.Start && m.End <= len(d.rs) {
				d.ments = append(d.ments, ment{m.Start, m.End, i})
			}
		}
	}
	sort.Slice(d.ments, func(i, j int) bool { return d.ments[i].start < d.ments[j].start })
	d.inMent = make([]int, len(d.toks))
	mi := 0
	for i, t := range d.toks {
		d.inMent[i] = -1
		for mi < len(d.ments) && d.ments[mi].end <= t.Start {
			mi++
		}
		for k := mi; k < len(d.ments) && d.ments[k].start <= t.Start; k++ {
			if d.ments[k].end >= t.End {
				d.inMent[i] = k
				break
			}
		}
	}
	return d
}

// splitSentences cuts text after . ! ? ؟ and at line breaks.
func splitSentences(rs []rune, toks []matchtext.Token) [][2]int {
	var out [][2]int
	start := -1
	for i, t := range toks {
		if t.NL && start >= 0 {
			out = append(out, [2]int{start, toks[i-1].End})
			start = -1
		}
		if start < 0 {
			start = t.Start
		}
		if t.Terminal() {
			out = append(out, [2]int{start, t.End})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, toks[len(toks)-1].End})
	}
	return out
}

// hit is one trigger occurrence that passed the filters.
type hit struct {
	tok, end int // trigger tokens [tok, end)
	trig     trigger
	v        variant
	intent   bool
	weak     bool // only a back reference to an earlier meeting
}

func (d *doc) inDirect(pos int) bool {
	k := sort.Search(len(d.direct), func(k int) bool { return d.direct[k][1] > pos })
	return k < len(d.direct) && d.direct[k][0] <= pos
}

// detect finds the trigger occurrences of the document.
func (d *doc) detect() []hit {
	var out []hit
	var buf [12]variant
	for i, t := range d.toks {
		if t.Kind != matchtext.Word || len(t.Norm) < 4 || d.inMent[i] >= 0 {
			continue
		}
		vs := variants(t.Norm, buf[:0])
	forms:
		for _, v := range vs {
			for _, tr := range triggers[v.form] {
				h, ok := d.fires(i, v, tr)
				if ok {
					out = append(out, h)
					break forms
				}
			}
		}
	}
	return out
}

// fires checks a trigger's class, tails and frame, then the filters.
func (d *doc) fires(i int, v variant, tr trigger) (hit, bool) {
	h := hit{tok: i, end: i + 1, trig: tr, v: v}
	switch tr.class {
	case classVerb:
		if v.article || v.prep {
			return h, false
		}
		// A bare verb form right before punctuation is a noun in a list
		// (اغتصاب ونهب وقتل.); a verb of violence or protest with an
		// object pronoun is mostly a nominal (قتلهم) in news prose.
		if j := i + 1; j < len(d.toks) && d.toks[j].Kind == matchtext.Punct && !matchtext.IsQuoteMark(d.toks[j].R) {
			return h, false
		}
		if v.suffix && (tr.typ == "ASSAULT" || tr.typ == "PROTEST") {
			return h, false
		}
		// After a noun such as جريمة، أعمال، تهمة the form is a masdar.
		if j := d.prevWord(i, 1); j >= 0 && masdarHeads[d.toks[j].Norm] {
			return h, false
		}
	case classWith:
		if v.prep || v.future {
			return h, false
		}
		j := d.nextWord(i, 1)
		if j < 0 || d.toks[j].Norm != "مع" {
			return h, false
		}
		h.intent = true
	case classAgent:
		// The subject: not after a preposition (على المتظاهرين، للمتظاهرين).
		if v.prep || v.suffix {
			return h, false
		}
		if !d.verbInitial(i) {
			return h, false
		}
	case classAdverb:
		j := d.nextWord(i, 1)
		if j < 0 || (d.toks[j].Norm != "علي" && d.toks[j].Norm != "ضد") {
			return h, false
		}
	}
	if len(tr.tails) > 0 {
		found := false
		for k := 1; k <= 5 && !found; k++ {
			j := d.nextWord(i, k)
			if j < 0 {
				break
			}
			for _, tl := range tr.tails {
				if tailMatches(d.toks[j].Norm, tl) {
					h.end, found = j+1, true
					break
				}
			}
		}
		if !found {
			return h, false
		}
	} else if tr.class == classNoun && !v.suffix && !d.frame(i, tr) {
		if tr.typ != "CONSULT" || !v.article {
			return h, false
		}
		// A definite meeting noun with no frame may still refer back to
		// a meeting found earlier; code decides.
		h.weak = true
	}
	return h, d.allowed(i, &h)
}

// nextWord returns the k-th word token after i in the same sentence, or -1.
func (d *doc) nextWord(i, k int) int {
	for j := i + 1; j < len(d.toks); j++ {
		t := d.toks[j]
		if t.NL || t.Terminal() {
			return -1
		}
		if t.Kind == matchtext.Word {
			k--
			if k == 0 {
				return j
			}
		}
	}
	return -1
}

// prevWord returns the k-th word token before i in the same sentence, or -1.
func (d *doc) prevWord(i, k int) int {
	for j := i - 1; j >= 0; j-- {
		t := d.toks[j]
		if d.toks[j+1].NL || t.Terminal() {
			return -1
		}
		if t.Kind == matchtext.Word {
			k--
			if k == 0 {
				return j
			}
		}
	}
	return -1
}

// frame reports whether a nominal trigger at i is used as an event: a
// support verb shortly before it, an occurrence verb or "بين/مع/ضد"
// shortly after it.
func (d *doc) frame(i int, tr trigger) bool {
	for k := 1; k <= 4; k++ {
		j := d.prevWord(i, k)
		if j < 0 {
			break
		}
		w, _ := matchtext.StripConj(d.toks[j].Norm)
		if supportVerbs[w] || supportVerbs[d.toks[j].Norm] {
			return true
		}
		if statementVerbs[w] && verbalTypes[tr.typ] {
			return true
		}
	}
	for k := 1; k <= 3; k++ {
		j := d.nextWord(i, k)
		if j < 0 {
			break
		}
		w := d.toks[j].Norm
		if s, ok := matchtext.StripConj(w); ok {
			w = s
		}
		if occurVerbs[w] || w == "ضد" || w == "بين" && k <= 3 || w == "مع" && k == 1 && tr.typ == "CONSULT" {
			return true
		}
	}
	return false
}

// allowed applies the negation, hypothesis and future filters; a future
// or intended AGREE is kept as an intent.
func (d *doc) allowed(i int, h *hit) bool {
	future := h.v.future
	// Inside quotation marks only a finite verb is a report (a source's
	// «مسلحون اغتالوا …»); nouns there are rhetoric or slogans.
	if h.trig.class != classVerb && (d.inDirect(d.toks[i].Start) || d.quoted(i)) {
		return false
	}
	if j := d.prevWord(i, 1); j >= 0 && relatives[d.toks[j].Norm] {
		return false // a background clause: الذي قتل في …
	}
	if d.historical(i) || d.pluperfect(i) && !d.anchored(i) {
		return false
	}
	// Protest and violence named by a noun are news only when the sentence anchors them in time
	// or counts something (أمس، الليلة، 15 شخصا); otherwise they are
	// discussed, not reported.
	if (h.trig.typ == "PROTEST" || h.trig.typ == "ASSAULT") && h.trig.class != classVerb && h.trig.class != classWith && !d.anchored(i) {
		return false
	}
	for k := 1; k <= 3; k++ {
		j := d.prevWord(i, k)
		if j < 0 {
			break
		}
		w := d.toks[j].Norm
		if negators[w] {
			return false
		}
		if w == "سوف" || w == "وسوف" {
			future = true
		}
	}
	for k := 1; k <= 12; k++ {
		j := d.prevWord(i, k)
		if j < 0 {
			break
		}
		w := d.toks[j].Norm
		if s, ok := matchtext.StripConj(w); ok {
			w = s
		}
		if hypothetical[w] || denials[w] {
			return false
		}
		if k <= 6 && intents[w] {
			future = true
		}
	}
	if future {
		if h.trig.typ != "AGREE" {
			return false
		}
		h.intent = true
	}
	return true
}

var supportVerbs, occurVerbs, negators, hypothetical, denials, intents = set(
	"نظم نظمت نظموا ينظم تنظم شارك شاركت شاركوا يشارك تشارك خرج خرجت خرجوا نزل نزلوا عقد عقدت عقدوا عقدا يعقد تعقد " +
		"وقع وقعت اندلع اندلعت اسفر اسفرت ترأس ترأست حضر حضرت حضروا جرت جري تجري يجري شن شنت شنوا يشن تشن نفذ نفذت نفذوا ينفذ تنفذ قاد قادت " +
		"قام قامت قاموا بدأ بدأت بدأوا واصل واصلت واصلوا يواصل تواصل تعرض تعرضت تعرضوا استهدف استهدفت اجري اجرت اجريا " +
		"اختتم اختتمت افتتح افتتحت استضاف استضافت شهد شهدت تشهد يشهد انطلقت انطلق تجددت تجدد"),
	set("وقع وقعت يقع تقع اندلع اندلعت تندلع يندلع جري جرت اسفر اسفرت ادي ادت اودي اودت استهدف استهدفت خلف خلفت " +
		"هز هزت عقد عقدت انطلق انطلقت تجدد تجددت شارك شاركت نظمها نظمته شنه شنها نفذه نفذها اسفرت"),
	set("لم لن لا ما ليس ليست لست غير عدم دون بدون بلا ولم ولن ولا وما فلم فلن فلا منع ومنع لمنع"),
	set("اذا لو لولا حال حاله لماذا كيف هل"),
	set("نفي نفت نفوا ينفي تنفي ونفي ونفت"),
	set("يعتزم تعتزم يعتزمون ينوي تنوي المقرر المزمع المتوقع يتوقع يخطط تخطط يستعد تستعد يهدد تهدد هدد هددت " +
		"دعا دعت دعوا يدعو تدعو طالب طالبت طالبوا يطالب تطالب يطالبون يجب ينبغي يمكن يمكنها يمكنه لوقف وقف " +
		"احتمال خشيه تحسبا تخوف مخاوف عزم")

// statementVerbs frame the nouns of verbal acts (أكد دعم، أعرب عن تأييد).
var statementVerbs = set("اكد اكدت جدد جددت اعرب اعربت اعلن اعلنت ابدي ابدت")

var verbalTypes = map[string]bool{"SUPPORT": true, "ACCUSE": true, "AGREE": true, "REJECT": true, "DEMAND": true, "REQUEST": true}

var masdarHeads = set("جريمه جرائم اعمال عمليات عمليه تهم تهمه بتهمه حوادث حادث ميدان قضيه اتهامات مسؤوليه الي علي " +
	"في حتي وحتي اثناء محاوله محاولات بهدف")

// quantities may stand between a verb and its subject (ورشق مئات المتظاهرين).
var quantities = set("الاف آلاف مئات عشرات الف ألف نحو حوالي قرابه اكثر اقل من الالاف المئات العشرات حشود حشد الاف")

// startsWithDigit reports whether s begins with a digit ("" does not: a
// token of marks alone normalizes to nothing).
func startsWithDigit(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return s != "" && unicode.IsDigit(r)
}

// verbInitial reports whether the agent noun at i is the subject of a
// verb that opens its clause (وجاب المتظاهرون، ورشق مئات المتظاهرين),
// the verb not being one of saying or asking.
func (d *doc) verbInitial(i int) bool {
	k := 1
	j := d.prevWord(i, k)
	for j >= 0 && k <= 6 && (quantities[d.toks[j].Norm] || startsWithDigit(d.toks[j].Norm)) {
		k++
		j = d.prevWord(i, k)
	}
	if j < 0 || j < i-6 {
		return false
	}
	w, conj := matchtext.StripConj(d.toks[j].Norm)
	if speechVerbs[w] || nonActs[w] || objectPreps[w] || locatives[w] {
		return false
	}
	if conj {
		return true
	}
	p := j - 1
	return p < 0 || d.toks[p].Kind == matchtext.Punct || d.toks[j].NL
}

var objectPreps = set("علي ضد من الي مع بين عن لدي امام ان انه بان وان كان كانت فان لكن بعض احد عدد ايضا كما")

// nonActs are verbs whose subject does not act in a protest.
var nonActs = set("طالب طالبت طالبوا دعا دعوا وصف وصفوا حمل حملوا اتهم اتهموا اعتبر اعتبروا قالوا اكدوا رفض رفضوا هدد هددوا")

var relatives = set("الذي التي الذين اللذين اللتين اللواتي اللاتي")

// quoted reports whether token i lies between quote marks in its
// sentence (slogans, titles, someone's words).
func (d *doc) quoted(i int) bool {
	open := false
	for j := i - 1; j >= 0 && j > i-4*maxLook; j-- {
		t := d.toks[j]
		if d.toks[j+1].NL || t.Terminal() {
			break
		}
		if t.Kind == matchtext.Punct && matchtext.IsQuoteMark(t.R) {
			open = t.R != '»'
			break
		}
	}
	if !open {
		return false
	}
	for j := i + 1; j < len(d.toks) && j < i+4*maxLook; j++ {
		t := d.toks[j]
		if t.NL {
			return true // unclosed: to the end of the paragraph
		}
		if t.Kind == matchtext.Punct && matchtext.IsQuoteMark(t.R) {
			return t.R != '«'
		}
	}
	return true
}

// historical reports whether the sentence of token i dates its events by
// a year (عام 2005، سنة 1949) other than the document's: background, not
// news. With no reference year every explicit year counts.
func (d *doc) historical(i int) bool {
	ref := d.refDate()
	if d.wordsBack(i, 40, func(j int) bool { return d.isOldYear(j, ref) }) {
		return true
	}
	for k := 1; k <= 8; k++ {
		j := d.nextWord(i, k)
		if j < 0 {
			break
		}
		if d.isOldYear(j, ref) {
			return true
		}
	}
	return false
}

// maxLook bounds how far back and forth the sentence-level checks look, so
// that a huge "sentence" costs linear time.
const maxLook = 60

// wordsBack calls f on up to n word tokens before i in its sentence,
// nearest first, and reports whether f returned true for one.
func (d *doc) wordsBack(i, n int, f func(j int) bool) bool {
	for j := i - 1; j >= 0 && n > 0; j-- {
		t := d.toks[j]
		if d.toks[j+1].NL || t.Terminal() {
			return false
		}
		if t.Kind == matchtext.Word {
			if f(j) {
				return true
			}
			n--
		}
	}
	return false
}

func (d *doc) isOldYear(j int, ref string) bool {
	w := d.toks[j].Norm
	if len(w) != 4 || w < "1900" || w > "2099" {
		return false
	}
	p := d.prevWord(j, 1)
	if p < 0 {
		return false
	}
	if s, ok := matchtext.StripConj(d.toks[p].Norm); !(yearWords[d.toks[p].Norm] || ok && yearWords[s]) {
		return false
	}
	return len(ref) < 4 || ref[:4] != w
}

// pluperfect reports whether the trigger is in a وكان … قد clause: the
// background of the news, not the news.
func (d *doc) pluperfect(i int) bool {
	qad := false
	return d.wordsBack(i, 40, func(j int) bool {
		w, _ := matchtext.StripConj(d.toks[j].Norm)
		switch {
		case w == "قد":
			qad = true
		case qad && (w == "كان" || w == "كانت" || w == "كانوا"):
			return true
		}
		return false
	})
}

// anchors are words that date a reported event.
var anchors = set("امس الامس اليوم الليله ليله ليل صباح مساء فجر ظهر الاثنين الثلاثاء الاربعاء الخميس الجمعه السبت الاحد " +
	"اثناء خلال عندما حين منذ قبل بعد")

// anchored reports whether the sentence of token i has a time word, a
// number or a date.
func (d *doc) anchored(i int) bool {
	s := d.tokSent[i]
	for j := i; j >= 0 && j > i-maxLook && d.tokSent[j] == s; j-- {
		if d.anchorTok(j) {
			return true
		}
	}
	for j := i + 1; j < len(d.toks) && j < i+maxLook && d.tokSent[j] == s; j++ {
		if d.anchorTok(j) {
			return true
		}
	}
	return s >= 0 && d.sentHasDate(s)
}

func (d *doc) anchorTok(j int) bool {
	t := d.toks[j]
	if t.Kind != matchtext.Word {
		return false
	}
	if r := []rune(t.Norm); len(r) > 0 && unicode.IsDigit(r[0]) {
		return true
	}
	w, _ := matchtext.StripConj(t.Norm)
	return anchors[t.Norm] || anchors[w]
}

var yearWords = set("عام العام عامي سنه السنه سنوات في")

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[matchtext.FoldWord(w)] = true
	}
	return m
}
