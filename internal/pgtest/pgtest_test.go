package pgtest_test

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/khabar/khabar/internal/pgtest"
)

func TestServer(t *testing.T) {
	s := pgtest.New(t)
	ctx := context.Background()
	u1, err := s.CreateDB(ctx)
	if err != nil {
		t.Fatal(err)
	}
	u2, err := s.CreateDB(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if u1 == u2 || !strings.HasPrefix(u1, "postgres://postgres@127.0.0.1:") {
		t.Errorf("URLs %q %q", u1, u2)
	}
	if err := s.Restart(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	if err := s.Stop(); err != nil {
		t.Errorf("second Stop: %v", err)
	}
}

// TestReaper kills a process that started a server without stopping it:
// the server must still go away, with its files.
func TestReaper(t *testing.T) {
	if os.Getenv("PGTEST_REAPER_CHILD") == "1" {
		s, err := pgtest.Start(context.Background())
		if err != nil {
			fmt.Println("ERR", err)
			os.Exit(1)
		}
		fmt.Println("PORT", s.Port())
		time.Sleep(time.Minute) // killed before this ends
		return
	}
	if testing.Short() {
		t.Skip("starts a server in a child process")
	}
	pgtest.New(t) // skips without PostgreSQL
	cmd := exec.Command(os.Args[0], "-test.run=^TestReaper$")
	cmd.Env = append(os.Environ(), "PGTEST_REAPER_CHILD=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var port int
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if _, err := fmt.Sscanf(sc.Text(), "PORT %d", &port); err == nil {
			break
		}
	}
	if port == 0 {
		cmd.Process.Kill()
		t.Fatal("child did not start a server")
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	if c, err := net.Dial("tcp", addr); err != nil {
		t.Fatalf("server not listening: %v", err)
	} else {
		c.Close()
	}
	cmd.Process.Kill()
	cmd.Wait()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			return // gone
		}
		c.Close()
	}
	t.Errorf("server on %s still running 30 s after its owner was killed", addr)
}

// TestStandby streams a primary's writes to its hot standby, before and
// after the standby is halted and resumed, and sees the standby refuse
// writes.
func TestStandby(t *testing.T) {
	p := pgtest.New(t)
	ctx := context.Background()
	db := p.NewDB(t)
	if _, err := p.Query(ctx, db, "CREATE TABLE t (v int); INSERT INTO t VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	st := p.NewStandby(t)
	if st.Port() == p.Port() {
		t.Fatalf("standby on the primary's port %d", p.Port())
	}
	if got := st.SameDB(db); got != strings.Replace(db, fmt.Sprint(p.Port()), fmt.Sprint(st.Port()), 1) {
		t.Errorf("SameDB(%s) = %s", db, got)
	}
	check := func(want string) {
		t.Helper()
		if err := st.WaitReplay(ctx, p); err != nil {
			t.Fatal(err)
		}
		got, err := st.Query(ctx, db, "SELECT string_agg(v::text, ',' ORDER BY v) FROM t")
		if err != nil || got != want {
			t.Fatalf("standby has %q (%v), want %q", got, err, want)
		}
	}
	check("1")
	if got, err := st.Query(ctx, db, "SELECT pg_is_in_recovery()"); err != nil || got != "t" {
		t.Errorf("pg_is_in_recovery() on the standby = %q, %v", got, err)
	}
	if _, err := st.Query(ctx, db, "INSERT INTO t VALUES (9)"); err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("insert on the standby: %v, want a read-only error", err)
	}
	if _, err := p.Query(ctx, db, "INSERT INTO t VALUES (2)"); err != nil {
		t.Fatal(err)
	}
	check("1,2")
	if err := st.Halt(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Query(ctx, db, "INSERT INTO t VALUES (3)"); err != nil {
		t.Fatal(err)
	}
	if err := st.Resume(ctx); err != nil {
		t.Fatal(err)
	}
	check("1,2,3")
}
