package arabic

import (
	"strings"
	"unicode/utf8"
)

// Segmentation is a word split into its clitics: Proclitics + Base +
// Enclitic is always the word that was split, byte for byte.
//
// Proclitics is a run of the prefixes و ف (conjunctions), ب ك ل
// (prepositions), ال (article, written لل after ل) and س (future, before
// an imperfect verb), e.g. "وبال" or "لل". Enclitic is one object or
// possessive pronoun: ه ها هم هما هن ك كم كما كن نا ني ي.
type Segmentation struct {
	Proclitics string
	Base       string
	Enclitic   string
}

// enclitics in normalized form, longest first.
var enclitics = []string{"هما", "كما", "ها", "هم", "هن", "كم", "كن", "نا", "ني", "ه", "ك", "ي"}

// encliticsOrNone is enclitics and the empty string.
var encliticsOrNone = append(enclitics[:len(enclitics):len(enclitics)], "")

// procliticSeqs lists the proclitic sequences considered, in normalized
// form: an optional conjunction, then a preposition and/or the article,
// or the future particle.
var procliticSeqs = func() []string {
	var out []string
	for _, c := range []string{"", "و", "ف"} {
		for _, p := range []string{"", "ب", "ك", "ل", "ال", "بال", "كال", "لل", "س"} {
			if c+p != "" {
				out = append(out, c+p)
			}
		}
	}
	return out
}()

// maxWordRunes bounds the words SplitClitics analyses; longer ones are
// returned whole.
const maxWordRunes = 48

// procliticsOrNone is the empty string and procliticSeqs.
var procliticsOrNone = append([]string{""}, procliticSeqs...)

// normWord is a word's Search normalization with, for every normalized
// rune, the rune as written and the byte offset in the original word
// where it starts. It holds no pointers into itself, so a normWord on the
// stack analyses a word without allocating.
type normWord struct {
	orig   string
	norm   string // Search normalization of orig
	strict bool   // a final ه is written ه, not a normalized ة
	n      int    // runes in norm

	runes   [maxWordRunes]rune    // runes of norm
	written [maxWordRunes]rune    // each rune of norm as written in orig
	off     [maxWordRunes]int     // byte offset in orig of each rune of norm
	nbo     [maxWordRunes + 1]int // byte offset in norm of each rune, then len(norm)
}

// init analyses w; it reports false when w is too long.
func (nw *normWord) init(w string, strict bool) bool {
	nw.orig, nw.strict, nw.n = w, strict, 0
	for i, r := range w {
		out, changed := mapRune(r, Search)
		if changed && out < 0 {
			continue
		}
		if nw.n == maxWordRunes {
			return false
		}
		nw.runes[nw.n], nw.written[nw.n], nw.off[nw.n] = out, r, i
		nw.n++
	}
	nw.norm = Normalize(w, Search)
	k := 0
	for i := range nw.norm {
		if k == nw.n {
			return false
		}
		nw.nbo[k] = i
		k++
	}
	nw.nbo[k] = len(nw.norm)
	return k == nw.n
}

// byteAt maps a normalized rune position to a byte offset in orig.
func (nw *normWord) byteAt(k int) int {
	if k >= nw.n {
		return len(nw.orig)
	}
	return nw.off[k]
}

// str returns the normalized runes i to j as a substring of norm.
func (nw *normWord) str(i, j int) string { return nw.norm[nw.nbo[i]:nw.nbo[j]] }

func (nw *normWord) hasPrefix(p string) bool { return strings.HasPrefix(nw.norm, p) }

func (nw *normWord) hasSuffix(s string) bool { return strings.HasSuffix(nw.norm, s) }

// segment builds the Segmentation cutting the normalized word at rune
// positions i (end of proclitics) and j (start of enclitic).
func (nw *normWord) segment(i, j int) Segmentation {
	a, b := nw.byteAt(i), nw.byteAt(j)
	if i == 0 {
		a = 0
	}
	if j == nw.n {
		b = len(nw.orig)
	}
	return Segmentation{Proclitics: nw.orig[:a], Base: nw.orig[a:b], Enclitic: nw.orig[b:]}
}

