package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/khabar/khabar/dedup"
	"github.com/khabar/khabar/search"
)

// Near-duplicate clusters. Every stored document gets a MinHash
// signature (package dedup, default options) and a cluster: the cluster
// of the earliest stored document whose estimated similarity reaches
// dedup.DefaultThreshold, else a cluster of its own. The LSH band keys of
// every signature are kept in a table, so the index survives restarts
// and costs one indexed lookup per band at Put. A search collapses each
// cluster to its best hit, which carries the number and IDs of the
// others (search.Hit.Copies and CopyIDs).

// clusterMigration adds the cluster tables (schema version 2).
const clusterMigration = `
-- Narrow, so that collapsing a search's matches reads little.
CREATE TABLE clusters (
	doc     INTEGER PRIMARY KEY REFERENCES documents(id),
	cluster INTEGER NOT NULL REFERENCES documents(id) -- the cluster's first document
);
CREATE INDEX clusters_cluster ON clusters(cluster);
CREATE TABLE signatures (
	doc INTEGER PRIMARY KEY REFERENCES documents(id),
	sig BLOB NOT NULL -- dedup.Signature.Bytes
);
-- One row per LSH band of each signature: key = hash(band number, band rows).
CREATE TABLE lsh (
	key INTEGER NOT NULL,
	doc INTEGER NOT NULL REFERENCES documents(id),
	PRIMARY KEY (key, doc)
) WITHOUT ROWID;
`

// maxCandidates bounds the LSH candidates verified for one document: the
// ones sharing the most bands first.
const maxCandidates = 256

// maxCopyIDs bounds Hit.CopyIDs; Hit.Copies still counts them all.
const maxCopyIDs = 100

// signature returns the MinHash signature of a text and its LSH band
// keys (none for a text without words).
func signature(text string) (dedup.Signature, []int64) {
	sig := dedup.Sign(text, dedup.Options{})
	return sig, dedup.BandKeys(sig)
}

// assignCluster finds the cluster of a newly inserted document from its
// signature and band keys and records all three. It returns the
// cluster's first document's row id.
func (w *writer) assignCluster(doc int64, sig dedup.Signature, keys []int64) (int64, error) {
	cluster := doc
	if len(keys) > 0 {
		c, err := w.nearest(doc, sig, keys)
		if err != nil {
			return 0, fmt.Errorf("finding near-duplicates: %w", err)
		}
		if c != 0 {
			cluster = c
		}
	}
	if err := w.exec(`INSERT INTO clusters (doc, cluster) VALUES (?,?)`, doc, cluster); err != nil {
		return 0, fmt.Errorf("recording cluster: %w", err)
	}
	if err := w.exec(`INSERT INTO signatures (doc, sig) VALUES (?,?)`, doc, sig.Bytes()); err != nil {
		return 0, fmt.Errorf("recording signature: %w", err)
	}
	args := make([]any, 0, 2*len(keys))
	for _, k := range keys {
		args = append(args, k, doc)
	}
	if err := w.execRows(`INSERT OR IGNORE INTO lsh (key, doc) VALUES `, 2, "", args); err != nil {
		return 0, fmt.Errorf("indexing signature: %w", err)
	}
	if w.bands != nil {
		w.bands.add(keys, doc)
	}
	return cluster, nil
}

// nearest returns the cluster of the earliest stored document (other
// than doc) whose signature is similar enough to sig, or 0.
func (w *writer) nearest(doc int64, sig dedup.Signature, keys []int64) (int64, error) {
	if w.bands != nil && !w.bands.any(keys) {
		return 0, nil // no stored document shares a band
	}
	q := `SELECT c.doc, c.cluster, s.sig FROM (SELECT doc, count(*) n FROM lsh
			WHERE key IN (` + placeholders(len(keys)) + `) AND doc != ? GROUP BY doc ORDER BY n DESC, doc LIMIT ?) l
		JOIN clusters c ON c.doc = l.doc JOIN signatures s ON s.doc = l.doc`
	args := make([]any, 0, len(keys)+2)
	for _, k := range keys {
		args = append(args, k)
	}
	args = append(args, doc, maxCandidates)
	st, err := w.stmt(q, args)
	if err != nil {
		return 0, err
	}
	var bestDoc, bestCluster int64
	var raw []byte
	for st.Step() {
		id, cl := st.ColumnInt64(0), st.ColumnInt64(1)
		raw = st.ColumnBlob(2, raw[:0])
		other, err := dedup.ParseSignature(raw)
		if err != nil {
			continue // a damaged signature only loses a match
		}
		sim, err := dedup.Similarity(sig, other)
		if err != nil || sim < dedup.DefaultThreshold {
			continue
		}
		if bestDoc == 0 || id < bestDoc {
			bestDoc, bestCluster = id, cl
		}
	}
	if err := st.Reset(); err != nil {
		return 0, err
	}
	return bestCluster, nil
}

