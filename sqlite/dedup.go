package sqlite

import (
	"context"
	"database/sql"
	"encoding/binary"
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
CREATE TABLE clusters (
	doc     INTEGER PRIMARY KEY REFERENCES documents(id),
	cluster INTEGER NOT NULL REFERENCES documents(id), -- the cluster's first document
	sig     BLOB NOT NULL                              -- dedup.Signature.Bytes
);
CREATE INDEX clusters_cluster ON clusters(cluster);
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

// lshKeys returns the band keys of sig (none for a text without words,
// whose signature would match every other empty one).
func lshKeys(sig dedup.Signature) []int64 {
	empty := true
	for _, v := range sig {
		if v != ^uint64(0) {
			empty = false
			break
		}
	}
	if empty {
		return nil
	}
	bands, rows := dedup.DefaultBands, dedup.DefaultRows
	keys := make([]int64, 0, bands)
	var buf [8]byte
	for b := 0; b < bands && (b+1)*rows <= len(sig); b++ {
		h := uint64(14695981039346656037) ^ uint64(b+1)*0x9e3779b97f4a7c15
		for _, r := range sig[b*rows : (b+1)*rows] {
			binary.LittleEndian.PutUint64(buf[:], r)
			for _, c := range buf {
				h ^= uint64(c)
				h *= 1099511628211
			}
		}
		keys = append(keys, int64(h))
	}
	return keys
}

// assignCluster computes the signature of a newly inserted document,
// finds its cluster and records both. It returns the cluster's first
// document's row id.
func (w *writer) assignCluster(doc int64, text string) (int64, error) {
	sig := dedup.Sign(text, dedup.Options{})
	keys := lshKeys(sig)
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
	if err := w.exec(`INSERT INTO clusters (doc, cluster, sig) VALUES (?,?,?)`, doc, cluster, sig.Bytes()); err != nil {
		return 0, fmt.Errorf("recording cluster: %w", err)
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
	q := `SELECT l.doc, c.cluster, c.sig FROM lsh l JOIN clusters c ON c.doc = l.doc
		WHERE l.key IN (` + placeholders(len(keys)) + `) AND l.doc != ?
		GROUP BY l.doc ORDER BY count(*) DESC, l.doc LIMIT ?`
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

// collapse keeps in temp.m only the best hit of each cluster (by the
// order of a result page) and moves the others to temp.copies.
func collapse(ctx context.Context, conn *sql.Conn) error {
	_, err := conn.ExecContext(ctx, `DROP TABLE IF EXISTS temp.copies;
		CREATE TEMP TABLE copies (rep INTEGER NOT NULL, id INTEGER NOT NULL, rank INTEGER NOT NULL);
		INSERT INTO temp.copies (rep, id, rank)
			SELECT rep, id, rk FROM (
				SELECT m.id, first_value(m.id) OVER w AS rep, row_number() OVER w AS rk
				FROM temp.m m JOIN clusters c ON c.doc = m.id
				WINDOW w AS (PARTITION BY c.cluster ORDER BY m.score DESC, m.published DESC, m.id DESC))
			WHERE rk > 1;
		DELETE FROM temp.m WHERE id IN (SELECT id FROM temp.copies);
		CREATE INDEX temp.copies_rep ON copies(rep, rank);`)
	return err
}

// fillCopies sets Copies and CopyIDs of the hits of a collapsed search.
func fillCopies(ctx context.Context, conn *sql.Conn, hits []search.Hit) error {
	if len(hits) == 0 {
		return nil
	}
	idx := make(map[string]int, len(hits))
	args := make([]any, len(hits))
	for i, h := range hits {
		idx[h.ID] = i
		args[i] = h.ID
	}
	rows, err := conn.QueryContext(ctx, `SELECT r.uid, d.uid FROM documents r
		JOIN temp.copies c ON c.rep = r.id JOIN documents d ON d.id = c.id
		WHERE r.uid IN (`+placeholders(len(hits))+`) ORDER BY c.rep, c.rank`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var rep, id string
		if err := rows.Scan(&rep, &id); err != nil {
			return err
		}
		h := &hits[idx[rep]]
		h.Copies++
		if len(h.CopyIDs) < maxCopyIDs {
			h.CopyIDs = append(h.CopyIDs, id)
		}
	}
	return rows.Err()
}
