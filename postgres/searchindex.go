package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// The search index. Matching and scoring every hit in SQL, then joining
// each to its cluster, story and entities, made a search cost a few
// milliseconds per thousand hits inside the server (a common word
// matches a third of the corpus). A DB instead keeps in memory what a
// search needs to know about every stored document besides its words
// (publication day, source, dateline place, near-duplicate cluster,
// length, entities, story; the number of documents of each entity),
// and the lists of the terms, phrases, prefixes and entities it
// searched lately (postingscache.go, searchunits.go), as package sqlite
// keeps its postings; a search then filters,
// scores, collapses, counts facets and cuts its page in Go, and reads
// from the server only the corpus statistics, what is new since the
// last search, and the page.
//
// Documents get their row ids from a sequence before their transaction
// commits, and concurrent writers commit in any order: a row id below
// the highest loaded may still appear. The index therefore keeps the
// row ids below its highest that it has not seen (gaps: transactions in
// flight when it was loaded, or rolled back) and loads, at every sync,
// the documents above its highest and those of its gaps. It knows it is
// complete from the corpus statistics, which every Put updates in its
// own transaction: the number of documents of a snapshot is
// sum(corpus_shards.docs), and snapshots see ever larger sets of
// committed transactions, so an index holding as many documents as a
// snapshot holds exactly that snapshot's documents. A search whose
// snapshot holds fewer documents than the index (another search loaded
// newer ones meanwhile) starts again in a new snapshot.
//
// What the index keeps of a document never changes once it is stored,
// except its story, which stories.go may record later (with a sequence
// number that follows commit order, as the story lock is held until
// commit), and an entity's display name, which a Put lengthens only
// when it stores a document mentioning the entity: loading that
// document reloads the entity.

// maxIndexedID bounds the row ids (documents, entities, stories) the
// index holds in dense arrays; a database with larger ones is searched
// with SQL alone.
const maxIndexedID = 1 << 26

// errStale says that a search's snapshot is older than the index.
var errStale = errors.New("search snapshot older than the search index")

// errNotIndexable sends a search down the SQL path.
var errNotIndexable = errors.New("not searchable with the search index")

// searchIndex is the in-memory part of a DB's search.
type searchIndex struct {
	mu sync.RWMutex
	// gen counts the loads; docInfo.gen is the load that brought a
	// document, genLen[g] the length of order after load g.
	gen    uint32
	genLen []int
	order  []uint32 // document row ids in the order they were loaded
	count  int64    // documents loaded
	terms  int64    // their analyzed terms, the sum of docInfo.dl
	maxDoc int64    // highest document row id loaded
	gaps   []int64  // row ids below maxDoc not loaded, ascending

	docs     []docInfo // by row id
	ents     []uint32  // entity ids of the documents, docInfo.entStart..entEnd
	entDocs  []uint32  // documents mentioning each entity, by row id
	clusterN []uint32  // documents per cluster, by the cluster's row id
	entities []entityInfo
	sources  []string // index 0 is ""
	sourceID map[string]uint32
	places   []string // normalized dateline places; index 0 is ""
	placeID  map[string]uint32

	maxStorySeq int64  // highest story_docs sequence number loaded
	maxStory    uint32 // highest story row id loaded
	reloads     int    // times the index was found wrong and loaded afresh

	post *postingsCache
}

// docInfo is what the index knows about one document.
type docInfo struct {
	day      int32  // publication day as yyyymmdd; 0 when unknown
	source   uint32 // index into searchIndex.sources
	place    uint32 // index into searchIndex.places
	cluster  uint32 // row id naming its near-duplicate cluster; 0: not a loaded document
	dl       uint32 // analyzed terms (BM25 length)
	entStart uint32 // its entities are ents[entStart:entEnd]
	entEnd   uint32
	story    uint32 // row id of its story; 0: none
	storySeq uint32 // sequence number of its story_docs row
	gen      uint32 // the load that brought it
}

// entityInfo is what the index knows about one entity.
type entityInfo struct {
	name string
	loc  bool // type LOC: a place
}

func newSearchIndex(budget, preload int64) *searchIndex {
	return &searchIndex{
		genLen:  []int{0},
		sources: []string{""}, sourceID: map[string]uint32{"": 0},
		places: []string{""}, placeID: map[string]uint32{"": 0},
		post: newPostingsCache(budget, preload),
	}
}

