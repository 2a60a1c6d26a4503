package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFlagCmdParse(t *testing.T) {
	tests := []struct {
		args       []string
		positional bool
		ok         bool
		usageErr   string // "" when err is nil
		stderr     string // what -h prints
	}{
		{[]string{"--data", "d"}, false, true, "", ""},
		{[]string{"--data", "d", "--json", "x"}, true, true, "", ""},
		{[]string{"--data", "d", "x"}, false, false, `unexpected arguments ["x"] (usage: khabar eval x --data DIR [--json])`, ""},
		{nil, false, false, "--data is required (usage: khabar eval x --data DIR [--json])", ""},
		{[]string{"--data", "d", "--bogus"}, false, false, "flag provided but not defined: -bogus", ""},
		{[]string{"-h"}, false, false, "", "usage: khabar eval x --data DIR [--json]\n  -data DIR\n    \tthe DIR (required)\n"},
	}
	for _, tt := range tests {
		var errb bytes.Buffer
		c := newFlagCmd(&env{stderr: &errb}, "eval x", "khabar eval x --data DIR [--json]")
		data := c.required("data", "the `DIR`")
		ok, err := c.parse(tt.args, tt.positional)
		if ok != tt.ok {
			t.Errorf("%q: ok = %v, want %v (err %v)", tt.args, ok, tt.ok, err)
		}
		switch {
		case tt.usageErr == "" && err != nil:
			t.Errorf("%q: err = %v, want nil", tt.args, err)
		case tt.usageErr != "":
			if _, isUsage := err.(usageError); !isUsage || !strings.Contains(err.Error(), tt.usageErr) {
				t.Errorf("%q: err = %v, want a usage error containing %q", tt.args, err, tt.usageErr)
			}
		}
		if !strings.HasPrefix(errb.String(), tt.stderr) || (tt.stderr == "" && errb.Len() > 0) {
			t.Errorf("%q: stderr %q, want it to start with %q", tt.args, errb.String(), tt.stderr)
		}
		if tt.ok && *data != "d" {
			t.Errorf("%q: --data = %q", tt.args, *data)
		}
	}
}

func TestWriteJSON(t *testing.T) {
	var b bytes.Buffer
	c := newFlagCmd(&env{stdout: &b}, "eval x", "khabar eval x [--json]")
	if ok, err := c.parse([]string{"--json"}, false); !ok || err != nil || !c.json() {
		t.Fatalf("parse --json = %v, %v; json() = %v", ok, err, c.json())
	}
	if err := c.writeJSON(map[string]string{"text": "<«قال»> & co"}); err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"text\": \"<«قال»> & co\"\n}\n"; b.String() != want {
		t.Errorf("writeJSON wrote %q, want %q (indented, no HTML escapes)", b.String(), want)
	}
}

// checkSuiteEval runs `khabar eval TARGET` over the small suites in
// data and checks the JSON count of one suite, that the text report
// holds each of inText, the usage errors, and the error on a folder with
// no suite.
func checkSuiteEval(t *testing.T, target, data, suite string, passed, total int, inText ...string) {
	t.Helper()
	code, stdout, stderr := runCLI(t, "", "eval", target, "--data", data, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var out struct {
		Suites map[string]struct{ Passed, Total int }
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("output %q: %v", stdout, err)
	}
	if s := out.Suites[suite]; s.Passed != passed || s.Total != total {
		t.Errorf("%s = %+v, want %d/%d", suite, s, passed, total)
	}
	code, stdout, stderr = runCLI(t, "", "eval", target, "--data", data)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, s := range inText {
		if !strings.Contains(stdout, s) {
			t.Errorf("text report lacks %q:\n%s", s, stdout)
		}
	}
	for _, args := range [][]string{{"eval", target}, {"eval", target, "--data", data, "extra"}, {"eval", target, "--bogus"}} {
		if code, _, _ := runCLI(t, "", args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, _, stderr := runCLI(t, "", "eval", target, "--data", t.TempDir()); code != 1 || !strings.Contains(stderr, "no suite") {
		t.Errorf("empty data folder: exit %d, stderr %q", code, stderr)
	}
}

func TestReadGoldArticle(t *testing.T) {
	dir := t.TempDir()
	art := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(art, []byte("الدوحة - نص"), 0o644); err != nil {
		t.Fatal(err)
	}
	type gold struct{ File string }
	read := func(r io.Reader, name string) (gold, error) {
		var g gold
		if err := json.NewDecoder(r).Decode(&g); err != nil {
			return g, fmt.Errorf("%s: %w", name, err)
		}
		return g, nil
	}
	tests := []struct {
		name, gold string // gold file name and content ("" for none)
		article    string // want: the article path, or "" for an error
		errHas     string
	}{
		{"rel.json", `{"File": "a.txt"}`, art, ""},
		{"abs.json", `{"File": "` + filepath.ToSlash(art) + `"}`, art, ""},
		{"none.json", `{}`, "", "names no article"},
		{"missing.json", `{"File": "b.txt"}`, "", "missing.json: article"},
		{"bad.json", `{`, "", "bad.json"},
		{"absent.json", "", "", "absent.json"},
	}
	for _, tt := range tests {
		path := filepath.Join(dir, tt.name)
		if tt.gold != "" {
			if err := os.WriteFile(path, []byte(tt.gold), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		_, article, body, err := readGoldArticle(path, read, func(g gold) string { return g.File })
		if tt.article != "" {
			if err != nil || article != tt.article || string(body) != "الدوحة - نص" {
				t.Errorf("%s: %q, %q, %v; want %q and its text", tt.name, article, body, err, tt.article)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.errHas) {
			t.Errorf("%s: err = %v, want one containing %q", tt.name, err, tt.errHas)
		}
	}
	if _, err := readLimited(art, 4); err == nil || !strings.Contains(err.Error(), "limit") {
		t.Errorf("readLimited over the limit: err = %v", err)
	}
}
