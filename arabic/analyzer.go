package arabic

import (
	"hash/maphash"
	"sync"

	"golang.org/x/text/unicode/norm"
)

// AnalyzerOptions configures an Analyzer. The zero value stems with
// LuceneStem and drops stop words; DefaultAnalyzerOptions gives khabar's
// defaults.
type AnalyzerOptions struct {
	// Stem is the stemming algorithm applied to Arabic words.
	Stem StemMode
	// NoStem turns stemming off: terms are Search-normalized words.
	NoStem bool
	// KeepStopwords keeps stop words as terms instead of dropping them.
	KeepStopwords bool
	// FoldHamzaSeats applies the hamza-seat fold (FoldHamzaSeats) to
	// the terms of Arabic words, after stop words are dropped and words
	// stemmed, so that مسؤولين and مسئولين give one term.
	FoldHamzaSeats bool
}

// DefaultAnalyzerOptions returns the options khabar indexes with:
// DefaultStem, stop words dropped.
func DefaultAnalyzerOptions() AnalyzerOptions {
	return AnalyzerOptions{Stem: DefaultStem}
}

// Analyzer turns text into search terms. The store calls the same
// Analyzer for documents and for queries, so a term matches only itself;
// output depends on the text and the options alone. An Analyzer is safe
// for concurrent use.
type Analyzer struct {
	opt  AnalyzerOptions
	pool sync.Pool // of *scratch
}

// NewAnalyzer returns an Analyzer with the given options.
func NewAnalyzer(opt AnalyzerOptions) *Analyzer {
	a := &Analyzer{opt: opt}
	a.pool.New = func() any { return new(scratch) }
	return a
}

// Options returns the analyzer's options.
func (a *Analyzer) Options() AnalyzerOptions { return a.opt }

// Term is one search term: the analyzed form of one word of the text.
type Term struct {
	Text      string // the term: normalized, lower-cased, stemmed
	Start     int    // code-point offset of the original word
	End       int    // code-point offset just past the original word
	Pos       int    // position of the word, counting dropped stop words, for phrase queries
	ByteStart int    // byte offset of the original word (SQLite FTS5 counts in bytes)
	ByteEnd   int    // byte offset just past the original word
}

// scratch holds the buffers one analysis reuses.
type scratch struct {
	terms []Term
	arena []byte // the text of the pending terms, back to back
	ends  []int  // the end of each pending term's text in arena
	word  []byte // one word being normalized

	// words caches the analysis of recently seen normalized words, so
	// that a frequent word is stemmed once: a direct-mapped table
	// indexed by a hash of the word.
	words *[cacheSize]wordEntry
}

// wordEntry is the analysis of one normalized word.
type wordEntry struct {
	word string // the normalized word
	term string // its stem, or the word itself
	stop bool   // a stop word: no term
}

// cacheSize is the number of entries of scratch.words (a power of two).
// Over 10,000 saudinewsnet articles, 1<<14 entries missed 28% of the
// words and 1<<16 misses 17%, for 2.5 MB a scratch.
const cacheSize = 1 << 16

var cacheSeed = maphash.MakeSeed()

// eachBatch is how many terms Each hands out per allocated string.
const eachBatch = 512

// Terms appends the terms of text to dst and returns the extended slice.
//
// The text is tokenized (see AppendTokens); Arabic words are
// Search-normalized (see Normalize), dropped when they are stop words
// (IsStopword), stemmed (Stem) and, with FoldHamzaSeats set, given the
// hamza-seat fold; a conjunction written apart (و أكد)
// counts as a stop word. Numbers have their digits folded to ASCII and
// their thousands separators removed (١٬٠٠٠ → 1000, ٣٫٥ → 3.5). Latin
// words are lower-cased, acronyms lose their dots (U.S. → us). A hashtag
// yields its word without the #; @handles, URLs and e-mail addresses are
// lower-cased whole. Words longer than MaxTermBytes take a position but
// yield nothing. Punctuation, symbols and emoji yield nothing and take no
// position; a dropped stop word keeps its position, so phrase
// queries stay exact.
//
// All terms of one call share one allocated string.
func (a *Analyzer) Terms(text string, dst []Term) []Term {
	sc := a.pool.Get().(*scratch)
	defer a.pool.Put(sc)
	sc.arena, sc.ends = sc.arena[:0], sc.ends[:0]
	first := len(dst)
	tz := scanner{s: text}
	pos := -1
	for {
		tok, ok := tz.next()
		if !ok {
			break
		}
		if t, ok := a.term(sc, tok, tz.plain, &pos); ok {
			dst = append(dst, t)
		}
	}
	return sc.fill(dst[first:], dst)
}

// fill sets the Text of terms from sc.arena, with one allocation, and
// returns dst.
func (sc *scratch) fill(terms, dst []Term) []Term {
	if len(terms) == 0 {
		return dst
	}
	all := string(sc.arena)
	off := 0
	for i := range terms {
		end := sc.ends[i]
		terms[i].Text = all[off:end]
		off = end
	}
	sc.arena, sc.ends = sc.arena[:0], sc.ends[:0]
	return dst
}