// present reports whether row id is a document of the index.
func (ix *searchIndex) present(id int64) bool {
	return id > 0 && id < int64(len(ix.docs)) && ix.docs[id].cluster != 0
}

// entitiesOf returns the entity ids of document id.
func (ix *searchIndex) entitiesOf(id uint32) []uint32 {
	d := &ix.docs[id]
	return ix.ents[d.entStart:d.entEnd]
}

// storyOf returns the row id of document id's story in a snapshot whose
// highest story sequence number is seq, 0 for none.
func (ix *searchIndex) storyOf(id uint32, seq int64) uint32 {
	d := &ix.docs[id]
	if d.story == 0 || int64(d.storySeq) > seq {
		return 0
	}
	return d.story
}

// acquire brings the index to the snapshot of tx, which holds docs
// documents and story_docs rows up to storySeq (stories are synced only
// when withStories), and returns with ix.mu held for reading; the
// caller calls the returned func to release it. It fails with errStale
// when the index holds more documents than the snapshot.
func (ix *searchIndex) acquire(ctx context.Context, tx pgx.Tx, docs, storySeq int64, withStories bool) (func(), error) {
	for range 3 {
		ix.mu.RLock()
		if ix.count == docs && (!withStories || ix.maxStorySeq >= storySeq) {
			return ix.mu.RUnlock, nil
		}
		stale := ix.count > docs
		ix.mu.RUnlock()
		if stale {
			return nil, errStale
		}
		if err := ix.sync(ctx, tx, docs, storySeq, withStories); err != nil {
			return nil, err
		}
	}
	return nil, errStale
}

// corpusStatsSQL reads the corpus statistics: documents, analyzed terms
// and, when $1, the highest story_docs sequence number.
const corpusStatsSQL = `SELECT coalesce(sum(docs), 0)::bigint, coalesce(sum(terms), 0)::bigint,
	CASE WHEN $1 THEN (SELECT coalesce(max(seq), 0) FROM story_docs) ELSE 0 END FROM corpus_shards`

func avgdl(terms, docs int64) float64 {
	if docs > 0 {
		return float64(terms) / float64(docs)
	}
	return 1
}

// errBehind says that the index holds fewer documents (or story rows)
// than the snapshot a search read its page in.
var errBehind = errors.New("search index behind the database")

// snapshotCheck is what the corpus statistics read with a page must
// say for an answer made from the index without a transaction to be
// that of their snapshot.
type snapshotCheck struct {
	docs, terms, storySeq int64
	stories               bool // check storySeq
}

// verify compares the statistics read (corpusStatsSQL) with c.
func (c *snapshotCheck) verify(docs, terms, storySeq int64) error {
	switch {
	case docs > c.docs || c.stories && storySeq > c.storySeq:
		return errBehind
	case docs != c.docs || terms != c.terms || c.stories && storySeq != c.storySeq:
		return errStale // a store changed otherwise (reindexed): SQL alone after the retries
	}
	return nil
}

// syncLatest brings the index, stories included, to a new snapshot.
func (ix *searchIndex) syncLatest(ctx context.Context, pool *pgxpool.Pool) error {
	return pgx.BeginTxFunc(ctx, pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		var docs, seq int64
		if err := tx.QueryRow(ctx, `SELECT (SELECT coalesce(sum(docs), 0)::bigint FROM corpus_shards),
			(SELECT coalesce(max(seq), 0) FROM story_docs)`).Scan(&docs, &seq); err != nil {
			return fmt.Errorf("corpus statistics: %w", err)
		}
		err := ix.sync(ctx, tx, docs, seq, true)
		if errors.Is(err, errStale) {
			return nil // another search loaded a later snapshot meanwhile
		}
		return err
	})
}

