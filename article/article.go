package article

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/khabar/khabar"
)

// DefaultMaxSize is the input size limit used when Options.MaxSize is zero.
const DefaultMaxSize = 16 << 20

// Errors returned (wrapped) by the parsers.
var (
	// ErrTooLarge reports input longer than Options.MaxSize.
	ErrTooLarge = errors.New("article: input too large")
	// ErrInvalidUTF8 reports text input that is not valid UTF-8; the
	// wrapping error names the byte offset of the first bad byte.
	ErrInvalidUTF8 = errors.New("article: invalid UTF-8")
	// ErrNoContent reports input with no article text in it.
	ErrNoContent = errors.New("article: no content")
)

// Options controls parsing. The zero value is ready to use.
type Options struct {
	// MaxSize is the largest input accepted, in bytes; zero means
	// DefaultMaxSize. Larger input fails with ErrTooLarge.
	MaxSize int64
	// Ref is the reference date: it completes dateline dates that have
	// no year ("بيروت، 12 أيار (رويترز)") and is the published date of
	// last resort. Zero means none.
	Ref time.Time
	// Repair replaces invalid UTF-8 with U+FFFD and adds a warning
	// instead of failing with ErrInvalidUTF8.
	Repair bool
	// NoTitle tells ParseText that the text has no headline line (a
	// bare article body, as in most JSON records).
	NoTitle bool
}

func (o Options) maxSize() int64 {
	if o.MaxSize <= 0 {
		return DefaultMaxSize
	}
	return o.MaxSize
}

// Span is a piece of Article.Text with its code-point offsets.
type Span struct {
	Text  string
	Start int
	End   int
}

// Dateline is the place, source, author and date that open (or, for a
// sign-off such as "(أ ف ب)", close) a news article.
type Dateline struct {
	Place  string // "بروكسل"; the knowledge base links it later
	Source string // agency or publisher: "واس", "إدارة الإعلام والاتصال"
	Author string // "رنيم حنوش"
	Date   string // "2023-09-13", or "2023-09" when only the month is known
	Text   string // the dateline as written
	Start  int    // code points into Article.Text; -1 when not in Text
	End    int
}

// Removed is a piece of boilerplate dropped from the text.
type Removed struct {
	Text string // as it was in the input, trimmed
	At   int    // code-point offset in Article.Text where it was cut out
}

// Article is the structure of one news article.
type Article struct {
	// Text is the article's whole plain text: title, subtitle, dateline
	// line and paragraphs separated by blank lines, boilerplate removed.
	Text        string
	Title       *Span
	Subtitle    *Span
	Dateline    *Dateline
	SignOff     *Span    // a closing agency credit such as "(أ ف ب)"
	Published   string   // "2023-09-13" when known
	Paragraphs  [][2]int // body paragraphs (title, subtitle and a dateline line excluded)
	Boilerplate []Removed
	Lang        string // "ar", "en", ... ; empty when unknown
	URL         string
	Source      string // publisher or feed, from metadata
	Author      string // from metadata or the dateline
	Warnings    []string
}

// Analysis returns a khabar.Analysis holding the article's text and
// structure, ready for the analysis stages. Boilerplate is reported as
// empty spans at the offset where each piece was cut out.
func (a *Article) Analysis() *khabar.Analysis {
	out := &khabar.Analysis{
		Schema:     khabar.Schema,
		Lang:       a.Lang,
		URL:        a.URL,
		Source:     a.Source,
		Author:     a.Author,
		Text:       a.Text,
		Published:  a.Published,
		Paragraphs: append([][2]int{}, a.Paragraphs...),
		Warnings:   append([]string(nil), a.Warnings...),
	}
	if out.Paragraphs == nil {
		out.Paragraphs = [][2]int{}
	}
	if a.Title != nil {
		out.Title = &khabar.Span{Text: a.Title.Text, Start: a.Title.Start, End: a.Title.End}
	}
	if a.Subtitle != nil {
		out.Subtitle = &khabar.Span{Text: a.Subtitle.Text, Start: a.Subtitle.Start, End: a.Subtitle.End}
	}
	if d := a.Dateline; d != nil {
		out.Dateline = &khabar.Dateline{Place: d.Place, Source: d.Source, Author: d.Author, Date: d.Date, Start: d.Start, End: d.End}
	}
	for _, b := range a.Boilerplate {
		out.Boilerplate = append(out.Boilerplate, khabar.Span{Text: b.Text, Start: b.At, End: b.At})
	}
	return out
}

