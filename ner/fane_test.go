package ner

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestMapFANETag(t *testing.T) {
	for _, c := range [][2]string{
		{"B-Nation", "B-LOC"}, {"I-Population-Center", "I-LOC"}, {"B-Airport", "B-LOC"},
		{"B-Politician", "B-PER"}, {"I-Police", "I-PER"}, {"B-Government", "B-ORG"}, {"B-Sports", "B-ORG"},
		{"B-Group", "O"}, {"B-Air", "B-MISC"}, {"B-Book", "B-MISC"}, {"B-Shooting", "B-MISC"},
		{"O", "O"}, {"B-Unknown", "O"}, {"X", "O"}, {"", "O"},
	} {
		if got := MapFANETag(c[0]); got != c[1] {
			t.Errorf("MapFANETag(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

func TestReadFANE(t *testing.T) {
	f, err := os.Open("testdata/fane.conll")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sents, err := ReadFANE(f)
	if err != nil {
		t.Fatal(err)
	}
	want := []Sentence{
		{
			Words:  strings.Fields("وبالرياض اجتمع وزير خارجيتها مع العرب في مطار الملك خالد للطيران على متن بوينغ ."),
			Labels: strings.Fields("B-LOC O O O O O O B-LOC I-LOC I-LOC O O O B-MISC O"),
			Domain: "wiki",
		},
		{
			Words:  strings.Fields("وقال لمحمد بن سلمان انه سعيد"),
			Labels: strings.Fields("O B-PER I-PER I-PER O O"),
			Domain: "wiki",
		},
	}
	if !reflect.DeepEqual(sents, want) {
		t.Errorf("ReadFANE:\n got %q\n     %q\nwant %q\n     %q", sents[0].Words, sents[0].Labels, want[0].Words, want[0].Labels)
		if len(sents) > 1 {
			t.Errorf("second: got %q %q", sents[1].Words, sents[1].Labels)
		}
	}
}

func TestSplitFANE(t *testing.T) {
	sents := make([]Sentence, 100)
	train, test := SplitFANE(sents)
	if len(train) != 90 || len(test) != 10 {
		t.Errorf("SplitFANE(100) = %d + %d, want 90 + 10", len(train), len(test))
	}
}

func TestFirstsLexiconSkipsJoinedProclitics(t *testing.T) {
	sents := []Sentence{
		{Words: []string{"وبغداد", "ومارادونا"}, Labels: []string{"B-LOC", "B-PER"}, Domain: "wiki"},
		{Words: []string{"بغداد", "مصر"}, Labels: []string{"B-LOC", "B-LOC"}},
		{Words: []string{"ميسي"}, Labels: []string{"B-PER"}, Domain: "wiki"},
	}
	m := firstsLexicon(sents)
	if m["ومارادونا"] != 0 || m["وبغداد"] != 0 {
		t.Errorf("a joined proclitic counted as a name's first letter: %v", m)
	}
	if m["بغداد"] != 1 || m["مصر"] != 1 || m["ميسي"] != 1 {
		t.Errorf("firsts %v, want بغداد, مصر and ميسي once", m)
	}
}

// FuzzReadFANE checks that any input either fails with an error or gives
// sentences whose words and labels pair up, with valid IOB2 labels.
func FuzzReadFANE(f *testing.F) {
	f.Add("و\tO\nب\tO\nالرياض\tB-Population-Center\n\nمدن\tO\nها\tO\n")
	f.Add("ل\tO\nالامم\tB-Government\nالمتحدة\tI-Government\n")
	f.Add("ها\tO\n")
	f.Fuzz(func(t *testing.T, in string) {
		sents, err := ReadFANE(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, s := range sents {
			if len(s.Words) != len(s.Labels) || len(s.Words) == 0 {
				t.Fatalf("%d words, %d labels", len(s.Words), len(s.Labels))
			}
			prev := "O"
			for _, l := range s.Labels {
				if strings.HasPrefix(l, "I-") && prev[min(2, len(prev)):] != l[2:] {
					t.Fatalf("label %s after %s", l, prev)
				}
				prev = l
			}
		}
	})
}
