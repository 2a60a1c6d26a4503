package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/ncruces/go-sqlite3"

	"github.com/khabar/khabar/store"
	"github.com/khabar/khabar/story"
)

// Stories. Put clusters the documents it stores into stories (package
// story) and records each story and each document's membership; the
// clusterer lives in memory and a story.Tracker rebuilds it from these
// tables, so that a reopened store, or another process writing it,
// continues the same stories.

// storyMigration adds the story tables (schema version 6). Documents
// stored before have no story.
const storyMigration = `
CREATE TABLE stories (
	id         INTEGER PRIMARY KEY,
	uid        TEXT NOT NULL UNIQUE, -- the uid of its first document
	label      TEXT NOT NULL DEFAULT '',
	first_seen TEXT NOT NULL, -- store.StoryTime
	last_seen  TEXT NOT NULL,
	articles   INTEGER NOT NULL DEFAULT 0,
	sources    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX stories_last ON stories(last_seen);
CREATE TABLE story_docs (
	doc   INTEGER PRIMARY KEY REFERENCES documents(id),
	story INTEGER NOT NULL REFERENCES stories(id),
	seq   INTEGER NOT NULL UNIQUE -- story.Recorded.Seq
);
CREATE INDEX story_docs_story ON story_docs(story, doc);
`

// storyDoc is a document Put stored, to cluster.
type storyDoc struct {
	id      int64
	uid     string
	cluster string
	p       *prepared
}

// assignStories clusters docs, stored in w's transaction, and records
// their stories. It returns the last Seq recorded, for Tracker.Done.
func (s *DB) assignStories(w *writer, docs []storyDoc) (int64, error) {
	cost := &s.storyCost
	t0 := time.Now()
	defer func() { cost.Record += time.Since(t0) }()
	c, seq, err := s.tracker.Sync(storyLoader{w})
	if err != nil {
		return 0, err
	}
	now, _ := time.Parse(time.RFC3339, w.now)
	member := make([]string, len(docs))
	var order []string
	spans := map[string]*store.StorySpan{}
	for i, d := range docs {
		sp := d.p.story
		cost.Prepare += d.p.storyTime
		if sp.Article.ID == "" { // not prepared by Put
			tp := time.Now()
			sp = s.tracker.Prepare(story.FromStored(d.uid, "", d.p.title, d.p.src, d.p.doc.Analysis))
			cost.Prepare += time.Since(tp)
		}
		sp.Article.ID, sp.Article.Duplicate = d.uid, d.cluster
		a := &sp.Article
		as, err := c.AddPrepared(sp)
		if err != nil {
			return 0, err
		}
		member[i] = as.Story
		if spans[as.Story] == nil {
			spans[as.Story] = &store.StorySpan{}
			order = append(order, as.Story)
		}
		spans[as.Story].Add(a.Published, now)
	}
	cost.Articles += int64(len(docs))
	cost.Cluster += time.Since(t0)
	t0 = time.Now() // the deferred call adds the time spent recording
	rows := make(map[string]int64, len(order))
	for _, sid := range order {
		sum, _ := c.Story(sid)
		first, last := store.StoryTime(spans[sid].First), store.StoryTime(spans[sid].Last)
		var id int64
		if _, err := w.int64(&id, `INSERT INTO stories (uid, label, first_seen, last_seen) VALUES (?,?,?,?)
			ON CONFLICT (uid) DO UPDATE SET label = excluded.label,
				first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen)
			RETURNING id`, sid, sum.Label, first, last); err != nil {
			return 0, fmt.Errorf("recording story %s: %w", sid, err)
		}
		rows[sid] = id
	}
	for i, d := range docs {
		seq++
		if err := w.exec(`INSERT INTO story_docs (doc, story, seq) VALUES (?,?,?)`, d.id, rows[member[i]], seq); err != nil {
			return 0, fmt.Errorf("recording the story of %s: %w", d.uid, err)
		}
	}
	for _, sid := range order {
		if err := w.exec(`UPDATE stories SET articles = (SELECT count(*) FROM story_docs WHERE story = ?1),
			sources = (SELECT count(DISTINCT d.source) FROM story_docs m JOIN documents d ON d.id = m.doc
				WHERE m.story = ?1 AND d.source != '') WHERE id = ?1`, rows[sid]); err != nil {
			return 0, fmt.Errorf("counting story %s: %w", sid, err)
		}
	}
	return seq, nil
}