// Each calls fn with each term of text, in order, until fn returns
// false. The terms are those Terms returns; Each holds only a few hundred
// at a time, so its memory does not grow with the text.
func (a *Analyzer) Each(text string, fn func(Term) bool) {
	sc := a.pool.Get().(*scratch)
	defer a.pool.Put(sc)
	sc.arena, sc.ends = sc.arena[:0], sc.ends[:0]
	batch := sc.terms[:0]
	defer func() { clear(batch); sc.terms = batch[:0] }()
	flush := func() bool {
		sc.fill(batch, batch)
		for _, t := range batch {
			if !fn(t) {
				return false
			}
		}
		batch = batch[:0]
		return true
	}
	tz := scanner{s: text}
	pos := -1
	for {
		tok, ok := tz.next()
		if !ok {
			break
		}
		if t, ok := a.term(sc, tok, tz.plain, &pos); ok {
			batch = append(batch, t)
			if len(batch) == eachBatch && !flush() {
				return
			}
		}
	}
	flush()
}

// MaxTermBytes is the longest word, in bytes of the original text, that
// the analyzer makes a term of; a longer one (a run of letters with no
// space, megabytes long in hostile input) takes a position and yields
// nothing, as in Lucene's StandardTokenizer.
const MaxTermBytes = 255

// term analyzes one token. When the token yields a term, its text is
// appended to sc.arena (and its end to sc.ends) and the Term, without
// Text, is returned. *pos is the position of the last word. plain tells
// that the token is a word of the Arabic block only (see scanner.plain).
func (a *Analyzer) term(sc *scratch, tok Token, plain bool, pos *int) (Term, bool) {
	mark := len(sc.arena)
	if len(tok.Text) > MaxTermBytes && tok.Kind != Punct && tok.Kind != Symbol && tok.Kind != Emoji {
		*pos++
		return Term{}, false
	}
	switch tok.Kind {
	case Word:
		*pos++
		if !a.word(sc, tok, plain) {
			return Term{}, false
		}
	case Latin:
		*pos++
		sc.arena = appendLatin(sc.arena, tok.Text, true)
	case Number:
		*pos++
		sc.arena = appendNumber(sc.arena, tok.Text)
	case Hashtag:
		*pos++
		sc.arena = appendHashtag(sc.arena, tok.Text, sc)
	case Handle, URL, Email:
		*pos++
		sc.arena = appendLatin(sc.arena, tok.Text, false)
	default:
		return Term{}, false
	}
	if len(sc.arena) == mark {
		return Term{}, false
	}
	sc.ends = append(sc.ends, len(sc.arena))
	return Term{
		Start:     tok.Start,
		End:       tok.End,
		Pos:       *pos,
		ByteStart: tok.ByteStart,
		ByteEnd:   tok.ByteStart + len(tok.Text),
	}, true
}

// word appends the term of an Arabic word to sc.arena and reports whether
// there is one (false for a stop word).
func (a *Analyzer) word(sc *scratch, tok Token, plain bool) bool {
	if tok.IsDetachedConjunction() && !a.opt.KeepStopwords {
		return false
	}
	sc.word = appendSearchWord(sc.word[:0], tok.Text, plain)
	if len(sc.word) == 0 {
		return false
	}
	if sc.words == nil {
		sc.words = new([cacheSize]wordEntry)
	}
	e := &sc.words[maphash.Bytes(cacheSeed, sc.word)&(cacheSize-1)]
	if e.word != string(sc.word) || e.word == "" {
		*e = a.analyzeWord(string(sc.word))
	}
	if e.stop {
		return false
	}
	sc.arena = append(sc.arena, e.term...)
	return true
}

// appendSearchWord appends the Search normalization (see Normalize) of
// the word w to dst, without invisible characters and with presentation
// forms folded by NFKC first and letters of cased scripts lower-cased.
// A plain word (see scanner.plain) goes through the fold table instead.
func appendSearchWord(dst []byte, w string, plain bool) []byte {
	if plain {
		if t := searchFold(); t.changes(w) {
			return t.appendFold(dst, w)
		}
		return append(dst, w...)
	}
	if hasPresentationForm(w) {
		w = norm.NFKC.String(w)
	}
	start := len(dst)
	dst = AppendNormalized(dst, w, Search)
	dst = append(dst[:start], dropIgnorable(dst[start:])...)
	if hasUpper(dst[start:]) { // a word of another cased script: Москва
		lower := appendLatin(nil, string(dst[start:]), false)
		dst = append(dst[:start], lower...)
	}
	return dst
}

// analyzeWord decides the term of a normalized word.
func (a *Analyzer) analyzeWord(normalized string) wordEntry {
	if !a.opt.KeepStopwords && IsStopword(normalized) {
		return wordEntry{word: normalized, stop: true}
	}
	term := normalized
	if !a.opt.NoStem {
		if s := Stem(normalized, a.opt.Stem); s != "" {
			term = s
		}
	}
	if a.opt.FoldHamzaSeats {
		term = FoldHamzaSeats(term)
	}
	return wordEntry{word: normalized, term: term}
}
