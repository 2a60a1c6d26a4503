// Package ner recognizes named entities (PER, ORG, LOC, MISC) in Arabic
// text with a trained sequence tagger.
//
// The tagger is an averaged structured perceptron over hashed sparse
// features (folded word, proclitics and clitic-free base, affixes,
// character trigrams, shape, ±2 context, gazetteer hits, alias matches
// of the knowledge base (package kb: people, organizations, places and
// nationality adjectives), whether the word is in the Arabic lexicon of
// package arabic (a word it lacks is often a foreign name), title /
// organization / location trigger words), decoded with first-order
// Viterbi under IOB2 constraints, in two stages: the second stage also
// sees the first stage's labels for the sentence and for the same words
// in the surrounding sentences, which makes a name recognized once in an
// article easier to recognize again. Default returns the model embedded
// in the binary, trained on the ANERcorp CAMeL-split train file with
//
//	go run ./cmd/khabar train ner --train ../shared/data/anercorp/ANERCorp_CamelLab_train.repro.txt --out ner/model.bin
//
// whose defaults drop features seen once (MinCount 2) and hide a token's
// own-word features in a quarter of its training passes (WordDropout
// 0.25), so that the model learns to label names by their affixes and
// context, as it must for names absent from the training data.
//
// The kb and lexicon features read packages kb and arabic at run time: a
// change to the knowledge base or the lexicon changes what the shipped
// model sees, so retrain and re-evaluate after such changes.
//
// Tokens in ANERcorp carry their clitics (والسعودية is one token tagged
// B-LOC), and so do khabar's tokens; the tagger labels whole tokens. Tag
// then removes a leading proclitic cluster (و ف ب ل ك and their pairs
// such as وب ول فل) from the first token of a mention when the training
// data or the gazetteer know the rest as a name more often than the whole
// token (ولبنان → لبنان, but بغداد and وليد stay), when the rest begins
// with the article (والسعودية → السعودية), or, for و alone, when neither
// form is known. The article ال is kept (الاتحاد الأوروبي). For ل + ال
// (للأمم المتحدة) both letters are outside the span, whose Text is then
// أمم المتحدة and whose Name restores the article: الأمم المتحدة.
package ner

// Span is one recognized entity mention.
type Span struct {
	Type     string // PER, ORG, LOC or MISC
	Text     string // the mention as it appears, without leading proclitics
	Start    int    // code-point offsets into the text, proclitics excluded
	End      int
	TokStart int    // index of the first token (into the token slice tagged)
	TokEnd   int    // one past the last token
	Name     string // Text with the article restored when لل was stripped (للأمم → الأمم); else Text
}
