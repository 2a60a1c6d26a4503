package evalnews

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"unicode/utf8"
)

// Record is one corpus record named by a gold article.
type Record struct {
	Line    int
	Raw     []byte // the JSON line, as ingest reads it
	Title   string `json:"title"`
	Content string `json:"content"`
	Source  string `json:"source"`
}

// maxRecord bounds one corpus line.
const maxRecord = 16 << 20

// ReadRecordsFile reads the records of the given line numbers from the
// JSONL file path, gzipped or not (told by its first bytes).
func ReadRecordsFile(ctx context.Context, path string, lines []int) (map[int]*Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("news corpus: %w", err)
	}
	defer f.Close()
	return ReadRecords(ctx, f, path, lines)
}

// ReadRecords streams the JSONL corpus r (named name in errors; gzipped
// or not) and returns the records of the given 1-based line numbers. It
// stops after the last wanted line. A wanted line past the end of the
// corpus, a blank line, or one that is not a JSON object with a title and
// content is an error.
func ReadRecords(ctx context.Context, r io.Reader, name string, lines []int) (map[int]*Record, error) {
	want := map[int]bool{}
	last := 0
	for _, l := range lines {
		if l < 1 {
			return nil, fmt.Errorf("%s: line %d: line numbers start at 1", name, l)
		}
		want[l] = true
		last = max(last, l)
	}
	out := map[int]*Record{}
	if len(want) == 0 {
		return out, nil
	}
	br := bufio.NewReaderSize(r, 1<<16)
	if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 1<<20)
	}
	var buf []byte
	for n := 1; n <= last; n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		line, eof, err := readLine(br, buf[:0], want[n])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		if eof {
			return nil, fmt.Errorf("%s: %w", name, missing(want, out, n-1))
		}
		buf = line
		if want[n] {
			rec, err := parseRecord(line, n)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", name, n, err)
			}
			out[n] = rec
		}
	}
	return out, nil
}

// missing names the wanted lines not read from a corpus of n lines.
func missing(want map[int]bool, got map[int]*Record, n int) error {
	var m []int
	for l := range want {
		if got[l] == nil {
			m = append(m, l)
		}
	}
	sort.Ints(m)
	return fmt.Errorf("the corpus has %d lines; gold lines %v are missing", n, m)
}

// readLine reads one line, appending it to buf only when keep is set
// (a skipped line costs no copy), without its line ending. eof is set
// when the input ended before any byte of a line. A kept line longer
// than maxRecord is an error.
func readLine(br *bufio.Reader, buf []byte, keep bool) (line []byte, eof bool, err error) {
	read := false
	for {
		chunk, err := br.ReadSlice('\n')
		read = read || len(chunk) > 0
		if keep {
			if len(buf)+len(chunk) > maxRecord {
				return nil, false, fmt.Errorf("line longer than %d bytes", maxRecord)
			}
			buf = append(buf, chunk...)
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			return bytes.TrimRight(buf, "\r\n"), !read, nil
		case err != nil:
			return nil, false, err
		}
		return bytes.TrimRight(buf, "\r\n"), false, nil
	}
}

// parseRecord decodes the fields the evaluation checks.
func parseRecord(line []byte, n int) (*Record, error) {
	line = bytes.TrimSpace(line)
	if len(line) == 0 {
		return nil, errors.New("blank line where a gold record was expected")
	}
	if !utf8.Valid(line) {
		return nil, errors.New("record is not valid UTF-8")
	}
	rec := &Record{Line: n, Raw: bytes.Clone(line)}
	if err := json.Unmarshal(line, rec); err != nil {
		return nil, fmt.Errorf("record: %w", err)
	}
	if rec.Content == "" {
		return nil, errors.New("record has no \"content\"")
	}
	return rec, nil
}

// check reports how the record differs from what gold a says of it: its
// source, or a quote outside its field.
func (rec *Record) check(a *Article) error {
	if rec.Source != a.Source {
		return fmt.Errorf("record %d: source is %q, the gold says %q (wrong corpus or line number?)", a.Line, rec.Source, a.Source)
	}
	lt, lc := utf8.RuneCountInString(rec.Title), utf8.RuneCountInString(rec.Content)
	for i, q := range a.Quotes {
		n := lc
		if q.field() == "title" {
			n = lt
		}
		if q.End > n {
			return fmt.Errorf("record %d: quote %d ends at %d, past the %d code points of its %s", a.Line, i, q.End, n, q.field())
		}
	}
	return nil
}
