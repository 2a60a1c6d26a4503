package search

import "github.com/khabar/khabar/arabic"

// DefaultAnalyzer returns the analyzer backends use unless told
// otherwise: khabar's Arabic analyzer with its default options
// (tokenize, Search-normalize, drop stop words, stem) and the hamza-seat
// fold (arabic.FoldHamzaSeats), so that المسئولين finds المسؤولين.
func DefaultAnalyzer() Analyzer {
	opt := arabic.DefaultAnalyzerOptions()
	opt.FoldHamzaSeats = true
	return ArabicAnalyzer(arabic.NewAnalyzer(opt))
}

// ArabicAnalyzer adapts an arabic.Analyzer to Analyzer.
func ArabicAnalyzer(a *arabic.Analyzer) Analyzer { return arabicAnalyzer{a} }

type arabicAnalyzer struct{ a *arabic.Analyzer }

func (x arabicAnalyzer) Analyze(text string, dst []Token) []Token {
	x.a.Each(text, func(t arabic.Term) bool {
		dst = append(dst, Token{Term: t.Text, Start: t.Start, End: t.End})
		return true
	})
	return dst
}
