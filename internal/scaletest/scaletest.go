// Package scaletest checks that an analysis stage does work in proportion
// to the length of its input, on the pathological inputs that make naive
// text algorithms quadratic: one phrase repeated thousands of times,
// unbalanced quote marks, a giant sentence without punctuation, one very
// long token.
//
// Work is counted, never timed, so that a check gives the same answer on
// a loaded machine: the heap allocations (their number and their bytes)
// that one run makes. A stage that is quadratic usually allocates in its
// inner loop too (a set or a slice per candidate, a string per match); a
// quadratic loop that allocates nothing escapes this check, which is why
// the stages' benchmarks over input sizes (package pipeline) complement it.
package scaletest

import (
	"fmt"
	"math"
	"runtime"
	"strings"
	"testing"
)

// MaxGrowth is the most that a measure of work may grow, on average over
// four doublings of the input. Linear work doubles; n log n work grows a
// little more; slices and maps grown by appending allocate in steps of up
// to twice their size, and a stage that keeps buffers up to some size
// allocates in a step when the input outgrows them, which is why the
// growth is averaged over a range of sizes. Quadratic work grows 4 times
// on each doubling.
const MaxGrowth = 2.5

// Work is what one run of a stage costs.
type Work struct {
	Allocs uint64 // heap allocations
	Bytes  uint64 // bytes allocated on the heap
}

func (w Work) String() string {
	return fmt.Sprintf("%d allocs, %d bytes", w.Allocs, w.Bytes)
}

// Measure runs f once and returns the work it did. It first empties every
// sync.Pool (two garbage collections do), so that f allocates its pooled
// buffers afresh whatever the size of the input: a pool that keeps buffers
// only up to some size would otherwise make the work jump at that size. The
// measure is exact only when nothing else allocates meanwhile: do not
// call it from parallel tests.
func Measure(f func()) Work {
	runtime.GC()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return Work{Allocs: after.Mallocs - before.Mallocs, Bytes: after.TotalAlloc - before.TotalAlloc}
}

// Case is one pathological input: Gen returns a text of about n bytes.
type Case struct {
	Name string
	Gen  func(n int) string
}

// Repeat returns a Case whose text is unit repeated, cut at a whole unit.
func Repeat(name, unit string) Case {
	return Case{Name: name, Gen: func(n int) string { return strings.Repeat(unit, max(1, n/len(unit))) }}
}

// doublings is how many times Check doubles the input.
const doublings = 4

// Result is what Measure found for one Case at each size.
type Result struct {
	Sizes []int  // bytes of input: n, 2n, 4n, 8n, 16n
	Work  []Work // the work at each size
}

// Below these, work counts as a fixed cost of a call: a stage that
// allocates nothing on a small text and a buffer of a few kilobytes on a
// larger one has not grown by a factor of thousands.
const (
	floorAllocs = 64
	floorBytes  = 64 << 10
)

// Growth is how many times the allocations and the bytes allocated grow
// per doubling of the input, on average from the smallest to the largest
// (each counted from a floor of a fixed cost).
func (r Result) Growth() (allocs, bytes float64) {
	first, last := r.Work[0], r.Work[len(r.Work)-1]
	per := func(a, b, floor uint64) float64 {
		return math.Pow(float64(b+floor)/float64(a+floor), 1/float64(len(r.Work)-1))
	}
	return per(first.Allocs, last.Allocs, floorAllocs), per(first.Bytes, last.Bytes, floorBytes)
}

// Run runs f on c's texts of n, 2n, 4n, 8n and 16n bytes and measures each
// run. It runs f on the largest text first, so that caches hold what the
// texts hold and buffers that a stage keeps between calls are as large as
// they will get: only what a call allocates for itself is counted.
func Run(c Case, n int, f func(text string)) Result {
	r, _ := RunPrepared(c, n, func(s string) (string, error) { return s, nil }, f)
	return r
}

// RunPrepared is Run for a stage that works on something made from the
// text (tokens, an Analysis): prep makes it from each text, unmeasured,
// and f is measured on what it made. It returns prep's first error.
func RunPrepared[T any](c Case, n int, prep func(text string) (T, error), f func(T)) (Result, error) {
	var r Result
	var in []T
	for i := range doublings + 1 {
		s := c.Gen(n << i)
		x, err := prep(s)
		if err != nil {
			return r, fmt.Errorf("%s: %d bytes: %w", c.Name, len(s), err)
		}
		in = append(in, x)
		r.Sizes = append(r.Sizes, len(s))
	}
	f(in[len(in)-1])
	for _, x := range in {
		r.Work = append(r.Work, Measure(func() { f(x) }))
	}
	return r, nil
}

// Check runs f on c's texts (see Run) and fails t when the number of
// allocations or the bytes allocated grow more than MaxGrowth times per
// doubling of the input on average. n should be large enough for the
// work that depends on the input to outweigh the fixed costs of a call,
// and small enough for a test.
func Check(t *testing.T, c Case, n int, f func(text string)) {
	t.Helper()
	report(t, c, Run(c, n, f))
}

// CheckPrepared is Check for a stage that works on something made from
// the text (see RunPrepared). When prep fails, as a stage before it may
// on some input (no content left), the test is skipped.
func CheckPrepared[T any](t *testing.T, c Case, n int, prep func(text string) (T, error), f func(T)) {
	t.Helper()
	r, err := RunPrepared(c, n, prep, f)
	if err != nil {
		t.Skip(err)
	}
	report(t, c, r)
}

func report(t *testing.T, c Case, r Result) {
	t.Helper()
	allocs, bytes := r.Growth()
	for _, m := range []struct {
		what string
		g    float64
	}{{"allocations", allocs}, {"bytes allocated", bytes}} {
		if m.g > MaxGrowth {
			t.Errorf("%s: %s grow %.2f times per doubling of the input (at most %.1f) from %d to %d bytes: %v",
				c.Name, m.what, m.g, MaxGrowth, r.Sizes[0], r.Sizes[len(r.Sizes)-1], r.Work)
		}
	}
	if testing.Verbose() {
		t.Logf("%s: growth per doubling %.2f (allocations), %.2f (bytes); %v", c.Name, allocs, bytes, r.Work)
	}
}