// StoryStats is what clustering stored documents into stories has cost
// a DB since it was opened, in Put and in the clustering of documents
// stored without a story.
type StoryStats struct {
	Articles int64 // articles clustered
	// Prepare is the time spent preparing them for the clusterer
	// (story.Tracker.Prepare), summed over the goroutines that prepare
	// a batch in parallel.
	Prepare time.Duration
	// Cluster is the writer's time in the clusterer: bringing it up to
	// the stories recorded (story.Tracker.Sync) and adding the articles.
	Cluster time.Duration
	// Record is the writer's time writing their stories and
	// memberships to the story tables.
	Record time.Duration
	// Stories is the number of stories the writer's clusterer holds in
	// memory, and Open those of them still open (story.Tracker.Held).
	Stories, Open int
}

// StoryStats returns what story clustering has cost s so far; all zero
// when s does not cluster (Options.NoStories, ReadOnly). It waits for a
// Put in progress to end, and counting the open stories is a pass over
// the stories in memory.
func (s *DB) StoryStats() StoryStats {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	st := s.storyCost
	if s.tracker != nil {
		st.Stories, st.Open = s.tracker.Held()
	}
	return st
}

// backfillStories clusters the documents that have no story, in the
// order they were stored: those stored before the story tables existed
// (schema version 6) or with Options.NoStories. It does nothing when
// s does not cluster.
func (s *DB) backfillStories(ctx context.Context) error {
	if s.tracker == nil {
		return nil
	}
	for {
		n, err := s.backfillStoryBatch(ctx, 500)
		if err != nil {
			return fmt.Errorf("clustering stored documents into stories: %w", err)
		}
		if n == 0 {
			return nil
		}
	}
}

func (s *DB) backfillStoryBatch(ctx context.Context, limit int) (n int, err error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var seq int64
	clustered := false
	err = s.write(ctx, func(w *writer) error {
		st, err := w.stmt(`SELECT d.id, d.uid, coalesce(f.uid, d.uid), d.title, d.source, b.text, b.analysis
			FROM documents d JOIN bodies b ON b.id = d.id LEFT JOIN clusters c ON c.doc = d.id LEFT JOIN documents f ON f.id = c.cluster
			WHERE NOT EXISTS (SELECT 1 FROM story_docs m WHERE m.doc = d.id) ORDER BY d.id LIMIT ?`, []any{limit})
		if err != nil {
			return err
		}
		var docs []storyDoc
		for st.Step() {
			d := storyDoc{id: st.ColumnInt64(0), uid: st.ColumnText(1), cluster: st.ColumnText(2)}
			a, err := store.DecodeAnalysis(st.ColumnRawText(6), st.ColumnText(5))
			if err != nil {
				st.Reset()
				return fmt.Errorf("document %s: %w", d.uid, err)
			}
			d.p = &prepared{doc: &store.Document{Analysis: a}, title: st.ColumnText(3), src: st.ColumnText(4)}
			docs = append(docs, d)
		}
		if err := st.Reset(); err != nil || len(docs) == 0 {
			return err
		}
		clustered = true
		seq, err = s.assignStories(w, docs)
		n = len(docs)
		return err
	})
	if clustered {
		s.tracker.Done(seq, err == nil)
	}
	return n, err
}

// storyLoader reads the story records in a write transaction.
type storyLoader struct{ w *writer }

// Latest implements story.Loader.
func (l storyLoader) Latest() (int64, time.Time, error) {
	var seq int64
	var last string
	_, err := l.w.row(`SELECT coalesce((SELECT max(seq) FROM story_docs), 0), coalesce((SELECT max(last_seen) FROM stories), '')`,
		func(st *sqlite3.Stmt) { seq, last = st.ColumnInt64(0), st.ColumnText(1) })
	if err != nil || last == "" {
		return seq, time.Time{}, err
	}
	t, err := time.Parse(time.RFC3339, last)
	return seq, t, err
}

