package postgres

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/khabar/khabar/dedup"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
	"github.com/khabar/khabar/story"
)

// Put implements store.Store: one transaction for the batch. Puts from
// any number of goroutines and processes run concurrently, each locking
// only the rows its documents involve (see locks.go). The documents that
// look new are analyzed before the transaction begins; new rows are
// written with COPY. When the server goes away before the commit (a
// restart), or the transaction is chosen as a deadlock victim, the whole
// batch is tried again for up to Options.RetryFor; a failed commit is
// reported, never retried.
func (s *DB) Put(ctx context.Context, docs []store.Document) ([]store.PutResult, error) {
	for i := range docs {
		if err := store.Validate(&docs[i]); err != nil {
			return nil, fmt.Errorf("postgres: put document %d (%s): %w", i, store.DocName(&docs[i]), err)
		}
		if u := store.DocURL(&docs[i]); !utf8.ValidString(u) || strings.IndexByte(u, 0) >= 0 {
			return nil, fmt.Errorf("postgres: put document %d: %w: URL is not valid UTF-8 text", i, store.ErrInvalid)
		}
	}
	done, err := s.begin()
	if err != nil {
		return nil, err
	}
	defer done()
	b := &putBatch{docs: docs, urls: make([]string, len(docs)), hashes: make([]string, len(docs)), preps: make([]*prepared, len(docs)), tracker: s.tracker}
	for i := range docs {
		b.urls[i] = store.DocURL(&docs[i])
		b.hashes[i] = store.ContentHash(docs[i].Analysis.Text)
	}
	// Analysis is the slow part: done outside the transaction, so that
	// its locks are held for the writing only. The transaction decides
	// again and analyzes what it finds new that was not.
	var guess []int
	err = s.retry(ctx, func() error {
		var err error
		guess, err = b.fresh(ctx, s.pool)
		return err
	})
	if err != nil {
		return nil, s.wrap("put", err)
	}
	b.prepare(s.an, guess)
	var res []store.PutResult
	err = s.retry(ctx, func() error {
		tx, err := s.pool.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(context.WithoutCancel(ctx))
		w := &writer{ctx: ctx, tx: tx, an: s.an, now: time.Now().UTC()}
		committed := false
		if s.tracker != nil {
			w.stories = &storyWrite{db: s}
			defer func() { w.stories.end(committed) }()
		}
		if res, err = w.put(b); err != nil {
			return err
		}
		if err := tx.Commit(ctx); err != nil {
			return &commitError{err}
		}
		committed = true
		return nil
	})
	if err != nil {
		return nil, s.wrap("put", err)
	}
	return res, nil
}

// putBatch is the documents of one Put and what is known of them.
type putBatch struct {
	docs   []store.Document
	urls   []string
	hashes []string
	preps  []*prepared // by document; nil until analyzed
	res    []store.PutResult

	tracker *story.Tracker // prepares the documents for it when not nil
}

