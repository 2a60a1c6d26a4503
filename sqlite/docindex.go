package sqlite

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/ncruces/go-sqlite3"

	"github.com/khabar/khabar/kb"
	"github.com/khabar/khabar/search"
)

// docIndex is an in-memory copy of what a search needs to know about
// every stored document besides its words: publication day, source,
// dateline place, near-duplicate cluster, length in index terms (for
// BM25), entities and story (loaded apart, see group.go). With it a search ranks, filters, collapses
// near-duplicates and counts facets in Go over the row ids that the
// full-text index matched, instead of joining tables inside SQLite for
// every match (about a microsecond per joined row in this SQLite).
//
// It is loaded by the first search and brought up to date at the start
// of every search, inside the search's read transaction, by loading the
// documents with row ids above the highest one loaded. That is
// complete because the store only inserts documents, row ids only grow,
// and what the index keeps of a stored document never changes, with
// two exceptions: its story, which it may get later (group.go), and an
// entity's display name, which Put changes only when
// a new document mentions the entity, so the refresh reloads the names
// of the entities of the documents it loads. The index may be ahead of
// an older search's snapshot; a search ignores row ids above its
// snapshot's highest.
//
// Memory: about 40 bytes per document plus 4 per (document, entity)
// pair and the entity names.
type docIndex struct {
	mu        sync.RWMutex
	maxDoc    int64 // highest document row id loaded
	maxEntity int64 // highest entity id loaded
	// maxStorySeq is the highest story_docs sequence number loaded
	// (group.go), maxStory the highest story row id.
	maxStorySeq int64
	maxStory    uint32
	docs        []docInfo
	ents        []uint32 // entity ids of all documents, docInfo.entStart..entEnd
	clusterN    []uint32 // by row id of a cluster's first document: documents in the cluster
	entities    []entityInfo
	sources     []string // index 0 is ""
	sourceID    map[string]uint32
	places      []string // normalized dateline places; index 0 is ""
	placeID     map[string]uint32

	post *postingsCache // postings of single terms (postings.go)

	dfMu  sync.Mutex
	dfGen int64            // maxDoc the cached document frequencies belong to
	df    map[string]int64 // FTS5 phrase → documents matching it
}

// docInfo is what the index knows about one document.
type docInfo struct {
	day      int32  // publication day as yyyymmdd; 0 when unknown
	source   uint32 // index into docIndex.sources
	place    uint32 // index into docIndex.places
	cluster  uint32 // row id of the first document of its cluster; 0: no such document
	length   uint32 // tokens of its full-text row (FTS5 docsize, all columns)
	entStart uint32 // its entity ids are ents[entStart:entEnd]
	entEnd   uint32
	story    uint32 // row id of its story; 0: none (yet)
	storySeq uint32 // the sequence number of its story_docs row
}

// entityInfo is what the index knows about one entity.
type entityInfo struct {
	name string
	loc  bool // type LOC: counted as a place
}

// maxIndexedRowID bounds the row ids the index holds in its dense
// arrays; a database with larger ones is searched with SQL alone.
const maxIndexedRowID = 1 << 26

func newDocIndex() *docIndex {
	return &docIndex{
		sources: []string{""}, sourceID: map[string]uint32{"": 0},
		places: []string{""}, placeID: map[string]uint32{"": 0},
		post: newPostingsCache(),
	}
}

