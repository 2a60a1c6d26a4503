package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations are applied in order; the database's PRAGMA user_version
// is the number of migrations applied. Never edit a released migration:
// append a new one.
var migrations = []string{
	// 1: documents, full text, entities, mentions, dates, quotes, events.
	`
CREATE TABLE documents (
	id           INTEGER PRIMARY KEY,
	uid          TEXT NOT NULL UNIQUE,
	url          TEXT UNIQUE,
	hash         TEXT NOT NULL UNIQUE,
	source       TEXT NOT NULL DEFAULT '',
	author       TEXT NOT NULL DEFAULT '',
	title        TEXT NOT NULL DEFAULT '',
	published    TEXT NOT NULL DEFAULT '',
	place_norm   TEXT NOT NULL DEFAULT '',
	ingested     TEXT NOT NULL,
	content_type TEXT NOT NULL DEFAULT ''
);
-- The large columns live apart so that documents stays narrow and fast
-- to scan and join.
CREATE TABLE bodies (
	id       INTEGER PRIMARY KEY REFERENCES documents(id),
	text     TEXT NOT NULL,
	analysis TEXT NOT NULL,
	raw      BLOB
);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_source ON documents(source COLLATE NOCASE);
CREATE INDEX documents_place ON documents(place_norm) WHERE place_norm != '';

-- Contentless: the text is in bodies; snippets are made in Go.
CREATE VIRTUAL TABLE fts USING fts5(
	title, text,
	content='', contentless_delete=1,
	tokenize='khabar'
);

CREATE TABLE entities (
	id       INTEGER PRIMARY KEY,
	key      TEXT NOT NULL UNIQUE,
	type     TEXT NOT NULL,
	name     TEXT NOT NULL,
	norm     TEXT NOT NULL,
	kb_id    TEXT NOT NULL DEFAULT '',
	kb_norm  TEXT NOT NULL DEFAULT '',
	wikidata TEXT NOT NULL DEFAULT '',
	country  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX entities_norm ON entities(norm);
CREATE INDEX entities_kb ON entities(kb_id) WHERE kb_id != '';
CREATE INDEX entities_kb_norm ON entities(kb_norm) WHERE kb_norm != '';

CREATE TABLE doc_entities (
	doc      INTEGER NOT NULL REFERENCES documents(id),
	entity   INTEGER NOT NULL REFERENCES entities(id),
	mentions INTEGER NOT NULL,
	PRIMARY KEY (doc, entity)
) WITHOUT ROWID;
CREATE INDEX doc_entities_entity ON doc_entities(entity, doc);

CREATE TABLE mentions (
	doc    INTEGER NOT NULL REFERENCES documents(id),
	entity INTEGER NOT NULL REFERENCES entities(id),
	start  INTEGER NOT NULL,
	end    INTEGER NOT NULL,
	text   TEXT NOT NULL
);
CREATE INDEX mentions_doc ON mentions(doc);

CREATE TABLE dates (
	doc      INTEGER NOT NULL REFERENCES documents(id),
	start    INTEGER NOT NULL,
	end      INTEGER NOT NULL,
	text     TEXT NOT NULL,
	value    TEXT NOT NULL,
	grain    TEXT NOT NULL,
	calendar TEXT NOT NULL
);
CREATE INDEX dates_doc ON dates(doc);
CREATE INDEX dates_value ON dates(value);

CREATE TABLE quotes (
	doc     INTEGER NOT NULL REFERENCES documents(id),
	seq     INTEGER NOT NULL,
	speaker INTEGER REFERENCES entities(id),
	text    TEXT NOT NULL,
	start   INTEGER NOT NULL,
	end     INTEGER NOT NULL,
	cue     TEXT NOT NULL,
	direct  INTEGER NOT NULL,
	PRIMARY KEY (doc, seq)
) WITHOUT ROWID;
CREATE INDEX quotes_speaker ON quotes(speaker) WHERE speaker IS NOT NULL;

CREATE TABLE events (
	id       INTEGER PRIMARY KEY,
	doc      INTEGER NOT NULL REFERENCES documents(id),
	type     TEXT NOT NULL,
	mode     TEXT NOT NULL,
	date     TEXT NOT NULL,
	place    INTEGER REFERENCES entities(id),
	start    INTEGER NOT NULL,
	end      INTEGER NOT NULL,
	evidence TEXT NOT NULL
);
CREATE INDEX events_doc ON events(doc);
CREATE INDEX events_type_date ON events(type, date);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_place ON events(place) WHERE place IS NOT NULL;

CREATE TABLE event_actors (
	event  INTEGER NOT NULL REFERENCES events(id),
	entity INTEGER NOT NULL REFERENCES entities(id),
	PRIMARY KEY (event, entity)
) WITHOUT ROWID;
CREATE INDEX event_actors_entity ON event_actors(entity, event);
`,
	// 2: near-duplicate clusters and their LSH index (dedup.go).
	clusterMigration,
	// 3: full-text index write settings (see ftsTuning).
	ftsTuning,
	// 4: every speaker of a quote, its unnamed speaker and its source
	// (quotes.go); filled from the stored analyses by fillQuotes.
	quoteMigration,
	// 5: the full-text index rebuilt with the analyzer the store is
	// opened with: search.DefaultAnalyzer gained the hamza-seat fold.
	reindexMigration,
	// 6: stories and the documents' membership (stories.go).
	storyMigration,
	// 7: watches and their matches (watches.go).
	watchMigration,
}

