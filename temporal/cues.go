package temporal

import (
	"strings"
	"unicode/utf8"
)

// Tense cues. A date whose direction the text leaves open (a bare weekday,
// a month without a year) takes it, under PreferNews, from the clause it
// stands in: a scheduling word (من المقرر، المقررة، المرتقب، يعتزم،
// ستنطلق) points to the future, a past verb of news (أعلن، قال، سيطر)
// to the past. The nearest cue before the date in its sentence decides;
// a complementizer (أن، إن) starts a new clause, whose tense is its own.

// maxCueWords bounds how far back a cue is looked for.
const maxCueWords = 12

// scheduleCues are words that announce something planned (normalized, no
// clitic).
var scheduleCues = normSet(
	"المقرر", "المقررة", "مقرر", "مقررة", "تقرر", "يتقرر",
	"المرتقب", "المرتقبة", "مرتقب", "مرتقبة", "يرتقب",
	"المزمع", "المزمعة", "مزمع", "يزمع", "تزمع",
	"يعتزم", "تعتزم", "نعتزم", "اعتزام",
	"تنطلق", "ستنطلق", "ينطلق", "سينطلق",
	"المنتظر", "المنتظرة", "المرتقبتين",
	"المقبلة", "القادمة",
)

// pastVerbs are past-tense verbs common in news reports (normalized,
// masculine singular; the feminine ت and the plural وا are accepted).
var pastVerbs = normSet(
	"قال", "أعلن", "أكد", "أفاد", "ذكر", "أوضح", "أشار", "أضاف",
	"سيطر", "استولى", "استعاد", "دخل", "هاجم", "شن", "قصف", "قتل",
	"اعتقل", "أسفر", "نفذ", "سقط", "انسحب", "اندلع", "أطلق",
	"وقع", "شهد", "جرى", "تم", "بدأ", "انطلق", "عقد", "اجتمع",
	"التقى", "زار", "وصل", "غادر", "أصدر", "صدر", "نشر", "كشف",
	"أقر", "وافق", "رفض", "فاز", "خسر", "حقق", "سجل", "أجرى",
	"انتخب", "تعرض", "أصيب", "توفي", "حصل", "ارتفع", "انخفض",
	"تراجع", "افتتح", "أنهى", "انتهى", "تسلم", "وقّع",
)

// complementizers open a reported or embedded clause (normalized).
var complementizers = normSet("أن", "إن", "بأن", "لأن", "أنه", "إنه", "أنها", "إنها", "بأنه", "بأنها")

func normSet(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[normString(w)] = true
	}
	return m
}

// stripConj removes a leading و or ف from a normalized word of more than
// three letters.
func stripConj(w string) string {
	if utf8.RuneCountInString(w) > 3 && (strings.HasPrefix(w, "و") || strings.HasPrefix(w, "ف")) {
		return w[len("و"):]
	}
	return w
}

// isPastVerb reports whether normalized word w is a past verb of news.
func isPastVerb(w string) bool {
	for _, s := range [...]string{"", "ت", "وا", "ا"} {
		if strings.HasSuffix(w, s) && pastVerbs[w[:len(w)-len(s)]] {
			return true
		}
	}
	return false
}

// tenseBefore returns the direction the clause before token i gives a date
// at i: +1 when a scheduling word or a future verb is nearest, -1 when a
// past verb is, 0 when none is found.
func (p *parser) tenseBefore(i int) int {
	if p.futureVerbBefore(i) {
		return 1
	}
	for k, n := i-1, 0; k >= 0 && n < maxCueWords; k-- {
		t := p.at(k)
		if t.kind == tPunct {
			switch t.p {
			case '.', '!', '?', '؟', '\n', ':', '"', '«', '»':
				return 0
			}
			continue
		}
		if t.kind != tWord {
			continue
		}
		n++
		w := string(appendNorm(nil, p.text[t.b0:t.b1]))
		if complementizers[w] {
			// Before a complementizer: the reported clause has its own tense,
			// unless a scheduling word introduces it (من المقرر أن).
			if k > 0 && scheduleCues[stripConj(string(appendNorm(nil, p.raw(k-1))))] {
				return 1
			}
			return 0
		}
		w = stripConj(w)
		if scheduleCues[w] {
			return 1
		}
		if isPastVerb(w) {
			return -1
		}
		if r, _ := utf8.DecodeRuneInString(w); r == 'ي' && utf8.RuneCountInString(w) >= 4 {
			return 0 // an imperfect verb: present or future, not past
		}
	}
	return 0
}
