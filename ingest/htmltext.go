package ingest

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlText returns the text of an HTML fragment (a feed item's content):
// one paragraph per block element, paragraphs separated by a blank line,
// white space folded, script, style and a page's <title> dropped. Plain text comes back
// with its white space folded.
func htmlText(fragment string) string {
	z := html.NewTokenizer(strings.NewReader(fragment))
	var paras []string
	var cur strings.Builder
	skip := 0 // depth inside script, style and the like
	flush := func() {
		if p := strings.Join(strings.Fields(cur.String()), " "); p != "" {
			paras = append(paras, p)
		}
		cur.Reset()
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			return strings.Join(paras, "\n\n")
		case html.TextToken:
			if skip == 0 {
				cur.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch a {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Iframe, atom.Object, atom.Title:
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			case atom.P, atom.Div, atom.Br, atom.Li, atom.Ul, atom.Ol, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
				atom.Blockquote, atom.Tr, atom.Table, atom.Section, atom.Article, atom.Figure, atom.Figcaption, atom.Pre, atom.Hr:
				flush()
			case atom.Td, atom.Th, atom.Img, atom.Dd, atom.Dt:
				cur.WriteByte(' ')
			}
		}
	}
}
