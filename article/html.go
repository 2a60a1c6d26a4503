package article

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	nurl "net/url"
	"strings"
	"unicode/utf8"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
)

// maxTreeSize bounds the number of elements of a page handed to the
// content extractor.
const maxTreeSize = 500000

// maxParagraphCost bounds the number of paragraphs times the length of
// their text for a page handed to the content extractor: go-trafilatura
// (v1.12.2, extractContent) joins the text of every <p> of the page by
// string concatenation, which copies about half that many bytes, so
// that a 16 MB page of short paragraphs would keep it busy for hours.
// Such a page is read by pageText instead. A long news article (50
// paragraphs, 20 KB of text) costs 1 MB, a sixteenth of the bound.
const maxParagraphCost = 1 << 24

// ParseHTML parses a web page: the main content is found by
// go-trafilatura, then the same text logic as ParseText (boilerplate,
// subtitle, dateline) runs over it. The page's own metadata is used
// where present: og:title or <title> for the title, article:published_time
// (and similar) for the published date, <html lang>, the canonical URL.
// pageURL may be empty.
//
// The page is decoded from its declared encoding (<meta charset>, or a
// BOM); pages with no declaration that are not valid UTF-8 are read as
// windows-1256, the common Arabic code page, with a warning. Use
// ParseResponse to honour an HTTP Content-Type header too.
func ParseHTML(r io.Reader, pageURL string, opt Options) (*Article, error) {
	data, err := readAll(r, opt.maxSize())
	if err != nil {
		return nil, err
	}
	return parseHTMLBytes(data, pageURL, "", opt)
}

// ParseResponse parses a document fetched over HTTP, choosing the parser
// from contentType as Parse does, with the charset parameter of
// contentType taking precedence over the page's own declaration.
func ParseResponse(body io.Reader, pageURL, contentType string, opt Options) (*Article, error) {
	data, err := readAll(body, opt.maxSize())
	if err != nil {
		return nil, err
	}
	switch kind(contentType, data) {
	case "html":
		return parseHTMLBytes(data, pageURL, contentType, opt)
	case "json":
		a, err := ParseRecord(data, opt)
		if err == nil && a.URL == "" {
			a.URL = pageURL
		}
		return a, err
	}
	a, err := parseTextBytes(data, opt)
	if err == nil {
		a.URL = pageURL
	}
	return a, err
}

// decodePage returns the page as UTF-8 and a warning when the encoding
// was guessed or the bytes did not fit it.
func decodePage(data []byte, contentType string) (string, string) {
	enc, name, certain := charset.DetermineEncoding(data, contentType)
	if !certain && name == "windows-1252" {
		// No declaration in the first 1024 bytes: UTF-8 when it is,
		// else the Arabic code page.
		if utf8.Valid(data) {
			return string(data), ""
		}
		enc, name = charmap.Windows1256, "windows-1256"
		out, _ := enc.NewDecoder().Bytes(data)
		return string(out), "page declares no charset and is not UTF-8: decoded as windows-1256"
	}
	if name == "utf-8" {
		if utf8.Valid(data) {
			return string(data), ""
		}
		return strings.ToValidUTF8(string(data), "\uFFFD"), "page declared as UTF-8 holds invalid UTF-8: bad bytes replaced with U+FFFD"
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return strings.ToValidUTF8(string(data), "\uFFFD"), fmt.Sprintf("decoding page as %s: %v", name, err)
	}
	return string(out), ""
}

func parseHTMLBytes(data []byte, pageURL, contentType string, opt Options) (*Article, error) {
	name := pageURL
	if name == "" {
		name = "page"
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("article: HTML %s: %w: empty input", name, ErrNoContent)
	}
	page, warn := decodePage(data, contentType)
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return nil, fmt.Errorf("article: HTML %s: %w", name, err)
	}
	meta := pageMeta(doc)
	topts := trafilatura.Options{
		ExcludeComments: true,
		HtmlDateMode:    trafilatura.Disabled,
		MaxTreeSize:     maxTreeSize,
		EnableFallback:  true,
	}
	if u, err := nurl.ParseRequestURI(pageURL); err == nil {
		topts.OriginalURL = u
	}
	var res *trafilatura.ExtractResult
	if p, n := paragraphCost(doc); p*n <= maxParagraphCost {
		res, err = extract(doc, topts)
	} else {
		err = fmt.Errorf("content extractor skipped: %d paragraphs of %d bytes of text", p, n)
	}
	body, extracted := "", ""
	if err == nil {
		body, extracted = res.ContentText, res.ContentText
		if res.ContentNode != nil {
			body = blockText(res.ContentNode)
		}
	}
	if utf8.RuneCountInString(strings.TrimSpace(extracted)) < minExtracted {
		// The extractor fell back to its baseline, which glues the
		// paragraphs together, or found nothing.
		if plain := pageText(doc); strings.TrimSpace(plain) != "" {
			body, err = plain, nil
		}
	}
	title := meta.title
	if title == "" && res != nil {
		title = res.Metadata.Title
	}
	if strings.TrimSpace(body) == "" && strings.TrimSpace(title) == "" {
		if err == nil {
			err = ErrNoContent
		} else {
			err = fmt.Errorf("%w: %w", ErrNoContent, err)
		}
		return nil, fmt.Errorf("article: HTML %s: %w", name, err)
	}
	in := input{body: body, title: title, ref: opt.Ref, url: meta.url, lang: meta.lang, noTitle: true}
	if in.url == "" {
		in.url = pageURL
	}
	if res != nil {
		in.source = res.Metadata.Sitename
		in.author = res.Metadata.Author
		if in.url == "" {
			in.url = res.Metadata.URL
		}
	}
	if !meta.published.IsZero() {
		in.published = dateOnly(meta.published)
		if in.ref.IsZero() {
			in.ref = meta.published
		}
	}
	if warn != "" {
		in.warnings = append(in.warnings, warn)
	}
	if err != nil {
		in.warnings = append(in.warnings, fmt.Sprintf("no article body found: %v", err))
	}
	a, err := build(in)
	if err != nil {
		return nil, fmt.Errorf("article: HTML %s: %w", name, err)
	}
	return a, nil
}

// paragraphCost returns the number of <p> elements of a page and the
// bytes of text inside them. It walks the tree without recursion: the
// nesting of hostile markup has no bound.
func paragraphCost(doc *html.Node) (paragraphs, textBytes int) {
	inP := 0 // open <p> elements above n
	for n := doc; n != nil; {
		isP := n.Type == html.ElementNode && n.DataAtom == atom.P
		if isP {
			paragraphs++
		}
		if n.Type == html.TextNode && inP > 0 {
			textBytes += len(n.Data)
		}
		if n.FirstChild != nil {
			if isP {
				inP++
			}
			n = n.FirstChild
			continue
		}
		// Up to the next sibling, leaving the <p> elements passed.
		for n != doc && n.NextSibling == nil {
			n = n.Parent
			if n.Type == html.ElementNode && n.DataAtom == atom.P {
				inP--
			}
		}
		if n == doc {
			break
		}
		n = n.NextSibling
	}
	return paragraphs, textBytes
}

// extract runs the content extractor, turning a panic inside it into an
// error so that hostile markup cannot bring the caller down.
func extract(doc *html.Node, opts trafilatura.Options) (res *trafilatura.ExtractResult, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, fmt.Errorf("content extractor failed: %v", p)
		}
	}()
	res, err = trafilatura.ExtractDocument(doc, opts)
	if err == nil && res == nil {
		err = errors.New("content extractor returned nothing")
	}
	return res, err
}
