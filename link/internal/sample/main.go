// Command sample draws linked mentions from a news JSONL(.gz) file for
// checking linking precision by hand: one TSV row per mention with a
// record number and the knowledge-base entry it was linked to, and prints
// a short context for the person judging each link on standard error.
//
//	go run ./link/internal/sample -in ../shared/data/saudinewsnet/saudinewsnet.jsonl.gz -n 220 > link/testdata/precision.tsv
//
// The "correct" column is left for the checker to fill in.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"strings"

	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/kb"
	"github.com/khabar/khabar/link"
	"github.com/khabar/khabar/ner"
)

func main() {
	in := flag.String("in", "", "JSONL or JSONL.gz `file` with title and content fields")
	n := flag.Int("n", 220, "mentions to draw")
	skip := flag.Int("skip", 0, "articles to skip first")
	every := flag.Int("every", 7, "use one article in `k`")
	perEntity := flag.Int("per-entity", 1, "mentions per entity and article")
	noNER := flag.Bool("no-ner", false, "link without the tagger's spans (knowledge-base names only)")
	flag.Parse()
	f, err := os.Open(*in)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(*in, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			log.Fatal(err)
		}
		r = zr
	}
	var tagger *ner.Tagger
	if !*noNER {
		if tagger, err = ner.Default(); err != nil {
			log.Fatal(err)
		}
	}
	k := kb.Default()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	fmt.Fprintln(w, "mention\trecord\tkb_id\ttype\tcorrect")
	count, line := 0, 0
	seenEntity := map[string]int{}
	for sc.Scan() && count < *n {
		line++
		if line <= *skip || (line-*skip)%*every != 0 {
			continue
		}
		var doc struct{ Title, Content string }
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			log.Printf("line %d: %v", line, err)
			continue
		}
		text := doc.Title + "\n" + doc.Content
		toks := arabic.Tokenize(text)
		var spans []ner.Span
		if tagger != nil {
			spans = tagger.Tag(text, toks)
		}
		res := link.Resolve(text, toks, spans, k)
		runes := []rune(text)
		for _, e := range res.Entities {
			if e.KB == nil || count >= *n || seenEntity[e.KB.ID] >= 3 {
				continue
			}
			seenEntity[e.KB.ID]++
			for i, m := range e.Mentions {
				if i >= *perEntity {
					break
				}
				side := max(0, min(35, (96-(m.End-m.Start))/2)) // snippets stay under 100 characters
				a, b := max(0, m.Start-side), min(len(runes), m.End+side)
				ctx := strings.Join(strings.Fields(string(runes[a:b])), " ")
				// The context goes to stderr for the person judging; the
				// sample names the record so that no article text is kept.
				fmt.Fprintf(w, "%s\t%d\t%s\t%s\t\n", m.Text, line-1, e.KB.ID, e.Type)
				fmt.Fprintf(os.Stderr, "%s\t%s\t%s\n", m.Text, e.KB.ID, ctx)
				count++
			}
		}
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
}
