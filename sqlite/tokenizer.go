package sqlite

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/ncruces/go-sqlite3/ext/fts5"

	"github.com/khabar/khabar/search"
)

// maxTermBytes bounds one index term; longer ones (hostile input) are
// not indexed.
const maxTermBytes = 256

// tokenizer is the FTS5 tokenizer "khabar". On documents (and for
// snippets) it runs the search analyzer and emits, for every term, the
// analyzed form and, at the same position, search.ExactPrefix plus the
// exact form of the original word, with the byte offsets of the original
// word so that snippets highlight it. On queries it expects terms that
// the query translator has already analyzed, separated by spaces, and
// emits them verbatim.
type tokenizer struct {
	an   search.Analyzer
	pool *sync.Pool
}

func newTokenizer(an search.Analyzer) *tokenizer {
	return &tokenizer{an: an, pool: &sync.Pool{New: func() any { s := make([]search.Token, 0, 256); return &s }}}
}

// Tokenize implements fts5.Tokenizer.
func (t *tokenizer) Tokenize(flags fts5.TokenizeFlag, text, _ string, emit fts5.TokenCallback) error {
	if flags&fts5.TOKENIZE_QUERY != 0 {
		return tokenizeQuery(text, emit)
	}
	bufp := t.pool.Get().(*[]search.Token)
	defer t.pool.Put(bufp)
	toks := t.an.Analyze(text, (*bufp)[:0])
	*bufp = toks[:0]
	// Convert rune offsets to byte offsets with a cursor: terms come in
	// text order, but restart from 0 if an analyzer ever goes back.
	runePos, bytePos := 0, 0
	toByte := func(r int) int {
		if r < runePos {
			runePos, bytePos = 0, 0
		}
		for runePos < r && bytePos < len(text) {
			_, n := utf8.DecodeRuneInString(text[bytePos:])
			bytePos += n
			runePos++
		}
		return bytePos
	}
	for _, tk := range toks {
		if tk.Term == "" || len(tk.Term) > maxTermBytes || tk.End <= tk.Start {
			continue
		}
		start := toByte(tk.Start)
		end := toByte(tk.End)
		if err := emit(0, tk.Term, start, end); err != nil {
			return err
		}
		exact := search.ExactPrefix + search.ExactForm(text[start:end])
		if len(exact) <= maxTermBytes {
			if err := emit(fts5.TOKEN_COLOCATED, exact, start, end); err != nil {
				return err
			}
		}
	}
	return nil
}

// tokenizeQuery emits the space-separated, already analyzed terms of a
// query string.
func tokenizeQuery(text string, emit fts5.TokenCallback) error {
	i := 0
	for i < len(text) {
		for i < len(text) && text[i] == ' ' {
			i++
		}
		j := i
		for j < len(text) && text[j] != ' ' {
			j++
		}
		if j > i {
			if err := emit(0, text[i:j], i, j); err != nil {
				return err
			}
		}
		i = j
	}
	return nil
}

// quoteTerms writes terms as one FTS5 string ("a b"), doubling quotes.
func quoteTerms(b *strings.Builder, terms []string) {
	b.WriteByte('"')
	for i, t := range terms {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.ReplaceAll(t, `"`, `""`))
	}
	b.WriteByte('"')
}