// inflections are suffixes a known base may carry and still count as
// known (plural, dual, feminine, nisba, verb agreement).
var inflections = []string{"يين", "يون", "يات", "تين", "تان", "ات", "ون", "ين", "ان", "وا", "يه", "ه", "ي", "ت", "تم", "نا", "ن", "ا"}

// Levels of knownness a base can have.
const (
	unknown   = iota
	inflected // a lexicon word with an inflectional suffix or verb prefix
	exact     // a lexicon word as it stands
)

// knownBase reports how b (normalized) is known to the lexicon as a word
// of a class in allow. withEnclitic allows the spellings a base takes
// before a pronoun: ت for ة (مرحلته) and ا for ى (مستواه). fem reports
// whether a final ه of b may be the feminine ending ة.
func knownBase(b string, withEnclitic, fem bool, allow wordClass) int {
	if utf8.RuneCountInString(b) < 2 {
		return unknown
	}
	in := func(w string, fem bool) bool { return classOf(w, fem)&allow != 0 }
	if in(b, fem) {
		return exact
	}
	if withEnclitic {
		switch {
		case strings.HasSuffix(b, "ت") && in(b[:len(b)-len("ت")]+"ة", false):
			return exact
		case strings.HasSuffix(b, "ا") && in(b[:len(b)-len("ا")]+"ي", false):
			return exact
		}
	}
	for _, s := range inflections {
		x, ok := strings.CutSuffix(b, s)
		if !ok || utf8.RuneCountInString(x) < 2 || (!fem && strings.HasSuffix(s, "ه")) {
			continue
		}
		if in(x, true) || in(x+"ة", false) || (withEnclitic || s != "ه") && in(x+"ي", true) {
			return inflected
		}
	}
	// Imperfect verbs: the lexicon lists the third-person form (يكتب);
	// accept تكتب نكتب اكتب as well.
	if r, n := utf8.DecodeRuneInString(b); allow&verbal != 0 && (r == 'ت' || r == 'ن' || r == 'ا') && utf8.RuneCountInString(b) >= 3 {
		if in("ي"+b[n:], fem) {
			return inflected
		}
	}
	return unknown
}

// prepOnly reports whether p ends in a preposition or the future
// particle, without the article.
func prepOnly(p string) bool {
	switch {
	case strings.HasSuffix(p, "ال"), strings.HasSuffix(p, "لل"):
		return false
	}
	return strings.HasSuffix(p, "ب") || strings.HasSuffix(p, "ك") || strings.HasSuffix(p, "ل") || strings.HasSuffix(p, "س")
}

// allowedAfter returns the word classes a base may have after the
// proclitics p: prepositions and the article take nouns, the future
// particle a verb, ل a noun or an imperfect verb.
func allowedAfter(p, base string) wordClass {
	switch {
	case p == "", strings.HasSuffix(p, "و"), strings.HasSuffix(p, "ف"):
		return anyClass
	case strings.HasSuffix(p, "س"):
		return verbal
	case strings.HasSuffix(p, "ل") && !strings.HasSuffix(p, "ال") && !strings.HasSuffix(p, "لل") && startsImperfect(base):
		return anyClass
	}
	return nominal
}

// SplitClitics splits word into proclitics, base and enclitic,
// conservatively: a clitic is split off only when what remains is a word
// of the embedded lexicon (possibly inflected), so that names and base
// words that merely start or end with a clitic letter (بروكسل, لبنان,
// فلسطين, كما, ولد, والي) stay whole. Words the lexicon does not know
// lose only an article combination (وال بال كال فال لل ال) or a
// conjunction و in front of one.
//
// Pass word as written: matching uses its Search normalization, but the
// spelling helps to decide: a final ة is the feminine ending, never the
// pronoun ه, and أ is never the alef of the article. The parts returned
// are substrings of word.
func SplitClitics(word string) Segmentation {
	return splitClitics(word, true)
}

