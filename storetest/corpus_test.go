package storetest

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/khabar/khabar/store"
)

func TestGenerated(t *testing.T) {
	docs := Generated("g", 3)
	if len(docs) != 3 {
		t.Fatalf("Generated: %d documents, want 3", len(docs))
	}
	seen := map[string]bool{}
	for i, d := range docs {
		if err := store.Validate(&d); err != nil {
			t.Errorf("document %d: %v", i, err)
		}
		h := store.ContentHash(d.Analysis.Text)
		if seen[h] || seen[d.URL] {
			t.Errorf("document %d repeats an earlier one", i)
		}
		seen[h], seen[d.URL] = true, true
		if p := d.Analysis.Paragraphs; len(p) != 1 || p[0][1] != utf8.RuneCountInString(d.Analysis.Text) {
			t.Errorf("document %d: paragraphs %v", i, p)
		}
	}
}

func TestReprint(t *testing.T) {
	d := Generated("r", 1)[0]
	text := d.Analysis.Text
	r := Reprint(d)
	if d.Analysis.Text != text || d.URL == r.URL {
		t.Fatal("Reprint changed its argument or kept the URL")
	}
	if r.URL != d.URL+"#reprint" || !strings.HasPrefix(r.Analysis.Text, "خبر وقد ") || store.ContentHash(r.Analysis.Text) == store.ContentHash(text) {
		t.Errorf("Reprint = %q %q", r.URL, r.Analysis.Text)
	}
}

func TestSaudiDocs(t *testing.T) {
	docs := SaudiDocs(t, 25)
	if len(docs) != 25 {
		t.Fatalf("SaudiDocs(25): %d documents", len(docs))
	}
	recs := SaudiRecords(t, 25)
	if len(recs) != 25 {
		t.Fatalf("SaudiRecords(25): %d records", len(recs))
	}
	for i, d := range docs {
		a := d.Analysis
		if err := store.Validate(&d); err != nil {
			t.Errorf("document %d: %v", i, err)
		}
		if a.Title == nil || !strings.HasPrefix(a.Text, a.Title.Text+"\n\n") || a.Title.End != utf8.RuneCountInString(a.Title.Text) {
			t.Errorf("document %d: title %+v does not start the text", i, a.Title)
		}
		if a.Published != "" && store.Day(a.Published) != a.Published {
			t.Errorf("document %d: published %q", i, a.Published)
		}
		if d.URL == "" || d.Source == "" {
			t.Errorf("document %d: URL %q, source %q", i, d.URL, d.Source)
		}
	}
	// The first record with content is the first document.
	for _, rec := range recs {
		var r struct{ Content, URL string }
		if err := json.Unmarshal(rec, &r); err != nil {
			t.Fatalf("record: %v", err)
		}
		if strings.TrimSpace(r.Content) != "" {
			if r.URL != docs[0].URL {
				t.Errorf("first document %q, first record with content %q", docs[0].URL, r.URL)
			}
			break
		}
	}
}
