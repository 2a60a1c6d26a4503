package arabic

import (
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestLargeSingleLine runs the tokenizer, the sentence splitter and the
// analyzer over a 50 MB text without a line break, including hostile
// runs (dotted initials, quotes and brackets that never close, a word
// with no space for megabytes), to catch quadratic behaviour and memory
// that grows faster than the text.
func TestLargeSingleLine(t *testing.T) {
	if testing.Short() {
		t.Skip("50 MB input; skipped with -short")
	}
	const size = 50 << 20
	pieces := []string{
		"شاركت دولة قطر في الاجتماع المشترك لمجلس حلف شمال الأطلسي (NAC )، ودول مبادرة إسطنبول للتعاون. ",
		"وقال د. المالكي «إن الشراكة ستفتح الأبواب. ونحن مستعدون» في 29 يوليو ٢٠٢٣ بتكلفة 7.9 مليار. ",
		strings.Repeat("أ.", 2000),
		" " + strings.Repeat("«(\"", 1000) + " ",
		strings.Repeat("شاركت دولة قطر في الاجتماع، وأكد «الشراكة». ", 5000),
		strings.Repeat("كلمة", 1<<16),
		" " + strings.Repeat(". ", 5000),
	}
	var sb strings.Builder
	sb.Grow(size + 1<<20)
	for i := 0; sb.Len() < size; i++ {
		sb.WriteString(pieces[i%len(pieces)])
	}
	text := sb.String()
	runes := utf8.RuneCountInString(text)

	var tz Tokenizer
	tz.Reset(text)
	n, last := 0, Token{}
	for tok, ok := tz.Next(); ok; tok, ok = tz.Next() {
		if tok.Start < last.End {
			t.Fatalf("token %d %+v starts before the previous end %d", n, tok, last.End)
		}
		n, last = n+1, tok
	}
	if n == 0 || last.End > runes {
		t.Fatalf("%d tokens, last ends at %d of %d", n, last.End, runes)
	}

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	sents := Sentences(text)
	runtime.ReadMemStats(&after)
	if len(sents) < 1000 || sents[len(sents)-1][1] > runes {
		t.Fatalf("%d sentences, last %v of %d", len(sents), sents[len(sents)-1], runes)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 2*size {
		t.Errorf("Sentences allocated %d MB for a %d MB text", alloc>>20, size>>20)
	}

	a := NewAnalyzer(AnalyzerOptions{Stem: LuceneStem})
	runtime.ReadMemStats(&before)
	terms, prev := 0, -1
	a.Each(text, func(tm Term) bool {
		if tm.Pos <= prev {
			t.Fatalf("term %+v: position does not increase", tm)
		}
		prev = tm.Pos
		terms++
		return true
	})
	runtime.ReadMemStats(&after)
	if terms == 0 {
		t.Fatal("no terms")
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 2*size {
		t.Errorf("Analyzer.Each allocated %d MB for a %d MB text", alloc>>20, size>>20)
	}
	t.Logf("%d MB: %d tokens, %d sentences, %d terms", size>>20, n, len(sents), terms)
}