// Recorded implements story.Loader.
func (l storyLoader) Recorded(after int64, open time.Time) ([]story.Recorded, error) {
	since := ""
	if !open.IsZero() {
		since = store.StoryTime(open)
	}
	st, err := l.w.stmt(`SELECT m.seq, s.uid, d.uid, coalesce(f.uid, d.uid), d.title, d.source, b.text, b.analysis
		FROM story_docs m JOIN stories s ON s.id = m.story JOIN documents d ON d.id = m.doc JOIN bodies b ON b.id = d.id
			LEFT JOIN clusters c ON c.doc = d.id LEFT JOIN documents f ON f.id = c.cluster
		WHERE m.seq > ? AND s.last_seen >= ? ORDER BY m.seq`, []any{after, since})
	if err != nil {
		return nil, err
	}
	var out []story.Recorded
	for st.Step() {
		r := story.Recorded{Seq: st.ColumnInt64(0), Story: st.ColumnText(1)}
		uid := st.ColumnText(2)
		a, err := store.DecodeAnalysis(st.ColumnRawText(7), st.ColumnText(6))
		if err != nil {
			st.Reset()
			return nil, fmt.Errorf("document %s: %w", uid, err)
		}
		r.Article = story.FromStored(uid, st.ColumnText(3), st.ColumnText(4), st.ColumnText(5), a)
		out = append(out, r)
	}
	return out, st.Reset()
}

