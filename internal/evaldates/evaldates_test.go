package evaldates

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func open(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestDuckling(t *testing.T) {
	suites, err := Duckling(context.Background(), open(t, "duckling.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]int{
		// الثلاثاء on a Tuesday is next week's under the future preference: a failure.
		"duckling-dates":    {3, 4},
		"duckling-times":    {1, 1},
		"duckling-negative": {1, 1},
	}
	for _, s := range suites {
		w := want[s.Name]
		if s.Passed != w[0] || s.Total != w[1] {
			t.Errorf("%s: %d/%d, want %d/%d; failures %+v", s.Name, s.Passed, s.Total, w[0], w[1], s.Failures)
		}
	}
	if f := suites[0].Failures; len(f) != 1 || f[0].Input != "الثلاثاء" {
		t.Errorf("failures = %+v, want the one for الثلاثاء", f)
	}
}

func TestDateparser(t *testing.T) {
	suites, err := Dateparser(context.Background(), open(t, "dateparser.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if s := suites[0]; s.Passed != 3 || s.Total != 3 {
		t.Errorf("dateparser: %d/%d, want 3/3; failures %+v", s.Passed, s.Total, s.Failures)
	}
}

func TestBadInput(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "bad")
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("{\"input\": 1\n")
	f.Seek(0, 0)
	if _, err := Duckling(context.Background(), f); err == nil {
		t.Error("no error for malformed JSON")
	}
	if _, err := Run(context.Background(), t.TempDir()); err == nil {
		t.Error("Run on an empty folder: no error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Duckling(ctx, open(t, "duckling.jsonl")); err == nil {
		t.Error("no error for a cancelled context")
	}
}

// TestSharedData runs the real suites when ../shared/data is there and
// holds the Duckling calendar-date score to its goal of 95%.
func TestSharedData(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(dir, "duckling-ar", "time.jsonl")); err != nil {
		t.Skipf("shared data not available: %v", err)
	}
	r, err := Run(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range r.Suites {
		t.Logf("%s: %d/%d", s.Name, s.Passed, s.Total)
		if s.Name == "duckling-dates" && s.Passed*100 < 95*s.Total {
			t.Errorf("duckling-dates %d/%d, below 95%%", s.Passed, s.Total)
		}
		if s.Name == "duckling-negative" && s.Passed != s.Total {
			t.Errorf("duckling-negative %d/%d", s.Passed, s.Total)
		}
	}
}

func ExampleRun() {
	r, err := Run(context.Background(), filepath.Join("testdata", "example"))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range r.Suites {
		fmt.Printf("%s %d/%d\n", s.Name, s.Passed, s.Total)
	}
	// Output:
	// duckling-dates 3/4
	// duckling-times 1/1
	// duckling-negative 1/1
}
