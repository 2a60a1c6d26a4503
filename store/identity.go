package store

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/khabar/khabar/arabic"
)

// Limits on what a store accepts.
const (
	MaxTextBytes = 16 << 20 // Analysis.Text
	MaxRawBytes  = 32 << 20 // Document.Raw
	MaxURLBytes  = 8 << 10
)

// ContentHash is the hex sha256 of the normalized text: diacritics and
// tatweel removed, runs of white space collapsed to one space, trimmed.
// Two copies of an article that differ only in these are one document.
func ContentHash(text string) string {
	h := sha256.New()
	// The folded text goes to the hash in chunks: a Write per rune cost
	// more than the hashing.
	var chunk [4096]byte
	buf := chunk[:0]
	space := false
	wrote := false
	for _, r := range text {
		switch {
		case r < utf8.RuneSelf:
			if asciiSpace[r] {
				space = wrote
				continue
			}
		case r >= 0x0621 && r <= 0x064A && r != 'ـ':
			// Arabic letters: neither space nor mark.
		default:
			if unicode.IsSpace(r) {
				space = wrote
				continue
			}
			if marks.Rune(r) < 0 {
				continue
			}
		}
		if len(buf) > len(chunk)-utf8.UTFMax-1 {
			h.Write(buf)
			buf = buf[:0]
		}
		if space {
			buf = append(buf, ' ')
			space = false
		}
		buf = utf8.AppendRune(buf, r)
		wrote = true
	}
	h.Write(buf)
	return hex.EncodeToString(h.Sum(nil))
}

// marks is the fold ContentHash applies: nonspacing marks and tatweel
// removed.
const marks = arabic.Fold(arabic.FoldMarks)

// asciiSpace marks the ASCII characters unicode.IsSpace reports.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// DocID is the ID of the document with the given content hash.
func DocID(hash string) string {
	if len(hash) > 20 {
		return hash[:20]
	}
	return hash
}

// NormalizeName folds an entity name for matching with arabic.NameFold
// (no diacritics or tatweel, أ إ آ ٱ → ا, ى → ي, ة → ه, lower case) and
// collapses white space to single spaces, trimmed. Stores keep its
// output (entity keys, normalized names and places), so a change to it
// needs a schema migration.
func NormalizeName(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if r = arabic.NameFold.Rune(r); r < 0 {
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// EntityKey is an entity's identity across documents: "kb:"+KB id when
// the entity is linked, else its type and normalized name.
func EntityKey(typ, name, kbID string) string {
	if kbID != "" {
		return "kb:" + kbID
	}
	if typ == "" {
		typ = "MISC"
	}
	return typ + ":" + NormalizeName(name)
}

// Validate checks a document before it is stored.
func Validate(d *Document) error {
	switch {
	case d.Analysis == nil:
		return fmt.Errorf("%w: no analysis", ErrInvalid)
	case len(d.Analysis.Text) > MaxTextBytes:
		return fmt.Errorf("%w: text of %d bytes (limit %d)", ErrInvalid, len(d.Analysis.Text), MaxTextBytes)
	case len(d.Raw) > MaxRawBytes:
		return fmt.Errorf("%w: raw body of %d bytes (limit %d)", ErrInvalid, len(d.Raw), MaxRawBytes)
	case len(d.URL) > MaxURLBytes:
		return fmt.Errorf("%w: URL of %d bytes (limit %d)", ErrInvalid, len(d.URL), MaxURLBytes)
	case !utf8.ValidString(d.Analysis.Text):
		return fmt.Errorf("%w: text is not valid UTF-8", ErrInvalid)
	case strings.TrimSpace(d.Analysis.Text) == "":
		return fmt.Errorf("%w: empty text", ErrInvalid)
	}
	return nil
}
