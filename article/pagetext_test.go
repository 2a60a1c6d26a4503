package article

import (
	"fmt"
	"strings"
	"testing"
)

// para returns the i-th paragraph of a generated story: a sentence
// ending with a full stop, different for every i.
func para(i int) string {
	return fmt.Sprintf("وأوضح المتحدث في الفقرة رقم %d من البيان أن اللجنة ناقشت خطط التطوير في المنطقة، وأن العمل سيستمر خلال الأشهر المقبلة وفق الجدول المعلن.", i+1)
}

// page assembles a page: head holds <title>, then before, the paragraphs
// (each wrapped in open and close) and after inside <body>.
func page(title, before string, n int, open, close, after string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html><html lang=\"ar\"><head><meta charset=\"utf-8\"><title>%s</title></head><body>%s", title, before)
	for i := range n {
		b.WriteString(open + para(i) + close)
	}
	b.WriteString(after + "</body></html>")
	return b.String()
}

func TestParseHTMLParagraphs(t *testing.T) {
	const (
		headline = "افتتاح معرض الكتاب في الرياض"
		nav      = `<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/s">رياضة</a></li></ul></nav>`
		footer   = `<footer><p>© 2024 موقع المثال. جميع الحقوق محفوظة.</p></footer>`
		aside    = `<aside><h3>الأكثر قراءة</h3><ul><li><a href="/x">خبر آخر منفصل تماما</a></li></ul></aside>`
	)
	tests := []struct {
		name  string
		html  string
		title string
		paras []string // the paragraphs after the title, in order
		not   []string // furniture that must not be in the text
	}{
		{
			name:  "small: title, h1, two p",
			html:  `<html><head><title>خبر قصير عن الرياض</title></head><body><h1>خبر قصير عن الرياض</h1><p>هذه الفقرة الأولى من الخبر عن الرياض.</p><p>الفقرة الثانية تكمل الخبر.</p></body></html>`,
			title: "خبر قصير عن الرياض",
			paras: []string{"هذه الفقرة الأولى من الخبر عن الرياض.", "الفقرة الثانية تكمل الخبر."},
		},
		{
			name:  "small: no h1, title from head once",
			html:  page(headline, "", 2, "<p>", "</p>", ""),
			title: headline,
			paras: []string{para(0), para(1)},
		},
		{
			name:  "small: site name in title, nav and footer",
			html:  page(headline+" | موقع المثال", nav+"<h1>"+headline+"</h1>", 2, "<p>", "</p>", footer),
			title: headline,
			paras: []string{para(0), para(1)},
			not:   []string{"الرئيسية", "رياضة", "جميع الحقوق", "موقع المثال"},
		},
		{
			name:  "small: article with its own header, page header outside",
			html:  page(headline, `<header><a href="/">شعار الموقع</a></header><main><article><header><h1>`+headline+`</h1></header>`, 3, "<p>", "</p>", "</article></main>"+aside+footer),
			title: headline,
			paras: []string{para(0), para(1), para(2)},
			not:   []string{"شعار الموقع", "الأكثر قراءة", "جميع الحقوق"},
		},
		{
			name:  "small: lines split by br",
			html:  `<html><head><title>` + headline + `</title></head><body><h1>` + headline + `</h1><div>السطر الأول من النص هنا.<br>السطر الثاني من النص هنا.</div></body></html>`,
			title: headline,
			paras: []string{"السطر الأول من النص هنا.", "السطر الثاني من النص هنا."},
		},
		{
			name:  "large: 40 p in a story div with nav, aside and footer",
			html:  page(headline+" - موقع المثال", nav+`<div class="story"><h1>`+headline+"</h1>", 40, "<p>", "</p>", "</div>"+aside+footer),
			title: headline,
			paras: paras(40),
			not:   []string{"الرئيسية", "الأكثر قراءة", "جميع الحقوق"},
		},
		{
			name:  "large: 30 p inside article",
			html:  page(headline, nav+"<article><h1>"+headline+"</h1>", 30, "<p>", "</p>", "</article>"+footer),
			title: headline,
			paras: paras(30),
			not:   []string{"الرئيسية", "جميع الحقوق"},
		},
		{
			name:  "large: 25 paragraphs as div and br",
			html:  page(headline, "<h1>"+headline+"</h1><div class=\"content\">", 25, "", "<br><br>", "</div>"),
			title: headline,
			paras: paras(25),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseHTML(strings.NewReader(tt.html), "", Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, a)
			if got := spanText(a.Title); got != tt.title {
				t.Errorf("title = %q, want %q", got, tt.title)
			}
			if n := strings.Count(a.Text, tt.title); n != 1 {
				t.Errorf("title appears %d times in the text, want once: %q", n, a.Text)
			}
			var got []string
			for _, p := range a.Paragraphs {
				got = append(got, slice(a.Text, p[0], p[1]))
			}
			if strings.Join(got, "\n") != strings.Join(tt.paras, "\n") {
				t.Errorf("paragraphs (%d):\n%s\nwant (%d):\n%s", len(got), strings.Join(got, "\n"), len(tt.paras), strings.Join(tt.paras, "\n"))
			}
			want := tt.title + "\n\n" + strings.Join(tt.paras, "\n\n")
			if a.Text != want {
				t.Errorf("text = %q\nwant %q", a.Text, want)
			}
			for _, junk := range tt.not {
				if strings.Contains(a.Text, junk) {
					t.Errorf("text keeps page furniture %q", junk)
				}
			}
		})
	}
}

func paras(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = para(i)
	}
	return out
}
