package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// exportStore ingests the example article, a near-duplicate copy of it
// and an unrelated article into a new SQLite store and returns its
// data directory.
func exportStore(t *testing.T) string {
	t.Helper()
	body, err := os.ReadFile(filepath.Join("..", "..", "examples", "qatar-nato-ici-2023-09-13.txt"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	copyText := strings.Replace(string(body), "شاركت دولة قطر", "وقد شاركت دولة قطر", 1)
	for name, text := range map[string]string{
		"a.txt": string(body),
		"b.txt": copyText,
		"c.txt": "ارتفاع درجات الحرارة، \"أربعون\" درجة\n\nتوقعت هيئة الأرصاد أن تبلغ درجات الحرارة أربعين درجة مئوية في الرياض يوم غد.",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data := filepath.Join(t.TempDir(), "data")
	if code, _, errOut := runCLI(t, "", "ingest", "--data", data, dir); code != 0 {
		t.Fatalf("ingest exit %d: %s", code, errOut)
	}
	return data
}

func TestExportSearch(t *testing.T) {
	data := exportStore(t)
	tests := []struct {
		name  string
		args  []string
		rows  int
		check func(t *testing.T, rows [][]string)
	}{
		{"folded copies", []string{"قطر"}, 1, func(t *testing.T, rows [][]string) {
			if rows[0][11] != "1" || rows[0][9] == "" {
				t.Errorf("copies %q cluster %q: want 1 copy and a cluster", rows[0][11], rows[0][9])
			}
			if !strings.Contains(rows[0][6], "; ") || !strings.Contains(rows[0][5], "بروكسل") {
				t.Errorf("entities %q places %q: want a list with بروكسل", rows[0][6], rows[0][5])
			}
		}},
		{"every copy", []string{"--copies", "قطر"}, 2, func(t *testing.T, rows [][]string) {
			if rows[0][9] != rows[1][9] {
				t.Errorf("clusters %q and %q: want the copies in one", rows[0][9], rows[1][9])
			}
		}},
		{"quotes and commas in a title", []string{"الأرصاد"}, 1, func(t *testing.T, rows [][]string) {
			if rows[0][3] != "ارتفاع درجات الحرارة، \"أربعون\" درجة" {
				t.Errorf("title %q", rows[0][3])
			}
		}},
		{"exclusion as the first word", []string{"-الأرصاد"}, 1, nil},
		{"limit", []string{"--copies", "--limit", "1", "قطر"}, 1, nil},
		{"nothing", []string{"كوالالمبور"}, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", append([]string{"export", "search", "--data", data}, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil {
				t.Fatalf("not CSV: %v\n%s", err, out)
			}
			if len(recs) != tt.rows+1 || recs[0][0] != "id" || strings.HasPrefix(out, "\uFEFF") {
				t.Fatalf("want a header and %d rows, no BOM:\n%s", tt.rows, out)
			}
			if !strings.Contains(out, "\r\n") {
				t.Error("CSV lines do not end in CRLF")
			}
			if tt.check != nil {
				tt.check(t, recs[1:])
			}
		})
	}

	code, out, errOut := runCLI(t, "", "export", "search", "--data", data, "--format", "jsonl", "--bom", "قطر OR الأرصاد")
	if code != 0 {
		t.Fatalf("jsonl: exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("jsonl: %d lines, want 2:\n%s", len(lines), out)
	}
	for _, l := range lines {
		var row struct {
			ID       string   `json:"id"`
			Entities []string `json:"entities"`
		}
		if err := json.Unmarshal([]byte(l), &row); err != nil || row.ID == "" {
			t.Errorf("jsonl line %q: %v", l, err)
		}
	}
	if !strings.Contains(errOut, "exported 2 of 2 matches") {
		t.Errorf("stderr %q", errOut)
	}

	code, out, _ = runCLI(t, "", "export", "search", "--data", data, "--bom", "الأرصاد")
	if code != 0 || !strings.HasPrefix(out, "\uFEFFid,") {
		t.Errorf("--bom: exit %d, output %.40q", code, out)
	}
}

func TestExportSearchUsage(t *testing.T) {
	data := exportStore(t)
	for _, args := range [][]string{
		{"--data", data},
		{"--data", data, "--format", "xlsx", "قطر"},
		{"--data", data, "--limit", "-1", "قطر"},
		{"--data", data, "AND OR ("},
		{"--data", data, "entity:"},
	} {
		_, _, err := callCmd(t, cmdExportSearch, "", args...)
		var ue usageError
		if !errors.As(err, &ue) {
			t.Errorf("%q: err = %v, want a usage error", args, err)
		}
	}
	if _, _, err := callCmd(t, cmdExportSearch, "", "--data", t.TempDir(), "قطر"); err == nil || !strings.Contains(err.Error(), "no store") {
		t.Errorf("empty data dir: err = %v, want no store", err)
	}
}