// sync loads what the snapshot of tx has that the index has not.
func (ix *searchIndex) sync(ctx context.Context, tx pgx.Tx, docs, storySeq int64, withStories bool) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.count > docs {
		return errStale
	}
	if ix.count < docs {
		n, err := ix.load(ctx, tx)
		if err != nil {
			return fmt.Errorf("loading the search index: %w", err)
		}
		if ix.count != docs {
			// Cannot happen in a sound database: start afresh once.
			ix.reset()
			ix.reloads++
			if _, err := ix.load(ctx, tx); err != nil {
				ix.reset()
				return fmt.Errorf("reloading the search index: %w", err)
			}
			if ix.count != docs {
				got := ix.count
				ix.reset()
				return fmt.Errorf("%w: %d documents counted, %d found (%d new before reloading)", errNotIndexable, docs, got, n)
			}
		}
	}
	if withStories && ix.maxStorySeq < storySeq {
		if err := ix.loadStories(ctx, tx, storySeq); err != nil {
			return fmt.Errorf("loading the stories of the search index: %w", err)
		}
	}
	return nil
}

// reset empties the index. The caller holds ix.mu.
func (ix *searchIndex) reset() {
	fresh := newSearchIndex(0, 0)
	ix.gen, ix.genLen, ix.order, ix.count, ix.terms, ix.maxDoc, ix.gaps = 0, fresh.genLen, nil, 0, 0, 0, nil
	ix.docs, ix.ents, ix.entDocs, ix.clusterN, ix.entities = nil, nil, nil, nil, nil
	ix.sources, ix.sourceID, ix.places, ix.placeID = fresh.sources, fresh.sourceID, fresh.places, fresh.placeID
	ix.maxStorySeq, ix.maxStory = 0, 0
	ix.post.clear()
}

// docRow is a documents row as load reads it.
type docRow struct {
	id, cluster    int64
	dl             int32
	published      string
	source, placeN string
}

