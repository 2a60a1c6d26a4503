package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/khabar/khabar/store"
	"github.com/khabar/khabar/story"
)

// Stories. Put clusters the documents it stores into stories (package
// story) and records each story and each document's membership. The
// clusterer lives in memory; a story.Tracker rebuilds it from these
// tables, so that a restarted process, or another one writing the same
// database, continues the same stories. Clustering is sequential: a Put
// takes the story lock (lockStories, after all its other locks, see
// locks.go) for its last step, and holds it, with DB.storyMu for the
// Puts of this process, until it commits.

// storyMigration adds the story tables (schema version 6). Documents
// stored before get a story from backfillStories when the database is
// next opened for writing.
const storyMigration = `
CREATE TABLE stories (
	id         bigserial PRIMARY KEY,
	uid        text COLLATE "C" NOT NULL UNIQUE, -- the uid of its first document
	label      text NOT NULL DEFAULT '',
	first_seen timestamptz NOT NULL,
	last_seen  timestamptz NOT NULL,
	articles   integer NOT NULL DEFAULT 0,
	sources    integer NOT NULL DEFAULT 0
);
CREATE INDEX stories_last ON stories(last_seen);
CREATE TABLE story_docs (
	doc   bigint PRIMARY KEY REFERENCES documents(id),
	story bigint NOT NULL REFERENCES stories(id),
	seq   bigint NOT NULL UNIQUE -- story.Recorded.Seq
);
CREATE INDEX story_docs_story ON story_docs(story, doc);
`

// lockStories is the advisory lock of story clustering.
const lockStories = 0x6b686162_6172_0003

// storyDoc is a stored document to cluster.
type storyDoc struct {
	id                          int64
	uid, cluster, title, source string
	a                           *store.Document
	prep                        *story.Prepared // nil, or its ID "": not prepared
}

// storyWrite is the clustering step of one write transaction.
type storyWrite struct {
	db        *DB
	locked    bool
	clustered bool
	seq       int64
}

// begin takes the story locks; end must follow.
func (sw *storyWrite) begin(ctx context.Context, tx pgx.Tx) error {
	sw.db.storyMu.Lock()
	sw.locked = true
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(lockStories)); err != nil {
		return fmt.Errorf("story lock: %w", err)
	}
	return nil
}

// end reports the transaction's outcome to the tracker and releases
// DB.storyMu.
func (sw *storyWrite) end(committed bool) {
	if sw.clustered {
		sw.db.tracker.Done(sw.seq, committed)
		sw.clustered = false
	}
	if sw.locked {
		sw.locked = false
		sw.db.storyMu.Unlock()
	}
}

// assign clusters docs, stored in tx, and records their stories.
func (sw *storyWrite) assign(ctx context.Context, tx pgx.Tx, docs []storyDoc, now time.Time) error {
	c, seq, err := sw.db.tracker.Sync(storyLoader{ctx, tx})
	if err != nil {
		return err
	}
	sw.clustered, sw.seq = true, seq
	member := make([]string, len(docs))
	var order []string
	spans := map[string]*store.StorySpan{}
	for i, d := range docs {
		var sp story.Prepared
		if d.prep != nil && d.prep.Article.ID != "" {
			sp = *d.prep
		} else {
			sp = sw.db.tracker.Prepare(story.FromStored(d.uid, "", d.title, d.source, d.a.Analysis))
		}
		sp.Article.ID, sp.Article.Duplicate = d.uid, d.cluster
		a := &sp.Article
		as, err := c.AddPrepared(sp)
		if err != nil {
			return err
		}
		member[i] = as.Story
		if spans[as.Story] == nil {
			spans[as.Story] = &store.StorySpan{}
			order = append(order, as.Story)
		}
		spans[as.Story].Add(a.Published, now)
	}
	rows := make(map[string]int64, len(order))
	for _, sid := range order {
		sum, _ := c.Story(sid)
		first, last := spans[sid].First, spans[sid].Last
		var id int64
		if err := tx.QueryRow(ctx, `INSERT INTO stories (uid, label, first_seen, last_seen) VALUES ($1, $2, $3, $4)
			ON CONFLICT (uid) DO UPDATE SET label = excluded.label,
				first_seen = least(stories.first_seen, excluded.first_seen), last_seen = greatest(stories.last_seen, excluded.last_seen)
			RETURNING id`, sid, clean(sum.Label), first, last).Scan(&id); err != nil {
			return fmt.Errorf("recording story %s: %w", sid, err)
		}
		rows[sid] = id
	}
	members := make([][]any, len(docs))
	for i, d := range docs {
		seq++
		members[i] = []any{d.id, rows[member[i]], seq}
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"story_docs"}, []string{"doc", "story", "seq"}, pgx.CopyFromRows(members)); err != nil {
		return fmt.Errorf("recording stories: %w", err)
	}
	sw.seq = seq
	ids := make([]int64, 0, len(rows))
	for _, id := range rows {
		ids = append(ids, id)
	}
	if _, err := tx.Exec(ctx, `UPDATE stories s SET articles = (SELECT count(*) FROM story_docs WHERE story = s.id),
		sources = (SELECT count(DISTINCT d.source) FROM story_docs m JOIN documents d ON d.id = m.doc
			WHERE m.story = s.id AND d.source <> '') WHERE s.id = ANY($1)`, ids); err != nil {
		return fmt.Errorf("counting stories: %w", err)
	}
	return nil
}

