package search

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/khabar/khabar/internal/shareddata"
)

// quickQueries are words of saudinewsnet articles: frequent and rare,
// inflected, with clitics, prefixes and exact phrases.
var quickQueries = []string{
	`المملكة`, `الاجتماعات`, `وزير`, `الرياض`, `للوزراء`, `اسعار`, `النفط OR الطاقة`, `اقتص*`,
	`"خادم الحرمين"`, `"الملك"`, `الهلال`, `الامطار`, `و`, `قال`, `العام`, `الشركة`, `المسئولين`,
}

// TestQuickWindow checks that snippets made from the start of a chunk
// (quickWindow) are those made from the whole chunk, on the first
// saudinewsnet articles.
func TestQuickWindow(t *testing.T) {
	sc := shareddata.SaudiNewsNet(t)
	an := DefaultAnalyzer()
	type pair struct{ quick, full *Matcher }
	var ms []pair
	for _, qs := range quickQueries {
		q, err := Parse(qs)
		if err != nil {
			t.Fatal(err)
		}
		full := NewMatcher(an, q.Text)
		full.noQuick = true
		ms = append(ms, pair{NewMatcher(an, q.Text), full})
	}
	n, quick := 0, 0
	for ; n < 300 && sc.Scan(); n++ {
		var r struct{ Title, Content string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		text := strings.TrimSpace(r.Title + "\n\n" + r.Content)
		for i, m := range ms {
			got, want := m.quick.Snippet(text, 24), m.full.Snippet(text, 24)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("article %d, %s:\nquick %+v\nfull  %+v", n+1, quickQueries[i], got, want)
			}
			if len(text) > 2*quickBytes {
				if _, ok := m.quick.quickWindow(text[:chunkEnd(text, 0)], 24, true); ok {
					quick++
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if quick == 0 {
		t.Errorf("quickWindow never decided in %d articles", n)
	}
	t.Logf("%d articles × %d queries; quickWindow decided %d first chunks", n, len(ms), quick)
}

// BenchmarkSnippetArticles makes the snippets of the first 50
// saudinewsnet articles for the quickQueries that match them, with and
// without quickWindow.
func BenchmarkSnippetArticles(b *testing.B) {
	sc := shareddata.SaudiNewsNet(b)
	var texts []string
	for len(texts) < 50 && sc.Scan() {
		var r struct{ Title, Content string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			b.Fatal(err)
		}
		texts = append(texts, strings.TrimSpace(r.Title+"\n\n"+r.Content))
	}
	an := DefaultAnalyzer()
	for _, mode := range []string{"quick", "full"} {
		b.Run(mode, func(b *testing.B) {
			var ms []*Matcher
			for _, qs := range quickQueries {
				q, _ := Parse(qs)
				m := NewMatcher(an, q.Text)
				m.noQuick = mode == "full"
				ms = append(ms, m)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for _, m := range ms {
					for _, text := range texts {
						m.Snippet(text, 24)
					}
				}
			}
		})
	}
}
