package ner

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func readTestFile(t testing.TB, name string) []Sentence {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := ReadCoNLL(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return s
}

func TestReadCoNLLFormats(t *testing.T) {
	got := readTestFile(t, "formats.conll")
	want := []Sentence{
		{Words: []string{"جورج", "بوش", "زار", "العراق", "مع", "وفد", "``"},
			Labels: []string{"B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG", "O"}},
		{Words: []string{"الفيفا", "نظمت", "كأس", "العالم", "و", "Real", "بطولة", "أخرى", "اتحاد", "الكرة"},
			Labels: []string{"B-ORG", "O", "B-MISC", "I-MISC", "O", "O", "O", "O", "B-ORG", "I-ORG"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadCoNLL:\n got %q\nwant %q", got, want)
	}
}

func TestMapTag(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"O", "O"}, {"B-PERS", "B-PER"}, {"I-PER", "I-PER"}, {"B-GPE", "B-LOC"}, {"I-LOC", "I-LOC"},
		{"B-MIS0", "B-MISC"}, {"I-MIS3", "I-MISC"}, {"B-MIS-1", "B-MISC"}, {"B-MISS1", "B-MISC"}, {"B-MIS1`", "B-MISC"},
		{"I--ORG", "I-ORG"}, {"OO", "O"}, {"IO", "O"}, {"B-DATE", "O"}, {"B-ENGLISH", "O"}, {"", "O"}, {"B-", "O"},
	} {
		if got := MapTag(c.in); got != c.want {
			t.Errorf("MapTag(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestReadCoNLLRepairsIOB(t *testing.T) {
	s, err := ReadCoNLL(strings.NewReader("a I-PER\nb I-PER\nc O\nd I-LOC\ne I-ORG\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"B-PER", "I-PER", "O", "B-LOC", "B-ORG"}
	if !reflect.DeepEqual(s[0].Labels, want) {
		t.Errorf("labels %q, want %q", s[0].Labels, want)
	}
}

func TestReadCoNLLErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"a O\nlonely\n", "line 2"},
		{"a O\n\xff\xfe B-PER\n", "line 2: invalid UTF-8"},
	} {
		_, err := ReadCoNLL(strings.NewReader(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ReadCoNLL(%q) error %v, want %q", c.in, err, c.want)
		}
	}
	s, err := ReadCoNLL(strings.NewReader("\n\n\r\n"))
	if err != nil || len(s) != 0 {
		t.Errorf("blank input: %v, %v", s, err)
	}
}

func TestWriteCoNLLRoundTrip(t *testing.T) {
	in := readTestFile(t, "tiny.conll")
	var b strings.Builder
	if err := WriteCoNLL(&b, in); err != nil {
		t.Fatal(err)
	}
	out, err := ReadCoNLL(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Error("round trip changed the sentences")
	}
}

func FuzzReadCoNLL(f *testing.F) {
	f.Add("a B-PER\nb I-PER\n\nc O\n")
	f.Add("x B-MIS1 DATE\n\xff O\n")
	f.Fuzz(func(t *testing.T, s string) {
		sents, err := ReadCoNLL(strings.NewReader(s))
		if err != nil {
			return
		}
		for _, x := range sents {
			if len(x.Words) != len(x.Labels) || len(x.Words) == 0 {
				t.Fatalf("bad sentence %q", x)
			}
			for _, l := range x.Labels {
				if l != "O" && !strings.HasPrefix(l, "B-") && !strings.HasPrefix(l, "I-") {
					t.Fatalf("bad label %q", l)
				}
			}
		}
	})
}
