package postgres

import (
	"context"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"

	"github.com/jackc/pgx/v5"
)

// Concurrent writers. Puts from any number of goroutines and processes
// run at once; instead of one lock for all writes, each Put locks only
// the rows its documents involve, always in the same order (so that
// Puts wait for each other only when they share something, and never
// deadlock):
//
//  1. lockWrite in shared mode: only backfillClusters (and older
//     versions of this package) take it exclusively.
//  2. The identities of its documents (URL and content hash), as
//     transaction advisory locks in ascending key order: a Put storing
//     the same URL or text waits until this one ends, and then finds it
//     stored, so every document is stored exactly once.
//  3. The LSH band keys of its new documents, as rows of the bands table
//     (inserted when new, then locked FOR UPDATE), in ascending order: a
//     Put holding a near-duplicate (which shares a band) waits, and then
//     finds it when assigning clusters, as if the Puts had run one after
//     the other.
//  4. New entities are inserted with ON CONFLICT DO NOTHING, names are
//     lengthened with conditional updates, both in key order.
//  5. Last, one of corpusShards rows of the corpus statistics, chosen at
//     random, so that concurrent Puts seldom update the same row.

// writeMigration (schema version 3) replaces the single corpus
// statistics row by shards, adds the band lock rows, and moves term
// frequencies from a jsonb column of documents to a postings table
// (search reads one index range instead of decompressing a jsonb value
// per matching document).
const writeMigration = `
-- One row per analyzed term of each document (index.go); no foreign
-- key, as documents are never deleted and each row would pay its check.
CREATE TABLE postings (
	term text COLLATE "C" NOT NULL,
	doc  bigint NOT NULL,
	tf   integer NOT NULL, -- 2×(title occurrences) + text occurrences
	PRIMARY KEY (term, doc)
);
INSERT INTO postings (term, doc, tf) SELECT t.key, d.id, t.value::integer FROM documents d, jsonb_each_text(d.tf) t;
ALTER TABLE documents DROP COLUMN tf;
-- Matching a phrase reads (decompresses) every candidate's tsvector: lz4
-- does that about twice as fast as the default pglz, where the server
-- has it. Rows written before keep pglz.
DO $$ BEGIN
	EXECUTE 'ALTER TABLE documents ALTER COLUMN tsv SET COMPRESSION lz4';
EXCEPTION WHEN feature_not_supported OR syntax_error THEN NULL;
END $$;
CREATE TABLE corpus_shards (
	shard integer PRIMARY KEY,
	docs  bigint NOT NULL,
	terms bigint NOT NULL
);
INSERT INTO corpus_shards (shard, docs, terms) SELECT g, 0, 0 FROM generate_series(0, 15) g;
UPDATE corpus_shards s SET docs = c.docs, terms = c.terms FROM corpus c WHERE s.shard = 0;
DROP TABLE corpus;
-- lsh is written 32 rows per document; documents are never deleted, and
-- the foreign key's check on every row cost more than the row.
ALTER TABLE lsh DROP CONSTRAINT IF EXISTS lsh_doc_fkey;
-- Rows that Puts lock, one per LSH band key, created by the first Put
-- that needs it (see locks.go).
CREATE TABLE bands (key bigint PRIMARY KEY);
`

// corpusShards is the number of corpus_shards rows (writeMigration).
const corpusShards = 16

// identityKeys returns the advisory lock keys of documents with these
// URLs ("" for none) and content hashes, sorted and without repeats.
func identityKeys(urls, hashes []string) []int64 {
	keys := make([]int64, 0, 2*len(urls))
	key := func(kind byte, s string) int64 {
		h := fnv.New64a()
		h.Write([]byte{kind, 0})
		h.Write([]byte(s))
		return int64(h.Sum64())
	}
	for i := range urls {
		if urls[i] != "" {
			keys = append(keys, key('u', urls[i]))
		}
		keys = append(keys, key('h', hashes[i]))
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// lockIdentities takes the shared write lock and the identity locks
// (steps 1 and 2). unnest keeps the array's (ascending) order.
func lockIdentities(ctx context.Context, tx pgx.Tx, keys []int64) error {
	b := &pgx.Batch{}
	b.Queue(`SELECT pg_advisory_xact_lock_shared($1)`, int64(lockWrite))
	b.Queue(`SELECT count(pg_advisory_xact_lock(k)) FROM unnest($1::bigint[]) k`, keys)
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("write locks: %w", err)
	}
	return nil
}

// lockBands locks the band rows of keys (step 3), creating the missing
// ones. keys must be sorted without repeats.
func lockBands(ctx context.Context, tx pgx.Tx, keys []int64) error {
	if len(keys) == 0 {
		return nil
	}
	b := &pgx.Batch{}
	b.Queue(`INSERT INTO bands (key) SELECT k FROM unnest($1::bigint[]) k ON CONFLICT DO NOTHING`, keys)
	b.Queue(`SELECT count(*) FROM (SELECT key FROM bands WHERE key = ANY($1) ORDER BY key FOR UPDATE) x`, keys)
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("near-duplicate locks: %w", err)
	}
	return nil
}

// addCorpus queues the update of the corpus statistics (step 5).
func addCorpus(b *pgx.Batch, docs int, terms int64) {
	b.Queue(`UPDATE corpus_shards SET docs = docs + $1, terms = terms + $2 WHERE shard = $3`,
		docs, terms, rand.IntN(corpusShards))
}
