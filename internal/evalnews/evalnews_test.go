package evalnews

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/khabar/khabar"
)

const (
	testGold = "testdata/gold.jsonl"
	testData = "testdata/news.jsonl"
)

// TestRunDocument checks that each record is analyzed as khabar ingest
// builds it, and that with nothing found every gold item is missed.
func TestRunDocument(t *testing.T) {
	var docs []khabar.RawDocument
	empty := func(_ context.Context, doc khabar.RawDocument) (*khabar.Analysis, error) {
		docs = append(docs, doc)
		return &khabar.Analysis{Text: string(doc.Body)}, nil
	}
	rep, err := Run(context.Background(), Options{Gold: []string{testGold}, Data: testData, Analyze: empty})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("analyzed %d documents, want 2", len(docs))
	}
	d := docs[0]
	if d.Title != "وزير الصحة يزور مستشفى الملك فهد في جدة" || d.Source != "okaz" || d.Author != "جدة: سالم الحربي" ||
		d.URL != "http://example.com/1" || !d.Date.Equal(time.Date(2015, 7, 20, 10, 0, 0, 0, time.UTC)) ||
		!bytes.HasPrefix(d.Body, []byte(d.Title+"\n\nزار")) {
		t.Errorf("document %+v", d)
	}
	want := Summary{Articles: 2, Entities: Counts{FN: 14}, Quotes: Counts{FN: 4}, SpeakerAll: Tally{0, 4}}
	got := rep.Total
	got.ByType = nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("total %+v, want %+v", got, want)
	}
	if c := rep.Total.ByType["LOC"]; c.FN != 8 {
		t.Errorf("LOC %+v, want 8 missed", c)
	}
	if len(rep.Files) != 1 || rep.Files[0].Articles != 2 || len(rep.Articles) != 2 || rep.Articles[1].Line != 3 {
		t.Errorf("files %+v, articles %d", rep.Files, len(rep.Articles))
	}
	var text, js bytes.Buffer
	if err := rep.WriteText(&text, true); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"2 article(s) in 1 file(s)", "all          0     0    14", "1 missed LOC \"جدة\" (2 of 2)", "3 missed-quote"} {
		if !strings.Contains(text.String(), s) {
			t.Errorf("text report lacks %q:\n%s", s, text.String())
		}
	}
	if err := rep.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`"fn": 14`, `"recall": 0`, `"kind": "missed-quote"`} {
		if !strings.Contains(js.String(), s) {
			t.Errorf("JSON report lacks %s", s)
		}
	}
}

// TestRunPipeline runs khabar's own pipeline on the test records: every
// gold item is either found or missed, and nothing fails.
func TestRunPipeline(t *testing.T) {
	rep, err := Run(context.Background(), Options{Gold: []string{testGold}, Data: testData})
	if err != nil {
		t.Fatal(err)
	}
	if e := rep.Total.Entities; e.TP+e.FN != 14 || e.TP == 0 {
		t.Errorf("entities %+v, want 14 gold mentions, some found", e)
	}
	if q := rep.Total.Quotes; q.TP+q.FN != 4 {
		t.Errorf("quotes %+v, want 4 gold quotes", q)
	}
	if s := rep.Total.SpeakerMatched; s.Total != rep.Total.Quotes.TP || s.Correct > s.Total {
		t.Errorf("speaker %+v for %d matched quotes", s, rep.Total.Quotes.TP)
	}
}

