package queue

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/khabar/khabar"
)

func TestReplay(t *testing.T) {
	c := startCluster(t, 1)
	conn := connect(t, c.URLs())
	db := openStore(t)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	docs := synthDocs(t, 6)
	for i := range docs[:3] {
		docs[i].Name = fmt.Sprintf("flaky-%d", i)
	}
	publishAll(t, ctx, conn, PublisherOptions{}, docs)

	var fixed atomic.Bool
	a := flaky{testPipeline(t), &fixed}
	opt := WorkerOptions{Concurrency: 2, MaxDeliver: 1, AckWait: 5 * time.Second}
	stop := runWorkers(t, c.URLs(), 1, a, db, opt)
	waitFor(t, 45*time.Second, "3 stored and 3 dead", func() (bool, string) {
		st, err := conn.Status(ctx)
		if err != nil {
			return false, err.Error()
		}
		return st.Messages == 0 && st.DeadLetters == 3, fmt.Sprintf("%+v", st)
	})
	if sum := stop(); sum.Stored != 3 || sum.Dead != 3 {
		t.Fatalf("first run: workers %+v, want 3 stored and 3 dead", sum)
	}

	// A dead letter of a document that is stored already (docs[4]), as a
	// copy failing after the original was stored would leave.
	stored := newMsg(DeadSubject, mustEncode(t, docs[4]))
	stored.Header.Set(jetstream.MsgIDHeader, ID(docs[4]))
	stored.Header.Set(HeaderError, "copy failed")
	if _, err := conn.JetStream().PublishMsg(ctx, stored); err != nil {
		t.Fatal(err)
	}
	// A replay interrupted after its publish and before the removal of
	// the dead letter: the first dead letter is on Subject already.
	dead, err := conn.JetStream().Stream(ctx, DeadStream)
	if err != nil {
		t.Fatal(err)
	}
	first, err := dead.GetMsg(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if dup, err := conn.replayOne(ctx, first); err != nil || dup {
		t.Fatalf("replayOne = %v, %v; want a new message", dup, err)
	}

	fixed.Store(true)
	steps := []struct {
		max  int
		want ReplayStats
	}{
		{2, ReplayStats{Replayed: 1, Duplicates: 1, Remaining: 2}}, // seq 1 (already published) and 2
		{0, ReplayStats{Replayed: 2, Remaining: 0}},                // seq 3 and the stored copy
		{0, ReplayStats{}}, // nothing left: a no-op
	}
	for i, s := range steps {
		got, err := conn.Replay(ctx, s.max)
		if err != nil {
			t.Fatalf("replay %d: %v", i, err)
		}
		if got != s.want {
			t.Errorf("replay %d (max %d) = %+v, want %+v", i, s.max, got, s.want)
		}
	}

	stop = runWorkers(t, c.URLs(), 1, a, db, opt)
	var sum WorkerStats
	waitFor(t, 45*time.Second, "the replayed documents", func() (bool, string) {
		st, err := conn.Status(ctx)
		if err != nil {
			return false, err.Error()
		}
		return st.Messages == 0 && st.AckPending == 0 && st.Lag == 0, fmt.Sprintf("%+v", st)
	})
	sum = stop()
	if sum.Stored != 3 || sum.Duplicates != 1 || sum.Dead != 0 {
		t.Errorf("after the replay: workers %+v, want 3 stored and 1 duplicate", sum)
	}
	stats, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Documents != len(docs) {
		t.Errorf("store has %d documents, want %d (one copy each)", stats.Documents, len(docs))
	}
	for _, d := range docs {
		if _, err := db.Lookup(ctx, d.URL); err != nil {
			t.Errorf("%s: %v", d.URL, err)
		}
	}
	if st, err := conn.Status(ctx); err != nil || st.DeadLetters != 0 {
		t.Errorf("status after the replay: %+v, %v; want no dead letters", st, err)
	}
}

func TestReplayID(t *testing.T) {
	cases := []struct {
		id, replayOf string
		seq          uint64
		want         string
	}{
		{"https://example.test/1", "", 7, "https://example.test/1#replay-7"},
		{"https://example.test/1#replay-7", "7", 9, "https://example.test/1#replay-9"},
		{"https://example.test/a#replay-x", "", 2, "https://example.test/a#replay-x#replay-2"}, // not a replay: kept whole
		{"", "", 1, "#replay-1"},
	}
	for _, c := range cases {
		m := &jetstream.RawStreamMsg{Sequence: c.seq, Header: map[string][]string{}}
		m.Header.Set(jetstream.MsgIDHeader, c.id)
		if c.replayOf != "" {
			m.Header.Set(HeaderReplayOf, c.replayOf)
		}
		if got := replayID(m); got != c.want {
			t.Errorf("replayID(%q, replay of %q, seq %d) = %q, want %q", c.id, c.replayOf, c.seq, got, c.want)
		}
	}
}

func mustEncode(tb testing.TB, d khabar.RawDocument) []byte {
	tb.Helper()
	data, err := Encode(d)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}
