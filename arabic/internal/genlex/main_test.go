package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExtract(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "mini.dic"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := extract(f)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, e := range got {
		lines = append(lines, e.word+"/"+string("?nvb"[e.class]))
	}
	// بغير وبغير ألغير والذي are clitic forms of listed function words;
	// فالله is a clitic form of الله; x1 is not Arabic; أحمد is both.
	want := "احمد/b الذي/n الله/n غير/n لكن/n مدرسة/n والي/n يكتب/v"
	if s := strings.Join(lines, " "); s != want {
		t.Errorf("extract = %s\nwant      %s", s, want)
	}
}

func TestRun(t *testing.T) {
	out := filepath.Join(t.TempDir(), "lexicon.txt")
	if err := run(filepath.Join("testdata", "mini.dic"), out); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "\nيكتب\tv\n") || !strings.HasPrefix(string(b), "# Generated") {
		t.Errorf("unexpected output:\n%s", b)
	}
	if err := run(filepath.Join("testdata", "missing.dic"), out); err == nil {
		t.Error("run with a missing dictionary: no error")
	}
}
