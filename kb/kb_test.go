package kb

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/khabar/khabar/arabic"
)

// readCases reads a two-column TSV test file, skipping '#' comments.
func readCases(t *testing.T, name string) [][2]string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out [][2]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		a, b, _ := strings.Cut(line, "\t")
		out = append(out, [2]string{a, b})
	}
	return out
}

func TestLookup(t *testing.T) {
	k := Default()
	for _, c := range readCases(t, "lookup.tsv") {
		got := k.Lookup(c[0])
		if c[1] == "-" {
			if len(got) != 0 {
				t.Errorf("Lookup(%q) = %s…, want nothing", c[0], got[0].ID)
			}
			continue
		}
		if len(got) == 0 {
			t.Errorf("Lookup(%q) = nothing, want %s", c[0], c[1])
			continue
		}
		if got[0].ID != c[1] {
			t.Errorf("Lookup(%q)[0] = %s, want %s", c[0], got[0].ID, c[1])
		}
	}
}

func TestMatch(t *testing.T) {
	k := Default()
	for _, c := range readCases(t, "match.tsv") {
		toks := arabic.Tokenize(c[0])
		runes := []rune(c[0])
		var got []string
		for _, m := range k.Match(toks) {
			text := strings.ReplaceAll(string(runes[m.TextStart:m.TextEnd]), " ", "_")
			got = append(got, text+"@"+m.Candidates[0].Entry.ID)
		}
		if g := strings.Join(got, " "); g != c[1] {
			t.Errorf("Match(%q)\n got %s\nwant %s", c[0], g, c[1])
		}
	}
}

func TestMatchPrefix(t *testing.T) {
	toks := arabic.Tokenize("وللناتو وبالرياض")
	ms := Default().Match(toks)
	if len(ms) != 2 {
		t.Fatalf("got %d matches, want 2", len(ms))
	}
	if ms[0].Prefix != "ولل" || ms[0].TextStart != 3 || ms[0].Key != "الناتو" {
		t.Errorf("first match = %+v, want prefix ولل at 3, key الناتو", ms[0])
	}
	if ms[1].Prefix != "وب" || ms[1].TextStart != 10 {
		t.Errorf("second match = %+v, want prefix وب at 10", ms[1])
	}
}

func TestEntryFields(t *testing.T) {
	k := Default()
	qa, ok := k.Entry("country:QA")
	if !ok {
		t.Fatal("country:QA missing")
	}
	if qa.ISO3 != "QAT" || qa.Wikidata != "Q846" || qa.Capital != "city:QA:doha" || qa.Type != LOC || qa.NameEn != "Qatar" {
		t.Errorf("country:QA = %+v", qa)
	}
	if !qa.HasDemonym("القطريين") || qa.HasDemonym("قطر") {
		t.Error("HasDemonym wrong for QA")
	}
	nato, _ := k.Entry("org:nato")
	if nato == nil || nato.Wikidata != "Q7184" || nato.Kind != "alliance" {
		t.Errorf("org:nato = %+v", nato)
	}
	nac, _ := k.Entry("org:nac")
	if nac == nil || nac.Parent != "org:nato" {
		t.Errorf("org:nac = %+v", nac)
	}
	if _, ok := k.Entry("no:such"); ok {
		t.Error("Entry(no:such) found")
	}
}

func TestStats(t *testing.T) {
	s := Default().Stats()
	if s.Countries < 249 || s.Cities < 6000 || s.Organizations < 300 || s.People < 100 || s.Aliases < 15000 {
		t.Errorf("Stats = %v, want at least 249 countries, 6000 cities, 300 organizations, 100 people, 15000 aliases", s)
	}
	n := 0
	Default().Entries(func(*Entry) bool { n++; return true })
	if n != Default().Len() {
		t.Errorf("Entries yielded %d, Len = %d", n, Default().Len())
	}
}

// TestWikidataUnique checks that no two entries share a Wikidata ID.
func TestWikidataUnique(t *testing.T) {
	seen := map[string]string{}
	Default().Entries(func(e *Entry) bool {
		if e.Wikidata == "" {
			return true
		}
		if !strings.HasPrefix(e.Wikidata, "Q") {
			t.Errorf("%s: wikidata %q", e.ID, e.Wikidata)
		}
		if o, dup := seen[e.Wikidata]; dup {
			t.Errorf("%s and %s share %s", o, e.ID, e.Wikidata)
		}
		seen[e.Wikidata] = e.ID
		return true
	})
}

