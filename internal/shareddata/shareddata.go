// Package shareddata locates the project's shared data sets for tests,
// benchmarks and evaluations: they live in ../shared/data beside the
// module root, are read in place and are never copied into the
// repository (see ../shared/data/README.md for their licences).
package shareddata

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// ErrNoModule is returned by Dir when no directory above the working
// directory holds go.mod.
var ErrNoModule = errors.New("no module root (go.mod) above the working directory")

// Dir returns the shared data directory, ../shared/data beside the
// module root: the first directory holding go.mod, up from the working
// directory. It does not check that the directory exists.
func Dir() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("shared data: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared", "data"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("shared data: %w", ErrNoModule)
		}
		dir = parent
	}
}

// Path returns the path of name (slash-separated, e.g.
// "saudinewsnet/saudinewsnet.jsonl.gz") in the shared data directory,
// skipping tb with a clear message when it is not there.
func Path(tb testing.TB, name string) string {
	tb.Helper()
	dir, err := Dir()
	if err != nil {
		tb.Skipf("shared data %s: %v", name, err)
	}
	path := filepath.Join(dir, filepath.FromSlash(name))
	if _, err := os.Stat(path); err != nil {
		tb.Skipf("shared data %s not available (%v); it lives in ../shared/data beside the module", name, err)
	}
	return path
}

// SaudiNewsNetName is the SaudiNewsNet corpus in the shared data
// directory: 31,030 articles, one JSON object a line (title, content,
// date_extracted, source, author, url).
const SaudiNewsNetName = "saudinewsnet/saudinewsnet.jsonl.gz"

// SaudiNewsNet opens the SaudiNewsNet corpus and returns a scanner of
// its records, one JSON line each, with room for 16 MiB lines; the file
// is closed when tb ends. It skips tb when the corpus is absent.
func SaudiNewsNet(tb testing.TB) *bufio.Scanner {
	tb.Helper()
	path := Path(tb, SaudiNewsNetName)
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 16<<20)
	return sc
}
