// Package storesql holds the SQL that khabar's SQL backends (packages
// sqlite and postgres) share: their schemas name the same tables and
// columns, so that the queries reading store types from them are the
// same text in both dialects.
package storesql

import "github.com/khabar/khabar/store"

// EntityCols selects, from table entities aliased e, what ScanEntity
// reads: the row id and the store.EntityInfo of the entity, its
// document and mention counts taken from doc_entities.
const EntityCols = `e.id, e.key, e.type, e.name, e.kb_id, e.wikidata, e.country,
	(SELECT count(*) FROM doc_entities x WHERE x.entity = e.id),
	(SELECT coalesce(sum(x.mentions), 0) FROM doc_entities x WHERE x.entity = e.id)`

// Scanner is one result row: a *sql.Row or *sql.Rows of database/sql,
// a pgx.Row.
type Scanner interface {
	Scan(dest ...any) error
}

// ScanEntity reads a row of EntityCols.
func ScanEntity(row Scanner) (id int64, e store.EntityInfo, err error) {
	err = row.Scan(&id, &e.Key, &e.Type, &e.Name, &e.KBID, &e.Wikidata, &e.Country, &e.Documents, &e.Mentions)
	return id, e, err
}

// SelectRecord selects a document's store.Record columns from documents
// d joined to bodies b; a backend appends its WHERE clause. The
// columns, in order: uid, url (NULL when none), source, author, title,
// published, ingested, content_type, raw, hash, text, analysis (see
// store.DecodeAnalysis) and the uid of the document's cluster.
const SelectRecord = `SELECT d.uid, d.url, d.source, d.author, d.title, d.published, d.ingested,
	d.content_type, b.raw, d.hash, b.text, b.analysis,
	coalesce((SELECT f.uid FROM clusters c JOIN documents f ON f.id = c.cluster WHERE c.doc = d.id), d.uid)
	FROM documents d JOIN bodies b ON b.id = d.id`