// Stories implements store.Store.
func (s *DB) Stories(ctx context.Context, f store.StoryFilter) ([]store.StoryInfo, error) {
	f = f.WithDefaults()
	var docs []string
	if !f.Query.Empty() {
		res, err := s.Search(ctx, f.SearchRequest())
		if err != nil {
			return nil, err
		}
		if len(res.Hits) == 0 {
			return []store.StoryInfo{}, nil
		}
		for _, h := range res.Hits {
			docs = append(docs, h.ID)
		}
	}
	tx, end, err := s.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer end()
	var where []string
	var args []any
	if !f.Since.IsZero() {
		where = append(where, `s.last_seen >= ?`)
		args = append(args, store.StoryTime(f.Since))
	}
	if !f.Until.IsZero() {
		where = append(where, `s.first_seen < ?`)
		args = append(args, store.StoryTime(f.Until))
	}
	if docs != nil {
		js, _ := json.Marshal(docs)
		where = append(where, `s.id IN (SELECT m.story FROM story_docs m JOIN documents d ON d.id = m.doc
			WHERE d.uid IN (SELECT value FROM json_each(?)))`)
		args = append(args, string(js))
	}
	cond := ""
	if len(where) > 0 {
		cond = "WHERE " + strings.Join(where, " AND ")
	}
	out := []store.StoryInfo{}
	err = queryRows(ctx, tx, func(r *sql.Rows) error {
		info, err := scanStory(r)
		out = append(out, info)
		return err
	}, `SELECT s.uid, s.label, s.first_seen, s.last_seen, s.articles, s.sources FROM stories s `+cond+`
		ORDER BY s.last_seen DESC, s.id DESC LIMIT ? OFFSET ?`, append(args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: stories: %w", err)
	}
	return out, nil
}

// scanStory reads a row of uid, label, first_seen, last_seen, articles
// and sources.
func scanStory(r interface{ Scan(...any) error }) (store.StoryInfo, error) {
	var info store.StoryInfo
	var first, last string
	if err := r.Scan(&info.ID, &info.Label, &first, &last, &info.Articles, &info.Sources); err != nil {
		return info, err
	}
	info.First, _ = time.Parse(time.RFC3339, first)
	info.Last, _ = time.Parse(time.RFC3339, last)
	return info, nil
}

// Story implements store.Store.
func (s *DB) Story(ctx context.Context, id string) (*store.StoryPage, error) {
	tx, end, err := s.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer end()
	var row int64
	p := &store.StoryPage{Entities: []store.EntityCount{}, Places: []store.EntityCount{}, Dates: []store.DateCount{},
		Events: []store.EventRecord{}, Articles: []store.StoryArticle{}}
	r := tx.QueryRowContext(ctx, `SELECT s.id, s.uid, s.label, s.first_seen, s.last_seen, s.articles, s.sources FROM stories s WHERE s.uid = ?`, id)
	var first, last string
	err = r.Scan(&row, &p.Story.ID, &p.Story.Label, &first, &last, &p.Story.Articles, &p.Story.Sources)
	if notFound(err) {
		return nil, fmt.Errorf("sqlite: story %q: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: story %q: %w", id, err)
	}
	p.Story.First, _ = time.Parse(time.RFC3339, first)
	p.Story.Last, _ = time.Parse(time.RFC3339, last)
	if err := storyParts(ctx, tx, row, p); err != nil {
		return nil, fmt.Errorf("sqlite: story %q: %w", id, err)
	}
	return p, nil
}

// storyParts reads a story's entities, places, dates, events and articles.
func storyParts(ctx context.Context, tx *sql.Tx, row int64, p *store.StoryPage) error {
	for _, part := range []struct {
		cond string
		dst  *[]store.EntityCount
	}{{`e.type != 'LOC'`, &p.Entities}, {`e.type = 'LOC'`, &p.Places}} {
		err := queryRows(ctx, tx, func(r *sql.Rows) error {
			var c store.EntityCount
			e := &c.Entity
			err := r.Scan(&e.Key, &e.Type, &e.Name, &e.KBID, &e.Wikidata, &e.Country, &c.Count)
			e.Documents = c.Count
			*part.dst = append(*part.dst, c)
			return err
		}, `SELECT e.key, e.type, e.name, e.kb_id, e.wikidata, e.country, count(*) n
			FROM story_docs m JOIN doc_entities x ON x.doc = m.doc JOIN entities e ON e.id = x.entity
			WHERE m.story = ? AND `+part.cond+` GROUP BY e.id ORDER BY n DESC, e.key LIMIT ?`, row, store.StoryTop)
		if err != nil {
			return fmt.Errorf("entities: %w", err)
		}
	}
	err := queryRows(ctx, tx, func(r *sql.Rows) error {
		var d store.DateCount
		err := r.Scan(&d.Value, &d.Count)
		p.Dates = append(p.Dates, d)
		return err
	}, `SELECT dt.value, count(DISTINCT dt.doc) n FROM story_docs m JOIN dates dt ON dt.doc = m.doc
		WHERE m.story = ? AND dt.value != '' GROUP BY dt.value ORDER BY n DESC, dt.value LIMIT ?`, row, store.StoryTop)
	if err != nil {
		return fmt.Errorf("dates: %w", err)
	}
	err = queryRows(ctx, tx, func(r *sql.Rows) error {
		var e store.EventRecord
		var actors string
		err := r.Scan(&e.DocID, &e.Type, &e.Mode, &e.Date, &e.Place, &actors, &e.Evidence)
		e.Actors = []string{}
		if actors != "" {
			e.Actors = strings.Split(actors, "\x1f")
		}
		p.Events = append(p.Events, e)
		return err
	}, `SELECT d.uid, ev.type, ev.mode, ev.date, coalesce(pl.key, ''),
			coalesce((SELECT group_concat(a.key, char(31)) FROM (SELECT e.key FROM event_actors x
				JOIN entities e ON e.id = x.entity WHERE x.event = ev.id ORDER BY e.key) a), ''),
			ev.evidence
		FROM story_docs m JOIN events ev ON ev.doc = m.doc JOIN documents d ON d.id = ev.doc
			LEFT JOIN entities pl ON pl.id = ev.place
		WHERE m.story = ? ORDER BY ev.date, ev.id LIMIT ?`, row, store.StoryEvents)
	if err != nil {
		return fmt.Errorf("events: %w", err)
	}
	err = queryRows(ctx, tx, func(r *sql.Rows) error {
		var a store.StoryArticle
		err := r.Scan(&a.ID, &a.Title, &a.URL, &a.Source, &a.Published)
		p.Articles = append(p.Articles, a)
		return err
	}, `SELECT d.uid, d.title, coalesce(d.url, ''), d.source, d.published FROM story_docs m JOIN documents d ON d.id = m.doc
		WHERE m.story = ? ORDER BY d.published = '', d.published, m.seq LIMIT ?`, row, store.MaxStoryArticles)
	if err != nil {
		return fmt.Errorf("articles: %w", err)
	}
	return nil
}

// StoriesOf implements store.Store.
func (s *DB) StoriesOf(ctx context.Context, ids []string) (map[string]string, error) {
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	tx, end, err := s.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer end()
	js, _ := json.Marshal(ids)
	err = queryRows(ctx, tx, func(r *sql.Rows) error {
		var doc, st string
		err := r.Scan(&doc, &st)
		out[doc] = st
		return err
	}, `SELECT d.uid, s.uid FROM documents d JOIN story_docs m ON m.doc = d.id JOIN stories s ON s.id = m.story
		WHERE d.uid IN (SELECT value FROM json_each(?))`, string(js))
	if err != nil {
		return nil, fmt.Errorf("sqlite: stories of documents: %w", err)
	}
	return out, nil
}
