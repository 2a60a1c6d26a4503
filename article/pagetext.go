package article

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// minExtracted is the length in runes under which go-trafilatura judges
// its own extraction a failure (its Config.MinExtractedSize) and falls
// back to a baseline that joins the page's paragraphs into one and may
// repeat the title and the text. Such a result is replaced by
// pageText's.
const minExtracted = 250

// pageText is the fallback extraction of a page whose content go-trafilatura
// could not find (a short page: a heading and a few paragraphs). It
// renders the page's <main> or <article> (the first with text), or else
// its <body>, one line per block element, leaving out the furniture of
// a site: navigation, forms, asides, and the <header> and <footer> of
// the page (those inside an article are kept).
func pageText(doc *html.Node) string {
	body := findElement(doc, atom.Body, 0)
	if body == nil {
		return ""
	}
	root := body
	for _, a := range []atom.Atom{atom.Main, atom.Article} {
		if n := findElement(body, a, 0); n != nil && strings.TrimSpace(blockText(pruneFurniture(n, false))) != "" {
			root = n
			break
		}
	}
	return blockText(pruneFurniture(root, root != body))
}

// findElement returns the first element a under n in document order,
// or nil.
func findElement(n *html.Node, a atom.Atom, depth int) *html.Node {
	if depth > 512 {
		return nil
	}
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findElement(c, a, depth+1); f != nil {
			return f
		}
	}
	return nil
}

// pruneFurniture returns a copy of the tree under n without the
// elements that are never article text. inArticle keeps <header> and
// <footer>, which inside an article hold its heading and credits.
func pruneFurniture(n *html.Node, inArticle bool) *html.Node {
	var cp func(n *html.Node, inArticle bool, depth int) *html.Node
	cp = func(n *html.Node, inArticle bool, depth int) *html.Node {
		out := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Attr: n.Attr}
		if depth > 512 {
			return out
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				if isFurniture(c, inArticle) {
					continue
				}
				out.AppendChild(cp(c, inArticle || c.DataAtom == atom.Article || c.DataAtom == atom.Main, depth+1))
				continue
			}
			if c.Type == html.TextNode {
				out.AppendChild(&html.Node{Type: html.TextNode, Data: c.Data})
			}
		}
		return out
	}
	return cp(n, inArticle, 0)
}

// isFurniture reports an element that holds a site's furniture rather
// than an article's text.
func isFurniture(n *html.Node, inArticle bool) bool {
	switch n.DataAtom {
	case atom.Nav, atom.Aside, atom.Form, atom.Menu, atom.Button, atom.Select, atom.Textarea, atom.Input,
		atom.Iframe, atom.Object, atom.Embed, atom.Svg, atom.Canvas, atom.Dialog:
		return true
	case atom.Header, atom.Footer:
		return !inArticle
	}
	switch strings.ToLower(attr(n, "role")) {
	case "navigation", "banner", "contentinfo", "search", "complementary", "menu", "menubar", "dialog":
		return true
	}
	return strings.EqualFold(attr(n, "aria-hidden"), "true")
}