// splitClitics implements SplitClitics. With strict unset, a final ه may
// also be a ة written as ه, as in Search-normalized text.
func splitClitics(word string, strict bool) Segmentation {
	whole := Segmentation{Base: word}
	var nw normWord
	if !nw.init(word, strict) {
		return whole
	}
	n := nw.n
	if n < 2 {
		return whole
	}
	// Prepositions with a pronoun: له بها لهم وبه.
	for _, c := range []string{"", "و", "ف"} {
		for _, p := range []string{"ل", "ب"} {
			if !nw.hasPrefix(c + p) {
				continue
			}
			k := utf8.RuneCountInString(c + p)
			// e != "كن" keeps لكن whole.
			if e := nw.str(k, n); isEnclitic(e) && e != "ي" && e != "كن" && nw.written[n-1] != tehMarbuta {
				return nw.segment(utf8.RuneCountInString(c), k)
			}
		}
	}
	if n < 3 {
		return whole
	}
	// Function words with clitics: وفيها عليه ومنهم والذي.
	if seg, ok := nw.functionWord(); ok {
		return seg
	}
	fem := !strict || nw.written[n-1] != heh
	norm := nw.norm
	if IsStopword(norm) {
		return whole
	}
	wholeLevel := knownBase(norm, false, fem, anyClass)
	if wholeLevel == exact && !nw.preferSplit(norm) {
		return whole
	}
	// score prefers an exact base, then the longest base, then more
	// proclitic letters.
	score := func(baseLen, procLen, level int) int { return 8*baseLen + procLen + 6*level }
	best, bestScore := whole, -1
	if wholeLevel != unknown {
		bestScore = score(n, 0, wholeLevel)
	}
	// The proclitic sequences the word starts with (at most a handful).
	var procs [8]string
	np := 0
	for _, p := range procliticsOrNone {
		if np < len(procs) && nw.hasPrefix(p) {
			procs[np] = p
			np++
		}
	}
	for _, e := range encliticsOrNone {
		if !nw.hasSuffix(e) || (e != "" && nw.written[n-1] == tehMarbuta) {
			continue
		}
		j := n - utf8.RuneCountInString(e)
		for _, p := range procs[:np] {
			i := utf8.RuneCountInString(p)
			if j-i < 2 || (p == "" && e == "") {
				continue
			}
			article := strings.HasSuffix(p, "ال") || strings.HasSuffix(p, "لل")
			if article && e != "" {
				continue // the article and a pronoun suffix exclude each other
			}
			if strings.HasSuffix(p, "ال") && !isPlainAlef(nw.written[i-2]) {
				continue
			}
			base := nw.str(i, j)
			if strings.HasSuffix(p, "س") && !startsImperfect(base) {
				continue
			}
			bfem := !strict || nw.written[j-1] != heh
			allow := allowedAfter(p, base)
			level := knownBase(base, e != "", bfem, allow)
			if level == unknown || (level == inflected && (j-i < 3 || e == "ي" || e == "ك" || prepOnly(p))) {
				continue
			}
			score := score(j-i, i, level)
			if article {
				score += 16
			}
			if strings.HasPrefix(base, "ال") && knownBase(base[len("ال"):], e != "", bfem, nominal) != unknown && isPlainAlef(nw.written[i]) {
				score -= 32 // the article belongs with the proclitics
			}
			if score > bestScore {
				best, bestScore = nw.segment(i, j), score
			}
		}
	}
	if bestScore >= 0 {
		return best
	}
	// Unknown word: only the article, with what may precede it.
	for _, p := range []string{"وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال"} {
		k := utf8.RuneCountInString(p)
		if !nw.hasPrefix(p) || n-k < 2 {
			continue
		}
		if !strings.HasSuffix(p, "ال") || isPlainAlef(nw.written[k-2]) {
			return nw.segment(k, n)
		}
	}
	return whole
}

