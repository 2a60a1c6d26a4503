// Package pgtest starts a throwaway PostgreSQL server for tests: initdb
// on a temporary directory, pg_ctl start on a free loopback port, one
// fresh database per test, pg_ctl stop at the end.
//
// PostgreSQL refuses to run as root. When the tests run as root (as in
// CI containers), the server runs as the "postgres" system user that
// Debian's postgresql package creates, and its data directory is made
// over to that user.
//
// The binaries are looked up in $KHABAR_PG_BIN, else in the newest
// /usr/lib/postgresql/*/bin, else on $PATH. Without them Start returns
// an error wrapping ErrUnavailable and New skips the test.
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// ErrUnavailable means no usable PostgreSQL installation was found.
var ErrUnavailable = errors.New("pgtest: PostgreSQL server binaries not available (apt-get install -y postgresql)")

// Server is a running PostgreSQL server owned by the test process.
type Server struct {
	bin  string // directory of initdb, pg_ctl, postgres
	dir  string // parent temporary directory, removed by Stop
	data string // data directory
	log  string // server log file
	port int
	cred *syscall.Credential // non-nil when running as another user

	reaper *os.File // write end of the reaper's stdin; see startReaper

	mu      sync.Mutex
	stopped bool
	halted  bool // stopped by Halt, files kept
	dbs     atomic.Int64
}

// New starts a server for one test (or benchmark) and stops it in
// tb.Cleanup. It skips the test when PostgreSQL is not installed.
func New(tb testing.TB) *Server {
	tb.Helper()
	s, err := Start(context.Background())
	if errors.Is(err, ErrUnavailable) {
		tb.Skip(err)
	}
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := s.Stop(); err != nil {
			tb.Error(err)
		}
	})
	return s
}

