package arabic

// TokenKind classifies a token.
type TokenKind uint8

// Token kinds.
const (
	Word    TokenKind = iota // a word in the Arabic (or another non-Latin) script
	Number                   // digits in any script, with decimals and separators
	Latin                    // a Latin-script word or acronym
	Punct                    // punctuation, including ، ؛ ؟ and quote marks
	URL                      // a web address
	Email                    // an e-mail address
	Hashtag                  // #tag
	Handle                   // @name
	Emoji                    // an emoji or pictograph
	Symbol                   // any other symbol
)

var kindNames = [...]string{"word", "number", "latin", "punct", "url", "email", "hashtag", "handle", "emoji", "symbol"}

// String returns the kind's lower-case name, as used in the Analysis JSON.
func (k TokenKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "other"
}

// Token is one token with its half-open code-point offsets into the text
// it came from. Text is a substring of that text (never a copy), so it
// keeps any harakat, tatweel or invisible joiners inside the word.
type Token struct {
	Text      string
	Start     int // code-point offset of the first code point
	End       int // code-point offset just past the last code point
	ByteStart int // byte offset of Text in the input; the end is ByteStart+len(Text)
	Kind      TokenKind
}

// Tokenize splits text into tokens. See AppendTokens.
func Tokenize(text string) []Token {
	return AppendTokens(nil, text)
}

// AppendTokens appends the tokens of text to dst and returns the extended
// slice.
//
// Arabic words keep their harakat and tatweel; numbers in ASCII,
// Arabic-Indic and Persian digits keep their decimal and thousands
// separators (3.5, ٣٫٥, 1,000); Latin words and dotted acronyms (U.S.,
// أ.ف.ب) are single tokens, as are URLs, e-mail addresses, #hashtags,
// @handles and emoji sequences. Each punctuation mark is its own token,
// except that a run of full stops ("...") is one. White space, bidi
// controls, ZWNJ/ZWJ, the byte order mark, NUL and other format
// characters are never tokens and never split a word. Each invalid UTF-8
// byte counts as one code point, as in a for-range loop, and ends any
// word it touches.
//
// A change of script between Arabic and Latin letters ends a word, so
// "وCT" is two tokens. A conjunction written apart from its word ("و أكد")
// stays a token of its own: see Token.IsDetachedConjunction and
// JoinDetached.
func AppendTokens(dst []Token, text string) []Token {
	sc := scanner{s: text}
	for {
		tok, ok := sc.next()
		if !ok {
			return dst
		}
		dst = append(dst, tok)
	}
}

// Tokenizer reads the tokens of a string one at a time, for callers that
// need not hold them all: the tokens are those AppendTokens returns. The
// zero value holds an empty text; Reset starts it on another.
type Tokenizer struct {
	sc scanner
}

// NewTokenizer returns a Tokenizer reading text.
func NewTokenizer(text string) *Tokenizer {
	return &Tokenizer{sc: scanner{s: text}}
}

// Reset makes t read text from its start.
func (t *Tokenizer) Reset(text string) { t.sc = scanner{s: text} }

// Next returns the next token; ok is false at the end of the text.
func (t *Tokenizer) Next() (tok Token, ok bool) { return t.sc.next() }

// next scans the next token.
func (sc *scanner) next() (Token, bool) {
	text := sc.s
	sc.plain = false
	for sc.i < len(text) {
		c, size := classAt(text, sc.i)
		start, startPos := sc.i, sc.pos
		kind := Punct
		switch c {
		case cSpace, cIgnore, cInvalid:
			sc.i += size
			sc.pos++
			continue
		case cArLetter, cArMark:
			kind = sc.word(c, size)
		case cLatin:
			kind = sc.latin(size)
		case cLetter, cMark:
			kind = sc.word(c, size)
		case cDigit:
			if sc.email() {
				kind = Email
			} else {
				sc.number()
				kind = Number
			}
		case cEmoji:
			sc.emoji(size)
			kind = Emoji
		case cSymbol:
			sc.advance(size)
			kind = Symbol
		case cPunct:
			kind = sc.punct(size)
		}
		return Token{Text: text[start:sc.i], Start: startPos, End: sc.pos, ByteStart: start, Kind: kind}, true
	}
	return Token{}, false
}

