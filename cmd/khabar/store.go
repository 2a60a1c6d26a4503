package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/khabar/khabar/sqlite"
)

// defaultDataDir is where ingest and search keep the store unless --data
// says otherwise.
const defaultDataDir = "khabar-data"

// openStore opens the SQLite store in dir with opt; a read-only open
// refuses to create one.
func openStore(ctx context.Context, dir string, opt sqlite.Options) (*sqlite.DB, error) {
	if opt.ReadOnly {
		if _, err := os.Stat(filepath.Join(dir, sqlite.FileName)); errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("no store in %s (run khabar ingest --data %s PATH... first)", dir, dir)
		}
	}
	return sqlite.OpenDir(ctx, dir, opt)
}

// isTerminal reports whether w is a terminal (progress and colour only there).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// parseAge parses a duration that may also be given in days ("30d").
func parseAge(s string) (time.Duration, error) {
	if d, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.ParseFloat(d, 64)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("bad duration %q (want e.g. 30d or 72h)", s)
		}
		return time.Duration(n * float64(24*time.Hour)), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("bad duration %q (want e.g. 30d or 72h)", s)
	}
	return d, nil
}
