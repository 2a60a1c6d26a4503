// Command gen builds khabar's knowledge-base file kb.tsv.gz from ship-safe
// inputs:
//
//   - country names from CLDR (golang.org/x/text/language/display) and
//     Debian's iso-codes (/usr/share/iso-codes/json/iso_3166-1.json and
//     the Arabic translations in /usr/share/locale/ar/LC_MESSAGES/iso_3166-1.mo);
//   - ../shared/data/countries-ar (mledoze: ODbL 1.0; umpirsky: MIT);
//   - ../shared/data/world-cities-ar (CC BY 4.0);
//   - the curated files in kb/data, written for khabar (orgs*.tsv,
//     facilities.tsv, clubs.tsv, and the ministries and councils of
//     government.tsv, expanded by country);
//   - ../shared/data/arwikicats-ar (MIT): the English names of the clubs
//     of clubs.tsv, checked against its Arabic titles.
//
// Run it through "go generate ./kb". The output is deterministic.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/khabar/khabar/arabic"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// entry mirrors kb.Entry in the file's column order.
type entry struct {
	id, typ, kind, country, iso3, wikidata, nameAr, nameEn string
	aliases, weak, acronyms, demonyms, generic             []string
	capital, office, parent, city                          string
	curated                                                bool
	from, to, population                                   int
}

func main() {
	shared := flag.String("shared", "../../shared/data", "the shared data `directory`")
	iso := flag.String("isocodes", "/usr/share/iso-codes/json/iso_3166-1.json", "iso-codes ISO 3166-1 JSON `file`")
	mo := flag.String("mo", "/usr/share/locale/ar/LC_MESSAGES/iso_3166-1.mo", "iso-codes Arabic catalog `file`")
	data := flag.String("data", "data", "curated data `directory`")
	out := flag.String("out", "kb.tsv.gz", "output `file`")
	flag.Parse()
	g := &gen{byID: map[string]*entry{}}
	if err := g.run(*shared, *iso, *mo, *data); err != nil {
		log.Fatal(err)
	}
	if err := g.write(*out); err != nil {
		log.Fatal(err)
	}
}

type gen struct {
	list      []*entry
	byID      map[string]*entry
	countryEn map[string]string // English country name (lower) → iso2
	capitalEn map[string]string // iso2 → English capital name
	demStem   map[string]string // iso2 → masculine singular nationality adjective (سعودي)
}

func (g *gen) add(e *entry) *entry {
	if old, ok := g.byID[e.id]; ok {
		return old
	}
	g.byID[e.id] = e
	g.list = append(g.list, e)
	return e
}

func (g *gen) run(shared, isoPath, moPath, data string) error {
	if err := g.countries(shared, isoPath, moPath, data); err != nil {
		return err
	}
	if err := g.cities(shared, data); err != nil {
		return err
	}
	for _, f := range []string{"orgs.tsv", "orgs_arab.tsv", "orgs_gulf.tsv", "media.tsv", "facilities.tsv", "competitions.tsv"} {
		if err := g.orgs(filepath.Join(data, f)); err != nil {
			return err
		}
	}
	if err := g.government(filepath.Join(data, "government.tsv")); err != nil {
		return err
	}
	if err := g.clubs(filepath.Join(data, "clubs.tsv"), filepath.Join(shared, "arwikicats-ar", "entities_en_ar.tsv")); err != nil {
		return err
	}
	if err := g.people(filepath.Join(data, "people.tsv")); err != nil {
		return err
	}
	g.dedupAliases()
	return g.check()
}

// readTSV reads a tab-separated file, skipping '#' comments and the
// header row (the first non-comment row).
func readTSV(path string, cols int) ([][]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rows [][]string
	header := true
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		f := strings.Split(line, "\t")
		for len(f) < cols {
			f = append(f, "")
		}
		if len(f) > cols {
			return nil, fmt.Errorf("%s:%d: %d columns, want %d", path, i+1, len(f), cols)
		}
		for j := range f {
			f[j] = strings.TrimSpace(f[j])
		}
		rows = append(rows, f)
	}
	return rows, nil
}

