package arabic

import "unicode"

// TokenKind classifies a token.
type TokenKind uint8

// Token kinds.
const (
	Word    TokenKind = iota // an Arabic word
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

// Token is one token with its half-open code-point offsets into the text
// it came from.
type Token struct {
	Text  string
	Start int
	End   int
	Kind  TokenKind
}

// Tokenize splits text into tokens. PLACEHOLDER: replaced by the real tokenizer.
func Tokenize(text string) []Token {
	var toks []Token
	start, pos := -1, 0
	var buf []rune
	flush := func() {
		if start >= 0 {
			toks = append(toks, Token{Text: string(buf), Start: start, End: pos, Kind: Word})
			start, buf = -1, buf[:0]
		}
	}
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if start < 0 {
				start = pos
			}
			buf = append(buf, r)
		case unicode.IsSpace(r):
			flush()
		default:
			flush()
			toks = append(toks, Token{Text: string(r), Start: pos, End: pos + 1, Kind: Punct})
		}
		pos++
	}
	flush()
	return toks
}
