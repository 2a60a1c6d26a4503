// Package pipeline composes khabar's analysis stages into one call:
// article structure → Arabic text core → dates → entities → knowledge-base
// linking and coreference → quotes → events.
//
// Concurrency and batching live here and nowhere else: a Pipeline is safe
// for concurrent use, and AnalyzeAll fans documents out over a bounded
// number of workers.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/khabar/khabar"
)

// DefaultMaxBytes is the largest document Analyze accepts unless
// Options.MaxBytes says otherwise.
const DefaultMaxBytes = 16 << 20

// ErrTooLarge is returned for documents over the size limit.
var ErrTooLarge = errors.New("document too large")

// ErrInternal is returned when a stage fails on a document in a way it
// should never fail (a panic, which is a bug in that stage): the one
// document is lost, not the process or the rest of a stream.
var ErrInternal = errors.New("internal error in an analysis stage")

// A Pipeline is a khabar.DocumentAnalyzer.
var _ khabar.DocumentAnalyzer = (*Pipeline)(nil)

// Options configures a Pipeline.
type Options struct {
	// RefDate resolves relative dates when the document carries no date
	// of its own (no dateline date and no metadata date).
	RefDate time.Time
	// MaxBytes limits the size of one document; 0 means DefaultMaxBytes.
	MaxBytes int
	// Tokens adds the token list to every Analysis.
	Tokens bool
}

// Pipeline analyzes documents. It is safe for concurrent use.
type Pipeline struct {
	opt Options
	st  stages
}

// New returns a Pipeline with the embedded models loaded.
func New(opt Options) (*Pipeline, error) {
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	st, err := loadStages()
	if err != nil {
		return nil, fmt.Errorf("pipeline: %w", err)
	}
	return &Pipeline{opt: opt, st: st}, nil
}

// Analyze runs every stage over doc.
func (p *Pipeline) Analyze(ctx context.Context, doc khabar.RawDocument) (*khabar.Analysis, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	name := doc.Name
	if name == "" {
		name = "document"
	}
	return guard(name, func() (*khabar.Analysis, error) { return p.analyze(ctx, name, doc) })
}

// guard runs f and turns a panic in it into an ErrInternal error naming
// the document and where the panic happened.
func guard(name string, f func() (*khabar.Analysis, error)) (a *khabar.Analysis, err error) {
	defer func() {
		if r := recover(); r != nil {
			a, err = nil, fmt.Errorf("%s: %w: %v%s", name, ErrInternal, r, panicSite())
		}
	}()
	return f()
}

// panicSite names the function that panicked, from inside the deferred
// call that recovered.
func panicSite() string {
	pcs := make([]uintptr, 32)
	n := runtime.Callers(3, pcs) // runtime.Callers, panicSite, the deferred func
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		if f.Function != "" && !strings.HasPrefix(f.Function, "runtime.") {
			return fmt.Sprintf(" in %s (%s:%d)", f.Function, filepath.Base(f.File), f.Line)
		}
		if !more {
			return ""
		}
	}
}

func (p *Pipeline) analyze(ctx context.Context, name string, doc khabar.RawDocument) (*khabar.Analysis, error) {
	if len(doc.Body) > p.opt.MaxBytes {
		return nil, fmt.Errorf("%s: %d bytes: %w (limit %d)", name, len(doc.Body), ErrTooLarge, p.opt.MaxBytes)
	}
	a, err := p.st.structure(doc, p.opt)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if !utf8.ValidString(a.Text) {
		return nil, fmt.Errorf("%s: extracted text is not valid UTF-8", name)
	}
	p.st.annotate(ctx, a, p.opt)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return a, nil
}
