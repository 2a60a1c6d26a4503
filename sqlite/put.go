package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/store"
)

// Put implements store.Store: one immediate transaction for the batch.
func (s *DB) Put(ctx context.Context, docs []store.Document) ([]store.PutResult, error) {
	for i := range docs {
		if err := store.Validate(&docs[i]); err != nil {
			return nil, fmt.Errorf("sqlite: put document %d (%s): %w", i, docName(&docs[i]), err)
		}
	}
	done, err := s.begin()
	if err != nil {
		return nil, err
	}
	defer done()
	s.wmu.Lock()
	defer s.wmu.Unlock()

	tx, err := s.sql.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: put: %w", err)
	}
	defer tx.Rollback()
	w := &writer{ctx: ctx, tx: tx, stmts: map[string]*sql.Stmt{}, entities: map[string]int64{}, now: time.Now().UTC().Format(time.RFC3339)}
	defer w.close()
	res := make([]store.PutResult, len(docs))
	for i := range docs {
		r, err := w.put(&docs[i])
		if err != nil {
			return nil, fmt.Errorf("sqlite: put document %d (%s): %w", i, docName(&docs[i]), err)
		}
		res[i] = r
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: put: commit: %w", err)
	}
	return res, nil
}

func docName(d *store.Document) string {
	if d.URL != "" {
		return d.URL
	}
	if d.Analysis != nil && d.Analysis.URL != "" {
		return d.Analysis.URL
	}
	return "no URL"
}

// writer holds the prepared statements of one Put transaction.
type writer struct {
	ctx      context.Context
	tx       *sql.Tx
	stmts    map[string]*sql.Stmt
	entities map[string]int64 // entity key → id, within this transaction
	now      string
}

func (w *writer) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

func (w *writer) stmt(q string) (*sql.Stmt, error) {
	if st, ok := w.stmts[q]; ok {
		return st, nil
	}
	st, err := w.tx.PrepareContext(w.ctx, q)
	if err != nil {
		return nil, err
	}
	w.stmts[q] = st
	return st, nil
}

func (w *writer) exec(q string, args ...any) error {
	st, err := w.stmt(q)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(w.ctx, args...)
	return err
}

// scalar runs a one-row query; ok is false when it returns no row.
func (w *writer) scalar(dst any, q string, args ...any) (ok bool, err error) {
	st, err := w.stmt(q)
	if err != nil {
		return false, err
	}
	err = st.QueryRowContext(w.ctx, args...).Scan(dst)
	if notFound(err) {
		return false, nil
	}
	return err == nil, err
}

func (w *writer) put(d *store.Document) (store.PutResult, error) {
	a := d.Analysis
	url := first(d.URL, a.URL)
	hash := store.ContentHash(a.Text)
	var uid string
	if url != "" {
		if ok, err := w.scalar(&uid, `SELECT uid FROM documents WHERE url = ?`, url); err != nil || ok {
			return store.PutResult{ID: uid, Status: store.DuplicateURL}, err
		}
	}
	if ok, err := w.scalar(&uid, `SELECT uid FROM documents WHERE hash = ?`, hash); err != nil || ok {
		return store.PutResult{ID: uid, Status: store.DuplicateContent}, err
	}
	uid = store.DocID(hash)

	title := d.Title
	if title == "" && a.Title != nil {
		title = a.Title.Text
	}
	place := ""
	if a.Dateline != nil {
		place = store.NormalizeName(a.Dateline.Place)
	}
	published := validDay(a.Published)
	slim := *a
	slim.Text, slim.Tokens = "", nil
	js, err := json.Marshal(&slim)
	if err != nil {
		return store.PutResult{}, fmt.Errorf("encoding analysis: %w", err)
	}
	var urlArg any
	if url != "" {
		urlArg = url
	}
	var id int64
	if _, err := w.scalar(&id, `INSERT INTO documents (uid, url, hash, source, author, title, published, place_norm,
		ingested, content_type) VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id`,
		uid, urlArg, hash, first(d.Source, a.Source), first(d.Author, a.Author), title, published, place,
		w.now, d.ContentType); err != nil {
		return store.PutResult{}, fmt.Errorf("inserting document: %w", err)
	}
	if err := w.exec(`INSERT INTO bodies (id, text, analysis, raw) VALUES (?,?,?,?)`, id, a.Text, string(js), d.Raw); err != nil {
		return store.PutResult{}, fmt.Errorf("inserting document body: %w", err)
	}
	if err := w.exec(`INSERT INTO fts (rowid, title, text) VALUES (?,?,?)`, id, title, a.Text); err != nil {
		return store.PutResult{}, fmt.Errorf("indexing text: %w", err)
	}
	if err := w.putAnnotations(id, a, published); err != nil {
		return store.PutResult{}, err
	}
	cluster := uid
	if cl, err := w.assignCluster(id, a.Text); err != nil {
		return store.PutResult{}, err
	} else if cl != id {
		if _, err := w.scalar(&cluster, `SELECT uid FROM documents WHERE id = ?`, cl); err != nil {
			return store.PutResult{}, fmt.Errorf("reading cluster: %w", err)
		}
	}
	return store.PutResult{ID: uid, Status: store.Stored, Cluster: cluster}, nil
}