func TestLoadErrors(t *testing.T) {
	gz := func(s string) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.Bytes()
	}
	row := func(id, typ string, from ...string) string {
		f := make([]string, numCols)
		f[colID], f[colType], f[colNameAr] = id, typ, "اسم"
		if len(from) > 0 {
			f[colFrom] = from[0]
		}
		return strings.Join(f, "\t")
	}
	for _, c := range []struct {
		name string
		in   []byte
		ok   bool
	}{
		{"empty", nil, false},
		{"bad header", []byte("hello\n"), false},
		{"header only", []byte(header + "\n"), true},
		{"plain", []byte(header + "\n" + row("a", "ORG") + "\n"), true},
		{"gzip", gz(header + "\n" + row("a", "LOC") + "\n"), true},
		{"bad gzip", append([]byte{0x1f, 0x8b}, "junk"...), false},
		{"bad type", []byte(header + "\n" + row("a", "XYZ") + "\n"), false},
		{"duplicate", []byte(header + "\n" + row("a", "ORG") + "\n" + row("a", "ORG") + "\n"), false},
		{"columns", []byte(header + "\nfoo\tbar\n"), false},
		{"bad number", []byte(header + "\n" + row("a", "ORG", "x") + "\n"), false},
		{"without city and generic", []byte(header + "\n" + strings.Join(strings.Split(row("a", "ORG"), "\t")[:numColsV1], "\t") + "\n"), true},
		{"generic alias", []byte(header + "\n" + withAlias(row("a", "ORG"), "وزارة العدل", "وزارة العدل") + "\n"), true},
		{"generic not an alias", []byte(header + "\n" + withAlias(row("a", "ORG"), "", "وزارة العدل") + "\n"), false},
	} {
		_, err := Load(bytes.NewReader(c.in))
		if (err == nil) != c.ok {
			t.Errorf("%s: err = %v, want ok=%v", c.name, err, c.ok)
		}
	}
}

func FuzzMatch(f *testing.F) {
	for _, s := range []string{"وللناتو", "حلف (الناتو )", "(((", "مجلس التعاون لدول", "\xff\xfeقطر", ""} {
		f.Add(s)
	}
	k := Default()
	f.Fuzz(func(t *testing.T, s string) {
		toks := arabic.Tokenize(s)
		n := 0
		for range s {
			n++
		}
		last := 0
		for _, m := range k.Match(toks) {
			if m.Start < last || m.Start >= m.End || m.End > len(toks) || m.TextStart > m.TextEnd || m.TextEnd > n || len(m.Candidates) == 0 {
				t.Fatalf("bad match %+v for %q", m, s)
			}
			last = m.End
		}
		k.Lookup(s)
	})
}

func FuzzLoad(f *testing.F) {
	f.Add([]byte(header + "\na\tORG\torg\t\t\t\tاسم\t\t\t\t\t\t\t\t\t\t\t\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		k, err := Load(bytes.NewReader(b))
		if err == nil {
			k.Lookup("اسم")
		}
	})
}

// TestGeneric checks that a name several bodies share is indexed as
// generic for each of them, and that its national form names one.
func TestGeneric(t *testing.T) {
	k := Default()
	cands := k.LookupCandidates("وزارة العدل")
	countries := map[string]bool{}
	for _, c := range cands {
		if c.Kind != Generic {
			t.Errorf("وزارة العدل: %s is a %s name, want generic", c.Entry.ID, c.Kind)
		}
		countries[c.Entry.Country] = true
	}
	for _, cc := range []string{"SA", "AE", "QA", "KW", "BH", "OM", "YE", "EG", "JO"} {
		if !countries[cc] {
			t.Errorf("وزارة العدل: no candidate of %s", cc)
		}
	}
	if c := k.LookupCandidates("وزارة العدل السعودية"); len(c) != 1 || c[0].Entry.ID != "org:sa-moj" || c[0].Kind != Name {
		t.Errorf("وزارة العدل السعودية: %v, want org:sa-moj by name", c)
	}
	e, ok := k.Entry("org:sa-hilal")
	if !ok || e.City != "city:SA:riyadh" || e.Kind != "club" || !slices.Contains(e.Weak, "الهلال") {
		t.Errorf("org:sa-hilal = %+v, want a club of city:SA:riyadh with the weak name الهلال", e)
	}
	if e, ok := k.Entry("org:sa-ruh"); !ok || e.Type != LOC {
		t.Errorf("org:sa-ruh = %+v, want a LOC facility", e)
	}
}

// withAlias sets the aliases and generic columns of a file row.
func withAlias(row, alias, generic string) string {
	f := strings.Split(row, "\t")
	f[colAliases], f[colGeneric] = alias, generic
	return strings.Join(f, "\t")
}