// functionWord splits a stop word (في, الذي, هو, أن) from a conjunction
// or preposition before it and a pronoun after it (ك excepted, for هناك).
func (nw *normWord) functionWord() (Segmentation, bool) {
	n := nw.n
	wholeStop := IsStopword(nw.norm)
	for _, p := range []string{"و", "ف", "ب", "ل", "ك", ""} {
		if !nw.hasPrefix(p) {
			continue
		}
		i := utf8.RuneCountInString(p)
		for _, e := range encliticsOrNone {
			if (e == "" && p == "") || e == "ك" || !nw.hasSuffix(e) {
				continue
			}
			if e == "" && wholeStop && p != "و" && p != "ف" {
				continue // كما, لكن, بان are stop words as they stand
			}
			j := n - utf8.RuneCountInString(e)
			if j-i < 2 || !IsStopword(nw.str(i, j)) || (e != "" && nw.written[n-1] == tehMarbuta) {
				continue
			}
			// A lexicon word spelt like a conjunction on a function word
			// with a plain alef stays whole: والي (governor), not وإلى.
			if e == "" && nw.runes[i] == alef && knownAs(nw.norm, false) {
				continue
			}
			return nw.segment(i, j), true
		}
	}
	return Segmentation{}, false
}

// preferSplit reports whether a word the lexicon knows as a whole is
// nevertheless better read with clitics: a conjunction or preposition on
// a function word (وهو, بذلك) or the article on a known word (الحر),
// where the lexicon entry is a rarer homograph.
func (nw *normWord) preferSplit(norm string) bool {
	r, n := utf8.DecodeRuneInString(norm)
	rest := norm[n:]
	switch r {
	case 'و', 'ف':
		if IsStopword(rest) || strings.HasPrefix(rest, "ال") && nw.articleAt(1) {
			return true
		}
	case 'ب', 'ك', 'ل':
		if IsStopword(rest) && !IsStopword(norm) || strings.HasPrefix(rest, "ال") && nw.articleAt(1) {
			return true
		}
	}
	return strings.HasPrefix(norm, "ال") && nw.articleAt(0)
}

// articleAt reports whether the article ال at rune k can be split off:
// its alef is written plain and what follows is a known word.
func (nw *normWord) articleAt(k int) bool {
	if k+4 > nw.n || !isPlainAlef(nw.written[k]) || nw.str(k, k+2) != "ال" {
		return false
	}
	w := nw.str(k, nw.n)
	if w == "الله" || IsStopword(w) {
		return false
	}
	return knownBase(nw.str(k+2, nw.n), false, !nw.strict || nw.written[nw.n-1] != heh, nominal) != unknown
}

func isPlainAlef(r rune) bool { return r == alef || r == alefWasla }

func isEnclitic(s string) bool {
	for _, e := range enclitics {
		if s == e {
			return true
		}
	}
	return false
}

// startsImperfect reports whether b begins with an imperfect-verb prefix.
func startsImperfect(b string) bool {
	r, _ := utf8.DecodeRuneInString(b)
	return r == 'ي' || r == 'ت' || r == 'ن' || r == 'ا'
}

// StripProclitics splits the leading conjunctions and prepositions
// (و ف ب ل ك) off a name or word and returns them with the rest. The
// article stays with the rest, as entity names carry it: بالعاصمة →
// ("ب", "العاصمة"), وحلف → ("و", "حلف"). After ل the article is
// written لل; its alef is restored: للأمم → ("ل", "الأمم"), so rest is
// then not a substring of word. The decision is SplitClitics's: lexicon
// words such as لبنان and بريطانيا are not split.
func StripProclitics(word string) (prefix, rest string) {
	seg := SplitClitics(word)
	if seg.Proclitics == "" {
		return "", word
	}
	var nw normWord
	if !nw.init(word, true) {
		return seg.Proclitics, word[len(seg.Proclitics):]
	}
	k := utf8.RuneCountInString(Normalize(seg.Proclitics, Search)) // runes of proclitics
	switch {
	case k >= 2 && nw.runes[k-2] == 'ل' && nw.runes[k-1] == 'ل':
		cut := nw.byteAt(k - 1) // the second ل is the article's
		return word[:cut], "ا" + word[cut:]
	case k >= 2 && nw.runes[k-2] == 'ا' && nw.runes[k-1] == 'ل':
		cut := nw.byteAt(k - 2)
		return word[:cut], word[cut:]
	}
	return seg.Proclitics, word[len(seg.Proclitics):]
}
