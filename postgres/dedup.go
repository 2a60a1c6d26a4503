package postgres

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/khabar/khabar/dedup"
)

// Near-duplicate clusters, as in package sqlite: every stored document
// gets a MinHash signature (package dedup, default options) and a
// cluster, the cluster of the earliest stored document whose estimated
// similarity reaches dedup.DefaultThreshold, else a cluster of its own.
// The LSH band keys of every signature are kept in a table, so finding
// candidates costs one indexed lookup at Put. A search collapses each
// cluster to its best hit, which carries the number and IDs of the
// others (search.Hit.Copies and CopyIDs).

// clusterMigration adds the cluster tables (schema version 2).
const clusterMigration = `
CREATE TABLE clusters (
	doc     bigint PRIMARY KEY REFERENCES documents(id),
	cluster bigint NOT NULL REFERENCES documents(id), -- the cluster's first document
	sig     bytea NOT NULL                            -- dedup.Signature.Bytes
);
CREATE INDEX clusters_cluster ON clusters(cluster);
-- One row per LSH band of each signature: key = hash(band number, band rows).
CREATE TABLE lsh (
	key bigint NOT NULL,
	doc bigint NOT NULL REFERENCES documents(id),
	PRIMARY KEY (key, doc)
);
`

// maxCandidates bounds the LSH candidates verified for one document: the
// ones sharing the most bands first.
const maxCandidates = 256

// maxCopyIDs bounds Hit.CopyIDs; Hit.Copies still counts them all.
const maxCopyIDs = 100

// bandKeys returns the LSH band keys of sig, sorted, without repeats.
func bandKeys(sig dedup.Signature) []int64 {
	keys := dedup.BandKeys(sig)
	slices.Sort(keys)
	return slices.Compact(keys)
}

// clusterDoc is a document, inserted in the transaction, that needs a
// cluster.
type clusterDoc struct {
	id   int64
	uid  string
	sig  dedup.Signature
	keys []int64 // bandKeys(sig)
}

// candidate is a stored document sharing bands with a new one.
type candidate struct {
	doc, cluster int64
	n            int    // bands shared
	uid          string // of the cluster's first document
	sig          dedup.Signature
}

// assignClusters gives each document of docs (in the order they were
// inserted) the cluster of the earliest stored document, or earlier
// document of docs, whose signature is similar enough, else its own,
// and records them. It returns the ID (uid) of each document's cluster.
// The candidates are the maxCandidates documents sharing the most
// bands, as one query per document would find them: those already
// stored come from one query, those of docs are found here.
func assignClusters(ctx context.Context, tx pgx.Tx, docs []clusterDoc) ([]string, error) {
	stored, err := storedCandidates(ctx, tx, docs)
	if err != nil {
		return nil, fmt.Errorf("finding near-duplicates: %w", err)
	}
	clusterOf := make([]int64, len(docs))
	uids := make([]string, len(docs))
	byBand := map[int64][]int{} // band key → earlier docs
	var clusterRows, lshRows [][]any
	for k, d := range docs {
		shared := map[int]int{}
		for _, key := range d.keys {
			for _, j := range byBand[key] {
				shared[j]++
			}
		}
		cands := stored[k]
		for j, n := range shared {
			cands = append(cands, candidate{doc: docs[j].id, cluster: clusterOf[j], n: n, uid: uids[j], sig: docs[j].sig})
		}
		slices.SortFunc(cands, func(a, b candidate) int {
			if a.n != b.n {
				return b.n - a.n
			}
			return cmp.Compare(a.doc, b.doc)
		})
		clusterOf[k], uids[k] = d.id, d.uid
		var best int64
		for _, c := range cands[:min(len(cands), maxCandidates)] {
			if c.sig == nil {
				continue // a damaged signature only loses a match
			}
			if sim, err := dedup.Similarity(d.sig, c.sig); err != nil || sim < dedup.DefaultThreshold {
				continue
			}
			if best == 0 || c.doc < best {
				best, clusterOf[k], uids[k] = c.doc, c.cluster, c.uid
			}
		}
		for _, key := range d.keys {
			byBand[key] = append(byBand[key], k)
			lshRows = append(lshRows, []any{key, d.id})
		}
		clusterRows = append(clusterRows, []any{d.id, clusterOf[k], d.sig.Bytes()})
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"clusters"}, []string{"doc", "cluster", "sig"}, pgx.CopyFromRows(clusterRows)); err != nil {
		return nil, fmt.Errorf("recording clusters: %w", err)
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"lsh"}, []string{"key", "doc"}, pgx.CopyFromRows(lshRows)); err != nil {
		return nil, fmt.Errorf("recording clusters: %w", err)
	}
	return uids, nil
}

