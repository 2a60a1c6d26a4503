package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/khabar/khabar/arabic"
)

// cityPrefixes are descriptive words some world-cities-ar names carry.
var cityPrefixes = []string{"مدينة ", "منطقة ", "ولاية ", "محافظة ", "إقليم ", "بلدية ", "مقاطعة ", "حي "}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case r < 0x80:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		default:
			b.WriteRune(r)
			dash = false
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func (g *gen) cities(shared, data string) error {
	path := filepath.Join(shared, "world-cities-ar", "world-cities.csv")
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	type cityRow struct {
		iso, ar, en string
		pop         int
	}
	var rows []cityRow
	missing := map[string]int{}
	for _, r := range recs[1:] {
		if len(r) != 5 {
			continue
		}
		iso, ok := g.countryEn[strings.ToLower(r[1])]
		if !ok {
			missing[r[1]]++
			continue
		}
		pop, _ := strconv.Atoi(r[4])
		rows = append(rows, cityRow{iso, r[2], r[3], pop})
	}
	for n, c := range missing {
		log.Printf("world-cities: country %q unknown, %d cities skipped", n, c)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].pop > rows[j].pop })
	byEn := map[string]*entry{}
	for _, r := range rows {
		id := "city:" + r.iso + ":" + slug(r.en)
		if _, dup := g.byID[id]; dup {
			continue
		}
		name := r.ar
		var aliases []string
		for _, p := range cityPrefixes {
			if rest, ok := strings.CutPrefix(name, p); ok && rest != "" {
				aliases = append(aliases, name)
				name = rest
				break
			}
		}
		e := g.add(&entry{id: id, typ: "LOC", kind: "city", country: r.iso, nameAr: name, nameEn: r.en,
			aliases: aliases, population: r.pop})
		byEn[r.iso+"\t"+strings.ToLower(r.en)] = e
	}
	cur, err := readTSV(filepath.Join(data, "cities.tsv"), 5)
	if err != nil {
		return err
	}
	for _, r := range cur {
		e := byEn[r[0]+"\t"+strings.ToLower(r[1])]
		var al, weak []string
		for _, a := range split(r[2]) {
			if w, ok := strings.CutPrefix(a, "~"); ok {
				weak = append(weak, w)
			} else {
				al = append(al, a)
			}
		}
		if e == nil && len(al) == 0 && len(weak) > 0 {
			al, weak = weak[:1], weak[1:]
		}
		if e == nil {
			if len(al) == 0 {
				return fmt.Errorf("cities.tsv: %s %s: no Arabic name", r[0], r[1])
			}
			log.Printf("cities.tsv: %s %q not in world-cities-ar, added", r[0], r[1])
			pop, _ := strconv.Atoi(r[4])
			e = g.add(&entry{id: "city:" + r[0] + ":" + slug(r[1]), typ: "LOC", kind: "city", country: r[0],
				nameAr: al[0], nameEn: r[1], population: pop})
			byEn[r[0]+"\t"+strings.ToLower(r[1])] = e
			al = al[1:]
		} else if len(al) > 0 && !strings.HasPrefix(al[0], "مدينة ") {
			// The curated spelling becomes the canonical one.
			e.aliases = append([]string{e.nameAr}, e.aliases...)
			e.nameAr, al = al[0], al[1:]
		}
		e.aliases = append(e.aliases, al...)
		e.weak = append(e.weak, weak...)
		e.curated = true
		if r[3] != "" {
			e.wikidata = r[3]
		}
	}
	for iso, capEn := range g.capitalEn {
		if c := byEn[iso+"\t"+strings.ToLower(capEn)]; c != nil {
			g.byID["country:"+iso].capital = c.id
		}
	}
	return nil
}

// minStrongPopulation is the population from which a one-word city name
// is matched by itself; smaller cities' one-word names only link mentions
// the tagger found.
const minStrongPopulation = 1000000

// weakCity lists city names (normalized) that are also common words.
var weakCity = map[string]bool{}

func init() {
	for _, w := range []string{"الخبر", "صور", "حماه", "الرباط", "مسقط", "الموصل", "العين", "الوادي", "النهضه", "السلام",
		"الامل", "الحريه", "الوحده", "الشرق", "الغرب", "الجنوب", "الشمال", "المدينه", "القريه", "البلد", "المنصوره", "النصر", "قم", "بنين", "غازي", "ميدان", "العنقاء", "بورصه", "رالي", "ليون", "كولونيا", "الرمادي", "مدينه", "البحر", "البلد", "العماره", "الحله", "المفرق", "الجنينه", "الابيض", "الشاميه", "المطريه", "الزبير", "العزيز", "عمان", "مالي", "قيصريه", "كيف", "مشهد", "نيفا", "بيريرا", "صور", "حمص"} {
		weakCity[arabic.Normalize(w, arabic.Match)] = true
	}
}

// dropCity lists names that world-cities-ar gives to a city by mistake
// (كاليفورنيا for Cali, السلامة والصحة المهنية for Osh).
var dropCity = map[string]bool{arabic.Normalize("كاليفورنيا", arabic.Match): true, arabic.Normalize("السلامة والصحة المهنية", arabic.Match): true}

// dedupAliases removes, from cities, names that a country also carries
// (الجزائر, تونس, الكويت name the country first), and marks one-word city
// names that are common Arabic words as weak.
func (g *gen) dedupAliases() {
	country := map[string]bool{}
	for _, e := range g.list {
		if e.kind == "country" {
			for _, n := range append([]string{e.nameAr}, append(e.aliases, e.demonyms...)...) {
				country[arabic.Normalize(n, arabic.Match)] = true
			}
		}
	}
	for _, e := range g.list {
		if e.kind != "city" {
			e.aliases = clean(e.aliases)
			continue
		}
		var keep []string
		for _, n := range append([]string{e.nameAr}, e.aliases...) {
			k := arabic.Normalize(n, arabic.Match)
			switch {
			case country[k] || dropCity[k]:
				continue
			case weakCity[k] || !strings.Contains(n, " ") && e.population < minStrongPopulation && !e.curated:
				e.weak = append(e.weak, n)
			default:
				keep = append(keep, n)
			}
		}
		keep = clean(keep)
		if len(keep) > 0 {
			e.nameAr, e.aliases = keep[0], keep[1:]
		} else {
			// Every Arabic name is a country's or a common word: keep
			// the entry for Lookup by English name and weak links.
			e.aliases = nil
			if k := arabic.Normalize(e.nameAr, arabic.Match); dropCity[k] {
				e.nameAr = ""
			} else {
				e.weak = clean(append(e.weak, e.nameAr))
			}
		}
	}
}
