package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// ploverLines decodes PLOVER JSONL and returns the records' ids and the
// event types with their evidence, sorted.
func ploverLines(t *testing.T, out string) (ids, events []string) {
	t.Helper()
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l == "" {
			continue
		}
		var rec struct {
			ID    string   `json:"id"`
			Event []string `json:"event"`
			Text  []string `json:"event_text"`
		}
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("bad PLOVER line %q: %v", l, err)
		}
		ids = append(ids, rec.ID)
		events = append(events, strings.Join(rec.Event, ",")+" "+strings.Join(rec.Text, ","))
	}
	sort.Strings(events)
	return ids, events
}

func TestExportPloverFromStore(t *testing.T) {
	example := filepath.Join("..", "..", "examples", "qatar-nato-ici-2023-09-13.txt")
	body, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	// A near-duplicate copy of the example (a wire story run twice)
	// and an article with no event.
	dir := t.TempDir()
	copyText := strings.Replace(string(body), "شاركت دولة قطر", "وقد شاركت دولة قطر", 1)
	if copyText == string(body) {
		t.Fatal("example text changed: the copy is not a copy")
	}
	for name, text := range map[string]string{
		"a.txt": string(body),
		"b.txt": copyText,
		"c.txt": "ارتفاع درجات الحرارة\n\nتوقعت هيئة الأرصاد أن تبلغ درجات الحرارة أربعين درجة مئوية في الرياض يوم غد.",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data := filepath.Join(t.TempDir(), "data")
	if code, _, errOut := runCLI(t, "", "ingest", "--data", data, dir); code != 0 {
		t.Fatalf("ingest exit %d: %s", code, errOut)
	}

	// The same events as exporting the example's Analysis JSON.
	code, analysis, errOut := runCLI(t, "", "analyze", example)
	if code != 0 {
		t.Fatalf("analyze exit %d: %s", code, errOut)
	}
	code, fromFile, errOut := runCLI(t, analysis, "export", "plover")
	if code != 0 {
		t.Fatalf("export plover (stdin) exit %d: %s", code, errOut)
	}
	_, want := ploverLines(t, fromFile)
	if len(want) == 0 {
		t.Fatal("the example has no PLOVER event")
	}

	tests := []struct {
		name   string
		args   []string
		copies int // copies of the example's events in the output
		stderr string
	}{
		{"every document with an event", []string{"--data", data}, 1, "(1 copies left out)"},
		{"with copies", []string{"--data", data, "--copies"}, 2, "(0 copies left out)"},
		{"query", []string{"--data", data, "--query", "قطر"}, 1, "(1 copies left out)"},
		{"query with copies", []string{"--data", data, "--query", "قطر", "--copies"}, 2, ""},
		{"query matching the eventless article", []string{"--data", data, "--query", "الأرصاد"}, 0, "exported 0 events from 1 documents"},
		{"query matching nothing", []string{"--data", data, "--query", "كوالالمبور"}, 0, "exported 0 events from 0 documents"},
		{"at most one document", []string{"--data", data, "--copies", "--max", "1"}, 1, "from 1 documents"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", append([]string{"export", "plover"}, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			ids, got := ploverLines(t, out)
			var wantN []string
			for range tt.copies {
				wantN = append(wantN, want...)
			}
			sort.Strings(wantN)
			if strings.Join(got, "\n") != strings.Join(wantN, "\n") {
				t.Errorf("events:\n%s\nwant %d times:\n%s", strings.Join(got, "\n"), tt.copies, strings.Join(want, "\n"))
			}
			for _, id := range ids {
				if strings.HasPrefix(id, "khabar-") {
					t.Errorf("record id %q does not name the stored document", id)
				}
			}
			if !strings.Contains(errOut, tt.stderr) {
				t.Errorf("stderr %q does not say %q", errOut, tt.stderr)
			}
		})
	}
}

func TestExportPloverUsage(t *testing.T) {
	for _, args := range [][]string{
		{"--data", t.TempDir(), "file.json"},
		{"--max", "-1"},
		{"--copies"},
		{"--query", "AND OR ("},
		{"--nope"},
	} {
		_, _, err := callCmd(t, cmdExportPlover, "", args...)
		var ue usageError
		if !errors.As(err, &ue) {
			t.Errorf("%q: err = %v, want a usage error", args, err)
		}
	}
	if _, _, err := callCmd(t, cmdExportPlover, "", "--data", t.TempDir()); err == nil || !strings.Contains(err.Error(), "no store") {
		t.Errorf("empty data dir: err = %v, want no store", err)
	}
	_, _, err := callCmd(t, cmdExportPlover, `[{"text": "x"}]`)
	if err == nil || err.Error() != "-: document 1: a record must be a JSON object, got an array" {
		t.Errorf("an array: err = %v", err)
	}
}
