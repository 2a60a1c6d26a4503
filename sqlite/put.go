package sqlite

import (
	"context"
	"fmt"
	"math/bits"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/ncruces/go-sqlite3"
	"github.com/ncruces/go-sqlite3/driver"

	"github.com/khabar/khabar/dedup"
	"github.com/khabar/khabar/store"
	"github.com/khabar/khabar/story"
)

// Put implements store.Store: one immediate transaction for the batch.
//
// It works in three overlapping steps. What depends on one document
// alone (content hash, Analysis JSON, MinHash signature, entity keys,
// full-text tokens) is prepared on all cores, starting before the write
// lock is taken. One connection writes the rows of each document, in
// order, through SQLite's own statement API as soon as that document is
// prepared, so that writing overlaps the preparation of the documents
// after it. The full-text index is filled last, by one statement for the
// whole batch: FTS5 writes its pending terms out as a new segment
// whenever a later statement of the transaction opens a savepoint, so
// indexing each document between the other tables' writes made hundreds
// of small segments to merge.
func (s *DB) Put(ctx context.Context, docs []store.Document) ([]store.PutResult, error) {
	for i := range docs {
		if err := store.Validate(&docs[i]); err != nil {
			return nil, fmt.Errorf("sqlite: put document %d (%s): %w", i, store.DocName(&docs[i]), err)
		}
	}
	done, err := s.begin()
	if err != nil {
		return nil, err
	}
	defer done()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: put: %w", err)
	}
	preps := s.prepare(docs)
	defer preps.stop()

	s.wmu.Lock()
	defer s.wmu.Unlock()
	res := make([]store.PutResult, len(docs))
	if s.lsh == nil {
		s.lsh = &bandFilter{maxDoc: -1}
	}
	var clustered bool
	var storySeq int64
	err = s.write(ctx, func(w *writer) error {
		if err := s.lsh.sync(w); err != nil {
			return fmt.Errorf("put: near-duplicate filter: %w", err)
		}
		w.bands = s.lsh
		w.entities = map[string]int64{}
		w.now = time.Now().UTC().Format(time.RFC3339)
		var stored []int64
		var storyDocs []storyDoc
		ready := make(map[string][]ftsToken, 2*len(docs))
		for i := range docs {
			p := preps.wait(i)
			r, id, err := w.put(p)
			if err != nil {
				return fmt.Errorf("put document %d (%s): %w", i, store.DocName(p.doc), err)
			}
			res[i] = r
			if r.Status == store.Stored {
				stored = append(stored, id)
				storyDocs = append(storyDocs, storyDoc{id: id, uid: r.ID, cluster: r.Cluster, p: p})
				ready[p.title] = p.titleToks
				ready[p.doc.Analysis.Text] = p.textToks
			}
		}
		if len(stored) == 0 {
			return nil
		}
		if s.tracker != nil {
			clustered = true
			if storySeq, err = s.assignStories(w, storyDocs); err != nil {
				return fmt.Errorf("put: stories: %w", err)
			}
		}
		s.tok.offer(ready)
		defer s.tok.offer(nil)
		if err := w.index(stored); err != nil {
			return fmt.Errorf("put: indexing text: %w", err)
		}
		return nil
	})
	if clustered {
		s.tracker.Done(storySeq, err == nil)
	}
	if err != nil {
		s.lsh.maxDoc = -1 // rolled back: rebuild from the table
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	return res, nil
}

// prepared is what storing one document needs that depends on the
// document alone.
type prepared struct {
	doc *store.Document

	url, hash, uid, title string
	place, published      string
	src, author           string

	js    []byte // the Analysis without text and tokens
	jsErr error

	sig  dedup.Signature
	keys []int64 // LSH band keys of sig

	entities []store.EntityRow // by Analysis.Entities
	evidence []string          // by Analysis.Events

	titleToks, textToks []ftsToken // for the tokenizer handover

	story     story.Prepared // for the clusterer; its ID is "" when not prepared
	storyTime time.Duration  // spent preparing story
}

// preparation is the preparation of a batch, in progress on other
// goroutines.
type preparation struct {
	out   []prepared
	ready []chan struct{} // ready[i] is closed when out[i] is prepared
	next  atomic.Int64    // the next document to claim
	wg    sync.WaitGroup
}

// prepare starts preparing docs on up to GOMAXPROCS goroutines. The
// documents are claimed in order, so that they become ready roughly in
// the order the writer needs them.
func (s *DB) prepare(docs []store.Document) *preparation {
	p := &preparation{out: make([]prepared, len(docs)), ready: make([]chan struct{}, len(docs))}
	for i := range p.ready {
		p.ready[i] = make(chan struct{})
	}
	workers := min(runtime.GOMAXPROCS(0), (len(docs)+3)/4)
	for range workers {
		p.wg.Go(func() {
			for {
				i := int(p.next.Add(1)) - 1
				if i >= len(docs) {
					return
				}
				s.prepareOne(&docs[i], &p.out[i])
				close(p.ready[i])
			}
		})
	}
	return p
}