// migrationFills complete a migration from the stored data, in the
// migration's transaction: by the version the migration brings.
var migrationFills = map[int]func(ctx context.Context, tx *sql.Tx) error{
	4: fillQuotes,
}

// ftsTuning configures how FTS5 writes the full-text index; the values
// are stored in the fts_config table, so they hold on every connection.
//
// hashsize: FTS5 keeps the terms of the documents inserted in a
// transaction in memory and writes them out as a new level-0 segment
// when the transaction commits or when they pass hashsize bytes. The
// default, 1 MB, cut one Put of a few hundred articles into several
// segments, each later merged; at 32 MB one Put makes one segment (the
// memory is used only while a Put writes).
//
// automerge: FTS5 merges a level's segments into one of the next level
// once the level holds automerge of them. Raising it from 4 to 8 halves
// the number of levels a term's postings are rewritten through
// (log8 instead of log4 of the number of segments), at the cost of at
// most 7 rather than 3 segments per level for a query to read.
// On the 30,085 saudinewsnet articles of storebench the two together
// cut the CPU time of the writing connection by about a quarter (FTS5
// merging from 12 to 4 CPU seconds), and query latency did not change.
const ftsTuning = `
INSERT INTO fts(fts, rank) VALUES ('hashsize', 33554432);
INSERT INTO fts(fts, rank) VALUES ('automerge', 8);
`

// reindexMigration rebuilds the full-text index from the stored titles
// and texts, through the tokenizer "khabar" and so the DB's analyzer.
// It is applied when the terms the default analyzer makes change, so
// that an older store does not answer queries with terms of another
// analyzer (on the 30,085 saudinewsnet articles of storebench it takes
// about as long as indexing them did).
const reindexMigration = `
INSERT INTO fts(fts) VALUES ('delete-all');
INSERT INTO fts (rowid, title, text) SELECT d.id, d.title, b.text FROM documents d JOIN bodies b ON b.id = d.id ORDER BY d.id;
`

// SchemaVersion is the schema version this package writes.
var SchemaVersion = len(migrations)

// migrate brings the database up to SchemaVersion, one transaction per
// migration; the version is read inside each transaction so that two
// processes opening a new database at once do not both migrate it. A
// database newer than this package is refused.
func migrate(ctx context.Context, db *sql.DB) error {
	for {
		done, err := migrateOne(ctx, db)
		if err != nil || done {
			return err
		}
	}
}

func migrateOne(ctx context.Context, db *sql.DB) (done bool, err error) {
	tx, err := db.BeginTx(ctx, nil) // immediate: takes the write lock
	if err != nil {
		return false, fmt.Errorf("schema migration: %w", err)
	}
	defer tx.Rollback()
	var v int
	if err := tx.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
		return false, fmt.Errorf("reading schema version: %w", err)
	}
	switch {
	case v > len(migrations):
		return false, fmt.Errorf("schema version %d is newer than this program's %d", v, len(migrations))
	case v == len(migrations):
		return true, nil
	}
	if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
		return false, fmt.Errorf("migration %d: %w", v+1, err)
	}
	if fill := migrationFills[v+1]; fill != nil {
		if err := fill(ctx, tx); err != nil {
			return false, fmt.Errorf("migration %d: %w", v+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, v+1)); err != nil {
		return false, fmt.Errorf("migration %d: %w", v+1, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("migration %d: %w", v+1, err)
	}
	return false, nil
}

// checkVersion verifies, for a read-only DB, that the schema is this
// package's: an older one must be migrated by opening the store for
// writing once.
func checkVersion(ctx context.Context, db *sql.DB) error {
	var v int
	if err := db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
		return fmt.Errorf("reading schema version: %w", err)
	}
	switch {
	case v > len(migrations):
		return fmt.Errorf("schema version %d is newer than this program's %d", v, len(migrations))
	case v < len(migrations):
		return fmt.Errorf("schema version %d is older than this program's %d: open the store for writing once (khabar ingest) to upgrade it", v, len(migrations))
	}
	return nil
}