// querier is what putBatch.fresh needs of a pool or transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// fresh looks up the batch's URLs and hashes, fills b.res, and returns
// the indexes of the documents to store: those neither stored nor
// repeating an earlier document of the batch.
func (b *putBatch) fresh(ctx context.Context, q querier) ([]int, error) {
	byURL, byHash := map[string]string{}, map[string]string{}
	rows, err := q.Query(ctx, `SELECT coalesce(url, ''), hash, uid FROM documents WHERE url = ANY($1) OR hash = ANY($2)`, b.urls, b.hashes)
	if err != nil {
		return nil, fmt.Errorf("looking up duplicates: %w", err)
	}
	var u, h, uid string
	_, err = pgx.ForEachRow(rows, []any{&u, &h, &uid}, func() error {
		if u != "" {
			byURL[u] = uid
		}
		byHash[h] = uid
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("looking up duplicates: %w", err)
	}
	b.res = make([]store.PutResult, len(b.docs))
	var fresh []int
	for i := range b.docs {
		if id, ok := byURL[b.urls[i]]; ok && b.urls[i] != "" {
			b.res[i] = store.PutResult{ID: id, Status: store.DuplicateURL}
			continue
		}
		if id, ok := byHash[b.hashes[i]]; ok {
			b.res[i] = store.PutResult{ID: id, Status: store.DuplicateContent}
			continue
		}
		id := store.DocID(b.hashes[i])
		b.res[i] = store.PutResult{ID: id, Status: store.Stored}
		if b.urls[i] != "" {
			byURL[b.urls[i]] = id
		}
		byHash[b.hashes[i]] = id
		fresh = append(fresh, i)
	}
	return fresh, nil
}

// prepare analyzes the documents of idx not analyzed yet.
func (b *putBatch) prepare(an search.Analyzer, idx []int) {
	var todo []int
	for _, i := range idx {
		if b.preps[i] == nil {
			todo = append(todo, i)
		}
	}
	for k, p := range prepare(an, b.tracker, b.docs, b.hashes, todo) {
		b.preps[todo[k]] = &p
	}
}

// writer gathers the rows of one Put transaction.
type writer struct {
	ctx context.Context
	tx  pgx.Tx
	an  search.Analyzer
	now time.Time

	entities map[string]int64 // entity key → id, within this transaction
	stories  *storyWrite      // nil: no clustering into stories
}

// put locks, decides what is new, then writes it.
func (w *writer) put(b *putBatch) ([]store.PutResult, error) {
	if err := lockIdentities(w.ctx, w.tx, identityKeys(b.urls, b.hashes)); err != nil {
		return nil, err
	}
	fresh, err := b.fresh(w.ctx, w.tx)
	if err != nil {
		return nil, err
	}
	res := slices.Clone(b.res)
	if len(fresh) == 0 {
		return res, nil
	}
	docs := b.docs
	b.prepare(w.an, fresh)
	preps := make([]*prepared, len(fresh))
	var bands []int64
	for k, i := range fresh {
		if preps[k] = b.preps[i]; preps[k].err != nil {
			return nil, fmt.Errorf("document %d (%s): %w", i, store.DocName(&docs[i]), preps[k].err)
		}
		bands = append(bands, preps[k].bands...)
	}
	slices.Sort(bands)
	if err := lockBands(w.ctx, w.tx, slices.Compact(bands)); err != nil {
		return nil, err
	}
	ids, err := w.nextIDs("documents_id_seq", len(fresh))
	if err != nil {
		return nil, err
	}
	if err := w.resolveEntities(docs, fresh); err != nil {
		return nil, err
	}
	batch := &pgx.Batch{}
	var terms int64
	for k, i := range fresh {
		w.document(batch, ids[k], &docs[i], preps[k], b.urls[i], b.hashes[i], res[i].ID)
		terms += int64(preps[k].ix.dl)
	}
	if err := w.tx.SendBatch(w.ctx, batch).Close(); err != nil {
		return nil, fmt.Errorf("inserting documents: %w", err)
	}
	if _, err := w.tx.CopyFrom(w.ctx, pgx.Identifier{"postings"}, []string{"term", "doc", "tf"},
		&postingRows{ids: ids, preps: preps}); err != nil {
		return nil, fmt.Errorf("writing postings: %w", err)
	}
	if err := w.annotations(docs, fresh, ids); err != nil {
		return nil, err
	}
	cds := make([]clusterDoc, len(fresh))
	for k, i := range fresh {
		cds[k] = clusterDoc{id: ids[k], uid: res[i].ID, sig: preps[k].sig, keys: preps[k].bands}
	}
	clusters, err := assignClusters(w.ctx, w.tx, cds)
	if err != nil {
		return nil, err
	}
	for k, i := range fresh {
		res[i].Cluster = clusters[k]
	}
	batch = &pgx.Batch{}
	addCorpus(batch, len(fresh), terms)
	if err := w.tx.SendBatch(w.ctx, batch).Close(); err != nil {
		return nil, fmt.Errorf("corpus statistics: %w", err)
	}
	if w.stories != nil {
		sds := make([]storyDoc, len(fresh))
		for k, i := range fresh {
			sds[k] = storyDoc{id: ids[k], uid: res[i].ID, cluster: res[i].Cluster, title: preps[k].title,
				source: clean(preps[k].row.Source), a: &docs[i], prep: &preps[k].story}
		}
		if err := w.stories.begin(w.ctx, w.tx); err != nil {
			return nil, err
		}
		if err := w.stories.assign(w.ctx, w.tx, sds, w.now); err != nil {
			return nil, fmt.Errorf("stories: %w", err)
		}
	}
	return res, nil
}

// nextIDs takes n values of a sequence.
func (w *writer) nextIDs(seq string, n int) ([]int64, error) {
	rows, err := w.tx.Query(w.ctx, `SELECT nextval($1::regclass) FROM generate_series(1, $2)`, seq, n)
	if err != nil {
		return nil, fmt.Errorf("allocating ids: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("allocating ids: %w", err)
	}
	return ids, nil
}

// postingRows is the pgx.CopyFromSource of the postings of new
// documents: ids[k] has preps[k].ix.terms.
type postingRows struct {
	ids   []int64
	preps []*prepared
	d, i  int // next document and term
	row   [3]any
}

func (r *postingRows) Next() bool {
	for r.d < len(r.preps) {
		ix := &r.preps[r.d].ix
		if r.i < len(ix.terms) {
			r.row = [3]any{ix.terms[r.i], r.ids[r.d], ix.tfs[r.i]}
			r.i++
			return true
		}
		r.d, r.i = r.d+1, 0
	}
	return false
}

func (r *postingRows) Values() ([]any, error) { return r.row[:], nil }
func (r *postingRows) Err() error             { return nil }

// prepared is the work done on a new document before it is written.
type prepared struct {
	row   store.DocRow
	title string // row.Title, cleaned
	ix    docIndex
	js    []byte // the Analysis without text and tokens
	sig   dedup.Signature
	bands []int64        // the signature's LSH band keys, sorted, without repeats
	story story.Prepared // for the clusterer, with tracker; its ID is "" when not prepared
	err   error
}

// prepare analyzes, encodes and signs the fresh documents in parallel,
// and prepares them for the story tracker when it is not nil. hashes are
// the documents' content hashes, by document.
func prepare(an search.Analyzer, tracker *story.Tracker, docs []store.Document, hashes []string, fresh []int) []prepared {
	out := make([]prepared, len(fresh))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(fresh)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x := newIndexer(an)
			for k := int(next.Add(1)) - 1; k < len(fresh); k = int(next.Add(1)) - 1 {
				p := &out[k]
				a := docs[fresh[k]].Analysis
				p.row = store.RowOf(&docs[fresh[k]])
				p.title = clean(p.row.Title)
				if p.js, p.err = store.EncodeAnalysis(a); p.err != nil {
					p.err = fmt.Errorf("encoding analysis: %w", p.err)
					continue
				}
				p.ix = x.index(p.title, a.Text)
				p.sig = dedup.Sign(a.Text, dedup.Options{})
				p.bands = bandKeys(p.sig)
				if tracker != nil {
					// The near-duplicate cluster is known once the
					// document is written; storyWrite.assign sets it.
					uid := store.DocID(hashes[fresh[k]])
					p.story = tracker.Prepare(story.FromStored(uid, "", p.title, clean(p.row.Source), a))
				}
			}
		}()
	}
	wg.Wait()
	return out
}

