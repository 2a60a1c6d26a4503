package quote

import (
	"sort"
	"strings"

	"github.com/khabar/khabar/internal/matchtext"
)

// The phrase rules of a speech verb's subject that look past its first
// words: the statement of a body given with ل (بيان لنقابة …), a name in
// apposition to an office (وزير الخارجية، فلان،), and the persons named
// inside a phrase who are not its head (مصادر مقربة من الرئيس فلان،
// مستشار فلان).

// statementNouns stand for a statement as the subject of a speech verb.
var statementNouns = wordSet("بيان تقرير بلاغ")

// issuer returns the entity index of the organization that issued a
// statement named by the subject phrase [i, end) alone (بيان), written
// right after it with ل (لنقابة المعلمين), before re; else -1.
func (f *finder) issuer(i, end, re int) int {
	if end != i+1 || end >= re || !statementNouns[f.toks[i].Norm] {
		return -1
	}
	t := f.toks[end]
	if t.Kind != matchtext.Word || !strings.HasPrefix(t.Norm, "ل") || strings.HasPrefix(t.Norm, "لل") {
		return -1
	}
	for _, m := range f.mentionsIn(t.Start+1, t.Start+2) {
		if e := &f.a.Entities[m.ent]; e.Type == "ORG" && !f.startsWithOutlet([]ment{m}) {
			return m.ent
		}
	}
	return -1
}

// maxApposition bounds the words of a name in apposition to an office.
const maxApposition = 4

// apposition reads a name in apposition from token j, before re: a
// person's mention that ends at a break or at re gives its entity index;
// else two to maxApposition words no mention covers, ending so, give the
// token after them (and -1). It returns -1, 0 when there is no such name.
func (f *finder) apposition(j, re int) (ent, next int) {
	if j >= re || f.toks[j].Kind != matchtext.Word {
		return -1, 0
	}
	ends := func(k int) bool { return k >= re || f.isBreak(k) }
	// A role or an honorific may open the apposition (، الإعلامي فلان،
	// ، الدكتور فلان،): the name follows it.
	for n := 0; n < 2 && j+1 < re && f.toks[j+1].Kind == matchtext.Word && f.roleWord(f.toks[j].Norm) &&
		len(f.mentionsIn(f.toks[j].Start, f.toks[j].Start+1)) == 0 && f.mentionStartsAt(f.toks[j+1].Start); n++ {
		j++
	}
	for _, m := range f.mentionsIn(f.toks[j].Start, f.toks[j].Start+1) {
		if f.a.Entities[m.ent].Type != "PER" {
			return -1, 0
		}
		if k := f.tokenAt(m.end - 1); k >= 0 && ends(k+1) {
			return m.ent, 0
		}
	}
	k := j
	// علي opens a name here, not the preposition على.
	for k < re && k-j < maxApposition && f.toks[k].Kind == matchtext.Word && !f.cutAt(k, re) &&
		(k == j && f.toks[k].Norm == "علي" || !f.leadPrep(k, re)) &&
		len(f.mentionsIn(f.toks[k].Start, f.toks[k].End)) == 0 {
		k++
	}
	if k-j >= 2 && ends(k) {
		return -1, k
	}
	return -1, 0
}

// collectiveHeads open a phrase for a body or a group, not a person: a
// person named inside it (القوات الموالية للرئيس فلان، مكتب رئيس
// الوزراء فلان، الكثير من المشرعين من حزب الرئيس فلان) is not who
// speaks.
var collectiveHeads = wordSet("قوات القوات مكتب المكتب أنصار انصار مقربون مقربين المقربون المقربين عائلة أسرة اسرة " +
	"محامي محامو أوساط الكثير كثير العديد عديد عدد بعض معظم أغلب غالبية")

// through reports whether a word between token i and code point pos
// gives the words of a person a body reports (نقل المركز الإعلامي عن
// اللاعب فلان، وأكدت الإمارة على لسان متحدثها فلان).
func (f *finder) through(i, pos int) bool {
	for k := i; k < len(f.toks) && f.toks[k].Start < pos; k++ {
		if w := f.toks[k].Norm; w == "لسان" || w == "عن" && (k == 0 || !besides[f.toks[k-1].Norm]) {
			return true
		}
	}
	return false
}

// besides are the words before عن that make it "as well as" (فضلا عن),
// not "from".
var besides = wordSet("فضلا بدلا عوضا ناهيك")

// collectiveAt reports whether the phrase [i, end) is headed, past
// honorifics, by a noun of a body, a group or a source.
func (f *finder) collectiveAt(i, end int) bool {
	for i < end-1 && honorifics[f.toks[i].Norm] {
		i++
	}
	hw := f.toks[i].Norm
	return collectiveHeads[hw] || sourceWords[hw] || genericOrgs[hw] || orgHeadNouns[hw] || orgHeadNouns[trimAl(hw)]
}

// participle reports whether a normalized word has the form of an
// accusative active participle (واصفا، معتبرا، داعيا): five letters or
// more ending in ا, opening with م or with ا as its second letter.
func participle(w string) bool {
	r := []rune(w)
	if len(r) < 5 || r[len(r)-1] != 'ا' || strings.HasPrefix(w, "ال") {
		return false
	}
	return r[0] == 'م' || r[1] == 'ا'
}

