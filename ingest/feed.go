package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"

	"github.com/khabar/khabar"
)

// ErrNotModified is returned by FetchFeed when the server answers that
// the feed has not changed since the last fetch (HTTP 304).
var ErrNotModified = errors.New("feed not modified")

// ReadFeed parses an RSS, Atom or JSON feed from r, named name in
// errors, and calls fn with a Record per item. The feed is read whole
// (at most Options.MaxBytes); a larger, empty or unparsable feed is one
// bad Record for the feed and no items. An item with neither content nor
// description is a bad Record named "name#N" (N counts items from 1).
//
// Each item becomes a plain-text document: the text of its content, or
// of its description when it has no content, one paragraph per HTML
// block, with the item's title as Document.Title (the pipeline puts it
// first, as for any record with a title). Its
// URL is the item's link, its date the published (else updated) date,
// its author the first author's name, and its source the feed's title.
// The XML encoding declaration is honoured, so windows-1256 feeds read
// correctly.
func ReadFeed(ctx context.Context, r io.Reader, name string, opt Options, fn func(Record) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	max := opt.maxBytes()
	data, err := io.ReadAll(io.LimitReader(r, int64(max)+1))
	if err != nil {
		return fn(Record{Where: name, Err: fmt.Errorf("%s: reading feed: %w", name, err)})
	}
	items, err := ParseFeed(data, name, max)
	if err != nil {
		return fn(Record{Where: name, Err: err})
	}
	for _, rec := range items {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
	return nil
}

// ParseFeed parses a whole feed held in data (named name in errors) and
// returns a Record per item, as ReadFeed does. data longer than
// maxBytes, empty, or not a feed is an error naming the feed.
func ParseFeed(data []byte, name string, maxBytes int) ([]Record, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	if len(data) > maxBytes {
		return nil, fmt.Errorf("%s: feed larger than %d bytes", name, maxBytes)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: empty feed", name)
	}
	feed, err := parseFeedSafely(data)
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, fmt.Errorf("%s: not an RSS, Atom or JSON feed", name)
		}
		return nil, fmt.Errorf("%s: malformed feed: %w", name, err)
	}
	source := strings.TrimSpace(feed.Title)
	out := make([]Record, 0, len(feed.Items))
	for i, it := range feed.Items {
		if it == nil {
			continue
		}
		where := fmt.Sprintf("%s#%d", name, i+1)
		out = append(out, feedItem(it, where, source))
	}
	return out, nil
}

// parseFeedSafely runs the feed parser, turning a panic inside it on
// hostile input into an error.
func parseFeedSafely(data []byte) (feed *gofeed.Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			feed, err = nil, fmt.Errorf("feed parser failed: %v", r)
		}
	}()
	return gofeed.NewParser().Parse(bytes.NewReader(data))
}

// feedItem turns one feed item into a Record.
func feedItem(it *gofeed.Item, where, source string) Record {
	content := strings.TrimSpace(it.Content)
	if content == "" {
		content = strings.TrimSpace(it.Description)
	}
	title := strings.TrimSpace(html.UnescapeString(it.Title))
	if content == "" {
		return Record{Where: where, Err: fmt.Errorf("%s: item %q has no content or description", where, title)}
	}
	if !utf8.ValidString(content) || !utf8.ValidString(title) {
		return Record{Where: where, Err: fmt.Errorf("%s: item is not valid UTF-8", where)}
	}
	link := strings.TrimSpace(it.Link)
	if link == "" && len(it.Links) > 0 {
		link = strings.TrimSpace(it.Links[0])
	}
	doc := khabar.RawDocument{Name: where, URL: link, Title: title, Source: source, ContentType: "text/html"}
	switch {
	case it.PublishedParsed != nil:
		doc.Date = it.PublishedParsed.UTC()
	case it.UpdatedParsed != nil:
		doc.Date = it.UpdatedParsed.UTC()
	}
	if len(it.Authors) > 0 && it.Authors[0] != nil {
		doc.Author = strings.TrimSpace(it.Authors[0].Name)
	} else if it.Author != nil {
		doc.Author = strings.TrimSpace(it.Author.Name)
	}
	text := htmlText(content)
	if text == "" {
		return Record{Where: where, Err: fmt.Errorf("%s: item %q has no text", where, title)}
	}
	doc.Body, doc.ContentType = []byte(text), "text/plain"
	return Record{Doc: doc, Where: where}
}

// FeedState is what a poller keeps about a feed between fetches, for
// conditional GET.
type FeedState struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

// FeedUserAgent is the User-Agent header FetchFeed sends.
const FeedUserAgent = "khabar-feeds/1 (+https://github.com/khabar/khabar)"

// FetchFeed fetches the feed at url with client (nil means
// http.DefaultClient), sending If-None-Match and If-Modified-Since from
// st. It returns the feed's items (see ReadFeed) and the state for the
// next fetch; ErrNotModified, with st unchanged, when the server answers
// 304. A status other than 200 or 304, a body over Options.MaxBytes or a
// body that is not a feed is an error naming url.
func FetchFeed(ctx context.Context, client *http.Client, url string, st FeedState, opt Options) ([]Record, FeedState, error) {
	if client == nil {
		client = http.DefaultClient
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, st, fmt.Errorf("feed %s: %w", url, err)
	}
	req.Header.Set("User-Agent", FeedUserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8")
	if st.ETag != "" {
		req.Header.Set("If-None-Match", st.ETag)
	}
	if st.LastModified != "" {
		req.Header.Set("If-Modified-Since", st.LastModified)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, st, fmt.Errorf("feed %s: %w", url, err)
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusNotModified:
		return nil, st, fmt.Errorf("feed %s: %w", url, ErrNotModified)
	default:
		return nil, st, fmt.Errorf("feed %s: HTTP status %s", url, resp.Status)
	}
	max := opt.maxBytes()
	data, err := io.ReadAll(io.LimitReader(resp.Body, int64(max)+1))
	if err != nil {
		return nil, st, fmt.Errorf("feed %s: reading body: %w", url, err)
	}
	items, err := ParseFeed(data, url, max)
	if err != nil {
		return nil, st, fmt.Errorf("feed %w", err)
	}
	next := FeedState{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	if _, err := http.ParseTime(next.LastModified); err != nil {
		next.LastModified = ""
	}
	return items, next, nil
}

// feedTimeout bounds one fetch when the caller's client has no timeout.
const feedTimeout = 60 * time.Second

// NewFeedClient returns an HTTP client for FetchFeed with a timeout and
// at most 5 redirects.
func NewFeedClient() *http.Client {
	return &http.Client{
		Timeout: feedTimeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return errors.New("more than 5 redirects")
			}
			return nil
		},
	}
}