// putAnnotations fills the query tables from the Analysis.
func (w *writer) putAnnotations(doc int64, a *khabar.Analysis, published string) error {
	local := make(map[string]int64, len(a.Entities)) // Analysis entity id → entities.id
	for _, e := range a.Entities {
		eid, err := w.entity(e)
		if err != nil {
			return fmt.Errorf("entity %s: %w", e.ID, err)
		}
		local[e.ID] = eid
		if err := w.exec(`INSERT INTO doc_entities (doc, entity, mentions) VALUES (?,?,?)
			ON CONFLICT (doc, entity) DO UPDATE SET mentions = mentions + excluded.mentions`, doc, eid, len(e.Mentions)); err != nil {
			return fmt.Errorf("entity %s: %w", e.ID, err)
		}
		for _, m := range e.Mentions {
			if err := w.exec(`INSERT INTO mentions (doc, entity, start, end, text) VALUES (?,?,?,?,?)`,
				doc, eid, m.Start, m.End, m.Text); err != nil {
				return fmt.Errorf("mention of %s: %w", e.ID, err)
			}
		}
	}
	for _, d := range a.Dates {
		if err := w.exec(`INSERT INTO dates (doc, start, end, text, value, grain, calendar) VALUES (?,?,?,?,?,?,?)`,
			doc, d.Start, d.End, d.Text, d.Value, d.Grain, d.Calendar); err != nil {
			return fmt.Errorf("date %q: %w", d.Text, err)
		}
	}
	for i, q := range a.Quotes {
		if err := w.exec(`INSERT INTO quotes (doc, seq, speaker, text, start, end, cue, direct) VALUES (?,?,?,?,?,?,?,?)`,
			doc, i, nullID(local, q.Speaker), q.Text, q.Start, q.End, q.Cue, q.Direct); err != nil {
			return fmt.Errorf("quote %d: %w", i, err)
		}
	}
	var runes []rune // a.Text as runes, made on the first event
	for i, ev := range a.Events {
		if runes == nil {
			runes = []rune(a.Text)
		}
		date := validDay(ev.Date)
		if date == "" {
			date = published
		}
		var eid int64
		if _, err := w.scalar(&eid, `INSERT INTO events (doc, type, mode, date, place, start, end, evidence)
			VALUES (?,?,?,?,?,?,?,?) RETURNING id`, doc, strings.ToUpper(ev.Type), ev.Mode, date,
			nullID(local, ev.Place), ev.Start, ev.End, runeSlice(runes, ev.Start, ev.End)); err != nil {
			return fmt.Errorf("event %d: %w", i, err)
		}
		for _, actor := range ev.Actors {
			if ent, ok := local[actor]; ok {
				if err := w.exec(`INSERT OR IGNORE INTO event_actors (event, entity) VALUES (?,?)`, eid, ent); err != nil {
					return fmt.Errorf("event %d actor %s: %w", i, actor, err)
				}
			}
		}
	}
	return nil
}

// entity returns the id of e's row in entities, creating it if needed
// and keeping the longest name seen.
func (w *writer) entity(e khabar.Entity) (int64, error) {
	var kbID, kbName, wikidata, country string
	if e.KB != nil {
		kbID, kbName, wikidata, country = e.KB.ID, e.KB.Name, e.KB.Wikidata, e.KB.Country
	}
	key := store.EntityKey(e.Type, e.Name, kbID)
	if id, ok := w.entities[key]; ok {
		return id, nil
	}
	var id int64
	var name string
	st, err := w.stmt(`SELECT id, name FROM entities WHERE key = ?`)
	if err != nil {
		return 0, err
	}
	switch err := st.QueryRowContext(w.ctx, key).Scan(&id, &name); {
	case notFound(err):
		typ := e.Type
		if typ == "" {
			typ = "MISC"
		}
		if _, err := w.scalar(&id, `INSERT INTO entities (key, type, name, norm, kb_id, kb_norm, wikidata, country)
			VALUES (?,?,?,?,?,?,?,?) RETURNING id`, key, typ, first(kbName, e.Name), store.NormalizeName(e.Name), kbID,
			store.NormalizeName(kbName), wikidata, country); err != nil {
			return 0, err
		}
	case err != nil:
		return 0, err
	case len([]rune(e.Name)) > len([]rune(name)) && kbName == "":
		if err := w.exec(`UPDATE entities SET name = ? WHERE id = ?`, e.Name, id); err != nil {
			return 0, err
		}
	}
	w.entities[key] = id
	return id, nil
}

func nullID(local map[string]int64, ref string) any {
	if id, ok := local[ref]; ok {
		return id
	}
	return nil
}

func first(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// validDay returns s when it starts with a YYYY-MM-DD date (that date),
// else "".
func validDay(s string) string {
	if len(s) < 10 {
		return ""
	}
	if _, err := time.Parse("2006-01-02", s[:10]); err != nil {
		return ""
	}
	return s[:10]
}

// runeSlice returns runes[start:end] clamped to the text.
func runeSlice(runes []rune, start, end int) string {
	start = max(0, min(start, len(runes)))
	end = max(start, min(end, len(runes)))
	return string(runes[start:end])
}
