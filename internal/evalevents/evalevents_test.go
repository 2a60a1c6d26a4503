package evalevents_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabar/khabar/internal/evalevents"
	"github.com/khabar/khabar/internal/shareddata"
)

var evalDir = filepath.Join("testdata", "upetrarch")

func TestReadUPetrarch(t *testing.T) {
	ls, err := evalevents.ReadUPetrarch(evalDir)
	if err != nil {
		t.Fatal(err)
	}
	byText := map[string]evalevents.Labeled{}
	for _, l := range ls {
		byText[l.Text] = l
	}
	for _, c := range []struct {
		text     string
		pos, neg string // comma-separated types
	}{
		// yes in detection and in events.jsonl; the ASSAULT row says no.
		{"وتظاهر آلاف الطلاب أمس أمام مبنى الجامعة.", "PROTEST", "ASSAULT"},
		{"افتتح المعرض الدولي للكتاب أمس.", "", "PROTEST"},
		{"قتل خمسة أشخاص في انفجار عبوة ناسفة صباح اليوم.", "ASSAULT", ""},
		// events.jsonl with a "difficult no" vote is negative.
		{"واعتقلت الشرطة عشرين شخصا في وسط المدينة مساء السبت.", "", "PROTEST"},
		{"قصفت الطائرات مواقع المسلحين فجر أمس.", "", "ASSAULT"},
	} {
		l, ok := byText[c.text]
		if !ok {
			t.Errorf("%q not read", c.text)
			continue
		}
		if got := keys(l.Pos); got != c.pos {
			t.Errorf("%q: positive %q, want %q", c.text, got, c.pos)
		}
		if got := keys(l.Neg); got != c.neg {
			t.Errorf("%q: negative %q, want %q", c.text, got, c.neg)
		}
	}
	// Conflicting votes and ambiguous rows are unknown: not returned.
	for _, text := range []string{"ونظم العمال اعتصاما أمام الوزارة أمس.", "وقال إن الحكومة لن تتراجع."} {
		if _, ok := byText[text]; ok {
			t.Errorf("%q should be unknown", text)
		}
	}
	if _, err := evalevents.ReadUPetrarch(t.TempDir()); err == nil {
		t.Error("empty dir: no error")
	}
}

func keys(m map[string]bool) string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return strings.Join(out, ",")
}

func TestEvaluateDetection(t *testing.T) {
	ls, err := evalevents.ReadUPetrarch(evalDir)
	if err != nil {
		t.Fatal(err)
	}
	r, err := evalevents.EvaluateDetection(context.Background(), ls)
	if err != nil {
		t.Fatal(err)
	}
	// PROTEST: the demonstration found (TP), the book fair and the arrests
	// not (TN, TN). ASSAULT: the bombing found (TP), nothing on the
	// demonstration (TN), the air strike found against a "no" vote (FP),
	// the minister's talk (an events.jsonl ASSAULT sentence) missed (FN).
	want := map[string]evalevents.Counts{"PROTEST": {TP: 1, TN: 2}, "ASSAULT": {TP: 1, FP: 1, FN: 1, TN: 1}}
	for typ, w := range want {
		if got := *r.ByType[typ]; got != w {
			t.Errorf("%s: %+v, want %+v", typ, got, w)
		}
	}
	if r.Total.Precision() != 2.0/3 || r.Total.Recall() != 2.0/3 {
		t.Errorf("total %+v: precision %.3f recall %.3f", r.Total, r.Total.Precision(), r.Total.Recall())
	}
	var b bytes.Buffer
	if err := r.WriteText(&b); err != nil || !strings.Contains(b.String(), "PROTEST") {
		t.Errorf("WriteText: %q, %v", b.String(), err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := evalevents.EvaluateDetection(ctx, ls); err == nil {
		t.Error("cancelled context: no error")
	}
}

func TestEvaluateTypes(t *testing.T) {
	ts, err := evalevents.ReadUPetrarchEvents(evalDir)
	if err != nil {
		t.Fatal(err)
	}
	r, err := evalevents.EvaluateTypes(context.Background(), ts)
	if err != nil {
		t.Fatal(err)
	}
	// The protest and the bombing are found; the minister's talk has no
	// event; the arrests are COERCE, not the gold PROTEST.
	if r.Sentences != 4 || r.Correct != 2 || r.Missed != 1 || r.Wrong != 1 {
		t.Errorf("got %+v", r)
	}
	if r.Precision() != 2.0/3 || r.Recall() != 0.5 {
		t.Errorf("precision %.3f recall %.3f", r.Precision(), r.Recall())
	}
}

// TestCountsJSON checks that counts carry their precision, recall and F1
// in JSON, so that the detection figures of `khabar eval events --json`
// need no recomputing.
func TestCountsJSON(t *testing.T) {
	for _, tc := range []struct {
		c    evalevents.Counts
		want string
	}{
		{evalevents.Counts{TP: 1, FP: 1, FN: 3, TN: 5}, `{"tp":1,"fp":1,"fn":3,"tn":5,"precision":0.5,"recall":0.25,"f1":0.3333333333333333}`},
		{evalevents.Counts{TN: 2}, `{"tp":0,"fp":0,"fn":0,"tn":2,"precision":0,"recall":0,"f1":0}`},
	} {
		b, err := json.Marshal(tc.c)
		if err != nil || string(b) != tc.want {
			t.Errorf("json.Marshal(%+v) = %s, %v; want %s", tc.c, b, err, tc.want)
		}
		var back evalevents.Counts
		if err := json.Unmarshal(b, &back); err != nil || back != tc.c {
			t.Errorf("round trip of %s: %+v, %v", b, back, err)
		}
	}
}

// TestUPetrarch runs the evaluation on the UniversalPetrarch Arabic gold
// standard and holds the type precision above the bar of 77 %
// (UniversalPetrarch: 68 % correct, 23 % false positives).
func TestUPetrarch(t *testing.T) {
	dir := shareddata.Path(t, "upetrarch-arabic-events")
	if _, err := os.Stat(filepath.Join(dir, "events.jsonl")); err != nil {
		t.Skipf("UniversalPetrarch data not found at %s: %v", dir, err)
	}
	ts, err := evalevents.ReadUPetrarchEvents(dir)
	if err != nil {
		t.Fatal(err)
	}
	r, err := evalevents.EvaluateTypes(t.Context(), ts)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("type: %d sentences, precision %.1f%%, recall %.1f%%", r.Sentences, 100*r.Precision(), 100*r.Recall())
	if r.Sentences != 645 {
		t.Errorf("read %d event sentences, want 645", r.Sentences)
	}
	if r.Precision() <= 0.77 {
		t.Errorf("type precision %.1f%%, want above 77%%", 100*r.Precision())
	}
}