// sync brings the index up to the snapshot of c's open transaction,
// whose highest document row id is maxDoc.
func (ix *docIndex) sync(c *sqlite3.Conn, maxDoc int64) error {
	ix.mu.RLock()
	current := ix.maxDoc >= maxDoc
	ix.mu.RUnlock()
	if current {
		return nil
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.maxDoc >= maxDoc {
		return nil
	}
	if err := ix.load(c, ix.maxDoc, maxDoc); err != nil {
		return fmt.Errorf("loading the search index: %w", err)
	}
	return nil
}

// load adds the documents with row ids in (from, to] and the entities
// created with them. The caller holds ix.mu for writing. On error the
// index is left as it was.
func (ix *docIndex) load(c *sqlite3.Conn, from, to int64) error {
	// Entities first: every document's entities exist in the snapshot.
	var newEnts []entityInfo
	var maxEnt int64 = ix.maxEntity
	err := each(c, `SELECT id, type = 'LOC', name FROM entities WHERE id > ? ORDER BY id`, []any{ix.maxEntity},
		func(st *sqlite3.Stmt) error {
			id := st.ColumnInt64(0)
			if id >= maxIndexedRowID {
				return fmt.Errorf("entity id %d is too large to index", id)
			}
			for int64(len(ix.entities)+len(newEnts)) <= id {
				newEnts = append(newEnts, entityInfo{})
			}
			newEnts[id-int64(len(ix.entities))] = entityInfo{name: st.ColumnText(2), loc: st.ColumnBool(1)}
			maxEnt = id
			return nil
		})
	if err != nil {
		return fmt.Errorf("entities: %w", err)
	}
	renamed := map[int64]string{}
	if from > 0 && ix.maxEntity > 0 {
		err = each(c, `SELECT id, name FROM entities WHERE id <= ? AND id IN
			(SELECT entity FROM doc_entities WHERE doc > ? AND doc <= ?)`, []any{ix.maxEntity, from, to},
			func(st *sqlite3.Stmt) error {
				renamed[st.ColumnInt64(0)] = st.ColumnText(1)
				return nil
			})
		if err != nil {
			return fmt.Errorf("entity names: %w", err)
		}
	}

	type docRow struct {
		id   int64
		info docInfo
		src  string
		pl   string
	}
	// Sized up front: on a large store, growing these slices by
	// appending (copying them at every doubling) took a quarter of the
	// load time.
	rows := make([]docRow, 0, min(max(to-from, 0), 1<<22))
	err = each(c, `SELECT d.id, d.published, d.source, d.place_norm, coalesce(c.cluster, d.id), z.sz
		FROM documents d LEFT JOIN clusters c ON c.doc = d.id LEFT JOIN fts_docsize z ON z.id = d.id
		WHERE d.id > ? AND d.id <= ? ORDER BY d.id`, []any{from, to},
		func(st *sqlite3.Stmt) error {
			r := docRow{id: st.ColumnInt64(0), src: st.ColumnText(2), pl: st.ColumnText(3)}
			r.info.day = parseDay(st.ColumnRawText(1))
			cl := st.ColumnInt64(4)
			if cl <= 0 || cl > r.id {
				cl = r.id // a cluster is named by its first (lowest) document
			}
			r.info.cluster = uint32(cl)
			r.info.length = docsizeTotal(st.ColumnRawBlob(5))
			rows = append(rows, r)
			return nil
		})
	if err != nil {
		return fmt.Errorf("documents: %w", err)
	}
	var pairs pairChunks // (doc, entity), ordered by doc
	err = each(c, `SELECT doc, entity FROM doc_entities WHERE doc > ? AND doc <= ? ORDER BY doc, entity`, []any{from, to},
		func(st *sqlite3.Stmt) error {
			pairs.add(st.ColumnInt64(0), st.ColumnInt64(1))
			return nil
		})
	if err != nil {
		return fmt.Errorf("document entities: %w", err)
	}

	// Nothing can fail from here on: apply.
	ix.entities = append(ix.entities, newEnts...)
	ix.maxEntity = maxEnt
	for id, name := range renamed {
		if id < int64(len(ix.entities)) {
			ix.entities[id].name = name
		}
	}
	if n := int(to) + 1; n > len(ix.docs) {
		ix.docs = append(ix.docs, make([]docInfo, n-len(ix.docs))...)
		ix.clusterN = append(ix.clusterN, make([]uint32, n-len(ix.clusterN))...)
	}
	ix.ents = slices.Grow(ix.ents, pairs.n)
	p := 0
	for _, r := range rows {
		for p < pairs.n && pairs.at(p).doc < r.id {
			p++ // entities of a document not in the snapshot: cannot happen
		}
		r.info.source = intern(&ix.sources, ix.sourceID, r.src)
		r.info.place = intern(&ix.places, ix.placeID, r.pl)
		r.info.entStart = uint32(len(ix.ents))
		for ; p < pairs.n && pairs.at(p).doc == r.id; p++ {
			if e := pairs.at(p).entity; e > 0 && e < int64(len(ix.entities)) {
				ix.ents = append(ix.ents, uint32(e))
			}
		}
		r.info.entEnd = uint32(len(ix.ents))
		ix.docs[r.id] = r.info
		ix.clusterN[r.info.cluster]++
	}
	ix.maxDoc = to
	return nil
}

// docEntity is a row of doc_entities as load reads it.
type docEntity struct{ doc, entity int64 }

// pairChunks is a list of docEntity kept in chunks of a fixed size, so
// that it grows without copying what it holds.
type pairChunks struct {
	chunks [][]docEntity
	n      int
}

const pairChunk = 1 << 16

func (pc *pairChunks) add(doc, entity int64) {
	if pc.n%pairChunk == 0 {
		pc.chunks = append(pc.chunks, make([]docEntity, 0, pairChunk))
	}
	last := &pc.chunks[len(pc.chunks)-1]
	*last = append(*last, docEntity{doc, entity})
	pc.n++
}

func (pc *pairChunks) at(i int) docEntity { return pc.chunks[i/pairChunk][i%pairChunk] }

// present reports whether row id is a stored document of the index.
func (ix *docIndex) present(id int64) bool {
	return id > 0 && id < int64(len(ix.docs)) && ix.docs[id].cluster != 0
}

// entitiesOf returns the entity ids of document id.
func (ix *docIndex) entitiesOf(id uint32) []uint32 {
	d := &ix.docs[id]
	return ix.ents[d.entStart:d.entEnd]
}

// cachedDF returns the cached number of documents matching an FTS5
// phrase in the index's current generation.
func (ix *docIndex) cachedDF(gen int64, phrase string) (int64, bool) {
	ix.dfMu.Lock()
	defer ix.dfMu.Unlock()
	if ix.dfGen != gen {
		return 0, false
	}
	n, ok := ix.df[phrase]
	return n, ok
}

// maxCachedDF bounds the document frequency cache.
const maxCachedDF = 4096

func (ix *docIndex) storeDF(gen int64, phrase string, n int64) {
	ix.dfMu.Lock()
	defer ix.dfMu.Unlock()
	if ix.df == nil || ix.dfGen != gen || len(ix.df) >= maxCachedDF {
		ix.dfGen, ix.df = gen, map[string]int64{}
	}
	ix.df[phrase] = n
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

// parseDay turns "YYYY-MM-DD" into yyyymmdd; anything else gives 0 (as
// an empty publication date).
func parseDay(b []byte) int32 {
	if len(b) != 10 || b[4] != '-' || b[7] != '-' {
		return 0
	}
	var n int32
	for i, c := range b {
		if i == 4 || i == 7 {
			continue
		}
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int32(c-'0')
	}
	return n
}

// docsizeTotal sums the per-column token counts of an FTS5 docsize
// record (one SQLite varint per column).
func docsizeTotal(b []byte) uint32 {
	var total uint64
	for len(b) > 0 {
		v, n := getVarint(b)
		if n == 0 {
			break
		}
		total += v
		b = b[n:]
	}
	return uint32(min(total, 1<<32-1))
}

// getVarint decodes an SQLite varint (big-endian groups of 7 bits, the
// ninth byte taking 8) and returns it with its length, 0 if truncated.
func getVarint(b []byte) (uint64, int) {
	var v uint64
	for i := 0; i < len(b) && i < 9; i++ {
		if i == 8 {
			return v<<8 | uint64(b[i]), 9
		}
		v = v<<7 | uint64(b[i]&0x7f)
		if b[i]&0x80 == 0 {
			return v, i + 1
		}
	}
	return 0, 0
}

// Warm loads the in-memory search index now rather than on the first
// search (a server calls it at start; benchmarks call it before timing),
// readies the analyzer and a connection with one search, and preloads
// the postings cache with the lists of the most frequent terms (see
// PostingsOptions; with the defaults, on the 30,085 distinct
// saudinewsnet articles, about 5 seconds and 20 MB). It does nothing for
// a DB opened with Options.NoSearchIndex.
func (s *DB) Warm(ctx context.Context) error {
	done, err := s.begin()
	if err != nil {
		return err
	}
	defer done()
	if s.ix == nil {
		return nil
	}
	s.an.Analyze("اجتماع", nil) // the analyzer builds its tables on first use
	kb.Default()                // entity: and place: values are looked up in it; loaded on first use
	err = s.readTx(ctx, func(c *sqlite3.Conn) error {
		snap, err := scalarInt64(c, `SELECT coalesce(max(id), 0) FROM documents`)
		if err != nil || snap >= maxIndexedRowID {
			return err
		}
		if err := s.ix.sync(c, snap); err != nil {
			return err
		}
		// One search readies the connection: its statements, FTS5's
		// structure record, the facet counters.
		word := &search.Word{Text: "خبر"}
		pos, _ := s.translate(word)
		if pos == "" {
			return nil
		}
		if _, err = s.searchIndexed(c, search.Request{Query: search.Query{Text: word}, Facets: 1}, pos, ""); err != nil {
			return err
		}
		return preloadPostings(ctx, c, s.ix, snap)
	})
	if err != nil {
		return fmt.Errorf("sqlite: warm %s: %w", s.path, err)
	}
	return nil
}
