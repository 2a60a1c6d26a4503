package evalarabic

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// dataDir returns ../shared/data relative to the module root, skipping
// the test when it is absent.
func dataDir(t testing.TB) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	dir := filepath.Join(root, "..", "shared", "data")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared data not found at %s: %v", dir, err)
	}
	return dir
}

func TestRunSharedData(t *testing.T) {
	rep, err := Run(context.Background(), dataDir(t))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rep.WriteText(&buf, 10); err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", buf.String())
	for _, name := range []string{"lucene-normalization", "lucene-stem", "bleve-normalize", "bleve-stem", "lucene-filters"} {
		r, ok := rep.Suites[name]
		if !ok {
			t.Errorf("suite %s did not run", name)
			continue
		}
		if r.Total == 0 || r.Passed != r.Total {
			t.Errorf("%s: %d/%d, want all", name, r.Passed, r.Total)
		}
	}
}

func TestRunExample(t *testing.T) {
	rep, err := Run(context.Background(), filepath.Join("testdata", "example"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]int{
		"lucene-normalization":       {3, 3},
		"lucene-stem":                {2, 3},
		"golden-corpus":              {1, 1},
		"qcri-clitics":               {6, 6},
		"qcri-conflation-LightStem":  {2, 2},
		"qcri-conflation-LuceneStem": {1, 1},
	}
	if len(rep.Suites) != len(want) {
		t.Errorf("ran %d suites, want %d", len(rep.Suites), len(want))
	}
	for name, pt := range want {
		r, ok := rep.Suites[name]
		if !ok {
			t.Errorf("suite %s did not run", name)
			continue
		}
		if r.Passed != pt[0] || r.Total != pt[1] {
			t.Errorf("%s: %d/%d, want %d/%d (failures %+v)", name, r.Passed, r.Total, pt[0], pt[1], r.Failures)
		}
	}
	if got := rep.Suites["qcri-conflation-LuceneStem"].Metrics["recall"]; got != 0.5 {
		t.Errorf("LuceneStem conflation recall = %v, want 0.5", got)
	}

	var js bytes.Buffer
	if err := rep.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var decoded struct {
		Suites map[string]struct {
			Passed, Total int
			Info          bool
		}
	}
	if err := json.Unmarshal(js.Bytes(), &decoded); err != nil {
		t.Fatalf("JSON report %s: %v", js.String(), err)
	}
	if s := decoded.Suites["lucene-stem"]; s.Passed != 2 || s.Total != 3 || s.Info {
		t.Errorf("JSON lucene-stem = %+v", s)
	}
	if !decoded.Suites["golden-corpus"].Info {
		t.Error("golden-corpus should be marked info")
	}

	var text bytes.Buffer
	if err := rep.WriteText(&text, -1); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), `FAIL wrong-on-purpose: "لبنان": want "لبنان", got "لبن"`) {
		t.Errorf("text report lacks the failure:\n%s", text.String())
	}
}

func TestRunErrors(t *testing.T) {
	if _, err := Run(context.Background(), filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("Run on a missing folder: no error")
	}
	if _, err := Run(context.Background(), t.TempDir()); err == nil || !strings.Contains(err.Error(), "no suite") {
		t.Errorf("Run on an empty folder: %v, want a no-suite error", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, filepath.Join("testdata", "example")); err == nil {
		t.Error("Run with a cancelled context: no error")
	}
}

func TestParseGold(t *testing.T) {
	tests := []struct {
		word, seg, pos string
		ok             bool
		want           goldToken
	}{
		{"والكتاب", "و+ال+كتاب", "CONJ+DET+NOUN", true, goldToken{proclitics: "وال", key: "كتاب"}},
		{"للغة", "ل+ال+لغ+ة", "PREP+DET+NOUN+NSUFF", true, goldToken{proclitics: "ل", key: "لغ"}},
		{"بمرحلته", "ب+مرحل+ت+ه", "PREP+NOUN+NSUFF+PRON", true, goldToken{proclitics: "ب", enclitic: "ه", key: "مرحل"}},
		{"له", "ل+ه", "PREP+PRON", true, goldToken{enclitic: "ه", key: "ل"}},
		{"+", "+", "PUNC", false, goldToken{}},
		{"2013", "2013", "NUM", false, goldToken{}},
		{"كتاب", "كتاب+ه", "NOUN+PRON", false, goldToken{}}, // segmentation does not spell the word
	}
	for _, tt := range tests {
		g, ok := parseGold(tt.word, tt.seg, tt.pos)
		if ok != tt.ok {
			t.Errorf("parseGold(%q, %q): ok = %v, want %v", tt.word, tt.seg, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		if g.proclitics != tt.want.proclitics || g.enclitic != tt.want.enclitic || g.key != tt.want.key {
			t.Errorf("parseGold(%q, %q) = %+v, want %+v", tt.word, tt.seg, g, tt.want)
		}
	}
}

func TestConflation(t *testing.T) {
	forms := map[string]string{"a1": "a", "a2": "a", "a3": "a", "b1": "b", "b2": "b"}
	tests := []struct {
		name       string
		stem       func(string) string
		p, r       float64
		tp, npairs int
	}{
		{"identity", func(w string) string { return w }, 0, 0, 0, 0},
		{"perfect", func(w string) string { return w[:1] }, 1, 1, 4, 4},
		{"everything", func(string) string { return "x" }, 0.4, 1, 4, 10},
	}
	for _, tt := range tests {
		p, r, tp, n := Conflation(forms, tt.stem)
		if p != tt.p || r != tt.r || tp != tt.tp || n != tt.npairs {
			t.Errorf("%s: Conflation = %v, %v, %d, %d; want %v, %v, %d, %d", tt.name, p, r, tp, n, tt.p, tt.r, tt.tp, tt.npairs)
		}
	}
}
