package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/dedup"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// Put implements store.Store: one transaction for the batch, holding an
// advisory lock so that Puts from all processes run one at a time. New
// rows are written with COPY. When the server goes away before the
// commit (a restart), the whole batch is tried again for up to 15
// seconds; a failed commit is reported, never retried.
func (s *DB) Put(ctx context.Context, docs []store.Document) ([]store.PutResult, error) {
	for i := range docs {
		if err := store.Validate(&docs[i]); err != nil {
			return nil, fmt.Errorf("postgres: put document %d (%s): %w", i, docName(&docs[i]), err)
		}
		if u := first(docs[i].URL, docs[i].Analysis.URL); !utf8.ValidString(u) || strings.IndexByte(u, 0) >= 0 {
			return nil, fmt.Errorf("postgres: put document %d: %w: URL is not valid UTF-8 text", i, store.ErrInvalid)
		}
	}
	done, err := s.begin()
	if err != nil {
		return nil, err
	}
	defer done()
	var res []store.PutResult
	err = retry(ctx, func() error {
		tx, err := s.pool.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(context.WithoutCancel(ctx))
		w := &writer{ctx: ctx, tx: tx, an: s.an, now: time.Now().UTC()}
		if res, err = w.put(docs); err != nil {
			return err
		}
		if err := tx.Commit(ctx); err != nil {
			return &commitError{err}
		}
		return nil
	})
	if err != nil {
		return nil, s.wrap("put", err)
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

// writer gathers the rows of one Put transaction.
type writer struct {
	ctx context.Context
	tx  pgx.Tx
	an  search.Analyzer
	now time.Time

	entities map[string]int64 // entity key → id, within this transaction
	newEnts  [][]any          // entities rows to copy
}

// put decides what is new, then writes it.
func (w *writer) put(docs []store.Document) ([]store.PutResult, error) {
	if _, err := w.tx.Exec(w.ctx, `SELECT pg_advisory_xact_lock($1)`, int64(lockWrite)); err != nil {
		return nil, fmt.Errorf("write lock: %w", err)
	}
	urls := make([]string, len(docs))
	hashes := make([]string, len(docs))
	for i := range docs {
		urls[i] = first(docs[i].URL, docs[i].Analysis.URL)
		hashes[i] = store.ContentHash(docs[i].Analysis.Text)
	}
	byURL, byHash := map[string]string{}, map[string]string{}
	rows, err := w.tx.Query(w.ctx, `SELECT coalesce(url, ''), hash, uid FROM documents WHERE url = ANY($1) OR hash = ANY($2)`, urls, hashes)
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
	res := make([]store.PutResult, len(docs))
	var fresh []int
	for i := range docs {
		if id, ok := byURL[urls[i]]; ok && urls[i] != "" {
			res[i] = store.PutResult{ID: id, Status: store.DuplicateURL}
			continue
		}
		if id, ok := byHash[hashes[i]]; ok {
			res[i] = store.PutResult{ID: id, Status: store.DuplicateContent}
			continue
		}
		id := store.DocID(hashes[i])
		res[i] = store.PutResult{ID: id, Status: store.Stored}
		if urls[i] != "" {
			byURL[urls[i]] = id
		}
		byHash[hashes[i]] = id
		fresh = append(fresh, i)
	}
	if len(fresh) == 0 {
		return res, nil
	}
	ids, err := w.nextIDs("documents_id_seq", len(fresh))
	if err != nil {
		return nil, err
	}
	if err := w.resolveEntities(docs, fresh); err != nil {
		return nil, err
	}
	preps := prepare(w.an, docs, fresh)
	batch := &pgx.Batch{}
	var terms int64
	for k, i := range fresh {
		if preps[k].err != nil {
			return nil, fmt.Errorf("document %d (%s): %w", i, docName(&docs[i]), preps[k].err)
		}
		w.document(batch, ids[k], &docs[i], &preps[k], urls[i], hashes[i], res[i].ID)
		terms += int64(preps[k].ix.dl)
	}
	batch.Queue(`UPDATE corpus SET docs = docs + $1, terms = terms + $2`, len(fresh), terms)
	if err := w.tx.SendBatch(w.ctx, batch).Close(); err != nil {
		return nil, fmt.Errorf("inserting documents: %w", err)
	}
	if err := w.annotations(docs, fresh, ids); err != nil {
		return nil, err
	}
	for k, i := range fresh {
		cl, err := assignCluster(w.ctx, w.tx, ids[k], preps[k].sig)
		if err != nil {
			return nil, fmt.Errorf("document %d (%s): %w", i, docName(&docs[i]), err)
		}
		res[i].Cluster = first(cl, res[i].ID)
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

// prepared is the work done on a new document before it is written.
type prepared struct {
	title string
	ix    docIndex
	js    []byte // the Analysis without text and tokens
	sig   dedup.Signature
	err   error
}

// prepare analyzes, encodes and signs the fresh documents in parallel.
func prepare(an search.Analyzer, docs []store.Document, fresh []int) []prepared {
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
				p.title = docs[fresh[k]].Title
				if p.title == "" && a.Title != nil {
					p.title = a.Title.Text
				}
				p.title = clean(p.title)
				slim := *a
				slim.Text, slim.Tokens = "", nil
				if p.js, p.err = json.Marshal(&slim); p.err != nil {
					p.err = fmt.Errorf("encoding analysis: %w", p.err)
					continue
				}
				p.ix = x.index(p.title, a.Text)
				p.sig = dedup.Sign(a.Text, dedup.Options{})
			}
		}()
	}
	wg.Wait()
	return out
}

// document queues the insertion of one document and its body.
func (w *writer) document(b *pgx.Batch, id int64, d *store.Document, p *prepared, url, hash, uid string) {
	a := d.Analysis
	place := ""
	if a.Dateline != nil {
		place = clean(store.NormalizeName(a.Dateline.Place))
	}
	var urlArg any
	if url != "" {
		urlArg = url
	}
	source := clean(first(d.Source, a.Source))
	b.Queue(`INSERT INTO documents (id, uid, url, hash, source, source_key, author, title, published, place_norm,
		ingested, content_type, dl, tsv, tf) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14::text::tsvector,$15::text::jsonb)`,
		id, uid, urlArg, hash, source, asciiLower(source), clean(first(d.Author, a.Author)), p.title,
		validDay(a.Published), place, w.now, clean(d.ContentType), p.ix.dl, p.ix.tsv, string(p.ix.tf))
	b.Queue(`INSERT INTO bodies (id, text, analysis, raw) VALUES ($1, $2, $3, $4)`, id, []byte(a.Text), string(p.js), d.Raw)
}

// resolveEntities gives every entity key of the new documents an id:
// existing rows are looked up (and their name lengthened as sqlite
// does), new ones get ids from the sequence and are copied later. The
// first occurrence of a key in the batch decides, as in sqlite.
func (w *writer) resolveEntities(docs []store.Document, fresh []int) error {
	w.entities = map[string]int64{}
	firstOf := map[string]khabar.Entity{}
	var keys []string
	for _, i := range fresh {
		for _, e := range docs[i].Analysis.Entities {
			key := entityKey(e)
			if _, ok := firstOf[key]; !ok {
				firstOf[key] = e
				keys = append(keys, key)
			}
		}
	}
	if len(keys) == 0 {
		return nil
	}
	rows, err := w.tx.Query(w.ctx, `SELECT key, id, name FROM entities WHERE key = ANY($1)`, keys)
	if err != nil {
		return fmt.Errorf("looking up entities: %w", err)
	}
	names := map[string]string{}
	var key, name string
	var id int64
	if _, err := pgx.ForEachRow(rows, []any{&key, &id, &name}, func() error {
		w.entities[key], names[key] = id, name
		return nil
	}); err != nil {
		return fmt.Errorf("looking up entities: %w", err)
	}
	var missing []string
	b := &pgx.Batch{}
	for _, key := range keys {
		e := firstOf[key]
		if _, ok := w.entities[key]; !ok {
			missing = append(missing, key)
			continue
		}
		if kbName(e) == "" && utf8.RuneCountInString(e.Name) > utf8.RuneCountInString(names[key]) {
			b.Queue(`UPDATE entities SET name = $1 WHERE id = $2`, clean(e.Name), w.entities[key])
		}
	}
	if b.Len() > 0 {
		if err := w.tx.SendBatch(w.ctx, b).Close(); err != nil {
			return fmt.Errorf("updating entity names: %w", err)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	ids, err := w.nextIDs("entities_id_seq", len(missing))
	if err != nil {
		return err
	}
	for k, key := range missing {
		e := firstOf[key]
		var kbID, kbN, wikidata, country string
		if e.KB != nil {
			kbID, kbN, wikidata, country = e.KB.ID, e.KB.Name, e.KB.Wikidata, e.KB.Country
		}
		typ := e.Type
		if typ == "" {
			typ = "MISC"
		}
		w.entities[key] = ids[k]
		w.newEnts = append(w.newEnts, []any{ids[k], key, clean(typ), clean(first(kbN, e.Name)),
			clean(store.NormalizeName(e.Name)), clean(kbID), clean(store.NormalizeName(kbN)), clean(wikidata), clean(country)})
	}
	return nil
}

func entityKey(e khabar.Entity) string {
	kbID := ""
	if e.KB != nil {
		kbID = e.KB.ID
	}
	return clean(store.EntityKey(e.Type, e.Name, kbID))
}

func kbName(e khabar.Entity) string {
	if e.KB != nil {
		return e.KB.Name
	}
	return ""
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
	var docEnts, mentions, dates, quotes, events, actors [][]any
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
		for seq, q := range a.Quotes {
			quotes = append(quotes, []any{doc, seq, nullID(local, q.Speaker), clean(q.Text), q.Start, q.End, clean(q.Cue), q.Direct})
		}
		published := validDay(a.Published)
		var runes []rune
		for _, ev := range a.Events {
			if runes == nil {
				runes = []rune(a.Text)
			}
			eid := eventIDs[0]
			eventIDs = eventIDs[1:]
			date := validDay(ev.Date)
			if date == "" {
				date = published
			}
			events = append(events, []any{eid, doc, clean(strings.ToUpper(ev.Type)), clean(ev.Mode), date,
				nullID(local, ev.Place), ev.Start, ev.End, clean(runeSlice(runes, ev.Start, ev.End))})
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
		{"entities", []string{"id", "key", "type", "name", "norm", "kb_id", "kb_norm", "wikidata", "country"}, w.newEnts},
		{"doc_entities", []string{"doc", "entity", "mentions"}, docEnts},
		{"mentions", []string{"doc", "entity", "start_pos", "end_pos", "text"}, mentions},
		{"dates", []string{"doc", "start_pos", "end_pos", "text", "value", "grain", "calendar"}, dates},
		{"quotes", []string{"doc", "seq", "speaker", "text", "start_pos", "end_pos", "cue", "direct"}, quotes},
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