// subjectMentions returns ms without the persons that cannot be the
// subject of the phrase [i, end): one written with a preposition
// attached (لهادي), and any that does not open a phrase whose head is a
// body, a group or a source (مصادر موالية للرئيس فلان).
func (f *finder) subjectMentions(ms []ment, i, end int) []ment {
	head := i
	for head < end-1 && honorifics[f.toks[head].Norm] {
		head++
	}
	collective := f.collectiveAt(i, end)
	var out []ment
	for _, m := range ms {
		if f.a.Entities[m.ent].Type == "PER" {
			if collective && m.start != f.toks[head].Start && !f.through(i, m.start) && !f.officialNamed(head, m, end) {
				continue
			}
			k := f.tokenAt(m.start)
			if k > i && f.toks[k].Start < m.start {
				continue
			}
			// The complement of an office in the construct state
			// (مستشار فلان): the office's holder speaks, not the person.
			if k > i && f.toks[k-1].Kind == matchtext.Word && construct(f.toks[k-1].Norm) {
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

// officials are the singular source nouns that a name may follow in
// apposition (المسؤول في الشرطة فلان), unlike a group's (مصادر مقربة من
// الرئيس فلان).
var officials = wordSet("مسؤول المسؤول مسوول المسوول")

// officialNamed reports whether the person mention m closes the phrase
// [head, end) headed by a singular official, with no preposition of
// relation (من، عن، لل…) or a title right before the name between them:
// the official is that person (وقال المسؤول بالشرطة فلان إن …).
func (f *finder) officialNamed(head int, m ment, end int) bool {
	if !officials[f.toks[head].Norm] || m.end != f.toks[end-1].End {
		return false
	}
	k := f.tokenAt(m.start)
	if k <= head+1 || f.toks[k].Start != m.start {
		return false
	}
	if p := f.toks[k-1]; p.Kind != matchtext.Word || construct(p.Norm) || titleWords[trimAl(p.Norm)] {
		return false
	}
	for j := head + 1; j < k; j++ {
		w := f.toks[j].Norm
		if w == "من" || w == "عن" || w == "لدى" || strings.HasPrefix(w, "لل") || collectiveHeads[w] {
			return false
		}
	}
	return true
}

// roleWord reports whether a normalized word is an honorific, an office or
// a role noun (الدكتور، السفير، الإعلامي).
func (f *finder) roleWord(w string) bool {
	return honorifics[w] || titleWords[w] || titleWords[trimAl(w)] || personNouns[w]
}

// secondOffice reads a second office in apposition from token j, before
// re, that ends in its holder's name (عضو المجلس، رئيس الوفد المشارك في
// البطولة فلان): it returns the entity index of the person whose mention
// ends the phrase, not as an office's complement (مستشار فلان), or -1.
func (f *finder) secondOffice(j, re int) int {
	if j >= re || f.toks[j].Kind != matchtext.Word || !f.roleWord(f.toks[j].Norm) {
		return -1
	}
	e := f.phraseEnd(j, re)
	if e-j < 3 {
		return -1
	}
	for _, mi := range f.endingAt(f.toks[e-1].End) {
		m := f.ments[mi]
		if f.a.Entities[m.ent].Type != "PER" {
			continue
		}
		k := f.tokenAt(m.start)
		if k <= j || f.toks[k].Start != m.start {
			continue
		}
		if p := f.toks[k-1]; p.Kind != matchtext.Word || construct(p.Norm) {
			continue
		}
		return m.ent
	}
	return -1
}

// opensPhrase reports whether a person's mention among ms starts in
// [i, end) after nothing but office or role words and definite words (وأكد
// وزير الخارجية فلان، not وأكد وجود توجه جاد …).
func (f *finder) opensPhrase(ms []ment, i, end int) bool {
	for _, m := range ms {
		if f.a.Entities[m.ent].Type != "PER" {
			continue
		}
		ok := true
		for k := i; k < end && f.toks[k].Start < m.start; k++ {
			w := f.toks[k].Norm
			if f.toks[k].Kind == matchtext.Word && !f.roleWord(w) && !strings.HasPrefix(w, "ال") {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// lastOutlet returns the entity index of the last organization named as an
// outlet (صحيفة …، وكالة …) before code point pos, or -1. The outlets'
// mentions are listed once per text.
func (f *finder) lastOutlet(pos int) int {
	if f.outlets == nil {
		f.outlets = []ment{}
		for _, m := range f.ments {
			if f.a.Entities[m.ent].Type == "ORG" && f.startsWithOutlet([]ment{m}) {
				f.outlets = append(f.outlets, m) // f.ments is sorted by start
			}
		}
	}
	i := sort.Search(len(f.outlets), func(i int) bool { return f.outlets[i].start >= pos })
	if i == 0 {
		return -1
	}
	return f.outlets[i-1].ent
}

// maxLabelWords bounds a quoted description standing after a name.
const maxLabelWords = 8

// labelEnd returns the closing mark of a quoted description of a few
// words that opens at token j right after a word and is followed by a
// colon (يقول فلان «موظف في منتجع سياحي»: …): the speaker's apposition,
// not a quotation. It returns -1 when there is none.
func (f *finder) labelEnd(j int) int {
	if j == 0 || f.toks[j-1].Kind != matchtext.Word || f.toks[j].NL {
		return -1
	}
	words := 0
	for k := j + 1; k < len(f.toks) && k <= j+maxLabelWords+2; k++ {
		t := f.toks[k]
		if t.NL || t.Terminal() {
			return -1
		}
		if t.Kind == matchtext.Punct && matchtext.IsQuoteMark(t.R) {
			if words == 0 || k+1 >= len(f.toks) {
				return -1
			}
			if n := f.toks[k+1]; n.Kind == matchtext.Punct && n.R == ':' {
				return k
			}
			return -1
		}
		if t.Kind == matchtext.Word {
			words++
		}
	}
	return -1
}

// apposedLabel reports whether the quotation d is a quoted description
// before a colon (see labelEnd).
func (f *finder) apposedLabel(d dspan) bool {
	return d.close > d.open && f.labelEnd(d.open) == d.close
}
