package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/ncruces/go-sqlite3"

	"github.com/khabar/khabar/search"
)

// Grouping search hits by story (search.Request.GroupStories). The
// docIndex keeps each document's story and the sequence number of its
// story_docs row (story.Recorded.Seq): story_docs is only inserted
// into, and a document may get its story after it was stored (stores
// written with NoStories are clustered later), so the index loads the
// rows by sequence number, as it loads documents by row id, and a
// search ignores those above its snapshot's highest.

// syncStories brings the stories of the index's documents up to the
// snapshot of c's open transaction and returns its highest sequence
// number. The caller has synced the documents to that snapshot (every
// story_docs row names a document of it) and holds no lock of ix.
func (ix *docIndex) syncStories(c *sqlite3.Conn) (int64, error) {
	seq, err := scalarInt64(c, `SELECT coalesce(max(seq), 0) FROM story_docs`)
	if err != nil {
		return 0, fmt.Errorf("stories: %w", err)
	}
	if seq >= maxIndexedRowID {
		return 0, errNotIndexable
	}
	ix.mu.RLock()
	current := ix.maxStorySeq >= seq
	ix.mu.RUnlock()
	if current {
		return seq, nil
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.maxStorySeq >= seq {
		return seq, nil
	}
	type row struct{ doc, story, seq int64 }
	var rows []row
	err = each(c, `SELECT doc, story, seq FROM story_docs WHERE seq > ? AND seq <= ?`, []any{ix.maxStorySeq, seq},
		func(st *sqlite3.Stmt) error {
			r := row{st.ColumnInt64(0), st.ColumnInt64(1), st.ColumnInt64(2)}
			if r.story <= 0 || r.story >= maxIndexedRowID {
				return errNotIndexable
			}
			rows = append(rows, r)
			return nil
		})
	if err != nil {
		return 0, fmt.Errorf("loading the stories of the search index: %w", err)
	}
	for _, r := range rows {
		if ix.present(r.doc) {
			d := &ix.docs[r.doc]
			d.story, d.storySeq = uint32(r.story), uint32(r.seq)
			ix.maxStory = max(ix.maxStory, uint32(r.story))
		}
	}
	ix.maxStorySeq = seq
	return seq, nil
}

// storyOf returns the row id of document id's story in the snapshot
// whose highest story sequence number is seq, 0 for none.
func (ix *docIndex) storyOf(id uint32, seq int64) uint32 {
	d := &ix.docs[id]
	if d.story == 0 || int64(d.storySeq) > seq {
		return 0
	}
	return d.story
}

// storyGroups is the outcome of groupStories: the matches it was given
// with their stories and, by story row id, the index of the best of
// them and their number.
type storyGroups struct {
	ix      *docIndex
	seq     int64
	all     []match
	stories []uint32     // the story row id of each of all, 0 for none
	dense   []storyGroup // by story row id, when many matches
	byID    map[uint32]storyGroup
}

type storyGroup struct {
	best int32 // index into all
	n    int32 // matches of the story
	page bool  // its best match is on the result page (pageGroups)
}

func (g *storyGroups) get(story uint32) storyGroup {
	if g.dense != nil {
		return g.dense[story]
	}
	return g.byID[story]
}

func (g *storyGroups) set(story uint32, sg storyGroup) {
	if g.dense != nil {
		g.dense[story] = sg
	} else {
		g.byID[story] = sg
	}
}

// groupStories keeps the best match of each story (by the order of a
// result page) and every match of no story. ms is left as it was: the
// matches kept are a new slice, in ms's order. It takes time linear in
// len(ms), and memory linear in it or in the number of stories.
func groupStories(ix *docIndex, ms []match, seq int64) ([]match, *storyGroups) {
	g := &storyGroups{ix: ix, seq: seq, all: ms}
	if len(ms) >= int(ix.maxStory)/8 {
		g.dense = make([]storyGroup, ix.maxStory+1)
	} else {
		g.byID = make(map[uint32]storyGroup, len(ms))
	}
	// The stories are looked up once: the documents' records are spread
	// over the index, those of the matches rarely in the cache.
	g.stories = make([]uint32, len(ms))
	for i, m := range ms {
		s := ix.storyOf(m.id, seq)
		if s == 0 {
			continue
		}
		g.stories[i] = s
		sg := g.get(s)
		if sg.n == 0 || before(m, ms[sg.best]) {
			sg.best = int32(i)
		}
		sg.n++
		g.set(s, sg)
	}
	kept := make([]match, 0, len(ms))
	for i, m := range ms {
		if s := g.stories[i]; s == 0 || g.get(s).best == int32(i) {
			kept = append(kept, m)
		}
	}
	return kept, g
}

// pageGroups returns, for each match of the page that stands for a
// story, the story's row id and the other matches folded into it, best
// first, at most search.MaxStoryHitIDs of them, and their number.
func (g *storyGroups) pageGroups(page []match) map[uint32]*pageGroup {
	out := map[uint32]*pageGroup{} // by story row id
	for _, m := range page {
		if s := g.ix.storyOf(m.id, g.seq); s != 0 {
			sg := g.get(s)
			out[s] = &pageGroup{rep: m.id, hits: int(sg.n) - 1}
			if sg.n > 1 {
				sg.page = true
				g.set(s, sg)
			}
		}
	}
	if len(out) == 0 {
		return out
	}
	for i, s := range g.stories {
		if s != 0 && g.get(s).page {
			if pg := out[s]; g.all[i].id != pg.rep {
				pg.ids = append(pg.ids, g.all[i])
			}
		}
	}
	for _, pg := range out {
		pg.ids = topK(pg.ids, search.MaxStoryHitIDs)
	}
	return out
}

// pageGroup is a story of a result page: its best hit and the others.
type pageGroup struct {
	rep  uint32
	hits int
	ids  []match
}

// storyNames returns the uids of stories by row id.
func storyNames(c *sqlite3.Conn, ids []uint32) (map[uint32]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	js, _ := json.Marshal(ids)
	names := make(map[uint32]string, len(ids))
	err := each(c, `SELECT id, uid FROM stories WHERE id IN (SELECT value FROM json_each(?))`, []any{string(js)},
		func(st *sqlite3.Stmt) error {
			names[uint32(st.ColumnInt64(0))] = st.ColumnText(1)
			return nil
		})
	return names, err
}

// groupSQL is groupStories for searchSQL: it keeps in temp.m only the
// best hit of each story and returns the others by the hit they were
// folded into, best first.
func groupSQL(ctx context.Context, conn *sql.Conn) (copySet, error) {
	return foldSQL(ctx, conn, `SELECT rep, id FROM (
			SELECT x.id, first_value(x.id) OVER w AS rep, row_number() OVER w AS rk FROM (
				SELECT m.id, m.score, m.published, sd.story FROM temp.m m CROSS JOIN story_docs sd ON sd.doc = m.id) x
			WINDOW w AS (PARTITION BY x.story ORDER BY x.score DESC, x.published DESC, x.id DESC))
		WHERE rk > 1 ORDER BY rep, rk`)
}

// fillStoriesSQL sets Story, StoryHits and StoryHitIDs of the hits of a
// search grouped by searchSQL.
func fillStoriesSQL(ctx context.Context, conn *sql.Conn, hits []search.Hit, folded copySet) error {
	if len(hits) == 0 {
		return nil
	}
	uids := make([]string, len(hits))
	for i, h := range hits {
		uids[i] = h.ID
	}
	js, _ := json.Marshal(uids)
	rows, err := conn.QueryContext(ctx, `SELECT d.uid, d.id, s.uid FROM documents d JOIN story_docs sd ON sd.doc = d.id
		JOIN stories s ON s.id = sd.story WHERE d.uid IN (SELECT value FROM json_each(?))`, string(js))
	if err != nil {
		return err
	}
	type rowStory struct {
		id    int64
		story string
	}
	of := map[string]rowStory{}
	for rows.Next() {
		var uid string
		var r rowStory
		if err := rows.Scan(&uid, &r.id, &r.story); err != nil {
			rows.Close()
			return err
		}
		of[uid] = r
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var want []int64
	for _, h := range hits {
		fs := folded[of[h.ID].id]
		want = append(want, fs[:min(len(fs), search.MaxStoryHitIDs)]...)
	}
	names, err := uidsOf(ctx, conn, want)
	if err != nil {
		return err
	}
	for i := range hits {
		r, ok := of[hits[i].ID]
		if !ok {
			continue
		}
		fs := folded[r.id]
		hits[i].Story, hits[i].StoryHits = r.story, len(fs)
		for _, id := range fs[:min(len(fs), search.MaxStoryHitIDs)] {
			hits[i].StoryHitIDs = append(hits[i].StoryHitIDs, names[id])
		}
	}
	return nil
}

// uidsOf returns the uids of documents by row id.
func uidsOf(ctx context.Context, conn *sql.Conn, ids []int64) (map[int64]string, error) {
	names := make(map[int64]string, len(ids))
	if len(ids) == 0 {
		return names, nil
	}
	js, _ := json.Marshal(ids)
	rows, err := conn.QueryContext(ctx, `SELECT id, uid FROM documents WHERE id IN (SELECT value FROM json_each(?))`, string(js))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var uid string
		if err := rows.Scan(&id, &uid); err != nil {
			return nil, err
		}
		names[id] = uid
	}
	return names, rows.Err()
}
