package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path"
	"strconv"
	"strings"
	"testing"
	"time"
)

// StartStandby makes a hot standby of s and starts it: a base backup of
// s taken with pg_basebackup, whose -R option writes standby.signal and
// the primary_conninfo that points the standby at s, started on its own
// port. The standby streams s's changes as they are written and answers
// read-only queries. The caller must Stop it.
func (s *Server) StartStandby(ctx context.Context) (*Server, error) {
	st, err := prepare()
	if err != nil {
		return nil, err
	}
	out, err := st.cmd(ctx, "pg_basebackup", "-h", "127.0.0.1", "-p", strconv.Itoa(s.port), "-U", "postgres",
		"-D", st.data, "-R", "-X", "stream", "-c", "fast", "--no-sync").CombinedOutput()
	if err != nil {
		os.RemoveAll(st.dir)
		return nil, fmt.Errorf("pgtest: pg_basebackup: %w\n%s", err, out)
	}
	if err := st.launch(ctx); err != nil {
		return nil, err
	}
	return st, nil
}

// NewStandby starts a hot standby of s for one test (see StartStandby)
// and stops it in tb.Cleanup.
func (s *Server) NewStandby(tb testing.TB) *Server {
	tb.Helper()
	st, err := s.StartStandby(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := st.Stop(); err != nil {
			tb.Error(err)
		}
	})
	return st
}

// Halt stops the server (fast shutdown: open connections are cut) and
// keeps its data; Resume starts it again on the same port.
func (s *Server) Halt(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	out, err := s.cmd(ctx, "pg_ctl", "stop", "-w", "-t", "60", "-m", "fast", "-D", s.data).CombinedOutput()
	if err != nil {
		return fmt.Errorf("pgtest: pg_ctl stop: %w: %s", err, out)
	}
	s.halted = true
	return nil
}

// Resume starts a server that Halt stopped, on the same port, and waits
// until it accepts connections (for a standby: until it has replayed
// enough to answer queries).
func (s *Server) Resume(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.start(ctx); err != nil {
		return fmt.Errorf("pgtest: %w", err)
	}
	s.halted = false
	return nil
}

// Query runs one SQL statement in the database db (a name, or the URL
// of a database on any server: its name is used) and returns its output,
// one row a line, fields separated by |.
func (s *Server) Query(ctx context.Context, db, sql string) (string, error) {
	if u, err := url.Parse(db); err == nil && u.Scheme != "" {
		db = path.Base(u.Path)
	}
	out, err := s.cmd(ctx, "psql", "-X", "-q", "-A", "-t", "-h", "127.0.0.1", "-p", strconv.Itoa(s.port), "-U", "postgres",
		"-d", db, "-v", "ON_ERROR_STOP=1", "-c", sql).Output()
	if err != nil {
		var msg []byte
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			msg = ee.Stderr
		}
		return "", fmt.Errorf("pgtest: psql %q: %w: %s", sql, err, msg)
	}
	return strings.TrimSpace(string(out)), nil
}

// SameDB returns the URL, on s, of the database that url names on any
// server (a primary's database, on its standby).
func (s *Server) SameDB(dbURL string) string {
	name := "postgres"
	if u, err := url.Parse(dbURL); err == nil && path.Base(u.Path) != "/" && path.Base(u.Path) != "." {
		name = path.Base(u.Path)
	}
	return s.URL(name)
}

// WaitReplay waits until the standby s has replayed everything that its
// primary had written when WaitReplay was called (committed or not: the
// test servers commit without waiting for the disk), or ctx ends.
func (s *Server) WaitReplay(ctx context.Context, primary *Server) error {
	// A record written now marks the position to wait for: the insert
	// position alone may lie past the last record (at the start of the
	// next WAL page), where the standby only gets when something more
	// is written.
	lsn, err := primary.Query(ctx, "postgres", "SELECT pg_logical_emit_message(false, 'pgtest', 'wait')")
	if err != nil {
		return err
	}
	for {
		done, err := s.Query(ctx, "postgres", "SELECT pg_last_wal_replay_lsn() >= '"+lsn+"'::pg_lsn")
		if err == nil && done == "t" {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("pgtest: standby on port %d has not replayed %s: %w", s.port, lsn, errors.Join(err, ctx.Err()))
		case <-time.After(20 * time.Millisecond):
		}
	}
}
