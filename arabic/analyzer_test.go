package arabic

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

type analyzerCase struct {
	Name string   `json:"name"`
	Opt  string   `json:"opt"`
	In   string   `json:"in"`
	Out  []string `json:"out"`
}

func analyzerOptions(t *testing.T, name string) AnalyzerOptions {
	switch name {
	case "lucene":
		return AnalyzerOptions{Stem: LuceneStem}
	case "nostem":
		return AnalyzerOptions{NoStem: true}
	case "nostem+stop":
		return AnalyzerOptions{NoStem: true, KeepStopwords: true}
	}
	t.Fatalf("unknown options %q", name)
	return AnalyzerOptions{}
}

func TestAnalyzerTerms(t *testing.T) {
	for _, tc := range readJSONL[analyzerCase](t, filepath.Join("testdata", "analyzer.jsonl")) {
		t.Run(tc.Name, func(t *testing.T) {
			a := NewAnalyzer(analyzerOptions(t, tc.Opt))
			terms := a.Terms(tc.In, nil)
			checkTerms(t, tc.In, terms)
			got := make([]string, len(terms))
			for i, tm := range terms {
				got[i] = fmt.Sprintf("%s@%d", tm.Text, tm.Pos)
			}
			if strings.Join(got, " ") != strings.Join(tc.Out, " ") {
				t.Errorf("Terms(%q)\n got: %q\nwant: %q", tc.In, got, tc.Out)
			}
		})
	}
}

// checkTerms verifies that each term's offsets name a token of text and
// that positions increase.
func checkTerms(t testing.TB, text string, terms []Term) {
	t.Helper()
	var byteAt []int
	for i := range text {
		byteAt = append(byteAt, i)
	}
	byteAt = append(byteAt, len(text))
	prevPos, prevEnd := -1, 0
	for k, tm := range terms {
		if tm.Pos <= prevPos || tm.Start < prevEnd || tm.End <= tm.Start || tm.End >= len(byteAt) {
			t.Fatalf("term %d %+v: bad position or offsets after pos %d end %d", k, tm, prevPos, prevEnd)
		}
		if byteAt[tm.Start] != tm.ByteStart || byteAt[tm.End] != tm.ByteEnd {
			t.Fatalf("term %d %+v: byte offsets do not match code-point offsets", k, tm)
		}
		if tm.Text == "" {
			t.Fatalf("term %d %+v: empty", k, tm)
		}
		prevPos, prevEnd = tm.Pos, tm.End
	}
}

func TestAnalyzerAppendsAndEach(t *testing.T) {
	a := NewAnalyzer(AnalyzerOptions{Stem: LuceneStem})
	text := "وأكد سعادته عزم دولة قطر على العمل مع حلف شمال الأطلسي"
	terms := a.Terms(text, nil)
	again := a.Terms("قطر", terms)
	if len(again) != len(terms)+1 || again[len(again)-1].Text != "قطر" {
		t.Fatalf("Terms did not append: %+v", again)
	}
	var each []Term
	a.Each(text, func(tm Term) bool {
		each = append(each, tm)
		return true
	})
	if fmt.Sprint(each) != fmt.Sprint(terms) {
		t.Errorf("Each = %v\nTerms = %v", each, terms)
	}
	n := 0
	a.Each(text, func(Term) bool { n++; return n < 3 })
	if n != 3 {
		t.Errorf("Each did not stop when fn returned false: %d calls", n)
	}
}

// TestAnalyzerConcurrent checks that one Analyzer used from many
// goroutines gives every caller the same terms (run with -race).
func TestAnalyzerConcurrent(t *testing.T) {
	a := NewAnalyzer(DefaultAnalyzerOptions())
	texts := []string{
		"شاركت دولة قطر في الاجتماع المشترك لمجلس حلف شمال الأطلسي",
		"NATO U.S. ٢٠٢٣ #قطر",
		"وأوضح سعادته، أنه سيتم الاحتفال قريباً بالذكرى السنوية العشرين",
	}
	want := make([]string, len(texts))
	for i, s := range texts {
		want[i] = fmt.Sprint(a.Terms(s, nil))
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for k := range 50 {
				i := (g + k) % len(texts)
				if got := fmt.Sprint(a.Terms(texts[i], nil)); got != want[i] {
					t.Errorf("goroutine %d: Terms(%q) = %s, want %s", g, texts[i], got, want[i])
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestAnalyzerQueryMatchesDocument checks the property the store relies
// on: a word analyzed alone, as a query, gives the term it has inside a
// document.
func TestAnalyzerQueryMatchesDocument(t *testing.T) {
	a := NewAnalyzer(DefaultAnalyzerOptions())
	doc := "ناقش الاجتماع المسائل المتعلقة بالأمن التعاوني، و تعزيز التعاون بين حلف (الناتو ) ودول مجلس التعاون الخليجي"
	for _, tm := range a.Terms(doc, nil) {
		word := []rune(doc)[tm.Start:tm.End]
		q := a.Terms(string(word), nil)
		if len(q) != 1 || q[0].Text != tm.Text {
			t.Errorf("query %q gives %v, document term is %q", string(word), q, tm.Text)
		}
	}
}

// TestFoldTableMatchesNormalize checks the analyzer's table for plain
// words against Normalize on every word of a news sample and on every
// code point of the Arabic block.
func TestFoldTableMatchesNormalize(t *testing.T) {
	ft := searchFold()
	check := func(w string) {
		t.Helper()
		got := w
		if ft.changes(w) {
			got = string(ft.appendFold(nil, w))
		}
		if want := Normalize(w, Search); got != want {
			t.Errorf("fold(%q) = %q, Normalize = %q", w, got, want)
		}
	}
	for r := rune(0x600); r <= 0x6FF; r++ {
		check(string(r))
	}
	text := "وأكّد سعادته، عزم دولة قطر على العمل مع حلف شمال الأطلسي وشركائها إلى مُحَمَّد جـــميل آخر"
	var tz Tokenizer
	tz.Reset(text)
	for tok, ok := tz.Next(); ok; tok, ok = tz.Next() {
		if tz.sc.plain {
			check(tok.Text)
		}
	}
}
