package ner

import (
	"io"
	"strings"
)

// FANEClasses maps the 51 fine classes of the FANE corpora (WikiFANE
// Gold and NewsFANE Gold, Alotaibi & Lee 2014) to khabar's four types.
// The choices, where the corpora and ANERcorp differ:
//   - Group (العرب، المسلمين) → O: ANERcorp does not tag collective
//     groups, and khabar reports nationality words as places, not entities;
//   - facilities (Airport, Building-Grounds, Path, Plant, Subarea-Facility)
//     → LOC: news readers look for a hospital, an airport or a stadium as
//     a place;
//   - Celestial bodies and natural regions → LOC, as CoNLL does;
//   - products, vehicles (Air, Land, Water are aircraft, cars and ships,
//     not places) and weapons → MISC;
//   - Police (police and military persons) → PER.
var FANEClasses = map[string]string{
	"Airport": "LOC", "Building-Grounds": "LOC", "Path": "LOC", "Plant": "LOC", "Subarea-Facility": "LOC",
	"Continent": "LOC", "County-or-District": "LOC", "GPE-Cluster": "LOC", "Nation": "LOC",
	"Population-Center": "LOC", "State-or-Province": "LOC", "Celestial": "LOC", "Land-Region-Natural": "LOC",
	"Water-Body": "LOC",
	"Commercial": "ORG", "Educational": "ORG", "Entertainment": "ORG", "Government": "ORG", "Media": "ORG",
	"Medical-Science": "ORG", "Non-Governmental": "ORG", "Religious_ORG": "ORG", "Sports": "ORG",
	"Artist": "PER", "Athlete": "PER", "Businessperson": "PER", "Engineer": "PER", "Lawyer": "PER",
	"Other_PER": "PER", "Police": "PER", "Politician": "PER", "Religious_PER": "PER", "Scientist": "PER",
	"Group": "O",
	"Book":  "MISC", "Drug": "MISC", "Food": "MISC", "Hardware": "MISC", "Movie": "MISC", "Software": "MISC",
	"Sound": "MISC", "Air": "MISC", "Land": "MISC", "Water": "MISC", "Biological": "MISC", "Blunt": "MISC",
	"Chemical": "MISC", "Exploding": "MISC", "Nuclear": "MISC", "Projectile": "MISC", "Sharp": "MISC",
	"Shooting": "MISC",
}

// MapFANETag maps a FANE tag (B-Nation, I-Politician, O) through
// FANEClasses; an unknown class becomes O.
func MapFANETag(tag string) string {
	if len(tag) < 3 || (tag[0] != 'B' && tag[0] != 'I') || tag[1] != '-' {
		return "O"
	}
	t, ok := FANEClasses[tag[2:]]
	if !ok || t == "O" {
		return "O"
	}
	return tag[:2] + t
}

// ReadFANE reads a FANE corpus in its CoNLL form ("token TAG", IOB2 over
// the fine classes), maps the classes with MapFANETag and joins the
// clitics the corpus splits off (see JoinClitics), so that its tokens
// look like the whitespace tokens of news text that khabar tags.
func ReadFANE(r io.Reader) ([]Sentence, error) {
	sents, err := readCoNLL(r, MapFANETag)
	if err != nil {
		return nil, err
	}
	for i := range sents {
		sents[i] = JoinClitics(sents[i])
		sents[i].Domain = "wiki"
		repairIOB(sents[i].Labels)
	}
	return sents, nil
}

// faneProclitics are the one-letter proclitics FANE writes as tokens of
// their own (و ب ل ف ك س); faneEnclitics the pronoun suffixes. كم and كما
// are left alone: they are also words (how many, as well).
var (
	faneProclitics = map[string]bool{"و": true, "ف": true, "ب": true, "ل": true, "ك": true, "س": true}
	faneEnclitics  = map[string]bool{"ه": true, "ها": true, "هم": true, "هما": true, "هن": true, "نا": true, "ي": true}
)