// Parse reads one document and parses it according to contentType: a
// MIME type ("text/html; charset=windows-1256", "application/json",
// "text/plain") or one of the short names "html", "json", "text". An
// empty or unknown type is sniffed from the first bytes.
func Parse(r io.Reader, contentType string, opt Options) (*Article, error) {
	data, err := readAll(r, opt.maxSize())
	if err != nil {
		return nil, err
	}
	switch kind(contentType, data) {
	case "html":
		return parseHTMLBytes(data, "", contentType, opt)
	case "json":
		return ParseRecord(data, opt)
	default:
		return parseTextBytes(data, opt)
	}
}

func kind(contentType string, data []byte) string {
	ct := strings.ToLower(strings.TrimSpace(contentType))
	if mt, _, err := mime.ParseMediaType(ct); err == nil {
		ct = mt
	}
	switch {
	case ct == "html" || ct == "text/html" || ct == "application/xhtml+xml":
		return "html"
	case ct == "json" || ct == "application/json" || strings.HasSuffix(ct, "+json"):
		return "json"
	case ct == "text" || ct == "text/plain":
		return "text"
	}
	head := bytes.TrimLeft(data, " \t\r\n\ufeff")
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	if len(head) > 0 && head[0] == '{' {
		return "json"
	}
	if len(head) > 512 {
		head = head[:512]
	}
	low := bytes.ToLower(head)
	for _, p := range [][]byte{[]byte("<!doctype html"), []byte("<html"), []byte("<head"), []byte("<body"), []byte("<meta"), []byte("<!--")} {
		if bytes.HasPrefix(low, p) {
			return "html"
		}
	}
	return "text"
}

// readAll reads r up to max bytes and fails with ErrTooLarge beyond.
func readAll(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("article: reading input: %w", err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, max)
	}
	return data, nil
}

// checkUTF8 validates s. With repair it replaces bad bytes and returns
// a warning; without, it fails naming the first bad byte's offset.
func checkUTF8(s string, what string, repair bool) (string, string, error) {
	if utf8.ValidString(s) {
		return s, "", nil
	}
	off := 0
	for off < len(s) {
		r, n := utf8.DecodeRuneInString(s[off:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		off += n
	}
	if !repair {
		return "", "", fmt.Errorf("%w in %s at byte offset %d", ErrInvalidUTF8, what, off)
	}
	return strings.ToValidUTF8(s, "\uFFFD"), fmt.Sprintf("invalid UTF-8 in %s from byte offset %d replaced with U+FFFD", what, off), nil
}

// detectLang guesses the language from the script of the first letters:
// "ar" when at least half are Arabic, "en" when most are Latin (a guess:
// Latin script is not only English), else "".
func detectLang(s string) string {
	var arabic, latin, other int
	for i, r := range s {
		if i > 1<<14 {
			break
		}
		switch {
		case r < 0x80:
			if r|0x20 >= 'a' && r|0x20 <= 'z' {
				latin++
			}
		case r >= 0x0621 && r <= 0x064A, r >= 0x066E && r <= 0x06D3, r >= 0x0750 && r <= 0x077F,
			r >= 0xFB50 && r <= 0xFDFF, r >= 0xFE70 && r <= 0xFEFC:
			arabic++
		case r >= 0xC0 && r <= 0x24F:
			latin++
		case unicode.IsLetter(r):
			other++
		}
	}
	total := arabic + latin + other
	switch {
	case total == 0:
		return ""
	case arabic*2 >= total:
		return "ar"
	case latin*2 > total:
		return "en"
	}
	return ""
}

// dateOnly formats t as YYYY-MM-DD, or "" for the zero time.
func dateOnly(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}
