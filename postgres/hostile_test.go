package postgres_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/postgres"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// spaceAnalyzer makes every space-separated word a term, unchanged, so
// that tests can put any characters into tsvector and tsquery lexemes.
type spaceAnalyzer struct{}

func (spaceAnalyzer) Analyze(text string, dst []search.Token) []search.Token {
	r, start := 0, -1
	var word strings.Builder
	for _, c := range text + " " {
		switch {
		case c == ' ' && start >= 0:
			dst = append(dst, search.Token{Term: word.String(), Start: start, End: r})
			start = -1
			word.Reset()
		case c != ' ':
			if start < 0 {
				start = r
			}
			word.WriteRune(c)
		}
		r++
	}
	return dst
}

func textDoc(url, text string) store.Document {
	return store.Document{URL: url, Analysis: &khabar.Analysis{Schema: khabar.Schema, Text: text,
		Paragraphs: [][2]int{{0, utf8.RuneCountInString(text)}}}}
}

// TestHostileTerms stores and finds terms made of tsvector and tsquery
// syntax: they must reach PostgreSQL as quoted lexemes and match only
// themselves.
func TestHostileTerms(t *testing.T) {
	ctx := context.Background()
	db, err := postgres.Open(ctx, newDB(t), postgres.Options{Analyzer: spaceAnalyzer{}})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	words := []string{`it's`, `back\slash`, `\`, `'`, `''`, `a:b`, `x:*`, `x&y|z`, `!not`, `(paren)`, `<->`, `<2>`,
		`'quoted'`, `a:1A`, `\'`, `=eq`, `%_like`, "tab\tword"}
	var docs []store.Document
	for i, w := range words {
		docs = append(docs, textDoc(fmt.Sprintf("https://h.test/%d", i), fmt.Sprintf("filler%d %s end%d", i, w, i)))
	}
	res, err := db.Put(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range words {
		for _, n := range []search.Node{
			&search.Word{Text: w},
			&search.Phrase{Words: []string{w, fmt.Sprintf("end%d", i)}},
			&search.And{Nodes: []search.Node{&search.Word{Text: w}, &search.Not{Node: &search.Word{Text: "nothing"}}}},
		} {
			r, err := db.Search(ctx, search.Request{Query: search.Query{Text: n}, ShowCopies: true})
			if err != nil {
				t.Errorf("%s: %v", n, err)
				continue
			}
			if r.Total != 1 || len(r.Hits) != 1 || r.Hits[0].ID != res[i].ID {
				t.Errorf("%s: Total %d, hits %+v; want document %d alone", n, r.Total, r.Hits, i)
			}
		}
	}
	// A prefix made of syntax matches by prefix only.
	r, err := db.Search(ctx, search.Request{Query: search.Query{Text: &search.Word{Text: `x`, Prefix: true}}, ShowCopies: true})
	if err != nil || r.Total != 2 {
		t.Errorf("x*: %v, %v; want the x:* and x&y|z documents", r, err)
	}
}

// TestHostileDocuments stores documents PostgreSQL text columns cannot
// hold as they are, and one too big for a tsvector.
func TestHostileDocuments(t *testing.T) {
	ctx := context.Background()
	db, err := postgres.Open(ctx, newDB(t), postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	nul := textDoc("https://h.test/nul", "خبر عاجل\x00 عن الاقتصاد")
	badTitle := textDoc("https://h.test/title", "خبر عن الطاقة")
	badTitle.Title = "عنوان \xff\xfe"
	badTitle.Source = "src\x00"
	badTitle.Analysis.Entities = []khabar.Entity{{ID: "e1", Type: "PER", Name: "اسم\x00\xff",
		Mentions: []khabar.Mention{{Text: "\xff", Start: 0, End: 1}}}}
	res, err := db.Put(ctx, []store.Document{nul, badTitle})
	if err != nil {
		t.Fatal(err)
	}
	r, err := db.Get(ctx, res[0].ID)
	if err != nil || r.Analysis.Text != nul.Analysis.Text {
		t.Errorf("text with NUL does not round-trip: %v", err)
	}
	q, _ := search.Parse("الاقتصاد")
	if sr, err := db.Search(ctx, search.Request{Query: q}); err != nil || sr.Total != 1 {
		t.Errorf("search in a text with NUL: %v, %v", sr, err)
	}
	if _, err := db.Put(ctx, []store.Document{textDoc("https://h.test/\xff", "نص آخر")}); err == nil {
		t.Error("URL of invalid UTF-8 accepted")
	}
	if _, err := db.Lookup(ctx, "https://h.test/\xff"); err == nil {
		t.Error("Lookup of an invalid URL found something")
	}

	// 150,000 distinct words: far more than a tsvector holds (1 MB).
	var b strings.Builder
	b.WriteString("البداية ")
	for i := 0; i < 150000; i++ {
		fmt.Fprintf(&b, "w%x ", i)
	}
	b.WriteString("النهاية")
	big, err := postgres.Open(ctx, newDB(t), postgres.Options{Analyzer: spaceAnalyzer{}})
	if err != nil {
		t.Fatal(err)
	}
	defer big.Close()
	res, err = big.Put(ctx, []store.Document{textDoc("https://h.test/big", b.String())})
	if err != nil {
		t.Fatalf("Put of a huge document: %v", err)
	}
	r, err = big.Get(ctx, res[0].ID)
	if err != nil || r.Analysis.Text != b.String() {
		t.Fatalf("huge document does not round-trip: %v", err)
	}
	for _, w := range []string{"البداية", "w0", "w1000"} {
		sr, err := big.Search(ctx, search.Request{Query: search.Query{Text: &search.Word{Text: w}}})
		if err != nil || sr.Total != 1 {
			t.Errorf("%s in the huge document: %v, %v", w, sr, err)
		}
	}
}
