package ner

import (
	"bytes"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/khabar/khabar/arabic"
)

// Places and facilities are named by a head noun and a name (محافظة
// المخواة، وادي ضمد، مستشفى الملك خالد، ملعب أولد ترافورد); a direction
// before a place names a part of it (جنوب لبنان). The model tags the name
// inside, often as something else, or nothing at all. After a head of
// locPhraseHeads, the mentions that follow it back to back, else a
// definite complement, else one word no lexicon holds (محافظة صامطة),
// make one LOC mention; after a direction, one place mention does.

// locPhraseHeads are the heads of place and facility names, indefinite,
// in norm's alphabet, true where a definite complement may name the place
// (محافظة المخواة). منطقة and مركز are left to the model: they are as
// often "area" and "centre" in general.
var locPhraseHeads = map[string]bool{
	"محافظه": true, "قريه": true, "حي": true, "مدينه": true, "بلده": true, "وادي": true, "جبل": true,
	"جزيره": true, "مخيم": true, "ضاحيه": true,
	// Facilities: their name is a mention or a name word, never a common
	// noun (ملعب التدريب is any training ground).
	"ملعب": false, "مستشفي": false, "مطار": false, "ميناء": false, "جامع": false, "مسجد": false,
	"شارع": false, "استاد": false, "قلعه": false, "متحف": false,
}

// directionWords name a part of the place that follows.
var directionWords = map[string]bool{"جنوب": true, "شمال": true, "شرق": true, "غرب": true}

// locPhrases adds place spans after heads of locPhraseHeads and
// directions, taking in the mentions that follow, and returns the spans
// in text order; covered is kept up to date, buf is scratch space.
func (t *Tagger) locPhrases(text string, toks []arabic.Token, spans []Span, covered []bool, buf *[]byte) []Span {
	var ix spanIndex
	for i := 0; i+1 < len(toks); i++ {
		if covered[i] || !sameLine(text, toks[i], toks[i+1]) {
			continue
		}
		pro, direction, complement, ok := locHead(toks[i].Text, buf)
		if !ok {
			continue
		}
		var end, taken int
		if direction {
			end, _ = ix.absorb(text, toks, spans, i, 1, func(sp Span) bool { return sp.Type == "LOC" && arabicWord(toks[sp.TokStart].Text) })
		} else {
			// A place's name after a head is written in Arabic: a Latin
			// word there is a term the model took (قرية Tenuto).
			end, taken = ix.absorb(text, toks, spans, i, maxAbsorbed, func(sp Span) bool { return arabicWord(toks[sp.TokStart].Text) })
			if taken == 0 {
				if complement {
					end = orgComplement(text, toks, covered, i+1, false)
				}
				if end == i+1 && !covered[i+1] && placeName(toks[i+1].Text) {
					end = i + 2 // محافظة صامطة
				}
			}
		}
		if ix.add(text, toks, covered, i, end, pro, "LOC") {
			i = end - 1
		}
	}
	return ix.merge(spans)
}

// placeName reports whether the raw token w may name a place after a
// head: a town or country of the gazetteer, or a word no lexicon holds.
func placeName(w string) bool {
	if defaultGazetteer().word[norm(w)]&(gCountry|gCity|gKBLoc) != 0 {
		return arabicWord(w)
	}
	return foreignWord(w)
}

// locHead reports whether the raw token w is a place head or a
// direction, which of the two, whether a definite complement may follow
// it, and how many code points of proclitics (و، ب، ل، ف) come before it.
func locHead(w string, buf *[]byte) (pro int, direction, complement, ok bool) {
	if !arabicWord(w) || len(w) > 2*maxHeadRunes || strings.HasSuffix(w, "ه") {
		// A final ه is a pronoun (بلده "his country"), not the ة of بلدة.
		return 0, false, false, false
	}
	r, _ := utf8.DecodeLastRuneInString(w)
	if !strings.ContainsRune("ةيلبىرءعدمق", r) {
		return 0, false, false, false // no head ends so: most words are not folded
	}
	n := appendNorm((*buf)[:0], w)
	*buf = n
	if bytes.HasPrefix(n, []byte("لل")) {
		return 0, false, false, false
	}
	for _, p := range [...]string{"", "وب", "ول", "و", "ف", "ب", "ل"} {
		rest, found := bytes.CutPrefix(n, []byte(p))
		if !found {
			continue
		}
		if c, head := locPhraseHeads[string(rest)]; head {
			return rawRunes(w, utf8.RuneCountInString(p)), false, c, true
		}
		if directionWords[string(rest)] {
			return rawRunes(w, utf8.RuneCountInString(p)), true, false, true
		}
	}
	return 0, false, false, false
}

