package queue

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// HeaderReplayOf marks a replayed document with the sequence its dead
// letter had in DeadStream.
const HeaderReplayOf = "Khabar-Replay-Of"

// ReplayStats counts what Replay did.
type ReplayStats struct {
	Replayed   int    `json:"replayed"`   // dead letters put back on Subject
	Duplicates int    `json:"duplicates"` // already put back by an earlier, interrupted replay
	Remaining  uint64 `json:"remaining"`  // dead letters left in DeadStream
}

// Replay moves up to max dead letters, oldest first, back onto Subject
// for the workers to try again; max <= 0 moves them all. Each one is
// published with its original headers (the dead-letter ones removed),
// and removed from DeadStream only once the stream has acknowledged it.
// Dead letters that arrive while Replay runs (a replayed document failing
// again) are left for the next call, so Replay always ends.
//
// Replaying is idempotent. The message ID of a replayed document is its
// identity (see ID) followed by "#replay-" and its dead-letter sequence,
// so a replay interrupted between the publish and the removal publishes
// a copy that the stream drops as a duplicate when run again (within the
// duplicate window), while the suffix keeps a replay from being dropped
// as a duplicate of the document's first publication. A replayed
// document that is already stored is a duplicate to the store, which
// knows documents by URL and content: the workers count it as such and
// store no second copy.
func (c *Conn) Replay(ctx context.Context, max int) (st ReplayStats, err error) {
	dead, err := c.js.Stream(ctx, DeadStream)
	if err != nil {
		return st, fmt.Errorf("queue: replay: stream %s: %w", DeadStream, err)
	}
	info, err := dead.Info(ctx)
	if err != nil {
		return st, fmt.Errorf("queue: replay: stream %s: %w", DeadStream, err)
	}
	defer func() {
		// Best effort: the count is informative, the moves are done.
		if info, ierr := dead.Info(context.WithoutCancel(ctx)); ierr == nil {
			st.Remaining = info.State.Msgs
		}
	}()
	for seq := info.State.FirstSeq; seq != 0 && seq <= info.State.LastSeq && (max <= 0 || st.Replayed+st.Duplicates < max); seq++ {
		if err := ctx.Err(); err != nil {
			return st, fmt.Errorf("queue: replay: %w", err)
		}
		m, err := dead.GetMsg(ctx, seq)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			continue
		}
		if err != nil {
			return st, fmt.Errorf("queue: replay: dead letter %d: %w", seq, err)
		}
		dup, err := c.replayOne(ctx, m)
		if err != nil {
			return st, fmt.Errorf("queue: replay: dead letter %d (%s): %w", seq, m.Header.Get(jetstream.MsgIDHeader), err)
		}
		if err := dead.DeleteMsg(ctx, seq); err != nil && !errors.Is(err, jetstream.ErrMsgNotFound) {
			return st, fmt.Errorf("queue: replay: remove dead letter %d: %w", seq, err)
		}
		if dup {
			st.Duplicates++
		} else {
			st.Replayed++
		}
	}
	return st, nil
}

// replayOne publishes the dead letter m to Subject and reports whether
// the stream already had it.
func (c *Conn) replayOne(ctx context.Context, m *jetstream.RawStreamMsg) (duplicate bool, err error) {
	out := newMsg(Subject, m.Data)
	for k, v := range m.Header {
		switch k {
		case HeaderError, HeaderDeliveries, HeaderStreamSeq, HeaderReplayOf, jetstream.MsgIDHeader:
			continue
		}
		out.Header[k] = v
	}
	out.Header.Set(jetstream.MsgIDHeader, replayID(m))
	out.Header.Set(HeaderReplayOf, strconv.FormatUint(m.Sequence, 10))
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	ack, err := c.js.PublishMsg(ctx, out)
	if err != nil {
		return false, err
	}
	return ack.Duplicate, nil
}

// replayID is the message ID of a replayed dead letter: the document's
// identity (without the suffix of an earlier replay), then "#replay-" and
// the dead letter's sequence.
func replayID(m *jetstream.RawStreamMsg) string {
	id := m.Header.Get(jetstream.MsgIDHeader)
	if m.Header.Get(HeaderReplayOf) != "" {
		if i := strings.LastIndex(id, replaySuffix); i >= 0 {
			id = id[:i]
		}
	}
	return id + replaySuffix + strconv.FormatUint(m.Sequence, 10)
}

const replaySuffix = "#replay-"