// scanner walks a string by bytes, counting code points.
type scanner struct {
	s     string
	i     int  // byte offset
	pos   int  // code-point offset of i
	plain bool // the last token is a word of U+0600–U+06FF letters and marks only
}

func (sc *scanner) advance(size int) {
	sc.i += size
	sc.pos++
}

// skipIgnorable returns the byte offset and code-point count past a run of
// ignorable characters at byte i.
func skipIgnorable(s string, i int) (j, n int) {
	j = i
	for j < len(s) {
		c, size := classAt(s, j)
		if c != cIgnore {
			break
		}
		j += size
		n++
	}
	return j, n
}

// continueWord consumes the code point at the scanner if ok accepts its
// class; a run of ignorable characters is consumed only when ok accepts
// what follows it. It reports whether anything was consumed.
func (sc *scanner) continueWord(ok func(class) bool) bool {
	if sc.i >= len(sc.s) {
		return false
	}
	c, size := classAt(sc.s, sc.i)
	if c == cIgnore {
		j, n := skipIgnorable(sc.s, sc.i)
		if j >= len(sc.s) {
			return false
		}
		c2, size2 := classAt(sc.s, j)
		if !ok(c2) {
			return false
		}
		sc.i, sc.pos = j+size2, sc.pos+n+1
		return true
	}
	if !ok(c) {
		return false
	}
	sc.advance(size)
	return true
}

func arabicCont(c class) bool { return c == cArLetter || c == cArMark || c == cMark }
func otherCont(c class) bool  { return c == cLetter || c == cMark }

// word scans an Arabic word, or a word of another non-Latin script.
func (sc *scanner) word(c class, size int) TokenKind {
	start := sc.i
	sc.advance(size)
	arabic := c == cArLetter || c == cArMark
	cont := otherCont
	if arabic {
		cont = arabicCont
	}
	single := sc.pos // single is the position after the first code point
	s, i, pos := sc.s, sc.i, sc.pos
	sc.plain = arabic && size == 2
	for {
		// Fast path: letters and marks of the Arabic block, two bytes each.
		for arabic && i+1 < len(s) {
			b := s[i]
			if b < 0xD8 || b > 0xDB || s[i+1]&0xC0 != 0x80 {
				break
			}
			if c := arabicClass[int(b&0x03)<<6|int(s[i+1]&0x3F)]; c != cArLetter && c != cArMark {
				break
			}
			i += 2
			pos++
		}
		sc.i, sc.pos = i, pos
		if i >= len(s) {
			break
		}
		if b := s[i]; b < 0x80 && asciiClass[b] != cIgnore {
			break // ASCII never continues a non-Latin word
		}
		if !sc.continueWord(cont) {
			break
		}
		sc.plain = false
		i, pos = sc.i, sc.pos
	}
	if c == cArLetter && sc.pos == single {
		sc.acronym(cArLetter)
		sc.plain = sc.plain && sc.pos == single
	}
	if c == cArMark || c == cMark {
		for _, r := range sc.s[start:sc.i] {
			if c := classifySlow(r); c == cArLetter || c == cLetter {
				return Word
			}
		}
		return Punct // a run of tatweel or stray marks
	}
	return Word
}

// acronym extends a single-letter token over dotted initials such as
// "U.S." or "أ.ف.ب": letter (. letter)+ with an optional final dot.
func (sc *scanner) acronym(script class) {
	n := 1
	for sc.i+1 < len(sc.s) && sc.s[sc.i] == '.' {
		c, size := classAt(sc.s, sc.i+1)
		if c != script {
			break
		}
		after := sc.i + 1 + size
		if after < len(sc.s) {
			if c2, _ := classAt(sc.s, after); c2 == cArLetter || c2 == cLatin || c2 == cLetter || c2 == cArMark || c2 == cDigit {
				break
			}
		}
		sc.i, sc.pos = after, sc.pos+2
		n++
	}
	if n > 1 && sc.i < len(sc.s) && sc.s[sc.i] == '.' {
		sc.advance(1)
	}
}