// Start initializes and starts a new server. The caller must Stop it.
func Start(ctx context.Context) (*Server, error) {
	s, err := prepare()
	if err != nil {
		return nil, err
	}
	if out, err := s.cmd(ctx, "initdb", "-D", s.data, "-U", "postgres", "--auth=trust", "--no-locale",
		"-E", "UTF8", "--no-sync").CombinedOutput(); err != nil {
		os.RemoveAll(s.dir)
		return nil, fmt.Errorf("pgtest: initdb: %w\n%s", err, out)
	}
	if err := s.launch(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// prepare finds the binaries and the user to run them as and makes the
// temporary directory of a new server.
func prepare() (*Server, error) {
	bin, err := findBin()
	if err != nil {
		return nil, err
	}
	s := &Server{bin: bin}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return nil, fmt.Errorf("%w: running as root and no postgres system user: %v", ErrUnavailable, err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		s.cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	}
	s.dir, err = os.MkdirTemp("", "khabar-pgtest-")
	if err != nil {
		return nil, fmt.Errorf("pgtest: %w", err)
	}
	s.data = filepath.Join(s.dir, "data")
	s.log = filepath.Join(s.dir, "server.log")
	if s.cred != nil {
		if err := os.Chown(s.dir, int(s.cred.Uid), int(s.cred.Gid)); err != nil {
			os.RemoveAll(s.dir)
			return nil, fmt.Errorf("pgtest: %w", err)
		}
	}
	return s, nil
}

// launch starts the server of a ready data directory on a free port,
// with its reaper. On failure it removes the directory.
func (s *Server) launch(ctx context.Context) error {
	// The port is free when picked but may be taken before the server
	// binds it: try a few.
	for try := 0; ; try++ {
		port, err := freePort()
		if err == nil {
			s.port = port
			err = s.start(ctx)
		}
		if err == nil {
			if err := s.startReaper(); err != nil {
				s.Stop()
				return err
			}
			return nil
		}
		if try == 4 || ctx.Err() != nil {
			log, _ := os.ReadFile(s.log)
			os.RemoveAll(s.dir)
			return fmt.Errorf("pgtest: starting server: %w\n%s", err, log)
		}
	}
}

func (s *Server) start(ctx context.Context) error {
	out, err := s.cmd(ctx, "pg_ctl", "start", "-w", "-t", "60", "-D", s.data, "-l", s.log, "-o", s.options()).CombinedOutput()
	if err != nil {
		return fmt.Errorf("pg_ctl start: %w: %s", err, out)
	}
	return nil
}

// options are the server settings: loopback TCP only, and no waiting
// for the disk (a test server's data is thrown away).
func (s *Server) options() string {
	return fmt.Sprintf("-p %d -c listen_addresses=127.0.0.1 -c unix_socket_directories='' "+
		"-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200", s.port)
}

// cmd prepares a PostgreSQL program, run as the postgres user when needed.
func (s *Server) cmd(ctx context.Context, name string, args ...string) *exec.Cmd {
	c := exec.CommandContext(ctx, filepath.Join(s.bin, name), args...)
	c.Dir = s.dir
	c.Env = []string{"PATH=" + os.Getenv("PATH"), "LC_ALL=C", "TZ=UTC"}
	if s.cred != nil {
		c.SysProcAttr = &syscall.SysProcAttr{Credential: s.cred}
	}
	return c
}

// startReaper starts a small shell, in its own process group, that
// waits for its stdin to close and then stops the server and removes its
// files. The test process holds the other end of the pipe, so the server
// goes away even when the tests are killed (go test -timeout, kill -9)
// before Stop runs.
func (s *Server) startReaper() error {
	r, w, err := os.Pipe()
	if err != nil {
		return fmt.Errorf("pgtest: reaper: %w", err)
	}
	defer r.Close()
	c := s.cmd(context.Background(), "pg_ctl")
	c.Path, c.Args = "/bin/sh", []string{"sh", "-c",
		`cat >/dev/null; "$0" stop -w -m immediate -D "$1" >/dev/null 2>&1; rm -rf "$2"`,
		filepath.Join(s.bin, "pg_ctl"), s.data, s.dir}
	c.Stdin = r
	if c.SysProcAttr == nil {
		c.SysProcAttr = &syscall.SysProcAttr{}
	}
	c.SysProcAttr.Setpgid = true
	if err := c.Start(); err != nil {
		w.Close()
		return fmt.Errorf("pgtest: reaper: %w", err)
	}
	go c.Wait() //nolint:errcheck // the reaper's exit status does not matter
	s.reaper = w
	return nil
}

// Port returns the server's TCP port on 127.0.0.1.
func (s *Server) Port() int { return s.port }

// URL returns the connection URL of database db (user postgres, no password).
func (s *Server) URL(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", s.port, db)
}

// CreateDB creates a new, empty database with a unique name and returns
// its URL.
func (s *Server) CreateDB(ctx context.Context) (string, error) {
	name := fmt.Sprintf("khabar_test_%d", s.dbs.Add(1))
	out, err := s.cmd(ctx, "psql", "-X", "-q", "-h", "127.0.0.1", "-p", strconv.Itoa(s.port), "-U", "postgres",
		"-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", "CREATE DATABASE "+name+" TEMPLATE template0").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("pgtest: create database %s: %w: %s", name, err, out)
	}
	return s.URL(name), nil
}

// NewDB creates a fresh database for one test and returns its URL.
func (s *Server) NewDB(tb testing.TB) string {
	tb.Helper()
	url, err := s.CreateDB(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return url
}

// Restart stops the server (fast shutdown: open connections are cut)
// and starts it again on the same port.
func (s *Server) Restart(ctx context.Context) error {
	out, err := s.cmd(ctx, "pg_ctl", "restart", "-w", "-t", "60", "-m", "fast", "-D", s.data, "-l", s.log,
		"-o", s.options()).CombinedOutput()
	if err != nil {
		return fmt.Errorf("pgtest: pg_ctl restart: %w: %s", err, out)
	}
	return nil
}

// Stop stops the server and removes its files. Calling it again does nothing.
func (s *Server) Stop() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return nil
	}
	s.stopped = true
	var out []byte
	var err error
	if !s.halted {
		out, err = s.cmd(context.Background(), "pg_ctl", "stop", "-w", "-t", "60", "-m", "immediate", "-D", s.data).CombinedOutput()
	}
	if s.reaper != nil {
		s.reaper.Close() // the reaper finds nothing left to do
	}
	if rerr := os.RemoveAll(s.dir); rerr != nil && err == nil {
		return fmt.Errorf("pgtest: %w", rerr)
	}
	if err != nil {
		return fmt.Errorf("pgtest: pg_ctl stop: %w: %s", err, out)
	}
	return nil
}

// Log returns the server's log so far (for failure messages).
func (s *Server) Log() string {
	b, _ := os.ReadFile(s.log)
	return string(b)
}

func findBin() (string, error) {
	if d := os.Getenv("KHABAR_PG_BIN"); d != "" {
		if isBin(d) {
			return d, nil
		}
		return "", fmt.Errorf("%w: no initdb and pg_ctl in KHABAR_PG_BIN=%s", ErrUnavailable, d)
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if isBin(d) {
			return d, nil
		}
	}
	if p, err := exec.LookPath("pg_ctl"); err == nil && isBin(filepath.Dir(p)) {
		return filepath.Dir(p), nil
	}
	return "", ErrUnavailable
}

func version(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

func isBin(dir string) bool {
	for _, p := range []string{"initdb", "pg_ctl", "postgres", "psql"} {
		fi, err := os.Stat(filepath.Join(dir, p))
		if err != nil || fi.IsDir() || fi.Mode()&0o111 == 0 {
			return false
		}
	}
	return true
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// WaitReady waits until the server accepts TCP connections or ctx ends.
func (s *Server) WaitReady(ctx context.Context) error {
	addr := "127.0.0.1:" + strconv.Itoa(s.port)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("pgtest: %s not ready: %w", addr, errors.Join(err, ctx.Err()))
		case <-time.After(50 * time.Millisecond):
		}
	}
}
