package ner

import (
	"encoding/json"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/internal/shareddata"
)

// slowTagger returns a copy of t that always takes the generic path
// (one table lookup per feature and stage, map-based document counts).
func slowTagger(t *Tagger) *Tagger {
	s := &Tagger{labels: t.labels, allow: t.allow, firsts: t.firsts, m1: t.m1, m2: t.m2, window: t.window, recallBias: t.recallBias}
	s.jointOnce.Do(func() {})
	return s
}

// TestFastPathMatchesSlowPathShipped checks the fast path (joint table,
// cached prefix sums, interned document counts) against the generic path
// with the shipped model on the ANERcorp test split, tagged as one
// document and sentence by sentence.
func TestFastPathMatchesSlowPathShipped(t *testing.T) {
	sents := readShared(t, "anercorp", "ANERCorp_CamelLab_test.repro.txt")
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	slow := slowTagger(tg)
	words := make([][]string, len(sents))
	for i, s := range sents {
		words[i] = s.Words
	}
	fast := tg.TagSentences(words)
	if tg.joint == nil {
		t.Fatal("fast path not used by the shipped model")
	}
	got := slow.TagSentences(words)
	for i := range got {
		if !reflect.DeepEqual(got[i], fast[i]) {
			t.Fatalf("sentence %d: fast path %q\nslow path %q", i, fast[i], got[i])
		}
	}
	// Again, sentence by sentence, with the decoders' caches now warm.
	for i, ws := range words[:100] {
		if f, s := tg.TagTokens(ws), slow.TagTokens(ws); !reflect.DeepEqual(f, s) {
			t.Fatalf("sentence %d alone: fast path %q\nslow path %q", i, f, s)
		}
	}
}

func TestRuneCursor(t *testing.T) {
	for _, text := range []string{
		"",
		"abc",
		"وزير الخارجية",
		"a\xffب\xe2\x80c",      // invalid bytes count as one code point each
		"\xe2\x80\xa9x\u2029y", // U+2029 after a broken sequence
		"😀ش😀",
	} {
		var want []int // byte offset of each code point, then len(text)
		for i := range text {
			want = append(want, i)
		}
		want = append(want, len(text))
		var c runeCursor
		// Forward, backward and out-of-range requests.
		order := []int{0, len(want) - 1, 1, len(want), len(want) / 2, 0, len(want) + 3}
		for _, r := range order {
			got, ok := c.byteAt(text, r)
			if r < len(want) {
				if !ok || got != want[r] {
					t.Errorf("%q: byteAt(%d) = %d, %v; want %d, true", text, r, got, ok, want[r])
				}
			} else if ok {
				t.Errorf("%q: byteAt(%d) = %d, true; want false", text, r, got)
			}
		}
	}
}

// TestTagConcurrent tags documents from many goroutines at once and
// checks each against the sequential result: decoders and their caches
// must never be shared.
func TestTagConcurrent(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"وقال وزير الخارجية السعودي الأمير سعود الفيصل في الرياض إن المملكة تدعم الأمم المتحدة.",
		"زار الرئيس الفرنسي باريس ولندن.\nوالتقى رئيس الوزراء البريطاني في مقر حلف شمال الأطلسي.",
		strings.Repeat("أعلنت وزارة الصحة في دبي عن افتتاح مستشفى جديد. ", 40),
		"\xff\xfe مُحَمَّد\u200f بن سلمان",
	}
	want := make([][]Span, len(texts))
	found := 0
	for i, s := range texts {
		want[i] = tg.Tag(s, arabic.Tokenize(s))
		found += len(want[i])
	}
	if found == 0 {
		t.Fatal("no entities found in any text")
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := 0; k < 20; k++ {
				i := (g + k) % len(texts)
				if got := tg.Tag(texts[i], arabic.Tokenize(texts[i])); !reflect.DeepEqual(got, want[i]) {
					errs <- texts[i]
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for s := range errs {
		t.Errorf("concurrent Tag differs from sequential on %q", s)
	}
}

// TestFastPathMatchesSlowPathNews compares the spans of both paths on
// news articles, whole documents with line breaks, as the pipeline tags
// them.
func TestFastPathMatchesSlowPathNews(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	slow := slowTagger(tg)
	sc := shareddata.SaudiNewsNet(t)
	spans := 0
	for n := 0; n < 40 && sc.Scan(); n++ {
		var rec struct{ Title, Content string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("saudinewsnet record %d: %v", n+1, err)
		}
		text := rec.Title + "\n\n" + rec.Content
		toks := arabic.Tokenize(text)
		fast := tg.Tag(text, toks)
		if got := slow.Tag(text, toks); !reflect.DeepEqual(got, fast) {
			t.Fatalf("article %d: fast path %v\nslow path %v", n+1, fast, got)
		}
		spans += len(fast)
	}
	if spans == 0 {
		t.Fatal("no entities found")
	}
}
