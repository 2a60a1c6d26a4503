package postgres

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/khabar/khabar/store"
)

// DefaultRetryFor is how long a call keeps retrying while the server
// cannot be reached (a restart, a fail-over) unless Options.RetryFor
// says otherwise.
const DefaultRetryFor = 15 * time.Second

// retry runs fn, and again while it fails with a transient error,
// waiting longer each time, for at most s.retryFor or until ctx ends.
// An error that is still transient when it gives up wraps
// store.ErrUnavailable; one that says the server takes no writes wraps
// store.ErrReadOnly.
func (s *DB) retry(ctx context.Context, fn func() error) error {
	start := time.Now()
	deadline := start.Add(s.retryFor)
	wait := 20 * time.Millisecond
	for {
		err := fn()
		if err == nil || !transient(err) {
			return classify(err)
		}
		if time.Now().Add(wait).After(deadline) {
			return &unavailableError{err: err, after: time.Since(start)}
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

// unavailableError is a transient error that outlasted the retries.
type unavailableError struct {
	err   error
	after time.Duration
}

func (e *unavailableError) Error() string {
	return fmt.Sprintf("database unreachable (tried for %v): %v", e.after.Round(time.Millisecond), e.err)
}

func (e *unavailableError) Unwrap() []error { return []error{store.ErrUnavailable, e.err} }

// readOnlyError is a write refused by a server that takes none (a hot
// standby, or a primary demoted by a fail-over).
type readOnlyError struct{ err error }

func (e *readOnlyError) Error() string {
	return "the database server takes no writes (a hot standby?): " + e.err.Error()
}

func (e *readOnlyError) Unwrap() []error { return []error{store.ErrReadOnly, e.err} }

// classify marks a write refused by a read-only server with
// store.ErrReadOnly.
func classify(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "25006" { // read_only_sql_transaction
		return &readOnlyError{err}
	}
	return err
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
