package shareddata

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func TestDir(t *testing.T) {
	dir, err := Dir()
	if err != nil {
		t.Fatal(err)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	// This package is internal/shareddata: the module root is ../..
	if want := filepath.Join(wd, "..", "..", "..", "shared", "data"); filepath.Clean(dir) != filepath.Clean(want) {
		t.Errorf("Dir() = %s, want %s", dir, want)
	}
}

func TestPathMissing(t *testing.T) {
	skipped := true
	t.Run("missing", func(t *testing.T) {
		Path(t, "no-such-data-set/x")
		skipped = false
	})
	if !skipped {
		t.Error("Path of a missing file did not skip")
	}
}

func TestSaudiNewsNet(t *testing.T) {
	sc := SaudiNewsNet(t)
	n := 0
	for n < 50 && sc.Scan() {
		var r struct{ Title, Content, URL string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("record %d: %v", n+1, err)
		}
		if r.URL == "" {
			t.Errorf("record %d has no URL", n+1)
		}
		n++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n != 50 {
		t.Errorf("read %d records, want 50", n)
	}
}
