// Package ner finds named entities (PER, ORG, LOC, MISC) in Arabic text
// with a trained sequence tagger. Default returns the model embedded in
// the binary, Tagger.Tag labels khabar's tokens of a text, Train learns a
// model from CoNLL (ANERcorp) or FANE (WikiFANE) sentences, and Evaluate
// scores one. The README's "Named entities" section describes the model,
// its features, its training data and its figures.
package ner

// Span is one recognized entity mention.
//
// Tokens carry their clitics (والسعودية is one token, tagged B-LOC in
// ANERcorp), and the tagger labels whole tokens. Tag then leaves a leading
// proclitic cluster (و ف ب ل ك and pairs such as وب ول فل) out of the
// first token of a mention when the training data or the gazetteer know
// the rest as a name more often than the whole token (ولبنان → لبنان, but
// بغداد and وليد stay whole), when the rest begins with the article
// (والسعودية → السعودية), or, for و alone, when neither form is known. The
// article ال stays in the span (الاتحاد الأوروبي). For ل + ال (للأمم
// المتحدة) both letters are outside the span: Text is أمم المتحدة and
// Name restores the article, الأمم المتحدة.
type Span struct {
	Type     string // PER, ORG, LOC or MISC
	Text     string // the mention as it appears, without leading proclitics
	Start    int    // code-point offsets into the text, proclitics excluded
	End      int
	TokStart int    // index of the first token (into the token slice tagged)
	TokEnd   int    // one past the last token
	Name     string // Text with the article restored when لل was stripped (للأمم → الأمم); else Text
}
