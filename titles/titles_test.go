package titles

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

// selections are the lists that packages read, as titles.tsv documents
// them.
var selections = []string{
	"ner", "link-address", "link-description", "link-office", "link-facility", "link-anchor",
	"quote-office", "quote-person", "event-between", "event-office", "evalnews-lead",
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"two fields", "title\tالوزير\n", "want 3 tab-separated fields"},
		{"unknown category", "rank\tاللواء\tner\n", `unknown category "rank"`},
		{"empty entry", "title\t \tner\n", "empty entry"},
		{"pronoun without honorific", "pronoun\tسعادته\t\n", "stands for no honorific"},
		{"line number", "# comment\n\ntitle\tالوزير\tner\nrole\n", "titles.tsv:4:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parse(tc.in)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("parse(%q) = %v, want an error with %q", tc.in, err, tc.want)
			}
		})
	}
}

func TestParse(t *testing.T) {
	es, err := parse("# c\nhonorific\tصاحب  السمو\tlink-address ner\npronoun\tسموه\tسمو\n")
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		{Word: "صاحب السمو", Category: Honorific, Selections: []string{"link-address", "ner"}},
		{Word: "سموه", Category: Pronoun, Stands: "سمو"},
	}
	if len(es) != len(want) {
		t.Fatalf("parsed %d entries, want %d", len(es), len(want))
	}
	for i := range want {
		if es[i].Word != want[i].Word || es[i].Category != want[i].Category || es[i].Stands != want[i].Stands ||
			!slices.Equal(es[i].Selections, want[i].Selections) {
			t.Errorf("entry %d = %+v, want %+v", i, es[i], want[i])
		}
	}
}

func TestCategories(t *testing.T) {
	for _, tc := range []struct {
		word string
		cat  Category
	}{
		{"سعادة", Honorific}, {"معالي", Honorific}, {"صاحب السمو الملكي الأمير", Honorific},
		{"سعادته", Pronoun}, {"سموها", Pronoun},
		{"الوزير", Title}, {"السفير", Title}, {"اللواء", Title}, {"الملكة", Title},
		{"المواطن", Role}, {"المدرب", Role},
	} {
		words, phrases := Words(tc.cat), Phrases(tc.cat)
		inWords, inPhrases := slices.Contains(words, tc.word), slices.Contains(phrases, tc.word)
		if phrase := strings.Contains(tc.word, " "); inWords == phrase || inPhrases != phrase {
			t.Errorf("%s: in Words(%s) %v, in Phrases(%s) %v", tc.word, tc.cat, inWords, tc.cat, inPhrases)
		}
	}
	for _, c := range []Category{Honorific, Pronoun, Title, Role} {
		if n := len(Words(c)) + len(Phrases(c)); n == 0 {
			t.Errorf("category %s is empty", c)
		}
	}
	for _, w := range []string{"الوزير", "المواطن", "سعادته"} {
		if slices.Contains(Words(Honorific), w) {
			t.Errorf("Words(Honorific) holds %s", w)
		}
	}
}

func TestSelect(t *testing.T) {
	for _, tc := range []struct {
		sel       string
		has, lack []string
	}{
		{"ner", []string{"السيد", "الوزير", "د", "اللاعب"}, []string{"المواطن"}},
		{"link-address", []string{"صاحب السمو", "معالي", "الدكتورة"}, []string{"الوزير"}},
		{"link-office", []string{"سفير", "الأمين", "القنصل"}, []string{"السيد"}},
		{"quote-person", []string{"القائد", "الدكتور"}, []string{"المواطن"}},
		{"event-between", []string{"الوزير", "الأمير"}, []string{"سعادة"}},
		{"event-office", []string{"لرئيس", "سفيرة"}, []string{"السيد"}},
		{"unknown", nil, []string{"السيد"}},
	} {
		got := Select(tc.sel)
		for _, w := range tc.has {
			if !slices.Contains(got, w) {
				t.Errorf("Select(%q) lacks %s", tc.sel, w)
			}
		}
		for _, w := range tc.lack {
			if slices.Contains(got, w) {
				t.Errorf("Select(%q) holds %s", tc.sel, w)
			}
		}
	}
	if Select("unknown") != nil {
		t.Error(`Select("unknown") is not nil`)
	}
}

func TestPronouns(t *testing.T) {
	p := Pronouns()
	for pron, hon := range map[string]string{"سعادته": "سعادة", "سعادتها": "سعادة", "سموه": "سمو", "دولته": "دولة"} {
		if p[pron] != hon {
			t.Errorf("Pronouns()[%s] = %q, want %s", pron, p[pron], hon)
		}
	}
	hons := Words(Honorific)
	for _, ph := range Phrases(Honorific) {
		hons = append(hons, strings.Fields(ph)[0])
	}
	for pron, hon := range p {
		if !slices.Contains(hons, hon) {
			t.Errorf("pronoun %s stands for %s, which begins no honorific entry", pron, hon)
		}
	}
}

// TestLexicon checks the embedded file: each entry once, written in
// Arabic letters only, every selection documented and used.
func TestLexicon(t *testing.T) {
	seen := map[string]bool{}
	used := map[string]int{}
	for _, e := range Entries() {
		if seen[e.Word] {
			t.Errorf("%s is listed twice", e.Word)
		}
		seen[e.Word] = true
		for _, r := range e.Word {
			if r != ' ' && !unicode.Is(unicode.Arabic, r) {
				t.Errorf("%q has the character %q", e.Word, r)
			}
		}
		for _, s := range e.Selections {
			if !slices.Contains(selections, s) {
				t.Errorf("%s: selection %q is not documented", e.Word, s)
			}
			used[s]++
		}
	}
	for _, s := range selections {
		if used[s] == 0 {
			t.Errorf("selection %q is empty", s)
		}
		if !strings.Contains(titlesTSV, "#\t"+s+" ") {
			t.Errorf("selection %q is not described in titles.tsv", s)
		}
	}
}
