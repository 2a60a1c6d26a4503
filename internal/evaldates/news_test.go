package evaldates

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabar/khabar/temporal"
)

func TestReadNewsGold(t *testing.T) {
	recs, err := ReadNewsGold(strings.NewReader("# comment\n\n7\t10\t15\tP2D\tduration\n3\t-\t-\t-\t-\n7\t0\t5\t-\t-\n7\t20\t25\t?\t?\r\n"), "x")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].Line != 3 || len(recs[0].Dates) != 0 || recs[1].Line != 7 {
		t.Fatalf("records = %+v", recs)
	}
	if d := recs[1].Dates; len(d) != 3 || d[0].Value != "-" || d[1] != (NewsDate{10, 15, "P2D", "duration"}) || d[2].Value != "?" {
		t.Errorf("dates of 7 = %+v, want them in offset order", d)
	}
	for _, tt := range []struct{ in, err string }{
		{"", "no record"},
		{"1\t2\t3\t2015\n", "4 tab-separated fields"},
		{"0\t2\t3\t2015\tyear\n", "line \"0\""},
		{"x\t2\t3\t2015\tyear\n", "line \"x\""},
		{"1\t-1\t3\t2015\tyear\n", "start \"-1\""},
		{"1\t3\t3\t2015\tyear\n", "end \"3\""},
		{"1\t2\t3\t\tyear\n", "empty value"},
		{"1\t2\t3\t2015\tcentury\n", "grain \"century\""},
		{"1\t2\t3\t-\tday\n", "value \"-\" wants grain"},
		{"1\t-\t-\t-\t-\n1\t2\t3\t2015\tyear\n", "both with and without"},
		{"1\t2\t3\t2015\tyear\n1\t-\t-\t-\t-\n", "both with and without"},
		{"1\t2\t8\t2015\tyear\n1\t5\t9\tP1Y\tduration\n", "overlap"},
	} {
		if _, err := ReadNewsGold(strings.NewReader(tt.in), "x"); err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%q: error %v, want one containing %q", tt.in, err, tt.err)
		}
	}
}

func TestScoreRecord(t *testing.T) {
	content := strings.Repeat("ا", 100)
	rec := NewsRecord{Line: 9, Dates: []NewsDate{
		{0, 10, "2015-08-10", "day"},   // right, found twice over (the second part is not counted)
		{20, 30, "2015", "year"},       // wrong grain
		{40, 45, "P2D", "duration"},    // missed
		{50, 55, "-", "-"},             // not a date, found
		{60, 65, "?", "?"},             // open, found: not counted
		{70, 75, "2015-07", "month"},   // right
		{80, 85, "-", "-"},             // not a date, not found
		{86, 88, "T10:00", "time"},     // missed
		{90, 91, "2015-W30", "week"},   // missed
		{92, 93, "2015-Q3", "quarter"}, // missed
	}}
	x := func(start, end int, value string, grain temporal.Grain) temporal.Expr {
		return temporal.Expr{Start: start, End: end, Value: value, Grain: grain}
	}
	found := []temporal.Expr{
		x(0, 4, "2015-08-09", temporal.Day), x(5, 10, "2015-08-10", temporal.Day),
		x(20, 30, "2015-08", temporal.Month),
		x(50, 55, "2015-08-10", temporal.Day),
		x(60, 65, "2016", temporal.Year),
		x(70, 75, "2015-07", temporal.Month),
		x(95, 99, "P1Y", temporal.Duration), // extra
	}
	var s NewsScore
	s.ScoreRecord(rec, content, found)
	s.finish()
	if c := s.Overall; c.Gold != 7 || c.Predicted != 5 || c.Correct != 2 {
		t.Errorf("overall %+v, want gold 7, predicted 5, correct 2", c)
	}
	if c := s.ByGrain["month"]; c.Gold != 1 || c.Predicted != 2 || c.Correct != 1 || c.Precision != 0.5 || c.Recall != 1 {
		t.Errorf("month %+v", c)
	}
	if c := s.ByGrain["year"]; c.Gold != 1 || c.Predicted != 0 || c.Correct != 0 || c.F1 != 0 {
		t.Errorf("year %+v", c)
	}
	var kinds []string
	for _, e := range s.Errors {
		kinds = append(kinds, e.Kind)
	}
	if got, want := strings.Join(kinds, " "), "wrong missed not-date missed missed missed extra"; got != want {
		t.Errorf("errors %s, want %s", got, want)
	}
	if e := s.Errors[0]; e.Want != "2015 year" || e.Got != "2015-08 month" || e.Text != content[:20] {
		t.Errorf("first error %+v", e)
	}
}

func TestNews(t *testing.T) {
	dir := filepath.Join("testdata", "news")
	gold := filepath.Join(dir, "dates.tsv")
	rep, err := News(context.Background(), NewsOptions{Gold: []string{gold}, Corpus: filepath.Join(dir, "corpus.jsonl")})
	if err != nil {
		t.Fatal(err)
	}
	// The sample's fourth date is annotated a day off on purpose.
	if c := rep.Total.Overall; rep.Total.Records != 3 || c.Gold != 4 || c.Predicted != 4 || c.Correct != 3 {
		t.Errorf("total %d records, %+v; want 3 records, 3 of 4 right", rep.Total.Records, c)
	}
	if len(rep.Files) != 1 || len(rep.Files[0].Errors) != 1 || rep.Files[0].Errors[0].Text != "5 مارس 2014" {
		t.Errorf("files %+v", rep.Files)
	}
	var b bytes.Buffer
	if err := rep.WriteText(&b, true); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"3 records", "duration", "0.750", `"5 مارس 2014": 2014-03-06 day / 2014-03-05 day`} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("text report lacks %q:\n%s", s, b.String())
		}
	}

	for _, tt := range []struct {
		opt NewsOptions
		err string
	}{
		{NewsOptions{Corpus: "x"}, "no annotation file"},
		{NewsOptions{Gold: []string{filepath.Join(dir, "none.tsv")}, Corpus: "x"}, "none.tsv"},
		{NewsOptions{Gold: []string{gold, gold}, Corpus: "x"}, "annotated in both"},
		{NewsOptions{Gold: []string{gold}, Corpus: filepath.Join(dir, "none.jsonl")}, "none.jsonl"},
		{NewsOptions{Gold: []string{filepath.Join("testdata", "duckling.jsonl")}, Corpus: "x"}, "fields"},
	} {
		if _, err := News(context.Background(), tt.opt); err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%+v: error %v, want one containing %q", tt.opt, err, tt.err)
		}
	}
}

func TestRecordDate(t *testing.T) {
	for _, raw := range []string{`{}`, `{"date_extracted": "2015"}`, `{"date_extracted": "2015-13-01 10:00"}`, `[`} {
		if _, err := recordDate([]byte(raw)); err == nil {
			t.Errorf("%s: no error", raw)
		}
	}
	if d, err := recordDate([]byte(`{"date_extracted": "2015-08-11 13:39:24"}`)); err != nil || d.Format("2006-01-02") != "2015-08-11" {
		t.Errorf("date %v, %v", d, err)
	}
}
