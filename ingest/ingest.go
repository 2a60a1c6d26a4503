// Package ingest reads raw documents from sources — files, directories,
// JSONL and gzipped JSONL — and hands them on as pipeline.Documents.
// Feeds, WARC files and queues are added here as further sources.
//
// Bad input never stops a walk: a broken JSON line, a record without
// text, a file that is not UTF-8 or cannot be read becomes a Record with
// Err set, naming the file and line, and the walk goes on.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/khabar/khabar"
)

// DefaultMaxBytes bounds one document (a file or a JSONL line) unless
// Options.MaxBytes says otherwise.
const DefaultMaxBytes = 16 << 20

// ErrUnsupported is the error of a file whose type ingest does not read.
var ErrUnsupported = errors.New("unsupported file type")

// Record is one document read from a source, or a bad one (Err set)
// that is reported and skipped.
type Record struct {
	Doc   khabar.RawDocument // Doc.Name is Where
	Where string             // "file" or "file:line"
	Err   error
}

// Options configures a walk.
type Options struct {
	// MaxBytes bounds one document; larger ones are bad records.
	// 0 means DefaultMaxBytes.
	MaxBytes int
	// BytesRead, when set, counts the bytes read from files as they are
	// read (compressed bytes for gzip files), for progress reports
	// against InputSize.
	BytesRead *atomic.Int64
}

func (o Options) maxBytes() int {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

// Kind is what a file holds, by its name.
type Kind int

// File kinds.
const (
	Unknown Kind = iota
	Text         // .txt
	HTML         // .html, .htm
	JSONL        // .jsonl, .ndjson (optionally .gz)
	WARC         // .warc (.warc.gz: gzip per record), see ReadWARC
	Feed         // .rss, .atom: an RSS or Atom feed, see ReadFeed
)

// KindOf returns the kind of a file by its name and whether it is
// gzip-compressed.
func KindOf(name string) (k Kind, gz bool) {
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".gz") {
		gz, lower = true, strings.TrimSuffix(lower, ".gz")
	}
	switch filepath.Ext(lower) {
	case ".txt", ".text":
		return Text, gz
	case ".html", ".htm", ".xhtml":
		return HTML, gz
	case ".jsonl", ".ndjson":
		return JSONL, gz
	case ".warc":
		return WARC, gz
	case ".rss", ".atom":
		return Feed, gz
	}
	return Unknown, gz
}

// Walk reads every document under paths, in order, and calls fn with
// each record. Directories are walked recursively in lexical order,
// skipping hidden entries and files of unknown type; a file named
// explicitly with an unknown type is a bad record. Walk stops at the
// first error fn returns or when ctx is done, and returns that error.
func Walk(ctx context.Context, paths []string, opt Options, fn func(Record) error) error {
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			if err := fn(Record{Where: p, Err: pathError(err)}); err != nil {
				return err
			}
			continue
		}
		if !fi.IsDir() {
			if err := File(ctx, p, opt, fn); err != nil {
				return err
			}
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return fn(Record{Where: path, Err: pathError(err)})
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() || !d.Type().IsRegular() {
				return nil
			}
			if k, _ := KindOf(path); k == Unknown {
				return nil
			}
			return File(ctx, path, opt, fn)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// File reads one file: a .txt or .html document, or a JSONL file of
// records (each possibly gzip-compressed).
func File(ctx context.Context, path string, opt Options, fn func(Record) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	kind, gz := KindOf(path)
	if kind == Unknown {
		return fn(Record{Where: path, Err: fmt.Errorf("%s: %w", path, ErrUnsupported)})
	}
	f, err := os.Open(path)
	if err != nil {
		return fn(Record{Where: path, Err: pathError(err)})
	}
	defer f.Close()
	var r io.Reader = f
	if opt.BytesRead != nil {
		r = &countingReader{r: f, n: opt.BytesRead}
	}
	if kind == WARC { // gzip members are read by ReadWARC
		return ReadWARC(ctx, r, path, opt, fn)
	}
	if gz {
		zr, err := newGzipReader(r)
		if err != nil {
			return fn(Record{Where: path, Err: fmt.Errorf("%s: %w", path, err)})
		}
		defer zr.Close()
		r = zr
	}
	switch kind {
	case JSONL:
		return ReadJSONL(ctx, r, path, opt, fn)
	case Feed:
		return ReadFeed(ctx, r, path, opt, fn)
	}
	return readDocument(r, path, kind, opt, fn)
}

// pathError words a file system error as "PATH: what went wrong",
// without the system call ("stat PATH: …"). It still matches
// fs.ErrNotExist and the like.
func pathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Path, pe.Err)
	}
	return err
}

