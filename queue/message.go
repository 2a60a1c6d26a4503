package queue

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/khabar/khabar"
)

// ErrBadMessage is wrapped by the error of a message that is not an
// encoded document.
var ErrBadMessage = errors.New("not a khabar document message")

// envelopeVersion is the first byte of every encoded document.
const envelopeVersion = '1'

// meta is the JSON header of an encoded document.
type meta struct {
	Name        string `json:"name,omitempty"`
	ContentType string `json:"content_type,omitempty"`
	URL         string `json:"url,omitempty"`
	Title       string `json:"title,omitempty"`
	Source      string `json:"source,omitempty"`
	Author      string `json:"author,omitempty"`
	Date        string `json:"date,omitempty"` // RFC 3339
}

// ID returns a document's identity, used as its message ID: its URL when
// it has one, else "sha256:" and the hex sha256 of its body.
func ID(doc khabar.RawDocument) string {
	if doc.URL != "" {
		return doc.URL
	}
	sum := sha256.Sum256(doc.Body)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// Encode returns the message payload of doc: a version byte, the
// metadata as one line of JSON, a newline and the body, byte for byte
// (the body need not be UTF-8).
func Encode(doc khabar.RawDocument) ([]byte, error) {
	m := meta{Name: doc.Name, ContentType: doc.ContentType, URL: doc.URL, Title: doc.Title,
		Source: doc.Source, Author: doc.Author}
	if !doc.Date.IsZero() {
		m.Date = doc.Date.Format(time.RFC3339Nano)
	}
	head, err := json.Marshal(m) // escapes control characters: never a raw newline
	if err != nil {
		return nil, fmt.Errorf("queue: encode %s: %w", ID(doc), err)
	}
	out := make([]byte, 0, 1+len(head)+1+len(doc.Body))
	out = append(out, envelopeVersion)
	out = append(out, head...)
	out = append(out, '\n')
	return append(out, doc.Body...), nil
}

// Decode parses a payload made by Encode. The document's Body aliases
// data.
func Decode(data []byte) (khabar.RawDocument, error) {
	var doc khabar.RawDocument
	if len(data) == 0 || data[0] != envelopeVersion {
		return doc, fmt.Errorf("%w: unknown envelope version", ErrBadMessage)
	}
	head, body, ok := bytes.Cut(data[1:], []byte{'\n'})
	if !ok {
		return doc, fmt.Errorf("%w: no metadata line", ErrBadMessage)
	}
	var m meta
	if err := json.Unmarshal(head, &m); err != nil {
		return doc, fmt.Errorf("%w: metadata: %v", ErrBadMessage, err)
	}
	doc = khabar.RawDocument{Name: m.Name, Body: body, ContentType: m.ContentType, URL: m.URL,
		Title: m.Title, Source: m.Source, Author: m.Author}
	if m.Date != "" {
		t, err := time.Parse(time.RFC3339Nano, m.Date)
		if err != nil {
			return doc, fmt.Errorf("%w: date %q: %v", ErrBadMessage, m.Date, err)
		}
		doc.Date = t
	}
	return doc, nil
}
