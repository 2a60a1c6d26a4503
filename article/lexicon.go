package article

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"

	"github.com/khabar/khabar/arabic"
)

//go:embed data/sources.txt
var sourcesData string

//go:embed data/places.txt
var placesData string

//go:embed data/sections.txt
var sectionsData string

// lexicon holds the dateline word lists, keyed by matchKey.
type lexicon struct {
	sources  map[string]bool
	places   map[string]bool
	sections map[string]bool // newspaper section names: never a place or source
	maxLen   int             // most words in one source or place
}

var (
	lexOnce sync.Once
	lex     lexicon
)

func getLexicon() *lexicon {
	lexOnce.Do(func() {
		lex.sources = map[string]bool{}
		lex.places = map[string]bool{}
		lex.sections = map[string]bool{}
		loadList(sectionsData, lex.sections)
		lex.maxLen = loadList(sourcesData, lex.sources)
		if n := loadList(placesData, lex.places); n > lex.maxLen {
			lex.maxLen = n
		}
	})
	return &lex
}

// loadList adds every spelling of every line of data to m and returns
// the largest number of words in one spelling.
func loadList(data string, m map[string]bool) int {
	max := 1
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		for _, name := range strings.Split(line, "|") {
			k := matchKey(name)
			if k == "" {
				continue
			}
			m[k] = true
			if n := strings.Count(k, " ") + 1; n > max {
				max = n
			}
		}
	}
	return max
}

// matchKey folds s for list look-ups with arabic.NameFold (alef forms
// to ا, ى to ي, ة to ه, no tatweel or diacritics, lower case), with dots,
// quotation marks and brackets as spaces and single spaces, trimmed.
func matchKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range s {
		switch {
		case r == '.' || r == '«' || r == '»' || r == '"' || r == '(' || r == ')' || r == '“' || r == '”' || unicode.IsSpace(r):
			r = ' '
		default:
			if r = arabic.NameFold.Rune(r); r < 0 {
				continue
			}
		}
		if r == ' ' {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), " ")
}

// isSection reports whether the whole of s is a newspaper section name
// ("المحليات", "الرياضة"), which a dateline may carry but which names no
// place, source or author.
func isSection(s string) bool { return getLexicon().sections[matchKey(s)] }

// isSource reports whether the whole of s names a known source.
func isSource(s string) bool { return getLexicon().sources[matchKey(s)] }

// isPlace reports whether the whole of s names a known place.
func isPlace(s string) bool { return getLexicon().places[matchKey(s)] }

// findSource returns the longest run of words of s that names a known
// source, as written in s, or "". Sources spelled with the article ال
// ("العربية", "الوطن") are common words too and must fill s alone.
func findSource(s string) string {
	words := strings.Fields(s)
	l := getLexicon()
	for n := min(l.maxLen, len(words)); n >= 1; n-- {
		for i := 0; i+n <= len(words); i++ {
			cand := strings.Join(words[i:i+n], " ")
			if k := matchKey(cand); l.sources[k] && (n == len(words) || !strings.HasPrefix(k, "ال")) {
				return cand
			}
		}
	}
	return ""
}

// orgHeads are first words of organization names that make a dateline
// segment a source rather than an author ("إدارة الإعلام والاتصال").
var orgHeads = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`ادارة الادارة وزارة الوزارة وكالة الوكالة مكتب المكتب هيئة الهيئة مركز المركز
		قسم شعبة دائرة الدائرة مديرية المديرية مجلس المجلس جمعية الجمعية بلدية امانة الامانة امارة الامارة شرطة
		الشرطة شركة الشركة جامعة الجامعة صحيفة موقع قناة اذاعة تلفزيون المتحدث الناطق فريق لجنة اللجنة منظمة المنظمة
		سفارة السفارة قنصلية القنصلية`) {
		orgHeads[matchKey(w)] = true
	}
}

func isOrg(s string) bool {
	f := strings.Fields(matchKey(s))
	return len(f) > 0 && orgHeads[f[0]]
}