// latin scans a Latin word, a dotted acronym, a URL or an e-mail address.
func (sc *scanner) latin(size int) TokenKind {
	if sc.url() {
		return URL
	}
	if sc.email() {
		return Email
	}
	sc.advance(size)
	single := true
	for sc.i < len(sc.s) {
		b := sc.s[sc.i]
		switch {
		case b >= 'a' && b <= 'z', b >= 'A' && b <= 'Z', b >= '0' && b <= '9':
			sc.advance(1)
		case (b == '\'' || b == 0xE2) && sc.apostrophe():
		case b < 0x80 && asciiClass[b] != cIgnore:
			goto done
		default:
			if !sc.continueWord(latinCont) {
				goto done
			}
		}
		single = false
	}
done:
	if single {
		sc.acronym(cLatin)
	}
	return Latin
}

func latinCont(c class) bool { return c == cLatin || c == cMark }

// apostrophe consumes ' or ’ between two Latin letters (don't, O’Brien).
func (sc *scanner) apostrophe() bool {
	n := 1
	if sc.s[sc.i] == 0xE2 {
		if sc.i+3 > len(sc.s) || sc.s[sc.i:sc.i+3] != "’" {
			return false
		}
		n = 3
	}
	if sc.i+n >= len(sc.s) {
		return false
	}
	if c, size := classAt(sc.s, sc.i+n); c == cLatin {
		sc.i += n + size
		sc.pos += 2
		return true
	}
	return false
}

// isDigitAt reports whether a decimal digit starts at byte i, skipping
// ignorable characters; it returns the offset of the digit and the number
// of code points skipped.
func isDigitAt(s string, i int) (j, n int, ok bool) {
	j, n = skipIgnorable(s, i)
	if j >= len(s) {
		return j, n, false
	}
	c, _ := classAt(s, j)
	return j, n, c == cDigit
}

// number scans digits with decimal and thousands separators: . , ٫ ٬
// between digits. Ignorable characters between digits are kept inside.
func (sc *scanner) number() {
	for sc.i < len(sc.s) {
		c, size := classAt(sc.s, sc.i)
		if c == cDigit {
			sc.advance(size)
			continue
		}
		sep := 0
		switch {
		case sc.s[sc.i] == '.' || sc.s[sc.i] == ',':
			sep = 1
		case sc.s[sc.i] == 0xD9 && sc.i+1 < len(sc.s) && (sc.s[sc.i+1] == 0xAB || sc.s[sc.i+1] == 0xAC):
			sep = 2
		case c == cIgnore:
			if j, n, ok := isDigitAt(sc.s, sc.i); ok {
				sc.i, sc.pos = j, sc.pos+n
				continue
			}
			return
		default:
			return
		}
		if j, n, ok := isDigitAt(sc.s, sc.i+sep); ok && n == 0 {
			sc.i, sc.pos = j, sc.pos+1
			continue
		}
		return
	}
}

// punct scans one punctuation mark, a run of full stops, a #hashtag or
// an @handle.
func (sc *scanner) punct(size int) TokenKind {
	b := sc.s[sc.i]
	switch b {
	case '.':
		for sc.i < len(sc.s) && sc.s[sc.i] == '.' {
			sc.advance(1)
		}
		return Punct
	case '#':
		if sc.i+1 < len(sc.s) {
			if c, _ := classAt(sc.s, sc.i+1); isWordClass(c) || c == cDigit || sc.s[sc.i+1] == '_' {
				sc.advance(1)
				for sc.continueWord(hashtagCont) || sc.underscore() {
				}
				return Hashtag
			}
		}
	case '@':
		if sc.i+1 < len(sc.s) && isHandleByte(sc.s[sc.i+1]) {
			sc.advance(1)
			for sc.i < len(sc.s) && isHandleByte(sc.s[sc.i]) {
				sc.advance(1)
			}
			return Handle
		}
	}
	sc.advance(size)
	return Punct
}

func hashtagCont(c class) bool { return isWordClass(c) || c == cDigit }

func (sc *scanner) underscore() bool {
	if sc.i < len(sc.s) && sc.s[sc.i] == '_' {
		sc.advance(1)
		return true
	}
	return false
}

func isHandleByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_'
}