// bandFilter is a Bloom filter of the band keys in table lsh. Most
// documents share no band with any stored one; for them the filter
// answers "no candidates" without the query, and since a Bloom filter
// has no false negatives the answer is the query's. It is brought up to
// date at the start of every write transaction: when the highest stored
// document is not the one it last saw (another process wrote, or a
// transaction rolled back), it is rebuilt from the table.
type bandFilter struct {
	bits   []uint64
	keys   int   // keys added
	cap    int   // keys the filter is sized for
	maxDoc int64 // highest document row id whose keys are in; -1 when unknown
}

// bandFilter sizing: bits per key and probes per key give about one
// false positive in 1,700 keys (somewhat more with the probes of a key
// in one block), one in 50 documents of 32 bands.
const (
	filterBitsPerKey = 16
	filterProbes     = 8
	filterMinKeys    = 1 << 16
)

// sync makes f hold the keys of every stored document.
func (f *bandFilter) sync(w *writer) error {
	var maxDoc int64
	if _, err := w.int64(&maxDoc, `SELECT coalesce(max(id), 0) FROM documents`); err != nil {
		return err
	}
	if maxDoc == f.maxDoc && f.keys <= f.cap {
		return nil
	}
	var n int64
	if _, err := w.int64(&n, `SELECT count(*) FROM lsh`); err != nil {
		return err
	}
	f.cap = max(filterMinKeys, 2*int(n))
	size := 1
	for size*64 < f.cap*filterBitsPerKey {
		size *= 2
	}
	f.bits, f.keys = make([]uint64, size), 0
	st, err := w.stmt(`SELECT key FROM lsh`, nil)
	if err != nil {
		return err
	}
	for st.Step() {
		f.addKey(st.ColumnInt64(0))
	}
	if err := st.Reset(); err != nil {
		f.maxDoc = -1
		return err
	}
	f.maxDoc = maxDoc
	return nil
}

// add adds the keys of document doc.
func (f *bandFilter) add(keys []int64, doc int64) {
	for _, k := range keys {
		f.addKey(k)
	}
	f.maxDoc = max(f.maxDoc, doc)
}

func (f *bandFilter) addKey(k int64) {
	blk, a, b := f.probes(k)
	for i := range uint64(filterProbes) {
		p := (a + i*b) & (filterBlockBits - 1)
		blk[p/64] |= 1 << (p % 64)
	}
	f.keys++
}

// filterBlockBits is the size of the block of the filter that all the
// probes of one key fall in: one 64-byte cache line. Probes spread over
// the whole filter cost a cache miss each once it outgrows the caches
// (38 MB at 300,000 documents), and rebuilding it when a writer opens
// a large store took seconds.
const filterBlockBits = 512

// probes returns the block of key k and the start and step of its
// probes in it.
func (f *bandFilter) probes(k int64) (blk []uint64, a, b uint64) {
	h1, h2 := filterHashes(k)
	const words = filterBlockBits / 64
	n := uint64(len(f.bits) / words) // a power of two
	i := (h1 & (n - 1)) * words
	return f.bits[i : i+words : i+words], h1 >> 32, h2
}

// any reports whether any of keys may be in the filter.
func (f *bandFilter) any(keys []int64) bool {
next:
	for _, k := range keys {
		blk, a, b := f.probes(k)
		for i := range uint64(filterProbes) {
			p := (a + i*b) & (filterBlockBits - 1)
			if blk[p/64]&(1<<(p%64)) == 0 {
				continue next
			}
		}
		return true
	}
	return false
}

// filterHashes derives the two hashes of double hashing from a band
// key, itself a hash.
func filterHashes(k int64) (h1, h2 uint64) {
	x := uint64(k)
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	y := x * 0xc4ceb9fe1a85ec53
	y ^= y >> 29
	return x, y | 1
}

// backfillClusters gives a cluster to every document stored before the
// cluster tables existed, in the order they were stored.
func (s *DB) backfillClusters(ctx context.Context) error {
	for {
		n, err := s.backfillBatch(ctx, 500)
		if err != nil {
			return fmt.Errorf("clustering stored documents: %w", err)
		}
		if n == 0 {
			return nil
		}
	}
}

