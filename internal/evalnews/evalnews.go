// Package evalnews scores khabar's entities and quotes against the
// real-news gold set: hand annotations of saudinewsnet records, referred
// to by line number (docs/news-gold/GUIDE.md gives the format and the
// rules).
//
// Each record is read from the corpus, turned into a document exactly as
// khabar ingest does, and analyzed. Entity mentions are compared per
// article as multisets of (type, normalized name); quotes match when the
// predicted quote covers at least half of the gold quote's words; the
// speaker of a matched quote is right when the predicted speaker entity
// is called by the gold name.
package evalnews

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/ingest"
	"github.com/khabar/khabar/pipeline"
)

// AnalyzeFunc analyzes one document.
type AnalyzeFunc func(ctx context.Context, doc khabar.RawDocument) (*khabar.Analysis, error)

// Options says what Run scores.
type Options struct {
	Gold    []string    // gold files (JSON Lines)
	Data    string      // the corpus, JSONL, gzipped or not
	Analyze AnalyzeFunc // nil: a pipeline with default options, as khabar ingest uses
}

// Summary is the score of a set of articles.
type Summary struct {
	Articles       int               `json:"articles"`
	QuotesOnly     int               `json:"quotes_only,omitempty"`   // articles whose entities are not annotated
	EntitiesOnly   int               `json:"entities_only,omitempty"` // articles whose quotes are not annotated
	Entities       Counts            `json:"entities"`
	ByType         map[string]Counts `json:"by_type"`
	Quotes         Counts            `json:"quotes"`
	SpeakerMatched Tally             `json:"speaker_matched"`
	SpeakerAll     Tally             `json:"speaker_all"`
	QuoteSource    Tally             `json:"quote_source"`
}

// add adds an article's score to s.
func (s *Summary) add(a ArticleScore) {
	if s.ByType == nil {
		s.ByType = map[string]Counts{}
	}
	s.Articles++
	if a.QuotesOnly {
		s.QuotesOnly++
	}
	if a.EntitiesOnly {
		s.EntitiesOnly++
	}
	s.Entities.Add(a.Entities)
	for t, c := range a.ByType {
		x := s.ByType[t]
		x.Add(c)
		s.ByType[t] = x
	}
	s.Quotes.Add(a.Quotes)
	s.SpeakerMatched.Add(a.SpeakerMatched)
	s.SpeakerAll.Add(a.SpeakerAll)
	s.QuoteSource.Add(a.QuoteSource)
}

// FileSummary is the score of one gold file.
type FileSummary struct {
	File string `json:"file"`
	Summary
}

// Report is the result of Run.
type Report struct {
	Files    []FileSummary  `json:"files"`
	Total    Summary        `json:"total"`
	Articles []ArticleScore `json:"articles"`
}

// Run reads the gold files and the records they name, analyzes each
// record and scores it. A record missing from the corpus, or one that
// differs from what its gold says of it (source, quote offsets), is an
// error.
func Run(ctx context.Context, opt Options) (*Report, error) {
	if len(opt.Gold) == 0 {
		return nil, fmt.Errorf("evalnews: no gold file")
	}
	type file struct {
		name     string
		articles []Article
	}
	var files []file
	var lines []int
	where := map[int]string{}
	for _, name := range opt.Gold {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("evalnews: %w", err)
		}
		arts, err := ReadGold(f, name)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("evalnews: %w", err)
		}
		for _, a := range arts {
			if prev, ok := where[a.Line]; ok {
				return nil, fmt.Errorf("evalnews: record line %d is in both %s and %s", a.Line, prev, name)
			}
			where[a.Line] = name
			lines = append(lines, a.Line)
		}
		files = append(files, file{name, arts})
	}
	recs, err := ReadRecordsFile(ctx, opt.Data, lines)
	if err != nil {
		return nil, fmt.Errorf("evalnews: %w", err)
	}
	analyze := opt.Analyze
	if analyze == nil {
		p, err := pipeline.New(pipeline.Options{})
		if err != nil {
			return nil, fmt.Errorf("evalnews: %w", err)
		}
		analyze = p.Analyze
	}
	rep := &Report{}
	for _, f := range files {
		fs := FileSummary{File: f.name}
		for i := range f.articles {
			g := &f.articles[i]
			rec := recs[g.Line]
			if err := rec.check(g); err != nil {
				return nil, fmt.Errorf("evalnews: %s: %w", f.name, err)
			}
			a, err := analyzeRecord(ctx, analyze, opt.Data, rec)
			if err != nil {
				return nil, fmt.Errorf("evalnews: %s: %w", f.name, err)
			}
			s := Score(a, rec, g)
			fs.add(s)
			rep.Total.add(s)
			rep.Articles = append(rep.Articles, s)
		}
		rep.Files = append(rep.Files, fs)
	}
	return rep, nil
}

