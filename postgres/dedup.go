package postgres

import (
	"context"
	"fmt"

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

// assignCluster finds the cluster of document doc (already inserted in
// tx) from its signature and records both. It returns the ID (uid) of
// the cluster's first document, "" for doc itself. Documents must be
// assigned in the order they were inserted.
func assignCluster(ctx context.Context, tx pgx.Tx, doc int64, sig dedup.Signature) (string, error) {
	keys := dedup.BandKeys(sig)
	cluster, uid := doc, ""
	if len(keys) > 0 {
		c, u, err := nearest(ctx, tx, doc, sig, keys)
		if err != nil {
			return "", fmt.Errorf("finding near-duplicates: %w", err)
		}
		if c != 0 {
			cluster, uid = c, u
		}
	}
	b := &pgx.Batch{}
	b.Queue(`INSERT INTO clusters (doc, cluster, sig) VALUES ($1, $2, $3)`, doc, cluster, sig.Bytes())
	if len(keys) > 0 {
		b.Queue(`INSERT INTO lsh (key, doc) SELECT DISTINCT k, $2::bigint FROM unnest($1::bigint[]) k`, keys, doc)
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return "", fmt.Errorf("recording cluster: %w", err)
	}
	return uid, nil
}

// nearest returns the cluster (row id and uid) of the earliest stored
// document other than doc whose signature is similar enough to sig, or 0.
func nearest(ctx context.Context, tx pgx.Tx, doc int64, sig dedup.Signature, keys []int64) (int64, string, error) {
	rows, err := tx.Query(ctx, `SELECT x.doc, c.cluster, f.uid, c.sig FROM
		(SELECT doc, count(*) AS n FROM lsh WHERE key = ANY($1) AND doc <> $2 GROUP BY doc ORDER BY n DESC, doc LIMIT $3) x
		JOIN clusters c ON c.doc = x.doc JOIN documents f ON f.id = c.cluster`, keys, doc, maxCandidates)
	if err != nil {
		return 0, "", err
	}
	var bestDoc, bestCluster int64
	var bestUID string
	var id, cl int64
	var uid string
	var raw []byte
	_, err = pgx.ForEachRow(rows, []any{&id, &cl, &uid, &raw}, func() error {
		other, err := dedup.ParseSignature(raw)
		if err != nil {
			return nil // a damaged signature only loses a match
		}
		if sim, err := dedup.Similarity(sig, other); err != nil || sim < dedup.DefaultThreshold {
			return nil
		}
		if bestDoc == 0 || id < bestDoc {
			bestDoc, bestCluster, bestUID = id, cl, uid
		}
		return nil
	})
	return bestCluster, bestUID, err
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
			for _, p := range todo {
				if _, err := assignCluster(ctx, tx, p.id, dedup.Sign(string(p.text), dedup.Options{})); err != nil {
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
