package postgres

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// retryFor bounds how long a call keeps retrying while the server cannot
// be reached (a restart, a fail-over).
const retryFor = 15 * time.Second

// retry runs fn, and again while it fails with a transient error,
// waiting longer each time, for at most retryFor or until ctx ends.
func retry(ctx context.Context, fn func() error) error {
	deadline := time.Now().Add(retryFor)
	wait := 20 * time.Millisecond
	for {
		err := fn()
		if err == nil || !transient(err) || time.Now().Add(wait).After(deadline) {
			return err
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
		wait = min(2*wait, time.Second)
	}
}

// commitError is a failed COMMIT: the transaction may or may not have
// been committed, so it is never retried.
type commitError struct{ err error }

func (e *commitError) Error() string { return "commit: " + e.err.Error() }
func (e *commitError) Unwrap() error { return e.err }

// transient reports whether err means that the server was unreachable
// or went away (or a serialization conflict), with nothing committed:
// trying again may succeed.
func transient(err error) bool {
	var ce *commitError
	if errors.As(err, &ce) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "57P01", "57P02", "57P03", "40001", "40P01": // shutdown, crash, cannot connect now, conflicts
			return true
		}
		return strings.HasPrefix(pe.Code, "08") // connection exception
	}
	var cerr *pgconn.ConnectError
	var nerr net.Error
	return errors.As(err, &cerr) || errors.As(err, &nerr) || errors.Is(err, io.EOF) ||
		errors.Is(err, io.ErrUnexpectedEOF) || pgconn.SafeToRetry(err)
}
