package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabar/khabar"
)

// runCLI runs the CLI in-process and returns its exit code and output.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb})
	return code, out.String(), errb.String()
}

// checkInOrder reports an error, named by name, when text lacks one of
// want after the ones before it.
func checkInOrder(t *testing.T, name, text string, want []string) {
	t.Helper()
	at := 0
	for _, w := range want {
		i := strings.Index(text[at:], w)
		if i < 0 {
			t.Errorf("%s: output lacks %q after byte %d:\n%s", name, w, at, text)
			return
		}
		at += i + len(w)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no args", nil, 2, "usage: khabar"},
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
		{"analyze without file", []string{"analyze"}, 2, "exactly one FILE"},
		{"analyze bad date", []string{"analyze", "--date", "13/09/2023", "x.txt"}, 2, "YYYY-MM-DD"},
		{"analyze bad flag", []string{"analyze", "--nope", "x.txt"}, 2, "not defined"},
		{"analyze missing file", []string{"analyze", "does-not-exist.txt"}, 1, "does-not-exist.txt"},
		{"eval without target", []string{"eval"}, 2, "eval target"},
		{"eval unknown target", []string{"eval", "nope"}, 2, "unknown eval target"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, "", tt.args...)
			if code != tt.code {
				t.Errorf("exit code = %d, want %d (stderr %q)", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr %q does not mention %q", stderr, tt.want)
			}
		})
	}
}

func TestAnalyzeExample(t *testing.T) {
	path := filepath.Join("..", "..", "examples", "qatar-nato-ici-2023-09-13.txt")
	code, stdout, stderr := runCLI(t, "", "analyze", "--tokens", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var a khabar.Analysis
	if err := json.Unmarshal([]byte(stdout), &a); err != nil {
		t.Fatalf("output is not an Analysis: %v", err)
	}
	if a.Schema != khabar.Schema {
		t.Errorf("schema = %q", a.Schema)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), "شاركت دولة قطر") || !strings.Contains(a.Text, "شاركت دولة قطر") {
		t.Errorf("body text lost")
	}
	if len(a.Sentences) < 20 || len(a.Tokens) < 500 {
		t.Errorf("got %d sentences and %d tokens; want a real analysis", len(a.Sentences), len(a.Tokens))
	}
	runes := []rune(a.Text)
	for _, tok := range a.Tokens {
		if tok.Start < 0 || tok.End > len(runes) || string(runes[tok.Start:tok.End]) != tok.Text {
			t.Fatalf("token %+v does not match the text at its offsets", tok)
		}
	}
}

func TestAnalyzeStdinAndBadInput(t *testing.T) {
	code, stdout, stderr := runCLI(t, "قال الرئيس اليوم إن الاجتماع ناجح.", "analyze", "--date", "2024-01-02", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, `"schema": "khabar.analysis/v1"`) {
		t.Errorf("no analysis on stdout: %s", stdout)
	}
	code, _, stderr = runCLI(t, "abc\xff\xfe def", "analyze", "-")
	if code != 1 || !strings.Contains(stderr, "UTF-8") {
		t.Errorf("invalid UTF-8: exit %d, stderr %q; want exit 1 naming UTF-8", code, stderr)
	}
}