// wait returns document i once it is prepared.
func (p *preparation) wait(i int) *prepared {
	<-p.ready[i]
	return &p.out[i]
}

// stop makes the workers claim no more documents and waits for them, so
// that none outlives Put.
func (p *preparation) stop() {
	p.next.Store(int64(len(p.out)))
	p.wg.Wait()
}

func (s *DB) prepareOne(d *store.Document, p *prepared) {
	a := d.Analysis
	p.doc = d
	row := store.RowOf(d)
	p.url, p.title, p.place, p.published = row.URL, row.Title, row.Place, row.Published
	p.src, p.author = row.Source, row.Author
	p.hash = store.ContentHash(a.Text)
	p.uid = store.DocID(p.hash)
	p.js, p.jsErr = store.EncodeAnalysis(a)
	p.sig, p.keys = signature(a.Text)
	p.entities = make([]store.EntityRow, len(a.Entities))
	for i := range a.Entities {
		p.entities[i] = store.EntityRowOf(&a.Entities[i])
	}
	p.evidence = store.Evidence(a)
	p.titleToks = s.tok.tokens(p.title)
	p.textToks = s.tok.tokens(a.Text)
	if s.tracker != nil {
		// The near-duplicate cluster is known once the document is
		// written; assignStories sets it.
		t0 := time.Now()
		p.story = s.tracker.Prepare(story.FromStored(p.uid, "", p.title, p.src, a))
		p.storyTime = time.Since(t0)
	}
}

// write runs fn in one immediate transaction on one connection, through
// SQLite's own API, and commits when fn returns nil.
func (s *DB) write(ctx context.Context, fn func(*writer) error) error {
	conn, err := s.sql.Conn(ctx)
	if err != nil {
		return fmt.Errorf("put: %w", err)
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		rc, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("put: unexpected driver connection %T", dc)
		}
		c := rc.Raw()
		old := c.SetInterrupt(ctx)
		defer c.SetInterrupt(old)
		tx, err := c.BeginImmediate()
		if err != nil {
			return fmt.Errorf("put: begin: %w", err)
		}
		w := &writer{c: c, stmts: map[string]*sqlite3.Stmt{}}
		err = fn(w)
		w.close()
		if err != nil {
			c.SetInterrupt(context.Background()) // roll back even when ctx is done
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			tx.Rollback()
			return fmt.Errorf("put: commit: %w", err)
		}
		return nil
	})
}

// writer holds the prepared statements of one write transaction.
type writer struct {
	c        *sqlite3.Conn
	stmts    map[string]*sqlite3.Stmt
	entities map[string]int64 // entity key → id, within this transaction
	now      string
	rowsSQL  map[rowsKey]string // see execRows
	bands    *bandFilter        // nil: look for near-duplicates by query alone
}

func (w *writer) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

// stmt returns the statement for q, bound to args.
func (w *writer) stmt(q string, args []any) (*sqlite3.Stmt, error) {
	st, ok := w.stmts[q]
	if !ok {
		var err error
		if st, _, err = w.c.Prepare(q); err != nil {
			return nil, err
		}
		w.stmts[q] = st
	}
	for i, a := range args {
		var err error
		switch v := a.(type) {
		case nil:
			err = st.BindNull(i + 1)
		case int64:
			err = st.BindInt64(i+1, v)
		case int:
			err = st.BindInt64(i+1, int64(v))
		case bool:
			err = st.BindBool(i+1, v)
		case string:
			err = st.BindText(i+1, v)
		case []byte:
			err = st.BindBlob(i+1, v)
		case textBytes:
			err = st.BindRawText(i+1, v)
		default:
			err = fmt.Errorf("cannot bind a %T", a)
		}
		if err != nil {
			st.Reset()
			return nil, err
		}
	}
	return st, nil
}

// textBytes binds as TEXT rather than BLOB.
type textBytes []byte

// exec runs a statement that returns no row.
func (w *writer) exec(q string, args ...any) error {
	st, err := w.stmt(q, args)
	if err != nil {
		return err
	}
	return st.Exec()
}

// row runs a statement and calls scan on its first row, if any; ok
// says whether there was one.
func (w *writer) row(q string, scan func(*sqlite3.Stmt), args ...any) (ok bool, err error) {
	st, err := w.stmt(q, args)
	if err != nil {
		return false, err
	}
	if st.Step() {
		ok = true
		scan(st)
	}
	if err := st.Reset(); err != nil {
		return false, err
	}
	return ok, nil
}

