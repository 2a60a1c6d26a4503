package main

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/khabar/khabar/arabic"
)

// government expands government.tsv: one row per kind of ministry or
// council, one column per country with that country's names for it
// (current name first, former names after '|', "-" or empty where it has
// none). Each name becomes an entry org:<cc>-<concept> whose canonical
// name is the national form news writes (وزارة العدل السعودية, مجلس
// الوزراء السعودي: the nationality adjective agrees with the first word);
// the bare name (وزارة العدل) is a generic alias, since several
// countries' bodies share it, unless it is written !name (a body only
// one country has: وزارة الحج). An existing entry of the same ID (from
// orgs_arab.tsv) keeps its name and gains the others.
func (g *gen) government(path string) error {
	header, rows, err := readTable(path)
	if err != nil {
		return err
	}
	if len(header) < 4 || header[0] != "concept" || header[1] != "kind" || header[2] != "name_en" {
		return fmt.Errorf("%s: header %q, want concept, kind, name_en, then country codes", path, header)
	}
	for _, r := range rows {
		concept, kind, en := r[0], r[1], r[2]
		if _, ok := orgTypes[kind]; !ok {
			return fmt.Errorf("%s: %s: unknown kind %q", path, concept, kind)
		}
		for j, cc := range header[3:] {
			cell := r[3+j]
			if cell == "" || cell == "-" {
				continue
			}
			country := g.byID["country:"+cc]
			stem := g.demStem[cc]
			if country == nil || stem == "" {
				return fmt.Errorf("%s: country %s unknown or without a nationality adjective", path, cc)
			}
			var long, bare, generic []string
			for _, n := range split(cell) {
				strong := false
				if rest, ok := strings.CutPrefix(n, "!"); ok {
					n, strong = rest, true
				}
				long = append(long, n+" "+agree(n, stem))
				bare = append(bare, n)
				if !strong {
					generic = append(generic, n)
				}
			}
			id := "org:" + strings.ToLower(cc) + "-" + concept
			e := g.byID[id]
			if e == nil {
				e = g.add(&entry{id: id, typ: orgTypes[kind], kind: kind, country: cc, nameAr: long[0],
					nameEn: en + " (" + country.nameEn + ")"})
				long = long[1:]
			}
			e.aliases = append(e.aliases, long...)
			e.aliases = append(e.aliases, bare...)
			e.generic = append(e.generic, generic...)
		}
	}
	return nil
}

// agree returns the definite nationality adjective of stem (سعودي) in
// the gender of the name's first word: feminine after a word ending in
// ة (وزارة, هيئة), masculine otherwise (مجلس, ديوان).
func agree(name, stem string) string {
	first, _, _ := strings.Cut(name, " ")
	if strings.HasSuffix(first, "ة") {
		return "ال" + stem + "ة"
	}
	return "ال" + stem
}

// clubs reads clubs.tsv (see its header): a club is named نادي <bare>,
// with the national forms <bare> <adjective> and نادي <bare> <adjective>
// (الهلال السعودي); the use column says whether the bare name is a weak
// alias (الهلال: also a common word), a strong one, no alias (a city's
// name: الرياض), or shared with another club (no bare name, no نادي
// <bare>). The arwikicats column names the club in
// ../shared/data/arwikicats-ar, whose Arabic title (without a bracketed
// disambiguator) becomes an alias.
func (g *gen) clubs(path, arwikicats string) error {
	rows, err := readTSV(path, 9)
	if err != nil {
		return err
	}
	titles, err := readArWikiCats(arwikicats)
	if err != nil {
		return err
	}
	for _, r := range rows {
		id, bare, use, en, aliases, cc, city, wikidata, key := r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]
		if _, dup := g.byID["org:"+id]; dup {
			return fmt.Errorf("%s: duplicate id %s", path, id)
		}
		stem := g.demStem[cc]
		if stem == "" {
			return fmt.Errorf("%s: %s: country %q unknown or without a nationality adjective", path, id, cc)
		}
		e := &entry{id: "org:" + id, typ: "ORG", kind: "club", nameEn: en, country: cc, wikidata: wikidata}
		if city != "" {
			e.city = "city:" + city
		}
		national := []string{bare + " " + agree("نادي", stem), "نادي " + bare + " " + agree("نادي", stem)}
		switch use {
		case "weak":
			// الشباب السعودي is also "Saudi youth", الاتفاق السعودي a
			// Saudi agreement: the national form is as weak as the name.
			e.nameAr = "نادي " + bare
			e.weak = append(e.weak, bare, national[0])
			national = national[1:]
		case "strong":
			e.nameAr = "نادي " + bare
			e.aliases = append(e.aliases, bare)
		case "none":
			e.nameAr = "نادي " + bare
		case "shared":
			e.nameAr, national = national[0], national[1:]
		default:
			return fmt.Errorf("%s: %s: use %q, want weak, strong, none or shared", path, id, use)
		}
		e.aliases = append(e.aliases, national...)
		e.addNames(split(aliases))
		// A national form listed as an alias is strong (الأهلي المصري).
		e.weak = slices.DeleteFunc(e.weak, func(w string) bool { return slices.Contains(e.aliases, w) })
		if key != "" {
			t, ok := titles[key]
			if !ok {
				return fmt.Errorf("%s: %s: %q not in arwikicats-ar", path, id, key)
			}
			if i := strings.Index(t, " ("); i > 0 {
				t = t[:i]
			}
			if n := arabic.Normalize(t, arabic.Match); use != "shared" && (n != arabic.Normalize(bare, arabic.Match) || use == "strong") {
				e.aliases = append(e.aliases, t)
			}
		}
		g.add(e)
	}
	return nil
}

// readArWikiCats returns the Arabic titles of arwikicats-ar's sports
// clubs by their English key.
func readArWikiCats(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("arwikicats-ar: %w", err)
	}
	out := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Split(line, "\t")
		if len(f) == 4 && strings.HasPrefix(f[0], "ORG") {
			out[f[1]] = strings.TrimSpace(f[2])
		}
	}
	return out, nil
}

// readTable reads a tab-separated file with its header row, skipping
// '#' comments; every row is padded to the header's width.
func readTable(path string) ([]string, [][]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	var header []string
	var rows [][]string
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		for j := range f {
			f[j] = strings.TrimSpace(f[j])
		}
		if header == nil {
			header = f
			continue
		}
		if len(f) > len(header) {
			return nil, nil, fmt.Errorf("%s:%d: %d columns, want %d", path, i+1, len(f), len(header))
		}
		for len(f) < len(header) {
			f = append(f, "")
		}
		rows = append(rows, f)
	}
	return header, rows, nil
}

// check verifies the references between entries (parent, city) and that
// every generic name is one of its entry's aliases.
func (g *gen) check() error {
	for _, e := range g.list {
		if e.parent != "" && g.byID[e.parent] == nil {
			return fmt.Errorf("%s: parent %s is not an entry", e.id, e.parent)
		}
		if e.city != "" && (g.byID[e.city] == nil || g.byID[e.city].kind != "city") {
			return fmt.Errorf("%s: city %s is not a city entry", e.id, e.city)
		}
		e.generic = clean(e.generic)
		have := map[string]bool{}
		for _, a := range e.aliases {
			have[a] = true
		}
		for _, n := range e.generic {
			if !have[n] {
				return fmt.Errorf("%s: generic name %q is not an alias", e.id, n)
			}
		}
	}
	return nil
}
