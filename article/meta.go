package article

import (
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// meta is what a page says about itself in its head.
type meta struct {
	title     string
	h1        string // the text of the first <h1>
	url       string
	lang      string
	published time.Time
}

// Meta names holding the publication date, most trusted first.
var dateMetaNames = []string{
	"article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
	"publish-date", "publish_date", "dc.date.issued", "dc.date", "date", "sailthru.date", "parsely-pub-date",
}

// pageMeta reads the page's title, canonical URL, language and
// publication date from <html lang>, <title>, <meta> and <link>.
func pageMeta(doc *html.Node) meta {
	var m meta
	var ogTitle, titleEl, ogURL, canonical, contentLang string
	dates := map[string]string{}
	depth := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		depth++
		defer func() { depth-- }()
		if depth > 512 {
			return
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				if l := attr(n, "lang"); l != "" && m.lang == "" {
					m.lang = l
				}
			case atom.H1:
				if m.h1 == "" {
					m.h1 = strings.Join(strings.Fields(textOf(n)), " ")
				}
			case atom.Title:
				if titleEl == "" && n.FirstChild != nil && n.FirstChild.Type == html.TextNode {
					titleEl = n.FirstChild.Data
				}
			case atom.Meta:
				key := strings.ToLower(attr(n, "property"))
				if key == "" {
					key = strings.ToLower(attr(n, "name"))
				}
				if key == "" {
					key = strings.ToLower(attr(n, "itemprop"))
				}
				content := strings.TrimSpace(attr(n, "content"))
				switch {
				case key == "og:title" && ogTitle == "":
					ogTitle = content
				case key == "og:url" && ogURL == "":
					ogURL = content
				case strings.EqualFold(attr(n, "http-equiv"), "content-language"):
					contentLang = content
				case content != "":
					if _, seen := dates[key]; !seen {
						dates[key] = content
					}
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && canonical == "" {
					canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Time:
				if v := attr(n, "datetime"); v != "" && strings.EqualFold(attr(n, "itemprop"), "datePublished") {
					if _, seen := dates["datepublished"]; !seen {
						dates["datepublished"] = v
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	m.title = strings.Join(strings.Fields(firstNonEmpty(ogTitle, titleEl)), " ")
	if m.h1 != "" && m.h1 != m.title && headlineOf(m.h1, m.title) {
		// "الخبر | الصحيفة" with the headline alone in <h1>.
		m.title = m.h1
	}
	m.url = firstNonEmpty(canonical, ogURL)
	if m.lang == "" {
		m.lang = contentLang
	}
	m.lang = baseLang(m.lang)
	for _, k := range dateMetaNames {
		if v, ok := dates[k]; ok {
			if t, err := parseISODate(v); err == nil {
				m.published = t
				break
			}
		}
	}
	return m
}

// baseLang turns "ar-SA" or "ar_EG" into "ar".
func baseLang(l string) string {
	l = strings.ToLower(strings.TrimSpace(l))
	if i := strings.IndexAny(l, "-_,; "); i >= 0 {
		l = l[:i]
	}
	if len(l) < 2 || len(l) > 3 {
		return ""
	}
	return l
}

// textOf returns the text under n, without script or style.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > 64 {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// blockText renders the extracted content node as plain text with one
// line per block element (paragraph, heading, list item, table row), so
// that paragraphs survive extraction.
func blockText(n *html.Node) string {
	var b strings.Builder
	depth := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		depth++
		defer func() { depth-- }()
		if depth > 512 {
			return
		}
		switch n.Type {
		case html.TextNode:
			// Control characters have no place in article text.
			b.WriteString(strings.Map(func(r rune) rune {
				if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f {
					return -1
				}
				return r
			}, n.Data))
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				return
			case atom.Br, atom.Hr:
				b.WriteByte('\n')
				return
			}
		}
		block := n.Type == html.ElementNode && isBlock(n)
		if block {
			b.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteByte('\n')
		} else if n.Type == html.ElementNode && (n.DataAtom == atom.Td || n.DataAtom == atom.Th) {
			b.WriteByte(' ')
		}
	}
	walk(n)
	return b.String()
}

func isBlock(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Ul, atom.Ol,
		atom.Blockquote, atom.Pre, atom.Tr, atom.Table, atom.Section, atom.Article, atom.Header, atom.Footer,
		atom.Figure, atom.Figcaption, atom.Dd, atom.Dt, atom.Dl, atom.Main, atom.Aside, atom.Body:
		return true
	}
	// go-trafilatura renames elements to its own vocabulary (head, list,
	// item, quote, lb, row, cell): treat those blocks alike.
	switch n.Data {
	case "head", "list", "item", "quote", "lb", "row", "code", "graphic":
		return n.Data != "graphic"
	}
	return false
}
