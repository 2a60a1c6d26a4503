package storetest

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/internal/shareddata"
	"github.com/khabar/khabar/store"
)

// SaudiRecords returns the first n SaudiNewsNet records as raw JSON
// lines (fewer when the corpus has fewer). It skips tb when the corpus
// is absent.
func SaudiRecords(tb testing.TB, n int) [][]byte {
	tb.Helper()
	sc := shareddata.SaudiNewsNet(tb)
	var out [][]byte
	for len(out) < n && sc.Scan() {
		out = append(out, append([]byte(nil), sc.Bytes()...))
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("reading saudinewsnet: %v", err)
	}
	return out
}

// SaudiDocs returns up to n SaudiNewsNet articles, in corpus order, as
// documents with a minimal Analysis (text: title, blank line, content;
// title span; publication day; one paragraph), so that benchmarks and
// cross-backend tests measure the store alone. Records that do not
// parse or have no content are passed over. It skips tb when the
// corpus is absent.
func SaudiDocs(tb testing.TB, n int) []store.Document {
	tb.Helper()
	sc := shareddata.SaudiNewsNet(tb)
	var docs []store.Document
	for len(docs) < n && sc.Scan() {
		var r struct {
			Title, Content, URL, Source string
			Date                        string `json:"date_extracted"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil || strings.TrimSpace(r.Content) == "" {
			continue
		}
		text := r.Title + "\n\n" + r.Content
		published := ""
		if len(r.Date) >= 10 {
			published = r.Date[:10]
		}
		docs = append(docs, store.Document{URL: r.URL, Source: r.Source, Analysis: &khabar.Analysis{
			Schema: khabar.Schema, Text: text, Published: published,
			Title:      &khabar.Span{Text: r.Title, End: utf8.RuneCountInString(r.Title)},
			Paragraphs: [][2]int{{0, utf8.RuneCountInString(text)}}}})
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("reading saudinewsnet: %v", err)
	}
	return docs
}

// Reprint returns a near-duplicate of d as a paper reprinting it would
// make: a word inserted after the first word, a line appended, and
// "#reprint" after the URL. d is not changed.
func Reprint(d store.Document) store.Document {
	a := *d.Analysis
	a.Text = strings.Replace(a.Text, " ", " وقد ", 1) + "\n\nاقرأ أيضا أخبارا أخرى"
	d.URL, d.Analysis = d.URL+"#reprint", &a
	return d
}