func (s *DB) backfillBatch(ctx context.Context, limit int) (int, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	n := 0
	err := s.write(ctx, func(w *writer) error {
		type pending struct {
			id   int64
			text string
		}
		var todo []pending
		st, err := w.stmt(`SELECT d.id, b.text FROM documents d JOIN bodies b ON b.id = d.id
			WHERE NOT EXISTS (SELECT 1 FROM clusters c WHERE c.doc = d.id) ORDER BY d.id LIMIT ?`, []any{limit})
		if err != nil {
			return err
		}
		for st.Step() {
			todo = append(todo, pending{st.ColumnInt64(0), st.ColumnText(1)})
		}
		if err := st.Reset(); err != nil {
			return err
		}
		for _, p := range todo {
			sig, keys := signature(p.text)
			if _, err := w.assignCluster(p.id, sig, keys); err != nil {
				return err
			}
		}
		n = len(todo)
		return nil
	})
	return n, err
}

// copySet maps the row id of each hit that stands for a cluster to the
// row ids of the copies folded into it, best first.
type copySet map[int64][]int64

// collapse keeps in temp.m only the best hit of each cluster (by the
// order of a result page) and returns the others by the hit they were
// folded into. Only matches whose cluster has other members are sorted,
// and nothing is written when no two matches share a cluster.
func collapse(ctx context.Context, conn *sql.Conn) (copySet, error) {
	return foldSQL(ctx, conn, `SELECT rep, id FROM (
			SELECT x.id, first_value(x.id) OVER w AS rep, row_number() OVER w AS rk FROM (
				SELECT m.id, m.score, m.published, c.cluster FROM temp.m m CROSS JOIN clusters c ON c.doc = m.id
				WHERE c.cluster != m.id OR EXISTS (SELECT 1 FROM clusters c2 WHERE c2.cluster = m.id AND c2.doc != m.id)) x
			WINDOW w AS (PARTITION BY x.cluster ORDER BY x.score DESC, x.published DESC, x.id DESC))
		WHERE rk > 1 ORDER BY rep, rk`)
}

// foldSQL runs q, which returns the hits of temp.m to fold (rep, id),
// ordered by rep and then best first, deletes them from temp.m and
// returns them by the hit they were folded into; nil when none.
func foldSQL(ctx context.Context, conn *sql.Conn, q string) (copySet, error) {
	rows, err := conn.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	folded := copySet{}
	var drop []int64
	for rows.Next() {
		var rep, id int64
		if err := rows.Scan(&rep, &id); err != nil {
			return nil, err
		}
		folded[rep] = append(folded[rep], id)
		drop = append(drop, id)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if len(drop) == 0 {
		return nil, nil
	}
	js, _ := json.Marshal(drop)
	if _, err := conn.ExecContext(ctx, `DELETE FROM temp.m WHERE id IN (SELECT value FROM json_each(?))`, string(js)); err != nil {
		return nil, err
	}
	return folded, nil
}

// fillCopies sets Copies and CopyIDs of the hits of a collapsed search.
func fillCopies(ctx context.Context, conn *sql.Conn, hits []search.Hit, copies copySet) error {
	if len(hits) == 0 || len(copies) == 0 {
		return nil
	}
	uids := make([]string, len(hits))
	for i, h := range hits {
		uids[i] = h.ID
	}
	ids, err := rowIDs(ctx, conn, `SELECT uid, id FROM documents WHERE uid IN (SELECT value FROM json_each(?))`, uids)
	if err != nil {
		return err
	}
	var want []int64 // the copies to name
	for i := range hits {
		cs := copies[ids[hits[i].ID]]
		hits[i].Copies = len(cs)
		want = append(want, cs[:min(len(cs), maxCopyIDs)]...)
	}
	if len(want) == 0 {
		return nil
	}
	names := make(map[int64]string, len(want))
	js, _ := json.Marshal(want)
	rows, err := conn.QueryContext(ctx, `SELECT id, uid FROM documents WHERE id IN (SELECT value FROM json_each(?))`, string(js))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var uid string
		if err := rows.Scan(&id, &uid); err != nil {
			return err
		}
		names[id] = uid
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for i := range hits {
		cs := copies[ids[hits[i].ID]]
		for _, id := range cs[:min(len(cs), maxCopyIDs)] {
			hits[i].CopyIDs = append(hits[i].CopyIDs, names[id])
		}
	}
	return nil
}

// rowIDs runs q with keys as a JSON array and maps the returned uids to
// row ids.
func rowIDs(ctx context.Context, conn *sql.Conn, q string, keys []string) (map[string]int64, error) {
	js, _ := json.Marshal(keys)
	rows, err := conn.QueryContext(ctx, q, string(js))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[string]int64, len(keys))
	for rows.Next() {
		var uid string
		var id int64
		if err := rows.Scan(&uid, &id); err != nil {
			return nil, err
		}
		out[uid] = id
	}
	return out, rows.Err()
}