// storyLoader reads the story records in a write transaction.
type storyLoader struct {
	ctx context.Context
	tx  pgx.Tx
}

// Latest implements story.Loader.
func (l storyLoader) Latest() (int64, time.Time, error) {
	var seq int64
	var last *time.Time
	err := l.tx.QueryRow(l.ctx, `SELECT coalesce((SELECT max(seq) FROM story_docs), 0), (SELECT max(last_seen) FROM stories)`).Scan(&seq, &last)
	if err != nil || last == nil {
		return seq, time.Time{}, err
	}
	return seq, last.UTC(), nil
}

// Recorded implements story.Loader.
func (l storyLoader) Recorded(after int64, open time.Time) ([]story.Recorded, error) {
	rows, err := l.tx.Query(l.ctx, `SELECT m.seq, s.uid, d.uid, coalesce(f.uid, d.uid), d.title, d.source, b.text, b.analysis
		FROM story_docs m JOIN stories s ON s.id = m.story JOIN documents d ON d.id = m.doc JOIN bodies b ON b.id = d.id
			LEFT JOIN clusters c ON c.doc = d.id LEFT JOIN documents f ON f.id = c.cluster
		WHERE m.seq > $1 AND ($2::timestamptz IS NULL OR s.last_seen >= $2) ORDER BY m.seq`, after, nullTime(open))
	if err != nil {
		return nil, err
	}
	var out []story.Recorded
	var r story.Recorded
	var uid, cluster, title, source, js string
	var text []byte
	_, err = pgx.ForEachRow(rows, []any{&r.Seq, &r.Story, &uid, &cluster, &title, &source, &text, &js}, func() error {
		a, err := store.DecodeAnalysis([]byte(js), string(text))
		if err != nil {
			return fmt.Errorf("document %s: %w", uid, err)
		}
		r.Article = story.FromStored(uid, cluster, title, source, a)
		out = append(out, r)
		return nil
	})
	return out, err
}

func nullTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// backfillStories clusters the documents that have no story, in the
// order they were stored: those stored before schema version 6 or with
// Options.NoStories. It does nothing when s does not cluster.
func (s *DB) backfillStories(ctx context.Context) error {
	if s.tracker == nil {
		return nil
	}
	for {
		n := 0
		sw := &storyWrite{db: s}
		committed := false
		err := func() error {
			defer func() { sw.end(committed) }()
			tx, err := s.pool.Begin(ctx)
			if err != nil {
				return err
			}
			defer tx.Rollback(context.WithoutCancel(ctx))
			if err := sw.begin(ctx, tx); err != nil {
				return err
			}
			rows, err := tx.Query(ctx, `SELECT d.id, d.uid, coalesce(f.uid, d.uid), d.title, d.source, b.text, b.analysis
				FROM documents d JOIN bodies b ON b.id = d.id LEFT JOIN clusters c ON c.doc = d.id LEFT JOIN documents f ON f.id = c.cluster
				WHERE NOT EXISTS (SELECT 1 FROM story_docs m WHERE m.doc = d.id) ORDER BY d.id LIMIT 500`)
			if err != nil {
				return err
			}
			var docs []storyDoc
			var d storyDoc
			var text []byte
			var js string
			if _, err := pgx.ForEachRow(rows, []any{&d.id, &d.uid, &d.cluster, &d.title, &d.source, &text, &js}, func() error {
				a, err := store.DecodeAnalysis([]byte(js), string(text))
				if err != nil {
					return fmt.Errorf("document %s: %w", d.uid, err)
				}
				x := d
				x.a = &store.Document{Analysis: a}
				docs = append(docs, x)
				return nil
			}); err != nil {
				return err
			}
			if n = len(docs); n == 0 {
				return nil
			}
			if err := sw.assign(ctx, tx, docs, time.Now().UTC()); err != nil {
				return err
			}
			if err := tx.Commit(ctx); err != nil {
				return err
			}
			committed = true
			return nil
		}()
		if err != nil {
			return fmt.Errorf("clustering stored documents into stories: %w", err)
		}
		if n == 0 {
			return nil
		}
	}
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
	var out []store.StoryInfo
	err := s.readTx(ctx, func(tx pgx.Tx) error {
		out = []store.StoryInfo{}
		var where []string
		var args []any
		arg := func(v any) string {
			args = append(args, v)
			return fmt.Sprintf("$%d", len(args))
		}
		if !f.Since.IsZero() {
			where = append(where, `s.last_seen >= `+arg(f.Since))
		}
		if !f.Until.IsZero() {
			where = append(where, `s.first_seen < `+arg(f.Until))
		}
		if docs != nil {
			where = append(where, `s.id IN (SELECT m.story FROM story_docs m JOIN documents d ON d.id = m.doc WHERE d.uid = ANY(`+arg(docs)+`))`)
		}
		cond := ""
		if len(where) > 0 {
			cond = "WHERE " + strings.Join(where, " AND ")
		}
		var info store.StoryInfo
		return forEach(ctx, tx, []any{&info.ID, &info.Label, &info.First, &info.Last, &info.Articles, &info.Sources}, func() {
			x := info
			x.First, x.Last = x.First.UTC(), x.Last.UTC()
			out = append(out, x)
		}, `SELECT s.uid, s.label, s.first_seen, s.last_seen, s.articles, s.sources FROM stories s `+cond+`
			ORDER BY s.last_seen DESC, s.id DESC LIMIT `+arg(f.Limit)+` OFFSET `+arg(f.Offset), args...)
	})
	if err != nil {
		return nil, s.wrap("stories", err)
	}
	return out, nil
}

