package quotetest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadCases(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	if err := os.WriteFile(good, []byte(`[{"name": "n", "text": "قال أحمد سالم إن الاجتماع انتهى.",
		"entities": [{"type": "PER", "canonical": "أحمد سالم", "mentions": ["أحمد سالم"]}], "want": [{"x": 1}]}]`), 0o644); err != nil {
		t.Fatal(err)
	}
	cs, err := LoadCases[struct{ X int }](good)
	if err != nil || len(cs) != 1 || cs[0].Name != "n" || len(cs[0].Want) != 1 || cs[0].Want[0].X != 1 {
		t.Fatalf("LoadCases = %+v, %v", cs, err)
	}
	a := cs[0].Analysis()
	if len(a.Entities) != 1 || len(a.Entities[0].Mentions) != 1 || a.Entities[0].Mentions[0].Start != 4 {
		t.Errorf("Analysis entities = %+v, want one mention of أحمد سالم at 4", a.Entities)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`[{"name": 1}]`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{bad, filepath.Join(dir, "absent.json")} {
		if _, err := LoadCases[struct{}](p); err == nil || !strings.Contains(err.Error(), filepath.Base(p)) {
			t.Errorf("LoadCases(%s): err = %v, want one naming the file", p, err)
		}
	}
}
