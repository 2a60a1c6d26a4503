package store

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/khabar/khabar"
)

func TestRowOf(t *testing.T) {
	tests := []struct {
		name string
		doc  Document
		want DocRow
	}{
		{
			name: "document fields win",
			doc: Document{URL: "u1", Source: "qna", Author: "A", Title: "T", Analysis: &khabar.Analysis{
				URL: "u2", Source: "other", Author: "B", Title: &khabar.Span{Text: "T2"}, Published: "2023-09-13T10:00:00Z",
				Dateline: &khabar.Dateline{Place: "الدوحة"}}},
			want: DocRow{URL: "u1", Title: "T", Source: "qna", Author: "A", Published: "2023-09-13", Place: "الدوحه"},
		},
		{
			name: "analysis fallbacks",
			doc: Document{Analysis: &khabar.Analysis{URL: "u2", Source: "wam", Author: "B",
				Title: &khabar.Span{Text: "T2"}, Published: "2023-02-30"}},
			want: DocRow{URL: "u2", Title: "T2", Source: "wam", Author: "B"},
		},
		{
			name: "nothing",
			doc:  Document{Analysis: &khabar.Analysis{Published: "2023"}},
			want: DocRow{},
		},
	}
	for _, tc := range tests {
		if got := RowOf(&tc.doc); got != tc.want {
			t.Errorf("%s: RowOf = %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

func TestDocName(t *testing.T) {
	tests := []struct {
		doc  Document
		want string
	}{
		{Document{URL: "a"}, "a"},
		{Document{Analysis: &khabar.Analysis{URL: "b"}}, "b"},
		{Document{}, "no URL"},
	}
	for _, tc := range tests {
		if got := DocName(&tc.doc); got != tc.want {
			t.Errorf("DocName(%+v) = %q, want %q", tc.doc, got, tc.want)
		}
	}
}

func TestDay(t *testing.T) {
	for in, want := range map[string]string{
		"2015-07-21":           "2015-07-21",
		"2015-07-21T08:00:00Z": "2015-07-21",
		"2015-13-01":           "",
		"2015-07":              "",
		"":                     "",
		"٢٠١٥-٠٧-٢١":           "",
	} {
		if got := Day(in); got != want {
			t.Errorf("Day(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEntityRowOf(t *testing.T) {
	tests := []struct {
		e    khabar.Entity
		want EntityRow
	}{
		{
			khabar.Entity{Type: "ORG", Name: "حلف شمال الأطلسي", KB: &khabar.KBRef{ID: "NATO", Name: "الناتو", Wikidata: "Q7184", Country: ""}},
			EntityRow{Key: "kb:NATO", Type: "ORG", Name: "حلف شمال الأطلسي", Norm: "حلف شمال الاطلسي", KBID: "NATO",
				KBName: "الناتو", KBNorm: "الناتو", Wikidata: "Q7184", NameRunes: 16},
		},
		{
			khabar.Entity{Name: "Ali"},
			EntityRow{Key: "MISC:ali", Type: "MISC", Name: "Ali", Norm: "ali", NameRunes: 3},
		},
	}
	for _, tc := range tests {
		got := EntityRowOf(&tc.e)
		if got != tc.want {
			t.Errorf("EntityRowOf(%+v) = %+v, want %+v", tc.e, got, tc.want)
		}
		if want := first(tc.want.KBName, tc.want.Name); got.StoredName() != want {
			t.Errorf("StoredName = %q, want %q", got.StoredName(), want)
		}
	}
}

func TestEvidence(t *testing.T) {
	a := &khabar.Analysis{Text: "قطر والكويت", Events: []khabar.Event{
		{Start: 0, End: 3}, {Start: 4, End: 99}, {Start: -5, End: 3}, {Start: 9, End: 2},
	}}
	want := []string{"قطر", "والكويت", "قطر", ""}
	if got := Evidence(a); !reflect.DeepEqual(got, want) {
		t.Errorf("Evidence = %q, want %q", got, want)
	}
	if got := Evidence(&khabar.Analysis{Text: "x"}); got != nil {
		t.Errorf("Evidence without events = %q, want nil", got)
	}
}

func TestNullID(t *testing.T) {
	ids := map[string]int64{"e1": 7}
	if got := NullID(ids, "e1"); got != int64(7) {
		t.Errorf("NullID(e1) = %v", got)
	}
	if got := NullID(ids, "e2"); got != nil {
		t.Errorf("NullID(e2) = %v, want nil", got)
	}
}

// TestAnalysisRoundTrip encodes an analysis as stores keep it and
// decodes it back.
func TestAnalysisRoundTrip(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "analysis.json"))
	if err != nil {
		t.Fatal(err)
	}
	var a khabar.Analysis
	if err := json.Unmarshal(b, &a); err != nil {
		t.Fatal(err)
	}
	if a.Text == "" || len(a.Tokens) == 0 || len(a.Events) == 0 {
		t.Fatalf("testdata/analysis.json: missing text, tokens or events")
	}
	js, err := EncodeAnalysis(&a)
	if err != nil {
		t.Fatal(err)
	}
	if a.Text == "" || a.Tokens == nil {
		t.Fatal("EncodeAnalysis changed its argument")
	}
	var slim map[string]any
	if err := json.Unmarshal(js, &slim); err != nil {
		t.Fatal(err)
	}
	if _, ok := slim["tokens"]; ok {
		t.Error("encoded analysis keeps its tokens")
	}
	if s, _ := slim["text"].(string); s != "" {
		t.Error("encoded analysis keeps its text")
	}
	got, err := DecodeAnalysis(js, a.Text)
	if err != nil {
		t.Fatal(err)
	}
	a.Tokens = nil
	if !reflect.DeepEqual(got, &a) {
		t.Errorf("DecodeAnalysis(EncodeAnalysis(a)) differs from a")
	}
	if _, err := DecodeAnalysis([]byte("{"), ""); err == nil {
		t.Error("DecodeAnalysis of broken JSON: no error")
	}
}

func TestWithDefaults(t *testing.T) {
	if got, want := (EntityOptions{Days: 7, Quotes: -1}).WithDefaults(), (EntityOptions{7, 20, 20}); got != want {
		t.Errorf("EntityOptions.WithDefaults = %+v, want %+v", got, want)
	}
	tests := []struct{ in, want EventFilter }{
		{EventFilter{}, EventFilter{Limit: 50}},
		{EventFilter{Limit: 5000, Offset: -3}, EventFilter{Limit: 1000}},
		{EventFilter{Limit: 10, Offset: 20, Type: "PROTEST"}, EventFilter{Limit: 10, Offset: 20, Type: "PROTEST"}},
	}
	for _, tc := range tests {
		if got := tc.in.WithDefaults(); got != tc.want {
			t.Errorf("%+v.WithDefaults() = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}
