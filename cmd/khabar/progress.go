package main

import (
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"time"

	"github.com/khabar/khabar/ingest"
)

// progress draws the one-line progress report of an ingest on a
// terminal: records read, stored, duplicates and skipped, the rate,
// and, when the size of the input is known, the share of its bytes
// read and the time left.
type progress struct {
	w         io.Writer
	start     time.Time
	total     int64 // bytes of the input; 0: unknown
	bytesRead atomic.Int64
	now       func() time.Time
}

// newProgress returns the progress of an ingest of paths written to w.
func newProgress(w io.Writer, paths []string) *progress {
	p := &progress{w: w, start: time.Now(), now: time.Now}
	if n, ok := ingest.InputSize(paths); ok {
		p.total = n
	}
	return p
}

// show redraws the line; final ends it with a newline.
func (p *progress) show(s ingest.Summary, final bool) {
	line := progressLine(s, p.now().Sub(p.start), p.bytesRead.Load(), p.total)
	end := ""
	if final {
		end = "\n"
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s%s", line, end)
}

// progressLine formats the state of an ingest after elapsed, with read
// bytes read of total (0: unknown).
func progressLine(s ingest.Summary, elapsed time.Duration, read, total int64) string {
	var b strings.Builder
	fmt.Fprintf(&b, "read %d  stored %d  duplicates %d  skipped %d", s.Read, s.Stored, s.Duplicates, s.Skipped)
	sec := elapsed.Seconds()
	if sec > 0 {
		fmt.Fprintf(&b, "  %.0f/s", float64(s.Read)/sec)
	}
	if total > 0 {
		read = min(read, total)
		fmt.Fprintf(&b, "  %s of %s (%.0f%%)", byteSize(read), byteSize(total), 100*float64(read)/float64(total))
		if read > 0 && read < total && elapsed >= time.Second {
			left := time.Duration(float64(elapsed) * float64(total-read) / float64(read))
			fmt.Fprintf(&b, "  ETA %s", left.Round(time.Second))
		}
	}
	return b.String()
}

// byteSize formats n bytes for people: 512 B, 3.2 kB, 14.5 MB, 1.1 GB.
func byteSize(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	f, suffix := float64(n)/unit, "kB"
	for _, s := range []string{"MB", "GB", "TB"} {
		if f < unit {
			break
		}
		f, suffix = f/unit, s
	}
	return fmt.Sprintf("%.1f %s", f, suffix)
}