func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	wrongSource := write("source.jsonl", `{"line": 2, "source": "okaz", "entities": [], "quotes": []}`)
	pastEnd := write("past.jsonl", `{"line": 2, "source": "sabq", "entities": [], "quotes": [{"start": 0, "end": 500, "speaker": "س"}]}`)
	missing := write("missing.jsonl", `{"line": 40, "source": "sabq", "entities": [], "quotes": []}`)
	again := write("again.jsonl", `{"line": 3, "source": "alyaum", "entities": [], "quotes": []}`)
	for _, tc := range []struct {
		name string
		opt  Options
		want string
	}{
		{"no gold", Options{Data: testData}, "no gold file"},
		{"no gold file", Options{Gold: []string{filepath.Join(dir, "none.jsonl")}, Data: testData}, "none.jsonl"},
		{"no corpus", Options{Gold: []string{testGold}, Data: filepath.Join(dir, "none.jsonl.gz")}, "news corpus"},
		{"source differs", Options{Gold: []string{wrongSource}, Data: testData}, `record 2: source is "sabq", the gold says "okaz"`},
		{"quote past the end", Options{Gold: []string{pastEnd}, Data: testData}, "quote 0 ends at 500"},
		{"line missing", Options{Gold: []string{missing}, Data: testData}, "gold lines [40] are missing"},
		{"line in two files", Options{Gold: []string{testGold, again}, Data: testData}, "record line 3 is in both"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opt := tc.opt
			opt.Analyze = func(_ context.Context, d khabar.RawDocument) (*khabar.Analysis, error) {
				return &khabar.Analysis{Text: string(d.Body)}, nil
			}
			_, err := Run(context.Background(), opt)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// TestRunQuotesOnly scores a gold file with one quotes-only record beside
// one fully annotated: the quotes-only record adds its quotes and no
// entity counts, though khabar finds names in it.
func TestRunQuotesOnly(t *testing.T) {
	rep, err := Run(context.Background(), Options{Gold: []string{testGold, "testdata/quotes-only.jsonl"}, Data: testData})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Files) != 2 || len(rep.Articles) != 3 {
		t.Fatalf("%d files, %d articles; want 2, 3", len(rep.Files), len(rep.Articles))
	}
	full, qo := rep.Files[0], rep.Files[1]
	if qo.QuotesOnly != 1 || qo.Entities != (Counts{}) || qo.Quotes.TP+qo.Quotes.FN != 1 {
		t.Errorf("quotes-only file: %d quotes-only articles, entities %+v, quotes %+v; want 1, none, 1 gold quote",
			qo.QuotesOnly, qo.Entities, qo.Quotes)
	}
	if rep.Total.Entities != full.Entities || rep.Total.QuotesOnly != 1 {
		t.Errorf("total entities %+v, want the full file's %+v; quotes-only %d", rep.Total.Entities, full.Entities, rep.Total.QuotesOnly)
	}
	if a := rep.Articles[2]; !a.QuotesOnly || a.Line != 4 {
		t.Errorf("article %+v, want line 4, quotes only", a)
	}
	for _, e := range rep.Articles[2].Errors {
		if e.Kind == "extra" || e.Kind == "missed" {
			t.Errorf("entity error in a quotes-only record: %s", e)
		}
	}
	var text bytes.Buffer
	if err := rep.WriteText(&text, true); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"1 with quotes only (entities not scored)", "quotes-only.jsonl: 1 articles, quotes only", "4      sabq"} {
		if !strings.Contains(text.String(), s) {
			t.Errorf("text report lacks %q:\n%s", s, text.String())
		}
	}
}

// TestRunEntitiesOnly scores a gold file with one entities-only record
// beside one fully annotated: the entities-only record adds its entities
// and no quote counts, though khabar finds a quote in it.
func TestRunEntitiesOnly(t *testing.T) {
	rep, err := Run(context.Background(), Options{Gold: []string{testGold, "testdata/entities-only.jsonl"}, Data: testData})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Files) != 2 || len(rep.Articles) != 3 {
		t.Fatalf("%d files, %d articles; want 2, 3", len(rep.Files), len(rep.Articles))
	}
	full, eo := rep.Files[0], rep.Files[1]
	if eo.EntitiesOnly != 1 || eo.Quotes != (Counts{}) || eo.SpeakerAll != (Tally{}) || eo.Entities.TP+eo.Entities.FN != 6 {
		t.Errorf("entities-only file: %d entities-only articles, quotes %+v, speakers %+v, entities %+v; want 1, none, none, 6 gold mentions",
			eo.EntitiesOnly, eo.Quotes, eo.SpeakerAll, eo.Entities)
	}
	if rep.Total.Quotes != full.Quotes || rep.Total.EntitiesOnly != 1 {
		t.Errorf("total quotes %+v, want the full file's %+v; entities-only %d", rep.Total.Quotes, full.Quotes, rep.Total.EntitiesOnly)
	}
	if a := rep.Articles[2]; !a.EntitiesOnly || a.Line != 4 {
		t.Errorf("article %+v, want line 4, entities only", a)
	}
	for _, e := range rep.Articles[2].Errors {
		if strings.HasSuffix(e.Kind, "-quote") || e.Kind == "speaker" || e.Kind == "source" {
			t.Errorf("quote error in an entities-only record: %s", e)
		}
	}
	var text bytes.Buffer
	if err := rep.WriteText(&text, true); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"1 with entities only (quotes not scored)", "entities-only.jsonl: 1 articles, entity F1", ", entities only\n"} {
		if !strings.Contains(text.String(), s) {
			t.Errorf("text report lacks %q:\n%s", s, text.String())
		}
	}
}