// PlaceHead reports whether word (as written, without proclitics) is a
// noun or a direction that heads a place's name in the tagger's mentions
// (مدينة، محافظة، وادي، مستشفى، جنوب …): the rest of such a mention is
// the place named or the one it is part of.
func PlaceHead(word string) bool {
	n := norm(word)
	_, head := locPhraseHeads[n]
	return head || directionWords[n]
}

// kbPlaces adds LOC spans for the knowledge base's place names of two
// words or more (المنطقة الشرقية، المسجد الحرام، الحرمين الشريفين) found
// over untagged words of one line, the first word possibly behind a
// proclitic, and returns the spans in text order; covered is kept up to
// date. A place the model found in part is lengthened (مكة → مكة المكرمة),
// never given a head before it, and الله tagged alone is taken in (بيت الله
// الحرام); no name runs through an organization head (الكلية التقنية
// بحفر الباطن is a college whatever a list says). A place named inside a
// title (خادم الحرمين الشريفين) is a mention of the place, as the
// annotation guide has it.
func (t *Tagger) kbPlaces(text string, toks []arabic.Token, fw, sw []string, spans []Span, covered []bool) []Span {
	seq, most := holyPlaces()
	return listedNames(text, toks, fw, sw, spans, covered, listSpec{typ: "LOC", class: gKBLoc, lengthen: true, orgHeads: true,
		seq: seq, most: most,
		owns: func(sp Span) bool {
			return sp.Type == "LOC" || sp.TokEnd == sp.TokStart+1 && norm(sp.Name) == "الله"
		}})
}

// holyNames are places of the two holy mosques and the pilgrimage that
// Saudi news names every day and the knowledge base lacks: Mecca's
// epithet (أمين العاصمة المقدسة), parts of the Grand Mosque, its gates
// and the holy sites around it.
var holyNames = []string{
	"العاصمة المقدسة", "صحن المطاف", "جسر المطاف", "جسر الجمرات", "منشأة الجمرات", "باب الملك عبدالعزيز",
	"باب الملك فهد", "باب الملك عبدالله", "باب السلام", "باب الفتح", "باب العمرة", "مقام إبراهيم",
	"الحجر الأسود", "حجر إسماعيل", "الركن اليماني", "جبل الرحمة", "جبل عرفات", "جبل النور", "جبل ثور",
	"غار حراء", "غار ثور", "مسجد نمرة", "مسجد الخيف", "مسجد قباء", "مسجد القبلتين", "المشاعر المقدسة",
	"الحرم المكي", "الحرم النبوي", "الحرم المدني", "الروضة الشريفة",
}

var (
	holyOnce sync.Once
	holySeq  map[uint64]bool
	holyMax  int
)

// holyPlaces returns the hashes of holyNames as kbMisc returns the
// knowledge base's events: true for a whole name, false for a prefix.
func holyPlaces() (map[uint64]bool, int) {
	holyOnce.Do(func() {
		holySeq = map[uint64]bool{}
		for _, n := range holyNames {
			f := strings.Fields(n)
			h := newHash(0)
			for i, w := range f {
				if i > 0 {
					h = h.byte(' ')
				}
				h = h.str(norm(w))
				if i < len(f)-1 && !holySeq[uint64(h)] {
					holySeq[uint64(h)] = false
				}
			}
			holySeq[uint64(h)] = true
			holyMax = max(holyMax, len(f))
		}
	})
	return holySeq, holyMax
}
