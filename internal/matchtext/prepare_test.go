package matchtext

import (
	"reflect"
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
