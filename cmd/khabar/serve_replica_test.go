package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/khabar/khabar/internal/pgtest"
	"github.com/khabar/khabar/postgres"
)

func TestServeReplicaUsage(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "--write-db", "postgres://127.0.0.1:1/x"},
		{"serve", "--db", "postgres://127.0.0.1:1/x", "--write-db", "mysql://x"},
		{"serve", "--db-retry", "0s"},
	} {
		if code, _, stderr := runCLI(t, "", args...); code != 2 || !strings.Contains(stderr, "--") {
			t.Errorf("%q: exit %d, stderr %q; want a usage error", args, code, stderr)
		}
	}
}

// TestServeReplica opens khabar serve's store on a hot standby, with and
// without its primary, and ingest on the standby.
func TestServeReplica(t *testing.T) {
	primary := pgtest.New(t)
	wurl := primary.NewDB(t)
	ctx := context.Background()
	db, err := postgres.Open(ctx, wurl, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	standby := primary.NewStandby(t)
	if err := standby.WaitReplay(ctx, primary); err != nil {
		t.Fatal(err)
	}
	rurl := standby.SameDB(wurl)

	var msg bytes.Buffer
	sdb, err := openServeDB(ctx, &msg, "", rurl, wurl, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	r, ok := sdb.store.(*postgres.Replica)
	if !ok || r.Primary() == nil || sdb.watches != any(r.Primary()) {
		t.Errorf("--db standby --write-db primary: store %T, watches %T; want a replica with its primary, watches on the primary", sdb.store, sdb.watches)
	}
	sdb.store.Close()

	msg.Reset()
	sdb, err = openServeDB(ctx, &msg, "", rurl, "", time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := sdb.store.(*postgres.Replica); !ok || r.Primary() != nil || sdb.watches != nil || !strings.Contains(msg.String(), "read-only") {
		t.Errorf("--db standby alone: store %T, watches %v, message %q; want a read-only replica without watches", sdb.store, sdb.watches, msg.String())
	}
	sdb.store.Close()

	if code, _, stderr := runCLI(t, "", "ingest", "--db", rurl, "../../examples/qatar-nato-ici-2023-09-13.txt"); code != 1 || !strings.Contains(stderr, "hot standby") {
		t.Errorf("ingest --db standby: exit %d, stderr %q; want a hot standby error", code, stderr)
	}
}
