package kb

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/khabar/khabar/arabic"
)

// TestMatchNormalized checks that MatchNormalized, given every token's
// arabic.Match form (punctuation included, as package link computes it),
// returns exactly what Match returns, on the match cases and the example
// article.
func TestMatchNormalized(t *testing.T) {
	k := Default()
	texts := []string{"", "(", "وللناتو وبالرياض", "حلف (الناتو) و«قطر»"}
	for _, c := range readCases(t, "match.tsv") {
		texts = append(texts, c[0])
	}
	if b, err := os.ReadFile(filepath.Join("..", "examples", "qatar-nato-ici-2023-09-13.txt")); err == nil {
		texts = append(texts, string(b))
	}
	for _, text := range texts {
		toks := arabic.Tokenize(text)
		norms := make([]string, len(toks))
		for i, tok := range toks {
			norms[i] = arabic.Normalize(tok.Text, arabic.Match)
		}
		want := k.Match(toks)
		if got := k.MatchNormalized(toks, norms); !reflect.DeepEqual(got, want) {
			t.Errorf("MatchNormalized(%.40q…)\n got %+v\nwant %+v", text, got, want)
		}
	}
	if got := k.MatchNormalized(arabic.Tokenize("دولة قطر"), []string{"دوله"}); got != nil {
		t.Errorf("MatchNormalized with too few norms = %+v, want nil", got)
	}
}

// TestFirstFilter checks that the root's Bloom filter passes every first
// token of a name (a false negative would lose matches) and rejects most
// other words.
func TestFirstFilter(t *testing.T) {
	k := Default()
	for tok := range k.trie.nodes[0].next {
		if !k.trie.mayStart(tok) {
			t.Fatalf("mayStart(%q) = false for a first token of a name", tok)
		}
	}
	passed, words := 0, 0
	for _, tok := range arabic.Tokenize("قال الوزير في تصريح صحفي اليوم إن الاجتماع ناقش سبل تعزيز التعاون الاقتصادي والثقافي بين البلدين خلال الفترة المقبلة") {
		n := arabic.Normalize(tok.Text, arabic.Match)
		if _, ok := k.trie.nodes[0].next[n]; ok {
			continue
		}
		words++
		if k.trie.mayStart(n) {
			passed++
		}
	}
	if words == 0 || passed*4 > words {
		t.Errorf("the filter passed %d of %d words that start no name", passed, words)
	}
}
