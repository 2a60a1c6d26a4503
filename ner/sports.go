package ner

import (
	"strings"
	"sync"

	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/kb"
)

// Sports pages name clubs bare (فاز الهلال على النصر): the knowledge
// base's clubs whose names are common words (الهلال crescent, الاتحاد
// union) are no evidence for the model in general text, and the model
// misses them. In a text about sport, an untagged club name of the
// knowledge base is a mention of the club.

// sportsCues are words of sport reporting, in norm's alphabet, without
// proclitics; a text with minSportsCues of them is about sport.
var sportsCues = map[string]bool{
	"مباراه": true, "المباراه": true, "مباريات": true, "المباريات": true, "الدوري": true, "دوري": true,
	"المدرب": true, "مدرب": true, "لاعب": true, "اللاعب": true, "لاعبي": true, "اللاعبين": true, "لاعبين": true,
	"هدف": true, "هدفين": true, "الاهداف": true, "اهداف": true, "الملعب": true, "المنتخب": true, "منتخب": true,
	"الفريق": true, "فريق": true, "الموسم": true, "البطوله": true, "بطوله": true, "الكره": true, "كره": true,
	"حارس": true, "التعادل": true, "الشوط": true, "شوط": true, "الجماهير": true, "نادي": true, "الانديه": true,
}

// minSportsCues is how many cue words make a text about sport.
const minSportsCues = 4

// maxClubWords is the longest club name the pass looks for, in words.
const maxClubWords = 3

var (
	clubOnce  sync.Once
	clubNames map[string]bool // folded club names, words joined by one space
)

// clubs returns the knowledge base's names of clubs as written bare
// (الهلال، اتحاد جدة, not نادي الهلال nor national teams), folded.
func clubs() map[string]bool {
	clubOnce.Do(func() {
		clubNames = map[string]bool{}
		kb.Default().Entries(func(e *kb.Entry) bool {
			if e.Kind != "club" {
				return true
			}
			for _, list := range [][]string{{e.NameAr}, e.Aliases, e.Weak} {
				for _, n := range list {
					f := strings.Fields(n)
					if len(f) == 0 || len(f) > maxClubWords || !hasArabic(n) {
						continue
					}
					if h := norm(f[0]); h == "نادي" || h == "المنتخب" || h == "منتخب" || h == "فريق" {
						continue
					}
					for i := range f {
						f[i] = norm(f[i])
					}
					clubNames[strings.Join(f, " ")] = true
				}
			}
			return true
		})
	})
	return clubNames
}

// sportsText reports whether the folded words fw hold minSportsCues words
// of sport, with or without proclitics.
func sportsText(fw []string) bool {
	cues := sportsForms()
	n := 0
	for _, w := range fw {
		if cues[w] {
			if n++; n >= minSportsCues {
				return true
			}
		}
	}
	return false
}

var (
	sportsOnce  sync.Once
	sportsCache map[string]bool
)

// sportsForms returns the cue words of sportsCues with and without the
// proclitics of proclitics (لاعب، واللاعب، للمدرب), folded.
func sportsForms() map[string]bool {
	sportsOnce.Do(func() {
		sportsCache = map[string]bool{}
		for c := range sportsCues {
			sportsCache[c] = true
			bare := strings.TrimPrefix(c, "ال")
			for _, p := range proclitics {
				switch {
				case strings.HasSuffix(p, "ال") && bare != c:
					sportsCache[p+bare] = true
				case strings.HasSuffix(p, "لل") && bare != c:
					sportsCache[p+bare] = true
				case !strings.HasSuffix(p, "ال") && !strings.HasSuffix(p, "لل"):
					sportsCache[p+c] = true
				}
			}
		}
	})
	return sportsCache
}

// sportsClubs adds ORG spans for untagged club names in a text about
// sport that names the same club with a head (نادي الهلال، فريق الاتحاد)
// or as an organization the model found, and returns the spans in text
// order; covered is kept up to date.
// الاتحاد before a definite word or ل (الاتحاد الآسيوي، الاتحاد لكرة
// القدم) is a federation and is left to the model.
func (t *Tagger) sportsClubs(text string, toks []arabic.Token, fw []string, spans []Span, covered []bool) []Span {
	if len(toks) == 0 || !sportsText(fw) && !namesClub(spans) {
		return spans
	}
	names := named(text, toks, fw, spans, clubs())
	for k := range bigClubs {
		if names == nil {
			names = map[string]bool{}
		}
		names[k] = true
	}
	var ix spanIndex
	var key strings.Builder
	for i := 0; i < len(toks); i++ {
		if covered[i] || !arabicWord(toks[i].Text) {
			continue
		}
		pro, first := clubWord(fw[i])
		for n := min(maxClubWords, len(toks)-i); n >= 1; n-- {
			key.Reset()
			key.WriteString(first)
			ok := true
			for j := i + 1; j < i+n; j++ {
				if covered[j] || !sameLine(text, toks[j-1], toks[j]) {
					ok = false
					break
				}
				key.WriteByte(' ')
				key.WriteString(fw[j])
			}
			if !ok || !names[key.String()] {
				continue
			}
			if i > 0 && strings.HasSuffix(fw[i-1], "رعايه") {
				break // رعاية الشباب: youth welfare, no club
			}
			if n == 1 && i+1 < len(toks) && listedOrgStart(first, fw[i+1]) {
				break // الهلال الأحمر is another body, listed
			}
			if n == 1 && first == "الاتحاد" && i+1 < len(toks) {
				if next := fw[i+1]; strings.HasPrefix(next, "ال") || strings.HasPrefix(next, "ل") {
					break
				}
			}
			sp, ok := tokenSpan(text, toks, i, i+n, rawRunes(toks[i].Text, pro), "ORG")
			if !ok {
				break
			}
			if strings.HasPrefix(first, "ال") && !strings.HasPrefix(norm(sp.Text), "ال") {
				sp.Name = "ال" + sp.Text // للهلال → الهلال
			}
			ix.added = append(ix.added, sp)
			for j := i; j < i+n; j++ {
				covered[j] = true
			}
			i += n - 1
			break
		}
	}
	return ix.merge(spans)
}

