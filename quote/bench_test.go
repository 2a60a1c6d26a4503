package quote_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/quote"
	"github.com/khabar/khabar/quote/quotetest"
)

// BenchmarkFindExample finds the quotes of the example article.
func BenchmarkFindExample(b *testing.B) {
	g, txt, err := quotetest.Load(filepath.Join("..", "examples", "qatar-nato-ici-2023-09-13.gold.json"))
	if err != nil {
		b.Fatal(err)
	}
	a := quotetest.Analysis(txt, g)
	b.SetBytes(int64(len(a.Text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		quote.Find(a)
	}
}

// speechText is n paragraphs of reported speech with speakers named by
// name, by title and by pronoun, and an outlet; the entities carry a
// mention of every name.
func speechText(n int) *khabar.Analysis {
	const para = "وقال الوزير سالم حداد لصحيفة النهار إن المحادثات كانت مثمرة. وأضاف أن الحوار مستمر، مشيرا إلى أن " +
		"اللجنة ستجتمع. وأوضح وزير المالية أن العجز سينخفض. ونقلت وكالة الأنباء عن مسؤول قوله إن الاتفاق قريب.\n\n"
	var sb strings.Builder
	per := khabar.Entity{ID: "e1", Type: "PER", Name: "سالم حداد", Title: "وزير المالية"}
	org := khabar.Entity{ID: "e2", Type: "ORG", Name: "النهار"}
	for i := 0; i < n; i++ {
		off := utf8.RuneCountInString(sb.String())
		p := []rune(para)
		if k := strings.Index(para, "سالم حداد"); k >= 0 {
			s := off + utf8.RuneCountInString(para[:k])
			per.Mentions = append(per.Mentions, khabar.Mention{Text: "سالم حداد", Start: s, End: s + 9})
		}
		if k := strings.Index(para, "النهار"); k >= 0 {
			s := off + utf8.RuneCountInString(para[:k])
			org.Mentions = append(org.Mentions, khabar.Mention{Text: "النهار", Start: s, End: s + 6})
		}
		sb.WriteString(string(p))
	}
	return &khabar.Analysis{Text: sb.String(), Entities: []khabar.Entity{per, org}}
}

// BenchmarkFindSpeech finds the quotes of texts of growing length, full
// of speech verbs: the time per byte should stay about the same.
func BenchmarkFindSpeech(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		a := speechText(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(a.Text)))
			for i := 0; i < b.N; i++ {
				quote.Find(a)
			}
		})
	}
}
