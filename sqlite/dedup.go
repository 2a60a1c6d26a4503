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

// assignCluster computes the signature of a newly inserted document,
// finds its cluster and records both. It returns the cluster's first
// document's row id.
func (w *writer) assignCluster(doc int64, text string) (int64, error) {
	sig := dedup.Sign(text, dedup.Options{})
	keys := dedup.BandKeys(sig)
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
	for _, k := range keys {
		if err := w.exec(`INSERT OR IGNORE INTO lsh (key, doc) VALUES (?,?)`, k, doc); err != nil {
			return 0, fmt.Errorf("indexing signature: %w", err)
		}
	}
	return cluster, nil
}

// nearest returns the cluster of the earliest stored document (other
// than doc) whose signature is similar enough to sig, or 0.
func (w *writer) nearest(doc int64, sig dedup.Signature, keys []int64) (int64, error) {
	q := `SELECT c.doc, c.cluster, s.sig FROM (SELECT doc, count(*) n FROM lsh
			WHERE key IN (` + placeholders(len(keys)) + `) AND doc != ? GROUP BY doc ORDER BY n DESC, doc LIMIT ?) l
		JOIN clusters c ON c.doc = l.doc JOIN signatures s ON s.doc = l.doc`
	args := make([]any, 0, len(keys)+2)
	for _, k := range keys {
		args = append(args, k)
	}
	args = append(args, doc, maxCandidates)
	st, err := w.stmt(q)
	if err != nil {
		return 0, err
	}
	rows, err := st.QueryContext(w.ctx, args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var bestDoc, bestCluster int64
	for rows.Next() {
		var id, cl int64
		var raw []byte
		if err := rows.Scan(&id, &cl, &raw); err != nil {
			return 0, err
		}
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
	return bestCluster, rows.Err()
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
	tx, err := s.sql.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT d.id, b.text FROM documents d JOIN bodies b ON b.id = d.id
		WHERE NOT EXISTS (SELECT 1 FROM clusters c WHERE c.doc = d.id) ORDER BY d.id LIMIT ?`, limit)
	if err != nil {
		return 0, err
	}
	type pending struct {
		id   int64
		text string
	}
	var todo []pending
	for rows.Next() {
		var p pending
		if err := rows.Scan(&p.id, &p.text); err != nil {
			rows.Close()
			return 0, err
		}
		todo = append(todo, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	if len(todo) == 0 {
		return 0, nil
	}
	w := &writer{ctx: ctx, tx: tx, stmts: map[string]*sql.Stmt{}}
	defer w.close()
	for _, p := range todo {
		if _, err := w.assignCluster(p.id, p.text); err != nil {
			return 0, err
		}
	}
	return len(todo), tx.Commit()
}

// copySet maps the row id of each hit that stands for a cluster to the
// row ids of the copies folded into it, best first.
type copySet map[int64][]int64

// collapse keeps in temp.m only the best hit of each cluster (by the
// order of a result page) and returns the others by the hit they were
// folded into. Only matches whose cluster has other members are sorted,
// and nothing is written when no two matches share a cluster.
func collapse(ctx context.Context, conn *sql.Conn) (copySet, error) {
	rows, err := conn.QueryContext(ctx, `SELECT rep, id FROM (
			SELECT x.id, first_value(x.id) OVER w AS rep, row_number() OVER w AS rk FROM (
				SELECT m.id, m.score, m.published, c.cluster FROM temp.m m CROSS JOIN clusters c ON c.doc = m.id
				WHERE c.cluster != m.id OR EXISTS (SELECT 1 FROM clusters c2 WHERE c2.cluster = m.id AND c2.doc != m.id)) x
			WINDOW w AS (PARTITION BY x.cluster ORDER BY x.score DESC, x.published DESC, x.id DESC))
		WHERE rk > 1 ORDER BY rep, rk`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	copies := copySet{}
	var drop []int64
	for rows.Next() {
		var rep, id int64
		if err := rows.Scan(&rep, &id); err != nil {
			return nil, err
		}
		copies[rep] = append(copies[rep], id)
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
	return copies, nil
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
