package event

import (
	"strings"

	"golang.org/x/text/language"

	"github.com/khabar/khabar/internal/matchtext"
)

// actor describes entity index i in the given role, with its country code
// and sector.
func (d *doc) actor(i int, role string) Actor {
	e := d.a.Entities[i]
	ac := Actor{Entity: e.ID, Name: e.Name, Type: e.Type, Role: role}
	iso2 := ""
	if e.KB != nil {
		ac.NameEn, ac.Wikidata, iso2 = e.KB.NameEn, e.KB.Wikidata, e.KB.Country
	}
	ac.Sector = sector(e.Type, e.Name, e.Title)
	if iso2 == "" && e.Type == "PER" && e.Title != "" {
		iso2 = d.titleCountry(e.Title)
	}
	ac.Country = ISO3(iso2)
	if ac.Country == "" && ac.Sector == "IGO" && e.Type == "ORG" {
		ac.Country = "IGO"
	}
	return ac
}

// titleCountry is the country of the first located entity named in a
// person's title (سفير دولة قطر → QA).
func (d *doc) titleCountry(title string) string {
	// The answer depends on the title alone: a text that repeats one
	// titled person would otherwise rescan every entity and mention for
	// each of their events.
	if cc, ok := d.titleCC[title]; ok {
		return cc
	}
	if d.titleCC == nil {
		d.titleCC = map[string]string{}
		// Each name of a located entity once, where it first occurs:
		// a later occurrence of the same name never wins.
		seen := map[string]bool{}
		add := func(name, cc string) {
			if name != "" && !seen[name] {
				seen[name] = true
				d.locNames = append(d.locNames, locName{name, cc})
			}
		}
		for _, e := range d.a.Entities {
			if e.Type != "LOC" || e.KB == nil || e.KB.Country == "" {
				continue
			}
			add(e.Name, e.KB.Country)
			for _, m := range e.Mentions {
				add(m.Text, e.KB.Country)
			}
		}
	}
	best, at := "", len(title)+1
	for _, n := range d.locNames {
		if k := strings.Index(title, n.name); k >= 0 && k < at {
			best, at = n.country, k
		}
	}
	d.titleCC[title] = best
	return best
}

// locName is a name of a located entity and its country.
type locName struct{ name, country string }

// ISO3 converts an ISO 3166-1 alpha-2 code to alpha-3 ("QA" → "QAT"). It
// returns "" for anything else.
func ISO3(iso2 string) string {
	if len(iso2) != 2 {
		return ""
	}
	r, err := language.ParseRegion(strings.ToUpper(iso2))
	if err != nil || !r.IsCountry() {
		return ""
	}
	return r.ISO3()
}

// sectorRules map words of a name or title to PLOVER sector codes, first
// match wins; IGO names come before the generic government words.
var sectorRules = []struct {
	words  []string
	sector string
}{
	{words: strings.Fields("حلف الناتو الامم المتحده مجلس التعاون الاتحاد الاوروبي الافريقي الدول منظمه مبادره صندوق النقد البنك الدولي اليونسكو اليونيسف الاونروا"), sector: "IGO"},
	{words: strings.Fields("جيش الجيش قوات القوات لواء اللواء عميد العميد فريق الفريق عقيد العقيد الاركان عسكري العسكري"), sector: "MIL"},
	{words: strings.Fields("شرطه الشرطه"), sector: "COP"},
	{words: strings.Fields("برلمان البرلمان النواب الشوري الكنيست مجلس الامه نائب"), sector: "LEG"},
	{words: strings.Fields("محكمه المحكمه القضاء قاضي القاضي النيابه"), sector: "JUD"},
	{words: strings.Fields("حزب الحزب"), sector: "PTY"},
	{words: strings.Fields("جامعه الجامعه مدرسه طلاب الطلاب"), sector: "EDU"},
	{words: strings.Fields("وزير وزاره الوزراء حكومه الحكومه رئيس الرئيس امير الامير ملك الملك سفير السفير سفاره ولي العهد محافظ مندوب اداره الرئاسه الديوان الخارجيه"), sector: "GOV"},
	{words: strings.Fields("شركه الشركه بنك مصرف"), sector: "BUS"},
	{words: strings.Fields("صحيفه قناه وكاله الانباء"), sector: "JRN"},
}

// The rule words are compared in their matching form, folded once here.
func init() {
	for _, r := range sectorRules {
		for j, w := range r.words {
			r.words[j] = matchtext.FoldWord(w)
		}
	}
}

// sector guesses the PLOVER sector of an entity from its name and title.
// A country or city has none: it stands for the state as a whole.
func sector(typ, name, title string) string {
	if typ == "LOC" || typ == "MISC" {
		return ""
	}
	if typ == "PER" {
		// The head of a title decides: سفير دولة قطر لدى حلف … is GOV.
		if f := strings.Fields(matchtext.Normalize(title)); len(f) > 0 {
			for _, r := range sectorRules[1:] {
				for _, w := range r.words {
					if f[0] == w {
						return r.sector
					}
				}
			}
		}
	}
	words := map[string]bool{}
	for _, w := range strings.Fields(matchtext.Normalize(name + " " + title)) {
		words[w] = true
		words[strings.TrimPrefix(w, "ل")] = true
	}
	for _, r := range sectorRules {
		for _, w := range r.words {
			if words[w] {
				return r.sector
			}
		}
	}
	return ""
}
