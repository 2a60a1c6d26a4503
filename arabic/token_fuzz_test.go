package arabic

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzSeeds are inputs every fuzz target starts from.
var fuzzSeeds = []string{
	"",
	"شاركت دولة قطر في الاجتماع المشترك (NAC )، ودول مبادرة إسطنبول.",
	"و أكد ٣٫٥ 1,000 U.S. أ.ف.ب ص.ب. https://x.org/a_(b). info@spa.gov.sa #قطر @SPA 👨‍👩‍👧 🇸🇦",
	"وقال «الوضع صعب. لكننا سنصمد.» ثم \"غادر. الآن\" (د. ب. أ) 2015 م. هـ.",
	"قط\xffر \xc3\xd8 \u202a/\u202c\u200c\ufeff\x00ـــ",
	"12\u202a/\u202c08\u202a/\u202c2014 05:01 7.9.",
	"...…؟!?\n\n\r\n\u2028",
}

func FuzzTokenize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := Tokenize(text)
		checkTokens(t, text, toks)
		n := 0
		var tz Tokenizer
		tz.Reset(text)
		for tok, ok := tz.Next(); ok; tok, ok = tz.Next() {
			if n >= len(toks) || tok != toks[n] {
				t.Fatalf("Tokenizer token %d = %+v differs from Tokenize", n, tok)
			}
			n++
		}
		if n != len(toks) {
			t.Fatalf("Tokenizer gave %d tokens, Tokenize %d", n, len(toks))
		}
		// Every letter or digit of the text is inside some token.
		covered := 0
		for _, tok := range toks {
			covered += utf8.RuneCountInString(tok.Text)
		}
		if covered > utf8.RuneCountInString(text) {
			t.Fatalf("tokens cover %d code points of %d", covered, utf8.RuneCountInString(text))
		}
		for _, tok := range JoinDetached(text, Tokenize(text)) {
			if !strings.Contains(text, tok.Text) {
				t.Fatalf("joined token %q is not in the text", tok.Text)
			}
		}
	})
}

func FuzzSentences(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ranges := Sentences(text)
		sentenceTexts(t, text, ranges)
		// Every letter of the text lies in a sentence.
		pos, k := 0, 0
		for _, r := range text {
			for k < len(ranges) && ranges[k][1] <= pos {
				k++
			}
			if c := classifySlow(r); (c == cArLetter || c == cLatin || c == cDigit) && (k == len(ranges) || pos < ranges[k][0]) {
				t.Fatalf("code point %d (%q) is in no sentence: %v", pos, r, ranges)
			}
			pos++
		}
	})
}

func FuzzAnalyzer(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	a := NewAnalyzer(DefaultAnalyzerOptions())
	f.Fuzz(func(t *testing.T, text string) {
		terms := a.Terms(text, nil)
		checkTerms(t, text, terms)
		i := 0
		a.Each(text, func(tm Term) bool {
			if i >= len(terms) || tm != terms[i] {
				t.Fatalf("Each term %d = %+v differs from Terms", i, tm)
			}
			i++
			return true
		})
		if i != len(terms) {
			t.Fatalf("Each gave %d terms, Terms %d", i, len(terms))
		}
	})
}