// analyzeRecord builds the document of rec as khabar ingest does, from
// its JSON line, and analyzes it.
func analyzeRecord(ctx context.Context, analyze AnalyzeFunc, data string, rec *Record) (*khabar.Analysis, error) {
	var doc *khabar.RawDocument
	name := fmt.Sprintf("%s (record %d)", data, rec.Line)
	err := ingest.ReadJSONL(ctx, bytes.NewReader(rec.Raw), name, ingest.Options{}, func(r ingest.Record) error {
		if r.Err != nil {
			return r.Err
		}
		if doc != nil {
			return fmt.Errorf("%s: more than one record", name)
		}
		doc = &r.Doc
		return nil
	})
	if err != nil {
		return nil, err
	}
	if doc == nil {
		return nil, fmt.Errorf("%s: no record", name)
	}
	a, err := analyze(ctx, *doc)
	if err != nil {
		return nil, fmt.Errorf("record %d: %w", rec.Line, err)
	}
	return a, nil
}

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteText writes the summary tables; with errors, also the score of
// each article and every error.
func (r *Report) WriteText(w io.Writer, errors bool) error {
	var b strings.Builder
	fmt.Fprintf(&b, "news gold: %d article(s) in %d file(s)", r.Total.Articles, len(r.Files))
	if n := r.Total.QuotesOnly; n > 0 {
		fmt.Fprintf(&b, ", %d with quotes only (entities not scored)", n)
	}
	if n := r.Total.EntitiesOnly; n > 0 {
		fmt.Fprintf(&b, ", %d with entities only (quotes not scored)", n)
	}
	fmt.Fprintln(&b)
	if len(r.Files) > 1 {
		for _, f := range r.Files {
			ent := fmt.Sprintf("entity F1 %.3f", f.Entities.F1())
			if f.QuotesOnly == f.Articles {
				ent = "quotes only"
			}
			quo := fmt.Sprintf("quote F1 %.3f, speaker %d/%d", f.Quotes.F1(), f.SpeakerMatched.Correct, f.SpeakerMatched.Total)
			if f.EntitiesOnly == f.Articles {
				quo = "entities only"
			}
			fmt.Fprintf(&b, "  %s: %d articles, %s, %s\n", f.File, f.Articles, ent, quo)
		}
	}
	fmt.Fprintf(&b, "\n%-8s %5s %5s %5s %6s %6s %6s\n", "entities", "tp", "fp", "fn", "P", "R", "F1")
	row := func(name string, c Counts) {
		fmt.Fprintf(&b, "%-8s %5d %5d %5d %6.3f %6.3f %6.3f\n", name, c.TP, c.FP, c.FN, c.Precision(), c.Recall(), c.F1())
	}
	for _, t := range Types {
		row(t, r.Total.ByType[t])
	}
	row("all", r.Total.Entities)
	fmt.Fprintln(&b)
	row("quotes", r.Total.Quotes)
	for _, t := range []struct {
		name string
		t    Tally
	}{{"speaker accuracy, matched quotes", r.Total.SpeakerMatched}, {"speaker accuracy, all gold quotes", r.Total.SpeakerAll},
		{"source accuracy, matched quotes with a gold source", r.Total.QuoteSource}} {
		fmt.Fprintf(&b, "%-50s %4d/%-4d %6.3f\n", t.name, t.t.Correct, t.t.Total, t.t.Rate())
	}
	if errors {
		fmt.Fprintf(&b, "\n%-6s %-14s %5s %5s %5s %6s %8s %8s\n", "line", "source", "ent.tp", "fp", "fn", "F1", "quotes", "speaker")
		for _, a := range r.Articles {
			ent := fmt.Sprintf("%6d %5d %5d %6.3f", a.Entities.TP, a.Entities.FP, a.Entities.FN, a.Entities.F1())
			if a.QuotesOnly {
				ent = fmt.Sprintf("%6s %5s %5s %6s", "-", "-", "-", "-")
			}
			quo := fmt.Sprintf("%2d/%d/%-3d %4d/%-3d", a.Quotes.TP, a.Quotes.FP, a.Quotes.FN, a.SpeakerMatched.Correct, a.SpeakerMatched.Total)
			if a.EntitiesOnly {
				quo = fmt.Sprintf("%8s %8s", "-", "-")
			}
			fmt.Fprintf(&b, "%-6d %-14s %s %s\n", a.Line, a.Source, ent, quo)
		}
		fmt.Fprintln(&b, "\nerrors (line kind type text):")
		for _, a := range r.Articles {
			for _, e := range a.Errors {
				fmt.Fprintf(&b, "  %s\n", e)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
