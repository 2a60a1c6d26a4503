package quote

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/khabar/khabar/internal/matchtext"
	"github.com/khabar/khabar/titles"
)

//go:embed cues.txt
var cuesTxt string

// cue describes one speech verb form.
type cue struct {
	lemma string
	part  bool            // participle (لافتاً، مشيراً): never has its own subject
	fem   bool            // feminine singular (قالت، تؤكد، مشيرة): its subject is a woman or, mostly, an organization
	plur  bool            // plural or dual (قالوا، أكدا، مشيرين): its subject is not one person
	prepA map[string]bool // prepositions that must be followed by أن
	prep  map[string]bool // prepositions that introduce the content themselves
}

// lexicon maps normalized verb forms to cues.
type lexicon map[string]*cue

var cues = mustParseCues(cuesTxt)

func mustParseCues(s string) lexicon {
	lx, err := parseCues(s)
	if err != nil {
		panic(err) // the embedded file is checked by TestCuesFile
	}
	return lx
}

// parseCues reads the cue file format described in cues.txt.
func parseCues(s string) (lexicon, error) {
	lx := lexicon{}
	for n, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 2 {
			return nil, fmt.Errorf("cues.txt:%d: want lemma<TAB>forms[<TAB>complements], got %q", n+1, line)
		}
		c := &cue{lemma: cols[0], prepA: map[string]bool{}, prep: map[string]bool{}}
		if len(cols) > 2 {
			for _, p := range strings.Fields(cols[2]) {
				if strings.HasSuffix(p, "+") {
					c.prepA[matchtext.FoldWord(strings.TrimSuffix(p, "+"))] = true
				} else {
					c.prep[matchtext.FoldWord(p)] = true
				}
			}
		}
		for _, f := range strings.Fields(cols[1]) {
			nf := matchtext.FoldWord(f)
			cc := *c
			cc.part = isParticiple(nf) || c.lemma == "قول"
			cc.fem, cc.plur = agreement(f, cols[0], cc.part)
			if _, dup := lx[nf]; dup {
				return nil, fmt.Errorf("cues.txt:%d: form %q listed twice", n+1, f)
			}
			lx[nf] = &cc
		}
	}
	return lx, nil
}

// isParticiple reports whether a normalized cue form is an active
// participle: مُفعِل forms (مؤكدا، مشيرا، موضحة) or فاعل forms (لافتا، قائلة).
func isParticiple(nf string) bool {
	rs := []rune(nf)
	if len(rs) < 4 {
		return false
	}
	if rs[0] == 'م' {
		return true
	}
	last := rs[len(rs)-1]
	return len(rs) >= 5 && rs[1] == 'ا' && !strings.HasSuffix(nf, "وا") && (last == 'ا' || last == 'ه' || strings.HasSuffix(nf, "ين"))
}

// agreement tells the gender and number of a cue form from its written
// ending (before normalization, which folds ة into ه): a perfect in ت
// (قالت) or an imperfect in ت (تقول) whose lemma has no ت there, a
// participle in ة (مؤكدة); a plural in وا, ون or ين, a dual in ا after a
// perfect (قالا).
func agreement(form, lemma string, part bool) (fem, plur bool) {
	switch {
	case form == lemma:
		return false, false // بين: the lemma itself, whatever its ending
	case strings.HasSuffix(form, "وا") || strings.HasSuffix(form, "ون") || strings.HasSuffix(form, "ين"):
		return false, true
	case !part && strings.HasSuffix(form, "ا") && !strings.HasSuffix(lemma, "ا"):
		return false, true
	case part:
		return strings.HasSuffix(form, "ة"), false
	case strings.HasSuffix(form, "ت") && !strings.HasSuffix(lemma, "ت"),
		strings.HasPrefix(form, "ت") && !strings.HasPrefix(lemma, "ت"):
		return true, false
	}
	return false, false
}

// lookup returns the cue for a normalized token, allowing one leading
// conjunction; conj reports whether one was removed.
func (lx lexicon) lookup(w string) (c *cue, conj bool) {
	if c := lx[w]; c != nil {
		return c, false
	}
	if s, ok := matchtext.StripConj(w); ok {
		if c := lx[s]; c != nil {
			return c, true
		}
	}
	return nil, false
}

// complementizers are the normalized forms of أن/إن with attached pronouns
// and the preposition ب.
var complementizers = map[string]bool{}

func init() {
	for _, base := range []string{"ان", "بان", "وان"} {
		for _, suf := range []string{"", "ه", "ها", "هم", "هما", "هن", "نا", "ني", "ي", "ك", "كم"} {
			complementizers[base+suf] = true
		}
	}
}

// honorificPronouns are titles with a pronoun suffix that stand for the
// current speaker (وأوضح سعادته): the pronouns of package titles.
var honorificPronouns = func() map[string]bool {
	m := map[string]bool{}
	for w := range titles.Pronouns() {
		m[matchtext.FoldWord(w)] = true
	}
	return m
}()

// honorificOf maps a folded honorific pronoun (سماحته) to the folded
// honorific it stands for (سماحه).
var honorificOf = func() map[string]string {
	m := map[string]string{}
	for w, h := range titles.Pronouns() {
		m[matchtext.FoldWord(w)] = matchtext.FoldWord(h)
	}
	return m
}()

// titleWords open a subject that names a function rather than a person
// (وأوضح سفير دولة قطر …): the quote-office selection of package titles,
// and وكيل (وكيل الوزارة), which the selection leaves to the roles.
var titleWords = wordSet(strings.Join(titles.Select("quote-office"), " ") + " وكيل الوكيل وكيلة الوكيلة")

// sourceWords open an unnamed source (مصدر عسكري، مسؤول أمريكي).
var sourceWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields("مصدر مصادر المصدر المصادر مسؤول مسؤولون مسؤولين مسوول المسؤول مسؤوله شهود شاهد " +
		"بيان البيان تقرير التقرير تقارير التقارير مراقبون محللون خبراء دبلوماسي دبلوماسيون مراسل وكاله الوكاله اوساط الاوساط " +
		"متعاملون متعاملين مختصون مختصين") {
		sourceWords[w] = true
	}
}
