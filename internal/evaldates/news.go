package evaldates

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/khabar/khabar/internal/evalnews"
	"github.com/khabar/khabar/temporal"
)

// NewsDate is one hand-annotated span of a real-news record: a date with
// its value and grain, words that are not a date (Value "-"), or a date
// whose value the text does not fix (Value "?", not scored).
type NewsDate struct {
	Start, End int    // code points into the record's content, half-open
	Value      string // as temporal writes it: "2015-08-12", "1436-09H", "P2D", "T17:18"
	Grain      string // "day", "week", "month", "quarter", "year", "time", "duration"
}

// NewsRecord is the annotation of one corpus record. A record with no
// Dates was read and has no date in it: whatever is found there is an
// error.
type NewsRecord struct {
	Line  int // 1-based line of the corpus
	Dates []NewsDate
}

// grains are the grains an annotation may name.
var grains = []string{"day", "week", "month", "quarter", "year", "time", "duration"}

// ReadNewsGold reads a date annotation file (named name in errors): tab
// separated lines "line start end value grain", with # comments and blank
// lines; "line - - - -" says that the record has no date. The records come
// back in line order, each record's dates in offset order.
func ReadNewsGold(r io.Reader, name string) ([]NewsRecord, error) {
	byLine := map[int]*NewsRecord{}
	empty := map[int]bool{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 4096), 1<<16)
	for n := 1; sc.Scan(); n++ {
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		line, d, none, err := parseNewsRow(text)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		rec := byLine[line]
		if rec == nil {
			rec = &NewsRecord{Line: line}
			byLine[line] = rec
		}
		switch {
		case none && (empty[line] || len(rec.Dates) > 0), !none && empty[line]:
			return nil, fmt.Errorf("%s:%d: record %d is annotated both with and without dates", name, n, line)
		case none:
			empty[line] = true
		default:
			rec.Dates = append(rec.Dates, d)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(byLine) == 0 {
		return nil, fmt.Errorf("%s: no record annotated", name)
	}
	out := make([]NewsRecord, 0, len(byLine))
	for _, rec := range byLine {
		slices.SortFunc(rec.Dates, func(a, b NewsDate) int { return a.Start - b.Start })
		for i := 1; i < len(rec.Dates); i++ {
			if rec.Dates[i].Start < rec.Dates[i-1].End {
				return nil, fmt.Errorf("%s: record %d: spans %d-%d and %d-%d overlap", name, rec.Line,
					rec.Dates[i-1].Start, rec.Dates[i-1].End, rec.Dates[i].Start, rec.Dates[i].End)
			}
		}
		out = append(out, *rec)
	}
	slices.SortFunc(out, func(a, b NewsRecord) int { return a.Line - b.Line })
	return out, nil
}

// parseNewsRow parses one annotation line; none reports a "line - - - -"
// row.
func parseNewsRow(text string) (line int, d NewsDate, none bool, err error) {
	fs := strings.Split(text, "\t")
	if len(fs) != 5 {
		return 0, d, false, fmt.Errorf("%d tab-separated fields, want 5 (line start end value grain)", len(fs))
	}
	if line, err = strconv.Atoi(fs[0]); err != nil || line < 1 {
		return 0, d, false, fmt.Errorf("line %q: want a line number from 1", fs[0])
	}
	if fs[1] == "-" && fs[2] == "-" && fs[3] == "-" && fs[4] == "-" {
		return line, d, true, nil
	}
	if d.Start, err = strconv.Atoi(fs[1]); err != nil || d.Start < 0 {
		return 0, d, false, fmt.Errorf("start %q: want an offset from 0", fs[1])
	}
	if d.End, err = strconv.Atoi(fs[2]); err != nil || d.End <= d.Start {
		return 0, d, false, fmt.Errorf("end %q: want an offset after start %d", fs[2], d.Start)
	}
	d.Value, d.Grain = fs[3], fs[4]
	switch {
	case d.Value == "":
		return 0, d, false, errors.New("empty value")
	case d.Value == "-" || d.Value == "?":
		if d.Grain != d.Value {
			return 0, d, false, fmt.Errorf("value %q wants grain %q, not %q", d.Value, d.Value, d.Grain)
		}
	case !slices.Contains(grains, d.Grain):
		return 0, d, false, fmt.Errorf("grain %q: want one of %s", d.Grain, strings.Join(grains, ", "))
	}
	return line, d, false, nil
}

// Counts is a precision/recall tally.
type Counts struct {
	Gold      int     `json:"gold"`      // annotated dates
	Predicted int     `json:"predicted"` // dates found (one per annotated span it overlaps, and each one elsewhere)
	Correct   int     `json:"correct"`   // found with the annotated value and grain
	Precision float64 `json:"precision"` // Correct / Predicted
	Recall    float64 `json:"recall"`    // Correct / Gold
	F1        float64 `json:"f1"`
}

func (c *Counts) add(o Counts) {
	c.Gold += o.Gold
	c.Predicted += o.Predicted
	c.Correct += o.Correct
}

// finish computes the ratios (0 where there is nothing to divide).
func (c *Counts) finish() {
	c.Precision, c.Recall, c.F1 = 0, 0, 0
	if c.Predicted > 0 {
		c.Precision = float64(c.Correct) / float64(c.Predicted)
	}
	if c.Gold > 0 {
		c.Recall = float64(c.Correct) / float64(c.Gold)
	}
	if c.Precision+c.Recall > 0 {
		c.F1 = 2 * c.Precision * c.Recall / (c.Precision + c.Recall)
	}
}

// Error kinds of a NewsError.
const (
	ErrMissed  = "missed"   // an annotated date nothing was found on
	ErrWrong   = "wrong"    // found with another value or grain
	ErrNotDate = "not-date" // found on words annotated as no date
	ErrExtra   = "extra"    // found where nothing is annotated
)

// NewsError is one error of the finder on an annotated record.
type NewsError struct {
	Line  int    `json:"line"`
	Kind  string `json:"kind"` // ErrMissed, ErrWrong, ErrNotDate or ErrExtra
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`           // the annotated span, or the expression found outside any
	Want  string `json:"want,omitempty"` // "2015-08-12 day"
	Got   string `json:"got,omitempty"`  // "2015-08-05 day"
}

// NewsScore is the score on one set of records.
type NewsScore struct {
	File    string            `json:"file,omitempty"`
	Records int               `json:"records"`
	Overall Counts            `json:"overall"`
	ByGrain map[string]Counts `json:"by_grain"` // recall by the annotated grain, precision by the found grain
	Errors  []NewsError       `json:"errors"`
}

// bump applies f to the counts of grain g.
func (s *NewsScore) bump(g string, f func(*Counts)) {
	if s.ByGrain == nil {
		s.ByGrain = map[string]Counts{}
	}
	c := s.ByGrain[g]
	f(&c)
	s.ByGrain[g] = c
}

func (s *NewsScore) add(o *NewsScore) {
	s.Records += o.Records
	s.Overall.add(o.Overall)
	for g, c := range o.ByGrain {
		s.bump(g, func(x *Counts) { x.add(c) })
	}
	s.Errors = append(s.Errors, o.Errors...)
}

func (s *NewsScore) finish() {
	s.Overall.finish()
	for g, c := range s.ByGrain {
		c.finish()
		s.ByGrain[g] = c
	}
	if s.Errors == nil {
		s.Errors = []NewsError{}
	}
}

// ScoreRecord adds to s how found does on the annotated record rec, whose
// content is content. Each annotated date takes the found expression that
// overlaps it with its value and grain, else the first that overlaps it;
// the other expressions overlapping it are parts of the same date and are
// not counted. An expression overlapping a "?" span is not counted; one
// overlapping a "-" span, or no span, counts against precision.
func (s *NewsScore) ScoreRecord(rec NewsRecord, content string, found []temporal.Expr) {
	s.Records++
	runes := []rune(content)
	slice := func(a, b int) string {
		a, b = max(0, min(a, len(runes))), max(0, min(b, len(runes)))
		return string(runes[a:b])
	}
	used := make([]bool, len(found))
	for _, g := range rec.Dates {
		hit := -1
		for i, x := range found {
			if x.Start < g.End && g.Start < x.End {
				used[i] = true
				if hit < 0 || (x.Value == g.Value && string(x.Grain) == g.Grain) {
					hit = i
				}
			}
		}
		e := NewsError{Line: rec.Line, Start: g.Start, End: g.End, Text: slice(g.Start, g.End), Want: g.Value + " " + g.Grain}
		if hit >= 0 {
			e.Got = found[hit].Value + " " + string(found[hit].Grain)
		}
		switch {
		case g.Value == "?":
		case g.Value == "-":
			if hit >= 0 {
				e.Kind, e.Want = ErrNotDate, "no date"
				s.predicted(string(found[hit].Grain))
				s.Errors = append(s.Errors, e)
			}
		case hit < 0:
			s.gold(g.Grain, false)
			e.Kind = ErrMissed
			s.Errors = append(s.Errors, e)
		default:
			ok := found[hit].Value == g.Value && string(found[hit].Grain) == g.Grain
			s.gold(g.Grain, ok)
			s.predicted(string(found[hit].Grain))
			if !ok {
				e.Kind = ErrWrong
				s.Errors = append(s.Errors, e)
			}
		}
	}
	for i, x := range found {
		if used[i] {
			continue
		}
		s.predicted(string(x.Grain))
		s.Errors = append(s.Errors, NewsError{Line: rec.Line, Kind: ErrExtra, Start: x.Start, End: x.End,
			Text: slice(x.Start, x.End), Got: x.Value + " " + string(x.Grain)})
	}
}

func (s *NewsScore) gold(grain string, ok bool) {
	s.Overall.Gold++
	s.bump(grain, func(c *Counts) { c.Gold++ })
	if ok {
		s.Overall.Correct++
		s.bump(grain, func(c *Counts) { c.Correct++ })
	}
}

// predicted counts a found expression (its correctness is counted on the
// gold side, under the same grain).
func (s *NewsScore) predicted(grain string) {
	s.Overall.Predicted++
	s.bump(grain, func(c *Counts) { c.Predicted++ })
}

// NewsOptions says what News scores.
type NewsOptions struct {
	Gold   []string // annotation files in the format of ReadNewsGold
	Corpus string   // the SaudiNewsNet JSONL the line numbers refer to, gzipped or not
}

// NewsReport is the result of News: each file's score and their sum.
type NewsReport struct {
	Files []*NewsScore `json:"files"`
	Total *NewsScore   `json:"total"`
}

// News scores temporal.Find on the annotated real-news records: each
// record's content, resolved against the day of its date_extracted with
// the news preference, as TestNewsDates in package temporal does.
func News(ctx context.Context, opt NewsOptions) (*NewsReport, error) {
	if len(opt.Gold) == 0 {
		return nil, errors.New("evaldates: no annotation file")
	}
	golds := make([][]NewsRecord, len(opt.Gold))
	var lines []int
	seen := map[int]string{}
	for i, name := range opt.Gold {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("evaldates: %w", err)
		}
		golds[i], err = ReadNewsGold(f, name)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("evaldates: %w", err)
		}
		for _, rec := range golds[i] {
			if prev, dup := seen[rec.Line]; dup {
				return nil, fmt.Errorf("evaldates: record %d is annotated in both %s and %s", rec.Line, prev, name)
			}
			seen[rec.Line] = name
			lines = append(lines, rec.Line)
		}
	}
	recs, err := evalnews.ReadRecordsFile(ctx, opt.Corpus, lines)
	if err != nil {
		return nil, fmt.Errorf("evaldates: %w", err)
	}
	rep := &NewsReport{Total: &NewsScore{File: "total"}}
	var finder temporal.Finder
	for i, name := range opt.Gold {
		s := &NewsScore{File: name}
		for _, g := range golds[i] {
			rec := recs[g.Line]
			ref, err := recordDate(rec.Raw)
			if err != nil {
				return nil, fmt.Errorf("evaldates: %s: record %d: %w", opt.Corpus, g.Line, err)
			}
			s.ScoreRecord(g, rec.Content, finder.Find(rec.Content, temporal.Options{Ref: ref, Prefer: temporal.PreferNews}))
		}
		rep.Total.add(s)
		s.finish()
		rep.Files = append(rep.Files, s)
	}
	rep.Total.finish()
	return rep, nil
}

// recordDate reads the day of a record's date_extracted.
func recordDate(raw []byte) (time.Time, error) {
	var r struct {
		Date string `json:"date_extracted"`
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		return time.Time{}, err
	}
	if len(r.Date) < 10 {
		return time.Time{}, fmt.Errorf("date_extracted %q: want a date", r.Date)
	}
	t, err := time.Parse(time.DateOnly, r.Date[:10])
	if err != nil {
		return time.Time{}, fmt.Errorf("date_extracted: %w", err)
	}
	return t, nil
}

// WriteText writes P/R/F1 overall and by grain for each file and, with
// more than one file, their total; with errors, every error.
func (r *NewsReport) WriteText(w io.Writer, errors bool) error {
	var b strings.Builder
	scores := r.Files
	if len(r.Files) > 1 {
		scores = append(slices.Clip(scores), r.Total)
	}
	for _, s := range scores {
		fmt.Fprintf(&b, "%s: %d records\n", s.File, s.Records)
		fmt.Fprintf(&b, "  %-9s %5s %5s %5s %6s %6s %6s\n", "grain", "gold", "found", "right", "P", "R", "F1")
		row := func(name string, c Counts) {
			fmt.Fprintf(&b, "  %-9s %5d %5d %5d %6.3f %6.3f %6.3f\n", name, c.Gold, c.Predicted, c.Correct, c.Precision, c.Recall, c.F1)
		}
		for _, g := range grains {
			if c, ok := s.ByGrain[g]; ok {
				row(g, c)
			}
		}
		row("all", s.Overall)
		b.WriteByte('\n')
	}
	if errors {
		for _, f := range r.Files {
			fmt.Fprintf(&b, "%s errors (line kind start-end text: want / got):\n", f.File)
			for _, e := range f.Errors {
				fmt.Fprintf(&b, "  %-6d %-8s %d-%d %q: %s / %s\n", e.Line, e.Kind, e.Start, e.End, e.Text, orDash(e.Want), orDash(e.Got))
			}
			b.WriteByte('\n')
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
