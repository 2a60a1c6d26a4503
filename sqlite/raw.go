package sqlite

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/ncruces/go-sqlite3"
	"github.com/ncruces/go-sqlite3/driver"
)

// The search path talks to SQLite through the connection's own API
// (github.com/ncruces/go-sqlite3) rather than database/sql: stepping a
// statement and reading a column costs a fraction of a database/sql
// Rows.Next and Scan, which matters when a query returns thousands of
// row ids.

// readTx runs fn on one pooled connection inside a read transaction, so
// that everything fn reads comes from one snapshot of the database.
// ctx interrupts the statements fn runs.
func (s *DB) readTx(ctx context.Context, fn func(c *sqlite3.Conn) error) error {
	conn, err := s.sql.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		rc, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		c := rc.Raw()
		s.connMu.Lock()
		s.conns[c] = true
		s.connMu.Unlock()
		old := c.SetInterrupt(ctx)
		defer c.SetInterrupt(old)
		if err := c.Exec(`BEGIN DEFERRED`); err != nil {
			return err
		}
		err := fn(c)
		// End the transaction even when ctx is done.
		c.SetInterrupt(context.Background())
		if rerr := c.Exec(`ROLLBACK`); rerr != nil && err == nil {
			err = rerr
		}
		return err
	})
}

// ptrArg binds a Go value as an SQLite pointer (sqlite3_bind_pointer),
// for the auxiliary functions registered on every connection.
type ptrArg struct{ v any }

// bind binds args to the parameters of st, in order.
func bind(st *sqlite3.Stmt, args []any) error {
	for i, a := range args {
		var err error
		switch v := a.(type) {
		case int64:
			err = st.BindInt64(i+1, v)
		case int:
			err = st.BindInt64(i+1, int64(v))
		case float64:
			err = st.BindFloat(i+1, v)
		case string:
			err = st.BindText(i+1, v)
		case []byte:
			err = st.BindBlob(i+1, v)
		case ptrArg:
			err = st.BindPointer(i+1, v.v)
		case nil:
			err = st.BindNull(i + 1)
		default:
			err = fmt.Errorf("cannot bind %T", a)
		}
		if err != nil {
			return fmt.Errorf("argument %d: %w", i+1, err)
		}
	}
	return nil
}

// each runs query q with args and calls row for every result row. The
// statement comes from the connection's statement cache.
func each(c *sqlite3.Conn, q string, args []any, row func(st *sqlite3.Stmt) error) error {
	st, cached, err := stmts.get(c, q)
	if err != nil {
		return err
	}
	defer func() {
		if cached {
			st.Reset()
			st.ClearBindings() // releases bound pointers
		} else {
			st.Close()
		}
	}()
	if err := bind(st, args); err != nil {
		return err
	}
	for st.Step() {
		if err := row(st); err != nil {
			return err
		}
	}
	return st.Err()
}

// stmts caches the prepared statements of every connection: preparing
// costs more than running most of a search's statements. A connection's
// statements must be finalized before it is closed (SQLite refuses to
// close a connection that has some), which DB.Close does through
// forget for the connections it used.
var stmts = stmtCache{m: map[*sqlite3.Conn]map[string]*sqlite3.Stmt{}}

// maxCachedStmts bounds one connection's cache; statements with
// generated text (lists of placeholders) beyond it are not kept.
const maxCachedStmts = 64

type stmtCache struct {
	mu sync.Mutex
	m  map[*sqlite3.Conn]map[string]*sqlite3.Stmt
}

// get returns the prepared statement of q on c; cached says whether it
// stays in the cache (else the caller closes it).
func (sc *stmtCache) get(c *sqlite3.Conn, q string) (st *sqlite3.Stmt, cached bool, err error) {
	sc.mu.Lock()
	st = sc.m[c][q]
	sc.mu.Unlock()
	if st != nil {
		return st, true, nil
	}
	st, _, err = c.Prepare(q)
	if err != nil {
		return nil, false, err
	}
	if st == nil {
		return nil, false, errors.New("empty statement")
	}
	sc.mu.Lock()
	defer sc.mu.Unlock()
	m := sc.m[c]
	if m == nil {
		m = map[string]*sqlite3.Stmt{}
		sc.m[c] = m
	}
	if len(m) >= maxCachedStmts {
		return st, false, nil
	}
	m[q] = st
	return st, true, nil
}

// forget finalizes and drops the cached statements of conns.
func (sc *stmtCache) forget(conns map[*sqlite3.Conn]bool) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	for c := range conns {
		for _, st := range sc.m[c] {
			st.Close()
		}
		delete(sc.m, c)
	}
}

// scalarInt64 runs a query returning one integer (0 for no row or NULL).
func scalarInt64(c *sqlite3.Conn, q string, args ...any) (int64, error) {
	var n int64
	err := each(c, q, args, func(st *sqlite3.Stmt) error {
		n = st.ColumnInt64(0)
		return nil
	})
	return n, err
}

// forgetStmts finalizes the cached statements of the connections the DB
// has searched on; Close calls it before closing them.
func (s *DB) forgetStmts() {
	s.connMu.Lock()
	defer s.connMu.Unlock()
	stmts.forget(s.conns)
	clear(s.conns)
}