// text runs a one-row query of one text column.
func (w *writer) text(dst *string, q string, args ...any) (bool, error) {
	return w.row(q, func(st *sqlite3.Stmt) { *dst = st.ColumnText(0) }, args...)
}

// int64 runs a one-row query of one integer column.
func (w *writer) int64(dst *int64, q string, args ...any) (bool, error) {
	return w.row(q, func(st *sqlite3.Stmt) { *dst = st.ColumnInt64(0) }, args...)
}

// put writes one document's rows but for the full-text index and
// returns its row id when it is stored.
func (w *writer) put(p *prepared) (store.PutResult, int64, error) {
	var uid string
	if p.url != "" {
		if ok, err := w.text(&uid, `SELECT uid FROM documents WHERE url = ?`, p.url); err != nil || ok {
			return store.PutResult{ID: uid, Status: store.DuplicateURL}, 0, err
		}
	}
	if ok, err := w.text(&uid, `SELECT uid FROM documents WHERE hash = ?`, p.hash); err != nil || ok {
		return store.PutResult{ID: uid, Status: store.DuplicateContent}, 0, err
	}
	if p.jsErr != nil {
		return store.PutResult{}, 0, fmt.Errorf("encoding analysis: %w", p.jsErr)
	}
	var urlArg any
	if p.url != "" {
		urlArg = p.url
	}
	d, a := p.doc, p.doc.Analysis
	var id int64
	if _, err := w.int64(&id, `INSERT INTO documents (uid, url, hash, source, author, title, published, place_norm,
		ingested, content_type) VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id`,
		p.uid, urlArg, p.hash, p.src, p.author, p.title, p.published, p.place, w.now, d.ContentType); err != nil {
		return store.PutResult{}, 0, fmt.Errorf("inserting document: %w", err)
	}
	if err := w.exec(`INSERT INTO bodies (id, text, analysis, raw) VALUES (?,?,?,?)`, id, a.Text, textBytes(p.js), d.Raw); err != nil {
		return store.PutResult{}, 0, fmt.Errorf("inserting document body: %w", err)
	}
	if err := w.putAnnotations(id, p); err != nil {
		return store.PutResult{}, 0, err
	}
	cluster := p.uid
	if cl, err := w.assignCluster(id, p.sig, p.keys); err != nil {
		return store.PutResult{}, 0, err
	} else if cl != id {
		if _, err := w.text(&cluster, `SELECT uid FROM documents WHERE id = ?`, cl); err != nil {
			return store.PutResult{}, 0, fmt.Errorf("reading cluster: %w", err)
		}
	}
	return store.PutResult{ID: p.uid, Status: store.Stored, Cluster: cluster}, id, nil
}

// index adds the documents with the given row ids, written in this
// transaction, to the full-text index in one statement.
func (w *writer) index(ids []int64) error {
	js := make([]byte, 0, 8*len(ids)+2)
	js = append(js, '[')
	for i, id := range ids {
		if i > 0 {
			js = append(js, ',')
		}
		js = strconv.AppendInt(js, id, 10)
	}
	js = append(js, ']')
	// CROSS JOIN keeps this order: the ids drive the lookups.
	return w.exec(`INSERT INTO fts (rowid, title, text) SELECT d.id, d.title, b.text
		FROM json_each(?) j CROSS JOIN documents d ON d.id = j.value CROSS JOIN bodies b ON b.id = d.id`, string(js))
}

