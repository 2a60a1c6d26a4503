package link

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/ner"
)

// goldFile is the part of an example's gold reading the tests use.
type goldFile struct {
	Entities []struct {
		Type      string   `json:"type"`
		Canonical string   `json:"canonical"`
		Mentions  []string `json:"mentions"`
		Honorific string   `json:"honorific"`
		Title     string   `json:"title"`
		Wikidata  string   `json:"wikidata"`
		Country   string   `json:"country"`
	} `json:"entities"`
}

const exampleName = "qatar-nato-ici-2023-09-13"

func loadExample(t testing.TB) (string, goldFile) {
	t.Helper()
	dir := filepath.Join("..", "examples")
	text, err := os.ReadFile(filepath.Join(dir, exampleName+".txt"))
	if err != nil {
		t.Skipf("example article not found: %v", err)
	}
	b, err := os.ReadFile(filepath.Join(dir, exampleName+".gold.json"))
	if err != nil {
		t.Skipf("gold file not found: %v", err)
	}
	var g goldFile
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	return string(text), g
}

// taggerSpans builds the spans a tagger would give for the example from
// the gold names: every occurrence of a gold name mention (names only: no
// pronouns, descriptions, anaphors or acronyms), proclitics excluded.
func taggerSpans(text string, toks []arabic.Token, g goldFile) []ner.Span {
	var names []struct{ typ, name string }
	for _, e := range g.Entities {
		for _, m := range e.Mentions {
			if !strings.Contains(e.Canonical, m) && !strings.Contains(m, e.Canonical) || strings.ContainsAny(m, "()") {
				continue // a pronoun, anaphor, acronym or bracketed form
			}
			if strings.HasPrefix(m, "السفير ") {
				continue
			}
			names = append(names, struct{ typ, name string }{e.Type, m})
		}
	}
	var spans []ner.Span
	used := make([]bool, len(toks))
	// Longest names first.
	for l := 8; l >= 1; l-- {
		for _, n := range names {
			words := strings.Fields(norm(n.name))
			if len(words) != l {
				continue
			}
			for i := 0; i+l <= len(toks); i++ {
				ok, skip := true, 0
				for k, w := range words {
					tw := norm(toks[i+k].Text)
					if k == 0 && tw != w {
						p := strings.TrimSuffix(tw, w)
						if p == tw || len([]rune(p)) > 2 || !strings.ContainsAny(p, "وفبلك") {
							ok = false
							break
						}
						skip = len([]rune(p))
						continue
					}
					if tw != w || used[i+k] {
						ok = false
						break
					}
				}
				if !ok || used[i] {
					continue
				}
				for k := 0; k < l; k++ {
					used[i+k] = true
				}
				start := toks[i].Start + skip
				spans = append(spans, ner.Span{Type: n.typ, Start: start, End: toks[i+l-1].End, TokStart: i, TokEnd: i + l,
					Text: string([]rune(text)[start:toks[i+l-1].End])})
			}
		}
	}
	return spans
}