func split(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (g *gen) countries(shared, isoPath, moPath, data string) error {
	type isoRow struct {
		A2       string `json:"alpha_2"`
		A3       string `json:"alpha_3"`
		Name     string `json:"name"`
		Official string `json:"official_name"`
		Common   string `json:"common_name"`
	}
	var isoDoc struct {
		Rows []isoRow `json:"3166-1"`
	}
	b, err := os.ReadFile(isoPath)
	if err != nil {
		return fmt.Errorf("iso-codes (apt-get install iso-codes): %w", err)
	}
	if err := json.Unmarshal(b, &isoDoc); err != nil {
		return fmt.Errorf("%s: %w", isoPath, err)
	}
	tr, err := readMO(moPath)
	if err != nil {
		return fmt.Errorf("%s: %w", moPath, err)
	}
	ml, err := readTSV(filepath.Join(shared, "countries-ar", "countries_mledoze.tsv"), 11)
	if err != nil {
		return err
	}
	mled := map[string][]string{}
	for _, r := range ml {
		mled[r[0]] = r
	}
	ump := map[string]string{}
	if f, err := os.Open(filepath.Join(shared, "countries-ar", "country_names_umpirsky_ar.csv")); err == nil {
		recs, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			return fmt.Errorf("umpirsky: %w", err)
		}
		for _, r := range recs[1:] {
			ump[r[0]] = r[1]
		}
	} else {
		return err
	}
	cur, err := readTSV(filepath.Join(data, "countries.tsv"), 5)
	if err != nil {
		return err
	}
	curated := map[string][]string{}
	for _, r := range cur {
		curated[r[0]] = r
	}
	arNamer := display.Regions(language.Arabic)
	enNamer := display.English.Regions()
	g.countryEn = map[string]string{}
	g.capitalEn = map[string]string{}
	g.demStem = map[string]string{}
	rows := isoDoc.Rows
	if _, ok := curated["XK"]; ok {
		rows = append(rows, isoRow{A2: "XK", A3: "XKX", Name: "Kosovo"})
	}
	for _, r := range rows {
		e := &entry{id: "country:" + r.A2, typ: "LOC", kind: "country", country: r.A2, iso3: r.A3}
		reg, _ := language.ParseRegion(r.A2)
		cldrAr, cldrEn := "", ""
		if reg.IsCountry() || r.A2 == "XK" {
			cldrAr, cldrEn = arNamer.Name(reg), enNamer.Name(reg)
		}
		var ar []string
		if !strings.Contains(cldrAr, " - ") {
			ar = append(ar, cldrAr)
		}
		c := curated[r.A2]
		if c != nil {
			e.wikidata = c[1]
			ar = append(ar, split(c[2])...)
		}
		for _, n := range []string{r.Name, r.Official, r.Common} {
			ar = append(ar, tr[n])
		}
		m := mled[r.A2]
		if m != nil {
			ar = append(ar, m[2], m[3], m[4], m[5])
			g.capitalEn[r.A2] = m[8]
		}
		ar = append(ar, ump[r.A2])
		en := []string{}
		if m != nil {
			en = append(en, m[6], m[7])
		}
		en = append(en, r.Common, r.Name, r.Official)
		if !strings.Contains(cldrEn, " - ") {
			en = append(en, cldrEn)
		}
		if c != nil {
			en = append(en, split(c[4])...)
		}
		ar, en = clean(ar), clean(en)
		if len(ar) == 0 || len(en) == 0 {
			log.Printf("country %s: no Arabic or English name, skipped", r.A2)
			continue
		}
		e.weak = append(e.weak, weakCountry[r.A2]...)
		if c := canonicalAr[r.A2]; c != "" {
			ar = clean(append([]string{c}, ar...))
		}
		e.nameAr, e.aliases = ar[0], ar[1:]
		e.nameEn = en[0]
		e.aliases = append(e.aliases, en[1:]...)
		for _, n := range en {
			g.countryEn[strings.ToLower(n)] = r.A2
		}
		g.countryEn[strings.ToLower(cldrEn)] = r.A2
		if c != nil {
			if st := split(c[3]); len(st) > 0 {
				g.demStem[r.A2] = st[0]
			}
			for _, stem := range split(c[3]) {
				e.demonyms = append(e.demonyms, demonymForms(stem)...)
			}
			e.demonyms = clean(e.demonyms)
		}
		g.add(e)
	}
	// Names world-cities-ar spells its own way.
	for n, c := range map[string]string{"czech republic": "CZ", "ivory coast": "CI", "democratic republic of the congo": "CD",
		"republic of the congo": "CG", "east timor": "TL", "swaziland": "SZ", "macedonia": "MK", "palestine": "PS",
		"vatican city": "VA", "cape verde": "CV", "the gambia": "GM", "the bahamas": "BS", "federated states of micronesia": "FM",
		"people's republic of china": "CN", "kingdom of the netherlands": "NL", "state of palestine": "PS", "turkey": "TR",
		"south korea": "KR", "north korea": "KP", "russia": "RU", "syria": "SY", "iran": "IR", "laos": "LA", "vietnam": "VN",
		"bolivia": "BO", "venezuela": "VE", "tanzania": "TZ", "moldova": "MD", "brunei": "BN", "taiwan": "TW", "kosovo": "XK",
		"palestinian territory occupied": "PS", "hong kong s.a.r.": "HK", "fiji islands": "FJ", "bosnia and herzevina": "BA",
		"man (isle of)": "IM"} {
		if _, ok := g.countryEn[n]; !ok {
			g.countryEn[n] = c
		}
	}
	return nil
}

// canonicalAr overrides the CLDR name where it is not the usual one.
var canonicalAr = map[string]string{"PS": "فلسطين"}

// weakCountry lists country names that are also common words or other
// places' names: مالي (financial), عمان (also Amman, عمّان).
var weakCountry = map[string][]string{"ML": {"مالي"}, "OM": {"عمان", "عُمان"}}

// ambiguousDemonyms are masculine singular nationality adjectives that are
// also common given names or words; only their other forms are kept.
var ambiguousDemonyms = map[string]bool{"تركي": true}