// load adds the documents of tx's snapshot above maxDoc or in the gaps,
// with their entities, and returns how many. On error the index is
// left as it was. The caller holds ix.mu.
func (ix *searchIndex) load(ctx context.Context, tx pgx.Tx) (int, error) {
	first := ix.maxDoc == 0
	gaps := ix.gaps
	if gaps == nil {
		gaps = []int64{}
	}
	where := func(col string) string {
		return ` WHERE ` + col + ` > $1 UNION ALL SELECT %s WHERE ` + col + ` = ANY($2)`
	}
	docSQL := `d.id, coalesce(c.cluster, d.id), d.dl, d.published, d.source, d.place_norm
		FROM documents d LEFT JOIN clusters c ON c.doc = d.id`
	pairSQL := `doc, entity FROM doc_entities`
	b := &pgx.Batch{}
	b.Queue(`SELECT `+docSQL+fmt.Sprintf(where("d.id"), docSQL), ix.maxDoc, gaps)
	b.Queue(`SELECT * FROM (SELECT `+pairSQL+fmt.Sprintf(where("doc"), pairSQL)+`) p ORDER BY doc, entity`, ix.maxDoc, gaps)
	if first {
		b.Queue(`SELECT id, type = 'LOC', name FROM entities`)
	} else {
		b.Queue(`SELECT id, type = 'LOC', name FROM entities WHERE id IN (SELECT `+
			fmt.Sprintf(`entity FROM doc_entities`+where("doc"), `entity FROM doc_entities`)+`)`, ix.maxDoc, gaps)
	}
	br := tx.SendBatch(ctx, b)
	defer br.Close()

	var rows []docRow
	var r docRow
	rs, err := br.Query()
	if err != nil {
		return 0, fmt.Errorf("documents: %w", err)
	}
	_, err = pgx.ForEachRow(rs, []any{&r.id, &r.cluster, &r.dl, &r.published, &r.source, &r.placeN}, func() error {
		if r.id <= 0 || r.id >= maxIndexedID || r.cluster <= 0 || r.cluster >= maxIndexedID {
			return fmt.Errorf("%w: document row id %d (cluster %d)", errNotIndexable, r.id, r.cluster)
		}
		if r.published != "" && parseDay(r.published) == 0 {
			return fmt.Errorf("%w: document %d published %q", errNotIndexable, r.id, r.published)
		}
		rows = append(rows, r)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("documents: %w", err)
	}
	slices.SortFunc(rows, func(a, b docRow) int { return int(a.id - b.id) })
	var pairs []docEntity
	var p docEntity
	rs, err = br.Query()
	if err != nil {
		return 0, fmt.Errorf("document entities: %w", err)
	}
	if _, err = pgx.ForEachRow(rs, []any{&p.doc, &p.entity}, func() error {
		pairs = append(pairs, p)
		return nil
	}); err != nil {
		return 0, fmt.Errorf("document entities: %w", err)
	}
	type entRow struct {
		id int64
		e  entityInfo
	}
	var ents []entRow
	var e entRow
	maxEnt := int64(len(ix.entities)) - 1
	rs, err = br.Query()
	if err != nil {
		return 0, fmt.Errorf("entities: %w", err)
	}
	if _, err = pgx.ForEachRow(rs, []any{&e.id, &e.e.loc, &e.e.name}, func() error {
		if e.id <= 0 || e.id >= maxIndexedID {
			return fmt.Errorf("%w: entity row id %d", errNotIndexable, e.id)
		}
		ents = append(ents, e)
		maxEnt = max(maxEnt, e.id)
		return nil
	}); err != nil {
		return 0, fmt.Errorf("entities: %w", err)
	}
	if err := br.Close(); err != nil {
		return 0, err
	}

	// Nothing can fail from here on: apply.
	if n := int(maxEnt) + 1; n > len(ix.entities) {
		ix.entities = append(ix.entities, make([]entityInfo, n-len(ix.entities))...)
		ix.entDocs = append(ix.entDocs, make([]uint32, n-len(ix.entDocs))...)
	}
	for _, e := range ents {
		ix.entities[e.id] = e.e
	}
	top := ix.maxDoc
	for _, r := range rows {
		top = max(top, r.id, r.cluster)
	}
	if n := int(top) + 1; n > len(ix.docs) {
		grow := max(n, len(ix.docs)+len(ix.docs)/4)
		ix.docs = append(ix.docs, make([]docInfo, grow-len(ix.docs))...)
		ix.clusterN = append(ix.clusterN, make([]uint32, grow-len(ix.clusterN))...)
	}
	ix.gen++
	loaded := make(map[int64]bool, len(rows))
	k := 0
	for _, r := range rows {
		if ix.present(r.id) || loaded[r.id] {
			continue // cannot happen: loaded twice
		}
		loaded[r.id] = true
		for k < len(pairs) && pairs[k].doc < r.id {
			k++
		}
		info := docInfo{day: parseDay(r.published), cluster: uint32(r.cluster), dl: uint32(max(r.dl, 0)), gen: ix.gen,
			source: intern(&ix.sources, ix.sourceID, r.source), place: intern(&ix.places, ix.placeID, r.placeN),
			entStart: uint32(len(ix.ents))}
		for ; k < len(pairs) && pairs[k].doc == r.id; k++ {
			if e := pairs[k].entity; e > 0 && e < int64(len(ix.entities)) {
				ix.ents = append(ix.ents, uint32(e))
				ix.entDocs[e]++
			}
		}
		info.entEnd = uint32(len(ix.ents))
		ix.docs[r.id] = info
		ix.clusterN[r.cluster]++
		ix.order = append(ix.order, uint32(r.id))
		ix.count++
		ix.terms += int64(info.dl)
	}
	ix.genLen = append(ix.genLen, len(ix.order))
	// The gaps: those not filled, and the row ids skipped above maxDoc.
	var gapsLeft []int64
	for _, g := range ix.gaps {
		if !loaded[g] {
			gapsLeft = append(gapsLeft, g)
		}
	}
	next := ix.maxDoc + 1
	for _, r := range rows {
		if r.id < next {
			continue
		}
		for ; next < r.id; next++ {
			gapsLeft = append(gapsLeft, next)
		}
		next = r.id + 1
	}
	ix.maxDoc = max(ix.maxDoc, next-1)
	ix.gaps = gapsLeft
	return len(loaded), nil
}

// entityKeyPrefix starts the postings cache keys of entities' documents:
// no term holds NUL and no phrase key has two at its start.
const entityKeyPrefix = "\x00\x00"

// entityDocs returns the row ids of the index's documents mentioning
// entity e, ascending: found once by a pass over every document's
// entities and kept with the postings cache (under a key no term has),
// then extended with the documents of later loads. The caller holds
// ix.mu for reading.
func (ix *searchIndex) entityDocs(e uint32) []uint32 {
	key := entityKeyPrefix + strconv.FormatUint(uint64(e), 10)
	old := ix.post.get(key)
	if old != nil && old.gen == ix.gen {
		return old.ids
	}
	if old != nil && old.gen > ix.gen {
		old = nil // a reset index: cannot happen otherwise
	}
	docs := ix.order
	if old != nil {
		docs = docs[ix.genLen[old.gen]:]
	}
	var ids []uint32
	for _, id := range docs {
		if slices.Contains(ix.entitiesOf(id), e) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	l := &postingList{ids: ids, gen: ix.gen}
	if old != nil {
		l.ids = mergeIDs(old.ids, ids)
	}
	ix.post.put(key, l)
	return l.ids
}

// docEntity is a row of doc_entities.
type docEntity struct{ doc, entity int64 }

// loadStories loads the story_docs rows with sequence numbers up to seq.
// The index holds the snapshot's documents. The caller holds ix.mu.
func (ix *searchIndex) loadStories(ctx context.Context, tx pgx.Tx, seq int64) error {
	if seq >= maxIndexedID {
		return errNotIndexable
	}
	rows, err := tx.Query(ctx, `SELECT doc, story, seq FROM story_docs WHERE seq > $1 AND seq <= $2`, ix.maxStorySeq, seq)
	if err != nil {
		return err
	}
	type row struct{ doc, story, seq int64 }
	var out []row
	var r row
	if _, err := pgx.ForEachRow(rows, []any{&r.doc, &r.story, &r.seq}, func() error {
		if r.story <= 0 || r.story >= maxIndexedID || r.seq <= 0 {
			return errNotIndexable
		}
		out = append(out, r)
		return nil
	}); err != nil {
		return err
	}
	for _, r := range out {
		if ix.present(r.doc) {
			d := &ix.docs[r.doc]
			d.story, d.storySeq = uint32(r.story), uint32(r.seq)
			ix.maxStory = max(ix.maxStory, uint32(r.story))
		}
	}
	ix.maxStorySeq = seq
	return nil
}

func intern(list *[]string, ids map[string]uint32, s string) uint32 {
	if id, ok := ids[s]; ok {
		return id
	}
	id := uint32(len(*list))
	*list = append(*list, s)
	ids[s] = id
	return id
}

// parseDay turns "YYYY-MM-DD" into yyyymmdd; anything else gives 0.
func parseDay(s string) int32 {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0
	}
	var n int32
	for i := 0; i < len(s); i++ {
		if i == 4 || i == 7 {
			continue
		}
		c := s[i]
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int32(c-'0')
	}
	return n
}

// IndexStats describes a DB's search index.
type IndexStats struct {
	Documents int64 // documents loaded
	Gaps      int   // row ids below the highest loaded not loaded (see searchindex.go)
	Loads     int   // loads since the index was last emptied
	Reloads   int   // times the index disagreed with the database and was loaded afresh
}

// IndexStats returns the state of the search index (zero for a DB
// opened with Options.NoSearchIndex).
func (s *DB) IndexStats() IndexStats {
	if s.ix == nil {
		return IndexStats{}
	}
	s.ix.mu.RLock()
	defer s.ix.mu.RUnlock()
	return IndexStats{Documents: s.ix.count, Gaps: len(s.ix.gaps), Loads: int(s.ix.gen), Reloads: s.ix.reloads}
}

// Warm loads the search index now rather than at the first search (a
// server calls it at start; benchmarks before timing), and preloads the
// postings cache with the lists of the most frequent terms (see
// Options.PreloadDF; with the defaults, on a store of 29,482
// saudinewsnet articles, 2,987 terms with 3.2 million postings, 20 MB,
// read in about 7 seconds on top of the index). It does nothing for a
// DB opened with Options.NoSearchIndex.
func (s *DB) Warm(ctx context.Context) error {
	if s.ix == nil {
		return nil
	}
	s.an.Analyze("اجتماع", nil) // the analyzer builds its tables on first use
	done, err := s.begin()
	if err != nil {
		return err
	}
	defer done()
	err = s.retry(ctx, func() error { return s.ix.syncLatest(ctx, s.pool) })
	if errors.Is(err, errNotIndexable) {
		return nil
	}
	if err == nil {
		err = s.retry(ctx, func() error { return s.ix.preloadPostings(ctx, s.pool) })
	}
	if err != nil {
		return s.wrap("warm", err)
	}
	return nil
}