// putAnnotations fills the query tables from the Analysis. Rows of one
// table go in multi-row statements, in the order of the Analysis.
func (w *writer) putAnnotations(doc int64, p *prepared) error {
	a := p.doc.Analysis
	local := make(map[string]int64, len(a.Entities)) // Analysis entity id → entities.id
	var docEnts, mentions []any
	for i, e := range a.Entities {
		eid, err := w.entity(&p.entities[i])
		if err != nil {
			return fmt.Errorf("entity %s: %w", e.ID, err)
		}
		local[e.ID] = eid
		docEnts = append(docEnts, doc, eid, len(e.Mentions))
		for _, m := range e.Mentions {
			mentions = append(mentions, doc, eid, m.Start, m.End, m.Text)
		}
	}
	if err := w.execRows(`INSERT INTO doc_entities (doc, entity, mentions) VALUES `, 3,
		` ON CONFLICT (doc, entity) DO UPDATE SET mentions = mentions + excluded.mentions`, docEnts); err != nil {
		return fmt.Errorf("entities: %w", err)
	}
	if err := w.execRows(`INSERT INTO mentions (doc, entity, start, end, text) VALUES `, 5, "", mentions); err != nil {
		return fmt.Errorf("mentions: %w", err)
	}
	var dates []any
	for _, d := range a.Dates {
		dates = append(dates, doc, d.Start, d.End, d.Text, d.Value, d.Grain, d.Calendar)
	}
	if err := w.execRows(`INSERT INTO dates (doc, start, end, text, value, grain, calendar) VALUES `, 7, "", dates); err != nil {
		return fmt.Errorf("dates: %w", err)
	}
	var quotes, speakers []any
	for _, q := range store.QuoteRows(a, local) {
		quotes = append(quotes, doc, q.Seq, q.Speaker, q.Text, q.Start, q.End, q.Cue, q.Direct, q.SpeakerText, q.Source)
		for pos, e := range q.Speakers {
			speakers = append(speakers, e, doc, q.Seq, pos)
		}
	}
	if err := w.execRows(`INSERT INTO quotes (doc, seq, speaker, text, start, end, cue, direct, speaker_text, source) VALUES `, 10, "", quotes); err != nil {
		return fmt.Errorf("quotes: %w", err)
	}
	if err := w.execRows(`INSERT INTO quote_speakers (entity, doc, seq, pos) VALUES `, 4, "", speakers); err != nil {
		return fmt.Errorf("quote speakers: %w", err)
	}
	for i, ev := range a.Events {
		date := store.Day(ev.Date)
		if date == "" {
			date = p.published
		}
		var eid int64
		if _, err := w.int64(&eid, `INSERT INTO events (doc, type, mode, date, place, start, end, evidence)
			VALUES (?,?,?,?,?,?,?,?) RETURNING id`, doc, strings.ToUpper(ev.Type), ev.Mode, date,
			store.NullID(local, ev.Place), ev.Start, ev.End, p.evidence[i]); err != nil {
			return fmt.Errorf("event %d: %w", i, err)
		}
		var actors []any
		for _, actor := range ev.Actors {
			if ent, ok := local[actor]; ok {
				actors = append(actors, eid, ent)
			}
		}
		if err := w.execRows(`INSERT OR IGNORE INTO event_actors (event, entity) VALUES `, 2, "", actors); err != nil {
			return fmt.Errorf("event %d actors: %w", i, err)
		}
	}
	return nil
}

// maxRowsPerStmt bounds the rows of one multi-row insert.
const maxRowsPerStmt = 32

// execRows runs head, a VALUES list of the rows in args (width values
// each) and tail, in statements of at most maxRowsPerStmt rows. Their
// numbers of rows are powers of two, so that a transaction prepares few
// distinct statements.
func (w *writer) execRows(head string, width int, tail string, args []any) error {
	if width < 1 || len(args)%width != 0 {
		return fmt.Errorf("%d values for rows of %d", len(args), width)
	}
	for len(args) > 0 {
		k := 1 << (bits.Len(uint(min(maxRowsPerStmt, len(args)/width))) - 1)
		key := rowsKey{head, k}
		q, ok := w.rowsSQL[key]
		if !ok {
			row := "(?" + strings.Repeat(",?", width-1) + ")"
			q = head + row + strings.Repeat(","+row, k-1) + tail
			if w.rowsSQL == nil {
				w.rowsSQL = map[rowsKey]string{}
			}
			w.rowsSQL[key] = q
		}
		if err := w.exec(q, args[:k*width]...); err != nil {
			return err
		}
		args = args[k*width:]
	}
	return nil
}

// rowsKey names a multi-row statement: its head and number of rows.
type rowsKey struct {
	head string
	rows int
}

// entity returns the id of e's row in entities, creating it if needed
// and keeping the longest name seen.
func (w *writer) entity(e *store.EntityRow) (int64, error) {
	if id, ok := w.entities[e.Key]; ok {
		return id, nil
	}
	var id int64
	var name string
	ok, err := w.row(`SELECT id, name FROM entities WHERE key = ?`, func(st *sqlite3.Stmt) {
		id, name = st.ColumnInt64(0), st.ColumnText(1)
	}, e.Key)
	switch {
	case err != nil:
		return 0, err
	case !ok:
		if _, err := w.int64(&id, `INSERT INTO entities (key, type, name, norm, kb_id, kb_norm, wikidata, country)
			VALUES (?,?,?,?,?,?,?,?) RETURNING id`, e.Key, e.Type, e.StoredName(), e.Norm, e.KBID,
			e.KBNorm, e.Wikidata, e.Country); err != nil {
			return 0, err
		}
	case e.NameRunes > utf8.RuneCountInString(name) && e.KBName == "":
		if err := w.exec(`UPDATE entities SET name = ? WHERE id = ?`, e.Name, id); err != nil {
			return 0, err
		}
	}
	w.entities[e.Key] = id
	return id, nil
}
