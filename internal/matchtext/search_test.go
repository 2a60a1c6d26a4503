package matchtext

import "testing"

func TestSearch(t *testing.T) {
	text := "قال الوزير  إن"
	toks := Tokenize([]rune(text), text) // قال 0-3, الوزير 4-10, إن 12-14
	for _, c := range []struct{ p, want int }{
		{0, 0}, {2, 0}, {3, 1}, {9, 1}, {10, 2}, {11, 2}, {13, 2}, {14, 3}, {99, 3},
	} {
		if got := Search(toks, c.p); got != c.want {
			t.Errorf("Search(%d) = %d, want %d", c.p, got, c.want)
		}
	}
	if got := Search(nil, 0); got != 0 {
		t.Errorf("Search(nil) = %d", got)
	}
}