// demonymForms inflects a nationality adjective given in the masculine
// singular (one or more words, e.g. "كوري جنوبي") into the feminine,
// the plurals and the dual-oblique, each with and without the article.
func demonymForms(stem string) []string {
	words := strings.Fields(stem)
	var out []string
	for _, suf := range []string{"", "ة", "ون", "ين", "ات", "تين", "تان"} {
		for _, def := range []bool{false, true} {
			if suf == "" && !def && ambiguousDemonyms[stem] {
				continue
			}
			var ws []string
			for _, w := range words {
				f := w + suf
				if def {
					f = "ال" + f
				}
				ws = append(ws, f)
			}
			out = append(out, strings.Join(ws, " "))
		}
	}
	return out
}

// clean trims names, drops empty ones and duplicates (after
// normalization), keeping the first spelling.
func clean(names []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		n = strings.Join(strings.Fields(n), " ")
		if n == "" {
			continue
		}
		k := arabic.Normalize(n, arabic.Match)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, n)
	}
	return out
}

var orgTypes = map[string]string{"alliance": "ORG", "org": "ORG", "body": "ORG", "agency": "ORG", "ministry": "ORG",
	"military": "ORG", "news": "ORG", "company": "ORG", "party": "ORG", "court": "ORG", "parliament": "ORG", "other": "ORG",
	"security": "ORG", "platform": "ORG", "club": "ORG", "university": "ORG",
	"competition": "MISC", "event": "MISC",
	"airport": "LOC", "port": "LOC", "stadium": "LOC", "hospital": "LOC", "mosque": "LOC", "facility": "LOC"}

func (g *gen) orgs(path string) error {
	rows, err := readTSV(path, 10)
	if err != nil {
		return err
	}
	for _, r := range rows {
		typ, ok := orgTypes[r[1]]
		if !ok {
			return fmt.Errorf("%s: %s: unknown kind %q", path, r[0], r[1])
		}
		e := &entry{id: "org:" + r[0], typ: typ, kind: r[1], nameAr: r[2], nameEn: r[3], country: r[6],
			wikidata: r[7], acronyms: split(r[5])}
		if r[8] != "" {
			e.parent = "org:" + r[8]
		}
		if r[9] != "" {
			e.city = "city:" + r[9]
		}
		e.addNames(split(r[4]))
		if _, dup := g.byID[e.id]; dup {
			return fmt.Errorf("%s: duplicate id %s", path, r[0])
		}
		g.add(e)
	}
	return nil
}

// addNames adds aliases written in a data file: ~name is weak, ?name is
// generic (an alias several bodies share).
func (e *entry) addNames(names []string) {
	for _, a := range names {
		if w, ok := strings.CutPrefix(a, "~"); ok {
			e.weak = append(e.weak, w)
		} else if w, ok := strings.CutPrefix(a, "?"); ok {
			e.aliases = append(e.aliases, w)
			e.generic = append(e.generic, w)
		} else {
			e.aliases = append(e.aliases, a)
		}
	}
}

func (g *gen) people(path string) error {
	rows, err := readTSV(path, 9)
	if err != nil {
		return err
	}
	for _, r := range rows {
		e := &entry{id: "per:" + r[0], typ: "PER", kind: "person", nameAr: r[1], nameEn: r[2], aliases: split(r[3]),
			office: r[4], country: r[5], wikidata: r[6]}
		e.from, _ = strconv.Atoi(r[7])
		e.to, _ = strconv.Atoi(r[8])
		if _, dup := g.byID[e.id]; dup {
			return fmt.Errorf("%s: duplicate id %s", path, r[0])
		}
		g.add(e)
	}
	return nil
}

func (g *gen) write(path string) error {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	w := io.Writer(zw)
	fmt.Fprintln(w, "#khabar-kb v1")
	fmt.Fprintln(w, "# Generated by kb/internal/gen (go generate ./kb); do not edit. Sources: CLDR via golang.org/x/text (Unicode licence),")
	fmt.Fprintln(w, "# Debian iso-codes (LGPL-2.1+ data), countries-ar (mledoze/countries ODbL 1.0; umpirsky/country-list MIT),")
	fmt.Fprintln(w, "# world-cities-ar (Jamshaid Kamran, CC BY 4.0, from Wikidata), and khabar's curated kb/data files.")
	num := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	for _, e := range g.list {
		f := []string{e.id, e.typ, e.kind, e.country, e.iso3, e.wikidata, e.nameAr, e.nameEn,
			join(e.aliases), join(e.weak), join(e.acronyms), join(e.demonyms), e.capital, e.office,
			num(e.from), num(e.to), num(e.population), e.parent, e.city, join(e.generic)}
		for i, s := range f {
			if strings.ContainsAny(s, "\t\n") {
				return fmt.Errorf("%s: field %d holds a tab or newline", e.id, i)
			}
		}
		fmt.Fprintln(w, strings.Join(f, "\t"))
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

func join(s []string) string { return strings.Join(s, "|") }