// document queues the insertion of one document and its body.
func (w *writer) document(b *pgx.Batch, id int64, d *store.Document, p *prepared, url, hash, uid string) {
	a := d.Analysis
	var urlArg any
	if url != "" {
		urlArg = url
	}
	source := clean(p.row.Source)
	b.Queue(`INSERT INTO documents (id, uid, url, hash, source, source_key, author, title, published, place_norm,
		ingested, content_type, dl, tsv) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14::text::tsvector)`,
		id, uid, urlArg, hash, source, asciiLower(source), clean(p.row.Author), p.title,
		p.row.Published, clean(p.row.Place), w.now, clean(d.ContentType), p.ix.dl, p.ix.tsv)
	b.Queue(`INSERT INTO bodies (id, text, analysis, raw) VALUES ($1, $2, $3, $4)`, id, []byte(a.Text), string(p.js), d.Raw)
}

// annotations copies the entity, mention, date, quote and event rows of
// the new documents.
func (w *writer) annotations(docs []store.Document, fresh []int, ids []int64) error {
	nEvents := 0
	for _, i := range fresh {
		nEvents += len(docs[i].Analysis.Events)
	}
	var eventIDs []int64
	if nEvents > 0 {
		var err error
		if eventIDs, err = w.nextIDs("events_id_seq", nEvents); err != nil {
			return err
		}
	}
	var docEnts, mentions, dates, quotes, speakers, events, actors [][]any
	for k, i := range fresh {
		a, doc := docs[i].Analysis, ids[k]
		local := make(map[string]int64, len(a.Entities)) // Analysis entity id → entities.id
		perEntity := map[int64]int{}
		var order []int64
		for _, e := range a.Entities {
			eid := w.entities[entityKey(e)]
			local[e.ID] = eid
			if _, ok := perEntity[eid]; !ok {
				order = append(order, eid)
			}
			perEntity[eid] += len(e.Mentions)
			for _, m := range e.Mentions {
				mentions = append(mentions, []any{doc, eid, m.Start, m.End, clean(m.Text)})
			}
		}
		for _, eid := range order {
			docEnts = append(docEnts, []any{doc, eid, perEntity[eid]})
		}
		for _, d := range a.Dates {
			dates = append(dates, []any{doc, d.Start, d.End, clean(d.Text), clean(d.Value), clean(d.Grain), clean(d.Calendar)})
		}
		for _, q := range store.QuoteRows(a, local) {
			quotes = append(quotes, []any{doc, q.Seq, q.Speaker, clean(q.Text), q.Start, q.End, clean(q.Cue), q.Direct,
				clean(q.SpeakerText), clean(q.Source)})
			for pos, e := range q.Speakers {
				speakers = append(speakers, []any{e, doc, q.Seq, pos})
			}
		}
		published := store.Day(a.Published)
		evidence := store.Evidence(a)
		for j, ev := range a.Events {
			eid := eventIDs[0]
			eventIDs = eventIDs[1:]
			date := store.Day(ev.Date)
			if date == "" {
				date = published
			}
			events = append(events, []any{eid, doc, clean(strings.ToUpper(ev.Type)), clean(ev.Mode), date,
				store.NullID(local, ev.Place), ev.Start, ev.End, clean(evidence[j])})
			seen := map[int64]bool{}
			for _, actor := range ev.Actors {
				if ent, ok := local[actor]; ok && !seen[ent] {
					seen[ent] = true
					actors = append(actors, []any{eid, ent})
				}
			}
		}
	}
	copies := []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"doc_entities", []string{"doc", "entity", "mentions"}, docEnts},
		{"mentions", []string{"doc", "entity", "start_pos", "end_pos", "text"}, mentions},
		{"dates", []string{"doc", "start_pos", "end_pos", "text", "value", "grain", "calendar"}, dates},
		{"quotes", []string{"doc", "seq", "speaker", "text", "start_pos", "end_pos", "cue", "direct", "speaker_text", "source"}, quotes},
		{"quote_speakers", []string{"entity", "doc", "seq", "pos"}, speakers},
		{"events", []string{"id", "doc", "type", "mode", "date", "place", "start_pos", "end_pos", "evidence"}, events},
		{"event_actors", []string{"event", "entity"}, actors},
	}
	for _, c := range copies {
		if len(c.rows) == 0 {
			continue
		}
		if _, err := w.tx.CopyFrom(w.ctx, pgx.Identifier{c.table}, c.cols, pgx.CopyFromRows(c.rows)); err != nil {
			return fmt.Errorf("writing %s: %w", c.table, err)
		}
	}
	return nil
}

// clean makes s storable in a PostgreSQL text column: invalid UTF-8
// becomes U+FFFD and NUL bytes are dropped.
func clean(s string) string {
	if utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 {
		return s
	}
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "")
}

// asciiLower lower-cases ASCII letters only, as SQLite's NOCASE does.
func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}
