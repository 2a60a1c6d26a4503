package watch

import (
	"encoding/xml"
	"fmt"
	"hash/fnv"
	"io"
	"strings"
	"time"

	"github.com/khabar/khabar/store"
)

// Feed is what an Atom feed of a watch is made from.
type Feed struct {
	Watch store.Watch
	// Base is the server's base URL ("https://host"), which the feed's
	// and its entries' IDs and links are built on.
	Base    string
	Matches []store.WatchMatch // newest first
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr,omitempty"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Sub     string      `xml:"subtitle,omitempty"`
	Updated string      `xml:"updated"`
	Author  atomAuthor  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Gen     string      `xml:"generator"`
	Entries []atomEntry `xml:"entry"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	ID        string      `xml:"id"`
	Title     string      `xml:"title"`
	Links     []atomLink  `xml:"link"`
	Published string      `xml:"published,omitempty"`
	Updated   string      `xml:"updated"`
	Author    *atomAuthor `xml:"author,omitempty"`
	Summary   string      `xml:"summary,omitempty"`
}

// Updated returns the time the feed of w last changed: when its newest
// match was recorded, else when it was created.
func Updated(w store.Watch) time.Time {
	if !w.LatestAt.IsZero() {
		return w.LatestAt.UTC()
	}
	return w.Created.UTC()
}

// ETag returns an entity tag of the feed of w: it changes when a match
// is recorded or the watch is replaced.
func ETag(w store.Watch) string {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%d\x00%d", w.ID, w.Name, w.Query, w.Latest, w.Matches)
	return fmt.Sprintf(`"%s-%x"`, w.ID, h.Sum64())
}

// WriteAtom writes the Atom feed (RFC 4287) of a watch: one entry per
// match, newest first, each with the article's link, its publication
// date and the time it matched.
func WriteAtom(out io.Writer, f Feed) error {
	base := strings.TrimSuffix(f.Base, "/")
	w := f.Watch
	self := base + "/v1/watches/" + w.ID + "/feed.atom"
	feed := atomFeed{
		Lang:    "ar",
		ID:      self,
		Title:   clean(w.Name),
		Sub:     clean(w.Query),
		Updated: Updated(w).Format(time.RFC3339),
		Author:  atomAuthor{Name: "khabar"},
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: self},
			{Rel: "alternate", Type: "text/html", Href: base + "/watches/" + w.ID},
		},
		Gen: "khabar",
	}
	for _, m := range f.Matches {
		doc := base + "/doc/" + m.DocID
		e := atomEntry{ID: doc, Title: clean(m.Title), Updated: m.Matched.UTC().Format(time.RFC3339)}
		if e.Title == "" {
			e.Title = m.DocID
		}
		href := m.URL
		if href == "" {
			href = doc
		}
		e.Links = append(e.Links, atomLink{Rel: "alternate", Href: href})
		if href != doc {
			e.Links = append(e.Links, atomLink{Rel: "related", Type: "text/html", Href: doc})
		}
		if t, err := time.Parse("2006-01-02", m.Published); err == nil {
			e.Published = t.Format(time.RFC3339)
		}
		if m.Source != "" {
			e.Author = &atomAuthor{Name: clean(m.Source)}
		}
		feed.Entries = append(feed.Entries, e)
	}
	if _, err := io.WriteString(out, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(out)
	enc.Indent("", " ")
	if err := enc.Encode(feed); err != nil {
		return err
	}
	_, err := io.WriteString(out, "\n")
	return err
}

// clean drops what XML 1.0 cannot carry (control characters, invalid
// UTF-8), which encoding/xml would write as is or replace.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case r < 0x20, r == 0xFFFE, r == 0xFFFF:
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
}