// namesClub reports whether one of spans is an organization the
// knowledge base knows as a club (النصر السعودي, اتحاد جدة): a text that
// names a club is about sport even with few words of sport reporting.
func namesClub(spans []Span) bool {
	names := clubs()
	for _, sp := range spans {
		if sp.Type == "ORG" && names[norm(sp.Name)] {
			return true
		}
	}
	return false
}

// clubWord returns how many letters of proclitics the folded word n has
// before a club's name could begin, and the folded name: للهلال is ل +
// الهلال, والنصر و + النصر.
func clubWord(n string) (int, string) {
	if clubs()[n] {
		return 0, n
	}
	skip, word, _ := cliticWord(n)
	return skip, word
}

// bigClubs are the clubs Saudi sports pages name bare all the time: in a
// text about sport they are the clubs even when the text never writes
// نادي before them (الاتحاد is as often the federation: it needs نادي).
var bigClubs = map[string]bool{"الهلال": true, "النصر": true, "الاهلي": true}

// clubHeads are the words that name a club when written before its name.
var clubHeads = map[string]bool{"نادي": true, "فريق": true}

// named returns the club names of names (folded) that the text gives in
// a strong form: after a head of clubHeads (with its proclitics), or as
// the whole of an organization span. أحد (one, a Medina club) is never
// taken bare.
func named(text string, toks []arabic.Token, fw []string, spans []Span, names map[string]bool) map[string]bool {
	var out map[string]bool
	take := func(k string) {
		if names[k] && k != "احد" {
			if out == nil {
				out = map[string]bool{}
			}
			out[k] = true
		}
	}
	for i := 0; i+1 < len(toks); i++ {
		if !clubHeads[fw[i]] {
			if _, base := stripClitics(fw[i]); !clubHeads[base] {
				continue
			}
		}
		if !sameLine(text, toks[i], toks[i+1]) {
			continue
		}
		k := fw[i+1]
		take(k)
		if i+2 < len(toks) {
			take(k + " " + fw[i+2])
		}
	}
	for _, sp := range spans {
		if sp.Type == "ORG" {
			take(norm(sp.Name))
		}
	}
	return out
}

// leagueExtras are demonyms of football nations the knowledge base has no
// country for (England, Scotland, Wales), definite, in norm's alphabet.
var leagueExtras = map[string]bool{"الانجليزي": true, "الانكليزي": true, "الاسكتلندي": true, "الويلزي": true}

// leagues adds MISC spans for a national league named by the definite
// الدوري and a nation's adjective (الدوري الإسباني، الدوري السعودي
// الممتاز), which are competitions' names, and returns the spans in text
// order; covered is kept up to date.
func (t *Tagger) leagues(text string, toks []arabic.Token, fw []string, spans []Span, covered []bool) []Span {
	g := defaultGazetteer()
	var ix spanIndex
	for i := 0; i+1 < len(toks); i++ {
		if covered[i] || covered[i+1] || !sameLine(text, toks[i], toks[i+1]) {
			continue
		}
		if !strings.HasSuffix(fw[i], "دوري") {
			continue
		}
		pro, word := clubWord(fw[i])
		if word != "الدوري" {
			continue
		}
		adj := fw[i+1]
		if g.word[adj]&gKBDem == 0 && !leagueExtras[adj] || !strings.HasPrefix(adj, "ال") {
			continue
		}
		end := i + 2
		if end < len(toks) && !covered[end] && sameLine(text, toks[end-1], toks[end]) && fw[end] == "الممتاز" {
			end++
		}
		if ix.add(text, toks, covered, i, end, rawRunes(toks[i].Text, pro), "MISC") {
			if sp := &ix.added[len(ix.added)-1]; !strings.HasPrefix(norm(sp.Text), "ال") {
				sp.Name = "ال" + sp.Text // للدوري → الدوري
			}
			i = end - 1
		}
	}
	return ix.merge(spans)
}

// listedOrgStart reports whether the folded words a and b begin (or are)
// an organization name of the lists or the knowledge base.
func listedOrgStart(a, b string) bool {
	r, ok := defaultGazetteer().table.lookup(uint64(newHash(0).str(a).byte(' ').str(b)))
	return ok && uint16(r)&(gKBOrg|gOrgL|gPrefix) != 0
}

// clubNationality reports whether the folded words first, rest... are a
// club's name of the knowledge base and a nationality adjective after it
// (النصر السعودي): the press adds the nationality to a club's name, which
// is not part of it (the guide: العين الإماراتي → العين). الاتحاد with a
// nationality is as often the national federation, and الهلال الأحمر
// (no nisba) the Red Crescent.
func clubNationality(g *gazetteer, first string, rest []string) bool {
	if len(rest) == 0 || first == "الاتحاد" {
		return false
	}
	last := rest[len(rest)-1]
	if g.word[last]&gKBDem == 0 || !strings.HasSuffix(last, "ي") {
		return false
	}
	return clubs()[strings.Join(append([]string{first}, rest[:len(rest)-1]...), " ")]
}
