package postgres

import (
	"reflect"
	"strings"
	"testing"
)

func TestPhraseOccurrences(t *testing.T) {
	for _, tc := range []struct {
		tsv   string
		terms []string
		want  int
		err   bool
	}{
		{tsv: ``, terms: []string{"a", "b"}, want: 0},
		{tsv: `'a':1B,5B,9B 'b':2B,6B`, terms: []string{"a", "b"}, want: 2},
		{tsv: `'b':2B,6B 'a':1B,5B,9B`, terms: []string{"a", "b"}, want: 2},
		{tsv: `'a':1A,5,9C 'b':2,10`, terms: []string{"a", "b"}, want: 2},
		{tsv: `'a':1,2,3`, terms: []string{"a", "a"}, want: 2},
		{tsv: `'a':4,7`, terms: []string{"a"}, want: 2},
		{tsv: `'a':1 'b':3 'c':2`, terms: []string{"a", "b", "c"}, want: 0},
		{tsv: `'a':1 'b':2 'c':3`, terms: []string{"a", "b", "c"}, want: 1},
		{tsv: `'it''s':1 'a\\b':2`, terms: []string{"it's", `a\b`}, want: 1},
		{tsv: `'=مليون':3B,40B '=ريال':4B,12B`, terms: []string{"=مليون", "=ريال"}, want: 1},
		{tsv: `'a'`, terms: []string{"a"}, want: 0}, // stripped: no positions
		{tsv: `'a`, terms: []string{"a"}, err: true},
		{tsv: `a:1`, terms: []string{"a"}, err: true},
		{tsv: `'a':`, terms: []string{"a"}, err: true},
		{tsv: `'a':1,`, terms: []string{"a"}, err: true},
	} {
		var x positions
		got, err := x.occurrences(tc.tsv, tc.terms)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("occurrences(%q, %q) = %d, %v; want %d, error %v", tc.tsv, tc.terms, got, err, tc.want, tc.err)
		}
	}
}

func TestPrefixUpper(t *testing.T) {
	for _, tc := range []struct {
		p, want string
		ok      bool
	}{
		{"", "", false},
		{"ab", "ac", true},
		{"مس", "مش", true},
		{"a\U0010FFFF", "b", true},
		{"\U0010FFFF", "", false},
		{"a\uD7FF", "a\uE000", true},
		{"a\xff", "b", true}, // invalid UTF-8 cannot reach a query, but is handled
	} {
		got, ok := prefixUpper(tc.p)
		if got != tc.want || ok != tc.ok {
			t.Errorf("prefixUpper(%q) = %q, %v; want %q, %v", tc.p, got, ok, tc.want, tc.ok)
		}
		if ok {
			for _, s := range []string{tc.p, tc.p + "\U0010FFFF", tc.p + "zz"} {
				if strings.HasPrefix(s, tc.p) && s >= got {
					t.Errorf("prefixUpper(%q) = %q, not above %q", tc.p, got, s)
				}
			}
		}
	}
}

func TestSumLists(t *testing.T) {
	a := &postingList{ids: []uint32{1, 4, 9}, tf: []uint16{1, 2, 3}}
	b := &postingList{ids: []uint32{4, 5}, tf: []uint16{10, 1}}
	empty := &postingList{}
	want := unitList{ids: []uint32{1, 4, 5, 9}, tf32: []uint32{1, 12, 1, 3}}
	for _, n := range []int{10, 1000} { // dense and sparse
		if got := sumLists([]*postingList{a, b, empty}, n); !reflect.DeepEqual(got, want) {
			t.Errorf("sumLists(n=%d) = %+v, want %+v", n, got, want)
		}
	}
	if got := sumLists([]*postingList{b}, 10); !reflect.DeepEqual(got, unitList{ids: b.ids, tf32: []uint32{10, 1}}) {
		t.Errorf("sumLists of one list = %+v", got)
	}
	if got := sumLists(nil, 10); len(got.ids) != 0 || got.ids == nil {
		t.Errorf("sumLists of none = %+v, want empty", got)
	}
}

func TestMergeTerms(t *testing.T) {
	got := mergeTerms([]string{"a", "c", "e"}, []string{"b", "c", "f"})
	if want := []string{"a", "b", "c", "e", "f"}; !reflect.DeepEqual(got, want) {
		t.Errorf("mergeTerms = %q, want %q", got, want)
	}
}
