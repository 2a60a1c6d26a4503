package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/khabar/khabar/search"
)

// migrations are applied in order, each recorded in schema_migrations
// with its number (1-based). Never edit a released migration: append a
// new one.
var migrations = []string{
	// 1: documents with their full-text index, bodies, entities,
	// mentions, dates, quotes, events and corpus statistics.
	`
CREATE TABLE documents (
	id           bigserial PRIMARY KEY,
	uid          text COLLATE "C" NOT NULL UNIQUE,
	url          text COLLATE "C" UNIQUE,
	hash         text COLLATE "C" NOT NULL UNIQUE,
	source       text COLLATE "C" NOT NULL DEFAULT '',
	source_key   text COLLATE "C" NOT NULL DEFAULT '', -- source, ASCII lower-cased
	author       text NOT NULL DEFAULT '',
	title        text NOT NULL DEFAULT '',
	published    text COLLATE "C" NOT NULL DEFAULT '',
	place_norm   text COLLATE "C" NOT NULL DEFAULT '',
	ingested     timestamptz NOT NULL,
	content_type text NOT NULL DEFAULT '',
	dl           integer NOT NULL,  -- analyzed terms in title and text
	tsv          tsvector NOT NULL, -- built in Go: analyzed and exact terms with positions, title weighted A
	tf           jsonb NOT NULL     -- term → 2×(title occurrences) + text occurrences
);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_source ON documents(source_key);
CREATE INDEX documents_place ON documents(place_norm) WHERE place_norm <> '';
CREATE INDEX documents_tsv ON documents USING gin (tsv);

-- The large columns live apart so that documents stays narrow. The text
-- is bytea: PostgreSQL text cannot hold NUL, Go strings can.
CREATE TABLE bodies (
	id       bigint PRIMARY KEY REFERENCES documents(id),
	text     bytea NOT NULL,
	analysis text NOT NULL,
	raw      bytea
);

CREATE TABLE corpus (
	one    boolean PRIMARY KEY DEFAULT true CHECK (one),
	docs   bigint NOT NULL,
	terms  bigint NOT NULL
);
INSERT INTO corpus (docs, terms) VALUES (0, 0);

CREATE TABLE entities (
	id       bigserial PRIMARY KEY,
	key      text COLLATE "C" NOT NULL UNIQUE,
	type     text COLLATE "C" NOT NULL,
	name     text COLLATE "C" NOT NULL,
	norm     text COLLATE "C" NOT NULL,
	kb_id    text COLLATE "C" NOT NULL DEFAULT '',
	kb_norm  text COLLATE "C" NOT NULL DEFAULT '',
	wikidata text NOT NULL DEFAULT '',
	country  text NOT NULL DEFAULT ''
);
CREATE INDEX entities_norm ON entities(norm);
CREATE INDEX entities_kb ON entities(kb_id) WHERE kb_id <> '';
CREATE INDEX entities_kb_norm ON entities(kb_norm) WHERE kb_norm <> '';

CREATE TABLE doc_entities (
	doc      bigint NOT NULL REFERENCES documents(id),
	entity   bigint NOT NULL REFERENCES entities(id),
	mentions integer NOT NULL,
	PRIMARY KEY (doc, entity)
);
CREATE INDEX doc_entities_entity ON doc_entities(entity, doc);

CREATE TABLE mentions (
	doc       bigint NOT NULL REFERENCES documents(id),
	entity    bigint NOT NULL REFERENCES entities(id),
	start_pos integer NOT NULL,
	end_pos   integer NOT NULL,
	text      text NOT NULL
);
CREATE INDEX mentions_doc ON mentions(doc);

CREATE TABLE dates (
	doc       bigint NOT NULL REFERENCES documents(id),
	start_pos integer NOT NULL,
	end_pos   integer NOT NULL,
	text      text NOT NULL,
	value     text COLLATE "C" NOT NULL,
	grain     text NOT NULL,
	calendar  text NOT NULL
);
CREATE INDEX dates_doc ON dates(doc);
CREATE INDEX dates_value ON dates(value);

CREATE TABLE quotes (
	doc       bigint NOT NULL REFERENCES documents(id),
	seq       integer NOT NULL,
	speaker   bigint REFERENCES entities(id),
	text      text NOT NULL,
	start_pos integer NOT NULL,
	end_pos   integer NOT NULL,
	cue       text NOT NULL,
	direct    boolean NOT NULL,
	PRIMARY KEY (doc, seq)
);
CREATE INDEX quotes_speaker ON quotes(speaker) WHERE speaker IS NOT NULL;

CREATE TABLE events (
	id        bigserial PRIMARY KEY,
	doc       bigint NOT NULL REFERENCES documents(id),
	type      text COLLATE "C" NOT NULL,
	mode      text NOT NULL,
	date      text COLLATE "C" NOT NULL,
	place     bigint REFERENCES entities(id),
	start_pos integer NOT NULL,
	end_pos   integer NOT NULL,
	evidence  text NOT NULL
);
CREATE INDEX events_doc ON events(doc);
CREATE INDEX events_type_date ON events(type, date);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_place ON events(place) WHERE place IS NOT NULL;

CREATE TABLE event_actors (
	event  bigint NOT NULL REFERENCES events(id),
	entity bigint NOT NULL REFERENCES entities(id),
	PRIMARY KEY (event, entity)
);
CREATE INDEX event_actors_entity ON event_actors(entity, event);
`,
	// 2: near-duplicate clusters and their LSH index (dedup.go).
	clusterMigration,
	// 3: sharded corpus statistics and band locks, for concurrent
	// writers, and postings instead of documents.tf (locks.go).
	writeMigration,
	// 4: every speaker of a quote, its unnamed speaker and its source
	// (quotes.go); filled from the stored analyses by fillQuotes.
	quoteMigration,
	// 5: the full-text index rebuilt with the analyzer the store is
	// opened with: search.DefaultAnalyzer gained the hamza-seat fold
	// (reindex.go).
	`TRUNCATE postings`,
	// 6: stories and the documents' membership (stories.go).
	storyMigration,
	// 7: watches and their matches (watches.go).
	watchMigration,
}