// countingReader adds the bytes read from r to n.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	c.n.Add(int64(k))
	return k, err
}

// InputSize returns the total size in bytes of the files Walk reads
// under paths, and whether it is known: it is not when a path cannot be
// read or is not a regular file or directory (a pipe), or a directory
// holds more than maxSized files.
func InputSize(paths []string) (int64, bool) {
	const maxSized = 100000
	var total int64
	files := 0
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return 0, false
		}
		if fi.Mode().IsRegular() {
			total += fi.Size()
			continue
		}
		if !fi.IsDir() {
			return 0, false
		}
		known := true
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				known = false
				return filepath.SkipAll
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() || !d.Type().IsRegular() {
				return nil
			}
			if k, _ := KindOf(path); k == Unknown {
				return nil
			}
			if files++; files > maxSized {
				known = false
				return filepath.SkipAll
			}
			info, err := d.Info()
			if err != nil {
				known = false
				return filepath.SkipAll
			}
			total += info.Size()
			return nil
		})
		if !known {
			return 0, false
		}
	}
	return total, true
}

// readDocument reads a whole .txt or .html file as one document.
func readDocument(r io.Reader, path string, kind Kind, opt Options, fn func(Record) error) error {
	body, err := io.ReadAll(io.LimitReader(r, int64(opt.maxBytes())+1))
	if err != nil {
		return fn(Record{Where: path, Err: fmt.Errorf("%s: %w", path, err)})
	}
	if len(body) > opt.maxBytes() {
		return fn(Record{Where: path, Err: fmt.Errorf("%s: larger than %d bytes", path, opt.maxBytes())})
	}
	ct := "text/plain"
	if kind == HTML {
		ct = "text/html"
	} else if !utf8.Valid(body) {
		return fn(Record{Where: path, Err: fmt.Errorf("%s: not valid UTF-8", path)})
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	doc := khabar.RawDocument{Name: path, Body: body, ContentType: ct, URL: "file://" + filepath.ToSlash(abs)}
	return fn(Record{Doc: doc, Where: path})
}

// Summary counts the outcome of an ingest by reason.
type Summary struct {
	Read       int            `json:"read"`
	Stored     int            `json:"stored"`
	Duplicates int            `json:"duplicates"`
	Skipped    int            `json:"skipped"`
	Reasons    map[string]int `json:"skip_reasons,omitempty"`
	Examples   []string       `json:"skip_examples,omitempty"` // the first few skipped records with their errors
	// Failed lists the inputs (PATH arguments) that failed entirely,
	// each with the first error met in it: see Input.Failed.
	Failed []string `json:"failed_inputs,omitempty"`
}

// Input counts the outcome of one input (a PATH argument) of an ingest.
type Input struct {
	Path       string
	Stored     int
	Duplicates int
	Skipped    int
	FirstErr   string // the first skipped record's error
}

// Failed reports whether the input failed entirely: something in it
// was skipped (it could not be read, or its records were bad or could
// not be analyzed) and nothing of it was stored or found stored
// already. A bad record among stored ones is not a failure of its
// input, nor is an input holding no document at all.
func (in *Input) Failed() bool {
	return in.Skipped > 0 && in.Stored == 0 && in.Duplicates == 0
}

// Describe returns the input's path and its first error, as listed in
// Summary.Failed: "PATH: error" ("PATH:3: error" for a record).
func (in *Input) Describe() string {
	if strings.HasPrefix(in.FirstErr, in.Path) {
		return in.FirstErr
	}
	return in.Path + ": " + in.FirstErr
}

// maxExamples is the number of skipped records a Summary lists.
const maxExamples = 20

// Skip counts a skipped record under reason and keeps it as an example.
func (s *Summary) Skip(where, reason string, err error) {
	s.Skipped++
	if s.Reasons == nil {
		s.Reasons = map[string]int{}
	}
	s.Reasons[reason]++
	if len(s.Examples) < maxExamples {
		msg := err.Error()
		if !strings.Contains(msg, where) {
			msg = where + ": " + msg
		}
		s.Examples = append(s.Examples, msg)
	}
}

// ReasonList returns the skip reasons, most frequent first.
func (s *Summary) ReasonList() []string {
	out := make([]string, 0, len(s.Reasons))
	for r := range s.Reasons {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if s.Reasons[out[i]] != s.Reasons[out[j]] {
			return s.Reasons[out[i]] > s.Reasons[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}