// storedCandidates returns, for each of docs, the maxCandidates stored
// documents sharing the most bands with it (ties: the earliest first).
func storedCandidates(ctx context.Context, tx pgx.Tx, docs []clusterDoc) ([][]candidate, error) {
	var idx []int32
	var keys []int64
	for k, d := range docs {
		for _, key := range d.keys {
			idx, keys = append(idx, int32(k)), append(keys, key)
		}
	}
	out := make([][]candidate, len(docs))
	if len(keys) == 0 {
		return out, nil
	}
	rows, err := tx.Query(ctx, `SELECT x.i, x.doc, x.n, c.cluster, f.uid, c.sig FROM
		(SELECT i, doc, n, row_number() OVER (PARTITION BY i ORDER BY n DESC, doc) AS rk FROM
			(SELECT q.i, l.doc, count(*) AS n FROM unnest($1::int[], $2::bigint[]) q(i, key) JOIN lsh l ON l.key = q.key
			GROUP BY q.i, l.doc) y) x
		JOIN clusters c ON c.doc = x.doc JOIN documents f ON f.id = c.cluster
		WHERE x.rk <= $3`, idx, keys, maxCandidates)
	if err != nil {
		return nil, err
	}
	var i int32
	var c candidate
	var raw []byte
	_, err = pgx.ForEachRow(rows, []any{&i, &c.doc, &c.n, &c.cluster, &c.uid, &raw}, func() error {
		if int(i) < 0 || int(i) >= len(out) {
			return fmt.Errorf("candidate of document %d of %d", i, len(out))
		}
		c.sig = nil
		if sig, err := dedup.ParseSignature(raw); err == nil {
			c.sig = sig
		}
		out[i] = append(out[i], c)
		return nil
	})
	return out, err
}

// backfillClusters gives a cluster to every document stored before the
// cluster tables existed, in the order they were stored.
func (s *DB) backfillClusters(ctx context.Context) error {
	for {
		n := 0
		err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(lockWrite)); err != nil {
				return err
			}
			rows, err := tx.Query(ctx, `SELECT d.id, b.text FROM documents d JOIN bodies b ON b.id = d.id
				WHERE NOT EXISTS (SELECT 1 FROM clusters c WHERE c.doc = d.id) ORDER BY d.id LIMIT 500`)
			if err != nil {
				return err
			}
			type pending struct {
				id   int64
				text []byte
			}
			var todo []pending
			var p pending
			if _, err := pgx.ForEachRow(rows, []any{&p.id, &p.text}, func() error {
				todo = append(todo, pending{p.id, append([]byte(nil), p.text...)})
				return nil
			}); err != nil {
				return err
			}
			docs := make([]clusterDoc, len(todo))
			for k, p := range todo {
				sig := dedup.Sign(string(p.text), dedup.Options{})
				docs[k] = clusterDoc{id: p.id, sig: sig, keys: bandKeys(sig)}
			}
			if len(docs) > 0 {
				if _, err := assignClusters(ctx, tx, docs); err != nil {
					return err
				}
			}
			n = len(todo)
			return nil
		})
		if err != nil {
			return fmt.Errorf("clustering stored documents: %w", err)
		}
		if n == 0 {
			return nil
		}
	}
}
