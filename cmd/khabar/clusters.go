package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/ner"
	"github.com/khabar/khabar/wordclass"
)

// cmdTrainClusters learns word classes from unlabeled text:
//
//	khabar train clusters --corpus FILE [--corpus FILE...] --out FILE [--dim N] [--epochs N] [--min-count N] [--depth N]
func cmdTrainClusters(ctx context.Context, e *env, args []string) error {
	fs := newFlagCmd(e, "train clusters", "khabar train clusters --corpus FILE [--corpus FILE...] --out FILE [--dim N] [--epochs N] [--min-count N] [--depth N]")
	var corpora stringList
	fs.Var(&corpora, "corpus", "unlabeled text `FILE` (.txt or .gz, one paragraph or sentence a line, or JSONL records with \"content\"/\"text\"); repeatable")
	out := fs.required("out", "where to write the classes (`FILE`; .gz compresses)")
	dim := fs.Int("dim", 64, "word vector size")
	epochs := fs.Int("epochs", 3, "passes over the text")
	minCount := fs.Int("min-count", 5, "words seen fewer times get no class")
	depth := fs.Int("depth", 12, "levels of the class tree (up to 32)")
	if ok, err := fs.parse(args, false); !ok {
		return err
	}
	if len(corpora) == 0 {
		return usagef("train clusters: give at least one --corpus FILE")
	}
	if *dim < 2 || *dim > 1024 || *epochs < 1 || *epochs > 100 || *minCount < 1 || *depth < 1 || *depth > 32 {
		return usagef("train clusters: --dim 2–1024, --epochs 1–100, --min-count ≥ 1, --depth 1–32")
	}
	corp := &textCorpus{files: corpora}
	defer corp.close()
	c, counts, err := wordclass.Learn(ctx, corp, wordclass.Options{Dim: *dim, Epochs: *epochs, MinCount: *minCount, Depth: *depth, Log: e.stderr})
	if err != nil {
		return err
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	var w io.Writer = f
	var zw *gzip.Writer
	if strings.HasSuffix(*out, ".gz") {
		zw, _ = gzip.NewWriterLevel(f, gzip.BestCompression)
		w = zw
	}
	err = c.Write(w, counts)
	if zw != nil && err == nil {
		err = zw.Close()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", *out, err)
	}
	fmt.Fprintf(e.stderr, "%d words in classes of %d levels; wrote %s\n", c.Len(), c.Depth(), *out)
	return nil
}

// textCorpus reads files line by line as sentences of folded words (the
// form the tagger looks classes up by).
type textCorpus struct {
	files []string
	f     *os.File
	sc    *bufio.Scanner
	line  int
	words []string
	toks  []arabic.Token
}

// maxCorpusLine bounds one line of a corpus file.
const maxCorpusLine = 16 << 20

func (c *textCorpus) close() {
	if c.f != nil {
		c.f.Close()
		c.f = nil
	}
}

func (c *textCorpus) open() error {
	name := c.files[0]
	c.files = c.files[1:]
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	c.f = f
	var r io.Reader = f
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		r = zr
	}
	c.sc = bufio.NewScanner(r)
	c.sc.Buffer(make([]byte, 0, 1<<16), maxCorpusLine)
	c.line = 0
	return nil
}

// Next returns the words of the next non-empty line.
func (c *textCorpus) Next() ([]string, error) {
	for {
		if c.sc == nil {
			if len(c.files) == 0 {
				return nil, io.EOF
			}
			if err := c.open(); err != nil {
				return nil, err
			}
		}
		if !c.sc.Scan() {
			err := c.sc.Err()
			name := c.f.Name()
			c.close()
			c.sc = nil
			if err != nil {
				return nil, fmt.Errorf("%s: line %d: %w", name, c.line+1, err)
			}
			continue
		}
		c.line++
		text := c.sc.Text()
		if strings.HasPrefix(text, "{") {
			text = jsonText(text)
		}
		c.toks = arabic.AppendTokens(c.toks[:0], text)
		c.words = c.words[:0]
		for _, t := range c.toks {
			switch t.Kind {
			case arabic.Word, arabic.Latin:
				c.words = append(c.words, ner.Fold(t.Text))
			case arabic.Number:
				c.words = append(c.words, "0")
			}
		}
		if len(c.words) > 0 {
			return c.words, nil
		}
	}
}

// jsonText returns the text of a JSONL record's "content" or "text"
// field ("" when the line is not such a record).
func jsonText(line string) string {
	var r struct {
		Title   string `json:"title"`
		Content string `json:"content"`
		Text    string `json:"text"`
	}
	if json.Unmarshal([]byte(line), &r) != nil {
		return ""
	}
	body := r.Content
	if body == "" {
		body = r.Text
	}
	return r.Title + "\n" + body
}
