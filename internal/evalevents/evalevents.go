// Package evalevents scores package event on the UniversalPetrarch Arabic
// event gold standard: the type of each event sentence, and detection
// with the negative sentences.
package evalevents

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/event"
)

// Labeled is one sentence with sentence-level event labels: for each
// PLOVER type, whether the sentence reports such an event (Pos) or not
// (Neg). A type in neither map is unknown for this sentence.
type Labeled struct {
	Text string          `json:"text"`
	Pos  map[string]bool `json:"pos,omitempty"`
	Neg  map[string]bool `json:"neg,omitempty"`
}

// maxLine bounds one JSONL record.
const maxLine = 1 << 20

// ReadUPetrarch reads the UniversalPetrarch Arabic event gold standard
// (the folder with events.jsonl and detection.jsonl, see its SOURCE.md)
// as labeled sentences. detection.jsonl votes give the labels: "yes" is
// positive, "easy no" and "difficult no" negative, "ambiguous" unknown; a
// text with both yes and no votes is unknown. A sentence of events.jsonl
// is positive for its category unless its votes say no.
func ReadUPetrarch(dir string) ([]Labeled, error) {
	type vote struct{ yes, no bool }
	votes := map[string]map[string]*vote{} // text → type → votes
	var order []string
	addVote := func(text, typ string, yes, no bool) {
		k := strings.Join(strings.Fields(text), " ")
		if votes[k] == nil {
			votes[k] = map[string]*vote{}
			order = append(order, k)
		}
		v := votes[k][typ]
		if v == nil {
			v = &vote{}
			votes[k][typ] = v
		}
		v.yes = v.yes || yes
		v.no = v.no || no
	}
	err := readJSONL(filepath.Join(dir, "detection.jsonl"), func(line int, b []byte) error {
		var r struct {
			Type  string `json:"event_type"`
			Text  string `json:"text"`
			Label string `json:"label"`
		}
		if err := json.Unmarshal(b, &r); err != nil {
			return err
		}
		switch r.Label {
		case "yes":
			addVote(r.Text, r.Type, true, false)
		case "easy no", "difficult no":
			addVote(r.Text, r.Type, false, true)
		default:
			addVote(r.Text, r.Type, false, false)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readJSONL(filepath.Join(dir, "events.jsonl"), func(line int, b []byte) error {
		var r struct {
			Category  string `json:"category"`
			Text      string `json:"text"`
			Detection *struct {
				Label string `json:"label"`
			} `json:"detection"`
		}
		if err := json.Unmarshal(b, &r); err != nil {
			return err
		}
		no := r.Detection != nil && (r.Detection.Label == "difficult no" || r.Detection.Label == "easy no")
		addVote(r.Text, r.Category, !no, no)
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]Labeled, 0, len(order))
	for _, k := range order {
		l := Labeled{Text: k, Pos: map[string]bool{}, Neg: map[string]bool{}}
		for typ, v := range votes[k] {
			switch {
			case v.yes && !v.no:
				l.Pos[typ] = true
			case v.no && !v.yes:
				l.Neg[typ] = true
			}
		}
		if len(l.Pos)+len(l.Neg) > 0 {
			out = append(out, l)
		}
	}
	return out, nil
}

func readJSONL(name string, f func(line int, b []byte) error) error {
	fh, err := os.Open(name)
	if err != nil {
		return fmt.Errorf("event: %w", err)
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	n := 0
	for sc.Scan() {
		n++
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		if err := f(n, sc.Bytes()); err != nil {
			return fmt.Errorf("event: %s:%d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("event: %s:%d: %w", name, n, err)
	}
	return nil
}

// Counts are sentence-level detection counts for one type.
type Counts struct {
	TP int `json:"tp"`
	FP int `json:"fp"`
	FN int `json:"fn"`
	TN int `json:"tn"`
}

// MarshalJSON writes the counts with their precision, recall and F1, so
// that a JSON report carries the figures as well as what they come from.
func (c Counts) MarshalJSON() ([]byte, error) {
	type counts Counts // without this method
	return json.Marshal(struct {
		counts
		Precision float64 `json:"precision"`
		Recall    float64 `json:"recall"`
		F1        float64 `json:"f1"`
	}{counts(c), c.Precision(), c.Recall(), c.F1()})
}

// Precision is TP / (TP + FP).
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP / (TP + FN).
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func (c *Counts) add(o Counts) {
	c.TP += o.TP
	c.FP += o.FP
	c.FN += o.FN
	c.TN += o.TN
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Outcome is one sentence's result for one type, kept for error analysis.
type Outcome struct {
	Type    string   `json:"type"`
	Text    string   `json:"text"`
	Found   []string `json:"found,omitempty"` // the types found
	Trigger string   `json:"trigger,omitempty"`
}

// DetectionReport scores sentence-level event types.
type DetectionReport struct {
	Sentences int                `json:"sentences"`
	ByType    map[string]*Counts `json:"by_type"`
	Total     Counts             `json:"total"`
	Misses    []Outcome          `json:"-"`
	FalsePos  []Outcome          `json:"-"`
}

// EvaluateDetection runs the finder on each sentence as raw text (no
// entities) and compares the PLOVER types found with the labels. Only
// labeled types are scored.
func EvaluateDetection(ctx context.Context, sents []Labeled) (*DetectionReport, error) {
	r := &DetectionReport{Sentences: len(sents), ByType: map[string]*Counts{}}
	for i, s := range sents {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		evs := event.Extract(&khabar.Analysis{Text: s.Text})
		found := map[string]string{}
		var names []string
		for _, e := range evs {
			if _, ok := found[e.Type]; !ok {
				found[e.Type] = e.Trigger
				names = append(names, e.Type)
			}
		}
		sort.Strings(names)
		for _, typ := range labeledTypes(s) {
			c := r.ByType[typ]
			if c == nil {
				c = &Counts{}
				r.ByType[typ] = c
			}
			trig, got := found[typ]
			switch {
			case s.Pos[typ] && got:
				c.TP++
			case s.Pos[typ]:
				c.FN++
				r.Misses = append(r.Misses, Outcome{Type: typ, Text: s.Text, Found: names})
			case got:
				c.FP++
				r.FalsePos = append(r.FalsePos, Outcome{Type: typ, Text: s.Text, Found: names, Trigger: trig})
			default:
				c.TN++
			}
		}
	}
	for _, c := range r.ByType {
		r.Total.add(*c)
	}
	return r, nil
}

func labeledTypes(s Labeled) []string {
	var out []string
	for t := range s.Pos {
		out = append(out, t)
	}
	for t := range s.Neg {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// WriteText prints the report as a small table.
func (r *DetectionReport) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "sentences: %d\n%-8s %6s %6s %6s %6s %9s %7s %6s\n", r.Sentences, "type", "tp", "fp", "fn", "tn", "precision", "recall", "f1")
	var types []string
	for t := range r.ByType {
		types = append(types, t)
	}
	sort.Strings(types)
	row := func(name string, c Counts) {
		fmt.Fprintf(bw, "%-8s %6d %6d %6d %6d %8.1f%% %6.1f%% %5.1f%%\n", name, c.TP, c.FP, c.FN, c.TN, 100*c.Precision(), 100*c.Recall(), 100*c.F1())
	}
	for _, t := range types {
		row(t, *r.ByType[t])
	}
	row("all", r.Total)
	return bw.Flush()
}

// Typed is a sentence with the one PLOVER type it was coded with.
type Typed struct {
	Text string `json:"text"`
	Type string `json:"type"`
	// Strict reports that every detection vote accepted the type.
	Strict bool `json:"strict"`
}

// ReadUPetrarchEvents reads events.jsonl of the UniversalPetrarch Arabic
// gold standard: one sentence per line with its PLOVER category.
func ReadUPetrarchEvents(dir string) ([]Typed, error) {
	var out []Typed
	err := readJSONL(filepath.Join(dir, "events.jsonl"), func(line int, b []byte) error {
		var r struct {
			Category  string `json:"category"`
			Text      string `json:"text"`
			Detection *struct {
				Label string `json:"label"`
			} `json:"detection"`
		}
		if err := json.Unmarshal(b, &r); err != nil {
			return err
		}
		out = append(out, Typed{Text: r.Text, Type: r.Category, Strict: r.Detection != nil && r.Detection.Label == "yes"})
		return nil
	})
	return out, err
}

// TypeReport scores the event type found in gold event sentences, the
// measure UniversalPetrarch reports as "correct" and "false positive":
// a sentence is Correct when its gold type is among the types found,
// Wrong when types were found but not the gold one, Missed when none.
type TypeReport struct {
	Sentences int `json:"sentences"`
	Correct   int `json:"correct"`
	Wrong     int `json:"wrong"`
	Missed    int `json:"missed"`
	// ByType breaks the counts down by gold type.
	ByType map[string]*TypeCounts `json:"by_type"`
	Misses []Outcome              `json:"-"`
	Wrongs []Outcome              `json:"-"`
}

// TypeCounts are the counts of one gold type.
type TypeCounts struct {
	Sentences, Correct, Wrong, Missed int
}

// Precision is Correct / (Correct + Wrong).
func (r *TypeReport) Precision() float64 { return ratio(r.Correct, r.Correct+r.Wrong) }

// Recall is Correct / Sentences.
func (r *TypeReport) Recall() float64 { return ratio(r.Correct, r.Sentences) }

// EvaluateTypes runs the finder on each sentence as raw text and compares
// the types found with the gold type.
func EvaluateTypes(ctx context.Context, sents []Typed) (*TypeReport, error) {
	r := &TypeReport{Sentences: len(sents), ByType: map[string]*TypeCounts{}}
	for i, s := range sents {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		c := r.ByType[s.Type]
		if c == nil {
			c = &TypeCounts{}
			r.ByType[s.Type] = c
		}
		c.Sentences++
		var names []string
		hit := false
		for _, e := range event.Extract(&khabar.Analysis{Text: s.Text}) {
			if e.Type == s.Type {
				hit = true
			}
			names = append(names, e.Type)
		}
		switch {
		case hit:
			r.Correct++
			c.Correct++
		case len(names) > 0:
			r.Wrong++
			c.Wrong++
			r.Wrongs = append(r.Wrongs, Outcome{Type: s.Type, Text: s.Text, Found: names})
		default:
			r.Missed++
			c.Missed++
			r.Misses = append(r.Misses, Outcome{Type: s.Type, Text: s.Text})
		}
	}
	return r, nil
}

// WriteText prints the report.
func (r *TypeReport) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "sentences: %d  correct: %d (%.1f%%)  wrong type: %d (%.1f%%)  none: %d (%.1f%%)\n",
		r.Sentences, r.Correct, 100*ratio(r.Correct, r.Sentences), r.Wrong, 100*ratio(r.Wrong, r.Sentences),
		r.Missed, 100*ratio(r.Missed, r.Sentences))
	fmt.Fprintf(bw, "precision %.1f%%  recall %.1f%%\n", 100*r.Precision(), 100*r.Recall())
	var types []string
	for t := range r.ByType {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		c := r.ByType[t]
		fmt.Fprintf(bw, "  %-8s %4d sentences: correct %4d  wrong %4d  none %4d  precision %.1f%%  recall %.1f%%\n", t, c.Sentences,
			c.Correct, c.Wrong, c.Missed, 100*ratio(c.Correct, c.Correct+c.Wrong), 100*ratio(c.Correct, c.Sentences))
	}
	return bw.Flush()
}
