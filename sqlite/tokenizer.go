package sqlite

import (
	"slices"
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
//
// Analysis is the costly part of indexing, and FTS5 calls the tokenizer
// on the one goroutine that writes. Put therefore analyzes a batch's
// texts beforehand on all cores and hands the results over with offer,
// keyed by the exact text; Tokenize uses a handed-over result when the
// text it is given is one of those and analyzes the text itself
// otherwise, so what is indexed never depends on the handover.
type tokenizer struct {
	an   search.Analyzer
	pool *sync.Pool // *scratch

	mu    sync.Mutex
	ready map[string][]ftsToken // handed over by offer; nil when none
}

// ftsToken is one token as Tokenize emits it: byte offsets into the
// text, and whether it shares the position of the token before it.
type ftsToken struct {
	term       string
	start, end int
	colocated  bool
}

// scratch is the reusable memory of one analysis.
type scratch struct {
	an  []search.Token
	fts []ftsToken
}

func newTokenizer(an search.Analyzer) *tokenizer {
	return &tokenizer{an: an, pool: &sync.Pool{New: func() any {
		return &scratch{an: make([]search.Token, 0, 256), fts: make([]ftsToken, 0, 512)}
	}}}
}

// Tokenize implements fts5.Tokenizer.
func (t *tokenizer) Tokenize(flags fts5.TokenizeFlag, text, _ string, emit fts5.TokenCallback) error {
	if flags&fts5.TOKENIZE_QUERY != 0 {
		return tokenizeQuery(text, emit)
	}
	t.mu.Lock()
	toks, ok := t.ready[text]
	t.mu.Unlock()
	if !ok {
		s := t.pool.Get().(*scratch)
		defer t.pool.Put(s)
		s.an, s.fts = t.analyze(text, s.an[:0], s.fts[:0])
		toks = s.fts
	}
	for _, tk := range toks {
		var f fts5.TokenFlag
		if tk.colocated {
			f = fts5.TOKEN_COLOCATED
		}
		if err := emit(f, tk.term, tk.start, tk.end); err != nil {
			return err
		}
	}
	return nil
}

// analyze appends the tokens of text to dst, using buf for the
// analyzer's terms, and returns both.
func (t *tokenizer) analyze(text string, buf []search.Token, dst []ftsToken) ([]search.Token, []ftsToken) {
	buf = t.an.Analyze(text, buf)
	dst = slices.Grow(dst, 2*len(buf))
	// Convert rune offsets to byte offsets with a cursor: terms come in
	// text order, but restart from 0 if an analyzer ever goes back.
	runePos, bytePos := 0, 0
	toByte := func(r int) int {
		if r < runePos {
			runePos, bytePos = 0, 0
		}
		for runePos < r && bytePos < len(text) {
			if text[bytePos] < utf8.RuneSelf {
				bytePos++
			} else {
				_, n := utf8.DecodeRuneInString(text[bytePos:])
				bytePos += n
			}
			runePos++
		}
		return bytePos
	}
	for _, tk := range buf {
		if tk.Term == "" || len(tk.Term) > maxTermBytes || tk.End <= tk.Start {
			continue
		}
		start := toByte(tk.Start)
		end := toByte(tk.End)
		dst = append(dst, ftsToken{term: tk.Term, start: start, end: end})
		exact := search.ExactPrefix + search.ExactForm(text[start:end])
		if len(exact) <= maxTermBytes {
			dst = append(dst, ftsToken{term: exact, start: start, end: end, colocated: true})
		}
	}
	return buf, dst
}

// tokens returns the tokens of text in a new slice, for offer.
func (t *tokenizer) tokens(text string) []ftsToken {
	s := t.pool.Get().(*scratch)
	defer t.pool.Put(s)
	var toks []ftsToken
	s.an, toks = t.analyze(text, s.an[:0], nil)
	return toks
}

// offer hands over the tokens of the texts about to be indexed (see
// tokenizer); offer(nil) ends the handover.
func (t *tokenizer) offer(ready map[string][]ftsToken) {
	t.mu.Lock()
	t.ready = ready
	t.mu.Unlock()
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
