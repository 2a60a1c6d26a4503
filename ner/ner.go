// Package ner recognizes named entities (PER, ORG, LOC, MISC) in Arabic
// text with a trained sequence tagger.
package ner

// Span is one recognized entity mention.
type Span struct {
	Type     string // PER, ORG, LOC or MISC
	Text     string // the mention as it appears, without leading proclitics
	Start    int    // code-point offsets into the text, proclitics excluded
	End      int
	TokStart int // index of the first token (into the token slice tagged)
	TokEnd   int // one past the last token
}
