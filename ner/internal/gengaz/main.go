// Command gengaz builds ner/gazetteer.tsv, the tagger's embedded
// gazetteer, from the ship-safe lists in ../shared/data:
//
//   - countries-ar (mledoze countries, ODbL 1.0; umpirsky country-list, MIT) → COUNTRY
//   - world-cities-ar (jamsshhayd/world-cities-translations, CC BY 4.0) → CITY
//   - arabic-names (AKhateeb/arabic-names, MIT) and arabic-names-extra
//     (Wiktionary, CC BY-SA; arabic-name-to-en, ISC) → FIRST and LAST
//   - wikidata-name-tokens (CC0: words of Wikidata person labels seen in
//     at least two labels) → NAME
//   - yemen-admin-ar (MIT: governorates and districts) and arwikicats-ar
//     LOC rows (MIT) → CITY; its ORG rows → ORGL, PER → PERL, MISC → MISCL
//
// It never reads anergazet or saudinewsnet. Run it from the module root:
//
//	go run ./ner/internal/gengaz -data ../shared/data -out ner/gazetteer.tsv
//
// Each output line is "CLASS<TAB>entry"; entries are kept as written
// (the tagger normalizes them when it loads the file), sorted and unique.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

func main() {
	data := flag.String("data", filepath.Join("..", "shared", "data"), "shared data directory")
	out := flag.String("out", filepath.Join("ner", "gazetteer.tsv"), "output file")
	flag.Parse()
	if err := run(*data, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gengaz:", err)
		os.Exit(1)
	}
}

func run(data, out string) error {
	set := map[string]bool{}
	add := func(class, s string) {
		s = strings.TrimSpace(strings.TrimPrefix(s, "\ufeff"))
		if s == "" || strings.ContainsAny(s, "\t\n") {
			return
		}
		set[class+"\t"+s] = true
	}

	// Countries: mledoze TSV, Arabic columns 2..5.
	rows, err := readTSV(filepath.Join(data, "countries-ar", "countries_mledoze.tsv"))
	if err != nil {
		return err
	}
	for i, r := range rows {
		if i == 0 || len(r) < 6 {
			continue
		}
		for _, c := range r[2:6] {
			add("COUNTRY", c)
		}
	}
	recs, err := readCSV(filepath.Join(data, "countries-ar", "country_names_umpirsky_ar.csv"))
	if err != nil {
		return err
	}
	for i, r := range recs {
		if i > 0 && len(r) >= 2 {
			add("COUNTRY", r[1])
		}
	}

	// Cities: descriptive names such as "ولاية قندهار" are kept and also
	// added without their descriptor.
	recs, err = readCSV(filepath.Join(data, "world-cities-ar", "world-cities.csv"))
	if err != nil {
		return err
	}
	for i, r := range recs {
		if i == 0 || len(r) < 3 {
			continue
		}
		name := r[2]
		add("CITY", name)
		for _, d := range []string{"ولاية ", "محافظة ", "مدينة ", "مقاطعة ", "إقليم ", "منطقة ", "بلدية ", "قضاء ", "ناحية ", "مديرية "} {
			if rest, ok := strings.CutPrefix(name, d); ok {
				add("CITY", rest)
			}
		}
	}

	// Names.
	for _, f := range []struct{ file, class string }{
		{"male-first-names-in-arabic.txt", "FIRST"},
		{"female-first-names-in-arabic.txt", "FIRST"},
		{"last-names-in-arabic.txt", "LAST"},
	} {
		lines, err := readLines(filepath.Join(data, "arabic-names", f.file))
		if err != nil {
			return err
		}
		for _, l := range lines {
			add(f.class, l)
		}
	}

	// Person-name words from Wikidata person labels (CC0): words seen in
	// at least two labels.
	rows, err = readTSV(filepath.Join(data, "wikidata-name-tokens", "name_tokens_ar.tsv"))
	if err != nil {
		return err
	}
	for i, r := range rows {
		if i == 0 || len(r) < 2 {
			continue
		}
		if n, err := strconv.Atoi(r[1]); err == nil && n >= 2 && utf8.RuneCountInString(r[0]) >= 2 {
			add("NAME", r[0])
		}
	}
	// Given names and surnames from Wiktionary (CC BY-SA) and the npm
	// arabic-name-to-en table (ISC).
	rows, err = readTSV(filepath.Join(data, "arabic-names-extra", "wiktionary_arabic_names.tsv"))
	if err != nil {
		return err
	}
	for i, r := range rows {
		if i == 0 || len(r) < 2 {
			continue
		}
		switch r[1] {
		case "given_name":
			add("FIRST", r[0])
		case "surname":
			add("LAST", r[0])
		}
	}
	rows, err = readTSV(filepath.Join(data, "arabic-names-extra", "npm_arabic-name-to-en.tsv"))
	if err != nil {
		return err
	}
	for i, r := range rows {
		if i > 0 && len(r) >= 1 {
			add("FIRST", r[0])
		}
	}
	// Yemen's governorates and districts (MIT).
	yem, err := readGzipTSV(filepath.Join(data, "yemen-admin-ar", "yemen_admin_ar.tsv.gz"))
	if err != nil {
		return err
	}
	for i, r := range yem {
		if i > 0 && len(r) >= 2 && (r[0] == "governorate" || r[0] == "district") {
			add("CITY", r[1])
		}
	}
	// ArWikiCats entity tables (MIT): places, clubs and federations,
	// people, competitions.
	rows, err = readTSV(filepath.Join(data, "arwikicats-ar", "entities_en_ar.tsv"))
	if err != nil {
		return err
	}
	for i, r := range rows {
		if i == 0 || len(r) < 3 {
			continue
		}
		switch r[0] {
		case "LOC":
			add("CITY", r[2])
		case "ORG", "ORG|MISC":
			add("ORGL", r[2])
		case "PER":
			add("PERL", r[2])
		case "MISC":
			add("MISCL", r[2])
		}
	}

	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("# Generated by go run ./ner/internal/gengaz; DO NOT EDIT.\n")
	b.WriteString("# Sources: mledoze/countries (ODbL 1.0), umpirsky/country-list (MIT),\n")
	b.WriteString("# jamsshhayd/world-cities-translations (CC BY 4.0), AKhateeb/arabic-names (MIT),\n")
	b.WriteString("# NETransliteration Wikidata name tokens (CC0 1.0), Wiktionary Arabic names (CC BY-SA),\n")
	b.WriteString("# arabic-name-to-en (ISC), yemen-admin-ar (MIT), ArWikiCats entity tables (MIT).\n")
	for _, k := range keys {
		b.WriteString(k)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	return nil
}

func readLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		out = append(out, strings.TrimRight(sc.Text(), "\r"))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return out, nil
}

func readTSV(path string) ([][]string, error) {
	lines, err := readLines(path)
	if err != nil {
		return nil, err
	}
	out := make([][]string, 0, len(lines))
	for _, l := range lines {
		out = append(out, strings.Split(l, "\t"))
	}
	return out, nil
}

func readGzipTSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	var out [][]string
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		out = append(out, strings.Split(strings.TrimRight(sc.Text(), "\r"), "\t"))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return out, nil
}

func readCSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	var out [][]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		out = append(out, rec)
	}
}