// JoinClitics rejoins a clitic-segmented sentence (و الرياض ، مدن ها) into
// written words (والرياض، مدنها): an enclitic joins the word before it,
// a proclitic the word after it (ل + ال… is written لل…; a final ة or ى
// takes its spelling before a suffix). A joined word
// takes the label of its stem, the token that is not a clitic.
func JoinClitics(s Sentence) Sentence {
	// Enclitics first: they attach to the previous token.
	words := make([]string, 0, len(s.Words))
	labels := make([]string, 0, len(s.Labels))
	for i, w := range s.Words {
		if faneEnclitics[w] && len(words) > 0 && isArabicWord(words[len(words)-1]) {
			words[len(words)-1] = attachSuffix(words[len(words)-1], w)
			continue
		}
		words = append(words, w)
		labels = append(labels, s.Labels[i])
	}
	// Proclitics attach to the next token; a chain (و ب) joins in order.
	out := Sentence{Words: make([]string, 0, len(words)), Labels: make([]string, 0, len(words))}
	pre := ""
	for i, w := range words {
		if faneProclitics[w] && i+1 < len(words) && isArabicWord(words[i+1]) {
			pre += w
			continue
		}
		if pre != "" {
			if strings.HasSuffix(pre, "ل") && strings.HasPrefix(w, "ال") {
				w = w[len("ا"):]
			}
			w = pre + w
			pre = ""
		}
		out.Words = append(out.Words, w)
		out.Labels = append(out.Labels, labels[i])
	}
	return out
}

// attachSuffix writes stem + a pronoun suffix as Arabic spells it: a final
// ة becomes ت (خارجية + ها → خارجيتها) and a final ى becomes ي (على + ه →
// عليه).
func attachSuffix(stem, suf string) string {
	switch {
	case strings.HasSuffix(stem, "ة"):
		stem = strings.TrimSuffix(stem, "ة") + "ت"
	case strings.HasSuffix(stem, "ى"):
		stem = strings.TrimSuffix(stem, "ى") + "ي"
	}
	return stem + suf
}

// isArabicWord reports whether w begins with an Arabic letter.
func isArabicWord(w string) bool {
	for _, r := range w {
		return r >= 0x0621 && r <= 0x064A
	}
	return false
}

// FANEHeldOut is the fraction of a FANE corpus, its last sentences, that
// SplitFANE keeps apart as a test set: khabar never trains on it.
const FANEHeldOut = 0.1

// SplitFANE splits a FANE corpus into its training part and its held-out
// test part (the last FANEHeldOut of the sentences, in corpus order, so
// that whole articles fall on one side).
func SplitFANE(sents []Sentence) (train, test []Sentence) {
	cut := len(sents) - int(float64(len(sents))*FANEHeldOut)
	return sents[:cut], sents[cut:]
}

// DropOverlap returns the sentences of sents that share no n-gram of
// folded words (see Fold) with any sentence of test, and how many it
// dropped. NewsFANE re-annotates ANERcorp's text: training on it without
// this filter would leak the test split into training.
func DropOverlap(sents, test []Sentence, n int) (kept []Sentence, dropped int) {
	grams := map[uint64]bool{}
	for _, s := range test {
		for _, h := range ngramHashes(s.Words, n) {
			grams[h] = true
		}
	}
	for _, s := range sents {
		hit := false
		for _, h := range ngramHashes(s.Words, n) {
			if grams[h] {
				hit = true
				break
			}
		}
		if hit {
			dropped++
			continue
		}
		kept = append(kept, s)
	}
	return kept, dropped
}

// ngramHashes hashes the n-grams of the folded words.
func ngramHashes(words []string, n int) []uint64 {
	var out []uint64
	for i := 0; i+n <= len(words); i++ {
		h := newHash(0)
		for _, w := range words[i : i+n] {
			h = h.str(norm(w)).byte(' ')
		}
		out = append(out, uint64(h))
	}
	return out
}