// migrationFills complete a migration from the stored data, in the
// migration's transaction, with the analyzer the DB is opened with: by
// the version the migration brings.
var migrationFills = map[int]func(ctx context.Context, tx pgx.Tx, an search.Analyzer) error{
	4: func(ctx context.Context, tx pgx.Tx, _ search.Analyzer) error { return fillQuotes(ctx, tx) },
	5: reindex,
}

// SchemaVersion is the schema version this package writes.
var SchemaVersion = len(migrations)

// lockMigrate and lockWrite are advisory lock keys: one process migrates
// at a time; Puts hold lockWrite shared, and only backfillClusters
// (and versions of this package before schema 3, which held it for
// every Put) exclusively. See locks.go.
const (
	lockMigrate = 0x6b686162_6172_0001 // "khabar" + 1
	lockWrite   = 0x6b686162_6172_0002
)

// migrate brings the schema up to SchemaVersion in one transaction,
// under an advisory lock so that processes opening a new database at
// once do not both migrate it. A database newer than this package is
// refused.
func migrate(ctx context.Context, pool *pgxpool.Pool, an search.Analyzer) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(lockMigrate)); err != nil {
			return fmt.Errorf("schema migration lock: %w", err)
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version integer PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now())`); err != nil {
			return fmt.Errorf("schema_migrations: %w", err)
		}
		v, err := version(ctx, tx)
		if err != nil {
			return err
		}
		if v > len(migrations) {
			return fmt.Errorf("schema version %d is newer than this program's %d", v, len(migrations))
		}
		for ; v < len(migrations); v++ {
			if _, err := tx.Exec(ctx, migrations[v]); err != nil {
				return fmt.Errorf("migration %d: %w", v+1, err)
			}
			if fill := migrationFills[v+1]; fill != nil {
				if err := fill(ctx, tx, an); err != nil {
					return fmt.Errorf("migration %d: %w", v+1, err)
				}
			}
			if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version) VALUES ($1)`, v+1); err != nil {
				return fmt.Errorf("migration %d: %w", v+1, err)
			}
		}
		return nil
	})
}

func version(ctx context.Context, q interface {
	QueryRow(context.Context, string, ...any) pgx.Row
}) (int, error) {
	var v int
	if err := q.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("reading schema version: %w", err)
	}
	return v, nil
}

// errSchema is returned when a read-only DB's schema is not this package's.
var errSchema = errors.New("schema version mismatch")

// checkVersion verifies, for a read-only DB, that the schema is there and
// current.
func checkVersion(ctx context.Context, pool *pgxpool.Pool) error {
	var exists bool
	if err := pool.QueryRow(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL`).Scan(&exists); err != nil {
		return fmt.Errorf("reading schema version: %w", err)
	}
	if !exists {
		return fmt.Errorf("%w: no khabar schema (open it once for writing first)", errSchema)
	}
	v, err := version(ctx, pool)
	if err != nil {
		return err
	}
	switch {
	case v < len(migrations):
		return fmt.Errorf("%w: database has version %d, older than this program's %d "+
			"(open it once for writing with this program; a hot standby follows when its primary is upgraded)",
			errSchema, v, len(migrations))
	case v > len(migrations):
		return fmt.Errorf("%w: database has version %d, newer than this program's %d (upgrade khabar)",
			errSchema, v, len(migrations))
	}
	return nil
}
