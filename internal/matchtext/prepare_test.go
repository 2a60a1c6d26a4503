package matchtext

import (
	"reflect"
	"slices"
	"testing"
)

func TestPrepare(t *testing.T) {
	for _, s := range []string{"", "قال الوزير: «سنواصل».", "وأكّد ـ الأمين العام 3.5 مليار\nدولار", "a\xffb إلى"} {
		p := Prepare(s)
		rs := []rune(s)
		if p.Source != s || !reflect.DeepEqual(p.Runes, rs) || !reflect.DeepEqual(p.Tokens, Tokenize(rs, s)) {
			t.Errorf("Prepare(%q) = %+v, want the text, its runes and Tokenize's tokens", s, p)
		}
		if p.For(s) != p {
			t.Errorf("Prepare(%q).For(the same text) prepared it again", s)
		}
		other := s + " آخر"
		if q := p.For(other); q == p || q.Source != other || !reflect.DeepEqual(q.Tokens, Tokenize([]rune(other), other)) {
			t.Errorf("Prepare(%q).For(%q) = %+v, want a Text for the other text", s, other, q)
		}
	}
	var nilText *Text
	if got := nilText.For("نص"); got == nil || got.Source != "نص" || len(got.Tokens) != 1 {
		t.Errorf("(*Text)(nil).For = %+v, want a prepared Text", got)
	}
}

// TestReset checks that a Text reset over a series of texts, longer and
// shorter, holds what Prepare returns for each, and that AppendTokens
// after earlier tokens appends Tokenize's tokens.
func TestReset(t *testing.T) {
	texts := []string{"قال الوزير: «سنواصل».", "", "a\xffb إلى", "وأكّد ـ الأمين العام 3.5 مليار\nدولار وأكّد", "ب"}
	var r Text
	for _, s := range texts {
		r.Reset(s)
		p := Prepare(s)
		if r.Source != p.Source || !slices.Equal(r.Runes, p.Runes) || !slices.Equal(r.Tokens, p.Tokens) {
			t.Errorf("Reset(%q) = %+v, want %+v", s, r, *p)
		}
	}
	head := Tokenize([]rune(texts[0]), texts[0])
	rs := []rune(texts[3])
	got := AppendTokens(slices.Clone(head), rs, texts[3])
	if want := append(slices.Clone(head), Tokenize(rs, texts[3])...); !reflect.DeepEqual(got, want) {
		t.Errorf("AppendTokens after %d tokens = %+v, want %+v", len(head), got, want)
	}
}