// Story implements store.Store.
func (s *DB) Story(ctx context.Context, id string) (*store.StoryPage, error) {
	if clean(id) != id {
		return nil, fmt.Errorf("postgres: story %q: %w", id, store.ErrNotFound)
	}
	var p *store.StoryPage
	err := s.readTx(ctx, func(tx pgx.Tx) error {
		p = &store.StoryPage{Entities: []store.EntityCount{}, Places: []store.EntityCount{}, Dates: []store.DateCount{},
			Events: []store.EventRecord{}, Articles: []store.StoryArticle{}}
		var row int64
		info := &p.Story
		err := tx.QueryRow(ctx, `SELECT s.id, s.uid, s.label, s.first_seen, s.last_seen, s.articles, s.sources FROM stories s WHERE s.uid = $1`, id).
			Scan(&row, &info.ID, &info.Label, &info.First, &info.Last, &info.Articles, &info.Sources)
		if err != nil {
			return err
		}
		info.First, info.Last = info.First.UTC(), info.Last.UTC()
		return storyParts(ctx, tx, row, p)
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: story %q: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, s.wrap(fmt.Sprintf("story %q", id), err)
	}
	return p, nil
}

// storyParts reads a story's entities, places, dates, events and articles.
func storyParts(ctx context.Context, tx pgx.Tx, row int64, p *store.StoryPage) error {
	for _, part := range []struct {
		cond string
		dst  *[]store.EntityCount
	}{{`e.type <> 'LOC'`, &p.Entities}, {`e.type = 'LOC'`, &p.Places}} {
		var c store.EntityCount
		e := &c.Entity
		err := forEach(ctx, tx, []any{&e.Key, &e.Type, &e.Name, &e.KBID, &e.Wikidata, &e.Country, &c.Count}, func() {
			x := c
			x.Entity.Documents = x.Count
			*part.dst = append(*part.dst, x)
		}, `SELECT e.key, e.type, e.name, e.kb_id, e.wikidata, e.country, count(*)::integer n
			FROM story_docs m JOIN doc_entities x ON x.doc = m.doc JOIN entities e ON e.id = x.entity
			WHERE m.story = $1 AND `+part.cond+` GROUP BY e.id ORDER BY n DESC, e.key LIMIT $2`, row, store.StoryTop)
		if err != nil {
			return fmt.Errorf("entities: %w", err)
		}
	}
	var d store.DateCount
	err := forEach(ctx, tx, []any{&d.Value, &d.Count}, func() { p.Dates = append(p.Dates, d) },
		`SELECT dt.value, count(DISTINCT dt.doc)::integer n FROM story_docs m JOIN dates dt ON dt.doc = m.doc
		WHERE m.story = $1 AND dt.value <> '' GROUP BY dt.value ORDER BY n DESC, dt.value LIMIT $2`, row, store.StoryTop)
	if err != nil {
		return fmt.Errorf("dates: %w", err)
	}
	var e store.EventRecord
	err = forEach(ctx, tx, []any{&e.DocID, &e.Type, &e.Mode, &e.Date, &e.Place, &e.Actors, &e.Evidence}, func() {
		rec := e
		rec.Actors = append([]string{}, e.Actors...)
		p.Events = append(p.Events, rec)
	}, `SELECT d.uid, ev.type, ev.mode, ev.date, coalesce(pl.key, ''),
			coalesce((SELECT array_agg(e.key ORDER BY e.key) FROM event_actors x
				JOIN entities e ON e.id = x.entity WHERE x.event = ev.id), '{}'),
			ev.evidence
		FROM story_docs m JOIN events ev ON ev.doc = m.doc JOIN documents d ON d.id = ev.doc
			LEFT JOIN entities pl ON pl.id = ev.place
		WHERE m.story = $1 ORDER BY ev.date, ev.id LIMIT $2`, row, store.StoryEvents)
	if err != nil {
		return fmt.Errorf("events: %w", err)
	}
	var a store.StoryArticle
	err = forEach(ctx, tx, []any{&a.ID, &a.Title, &a.URL, &a.Source, &a.Published}, func() { p.Articles = append(p.Articles, a) },
		`SELECT d.uid, d.title, coalesce(d.url, ''), d.source, d.published FROM story_docs m JOIN documents d ON d.id = m.doc
		WHERE m.story = $1 ORDER BY d.published = '', d.published, m.seq LIMIT $2`, row, store.MaxStoryArticles)
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
	clean := make([]string, 0, len(ids))
	for _, id := range ids {
		if x := cleanID(id); x != "" {
			clean = append(clean, x)
		}
	}
	err := s.readTx(ctx, func(tx pgx.Tx) error {
		var doc, st string
		return forEach(ctx, tx, []any{&doc, &st}, func() { out[doc] = st },
			`SELECT d.uid, s.uid FROM documents d JOIN story_docs m ON m.doc = d.id JOIN stories s ON s.id = m.story
			WHERE d.uid = ANY($1)`, clean)
	})
	if err != nil {
		return nil, s.wrap("stories of documents", err)
	}
	return out, nil
}

// cleanID returns id when PostgreSQL can hold it as text, else "".
func cleanID(id string) string {
	if clean(id) != id {
		return ""
	}
	return id
}
