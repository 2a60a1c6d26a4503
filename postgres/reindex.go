package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/khabar/khabar/search"
)

// reindexBatch is how many documents reindex reads and rewrites at once.
const reindexBatch = 500

// reindex rebuilds the full-text index of every stored document from
// its title and text with an, as Put writes it: the tsvector and length
// in documents, the postings (emptied by migration 5) and the corpus
// statistics. It completes migration 5, applied when the terms of the
// default analyzer change.
func reindex(ctx context.Context, tx pgx.Tx, an search.Analyzer) error {
	x := newIndexer(an)
	var docs, terms int64
	for after := int64(0); ; {
		var ids []int64
		var titles, texts []string
		var id int64
		var title string
		var text []byte
		err := forEach(ctx, tx, []any{&id, &title, &text}, func() {
			ids, titles, texts = append(ids, id), append(titles, title), append(texts, string(text))
		}, `SELECT d.id, d.title, b.text FROM documents d JOIN bodies b ON b.id = d.id WHERE d.id > $1 ORDER BY d.id LIMIT $2`,
			after, reindexBatch)
		if err != nil {
			return fmt.Errorf("reindex: reading documents: %w", err)
		}
		if len(ids) == 0 {
			break
		}
		after = ids[len(ids)-1]
		b := &pgx.Batch{}
		preps := make([]*prepared, len(ids))
		for i := range ids {
			p := &prepared{ix: x.index(titles[i], texts[i])}
			preps[i] = p
			terms += int64(p.ix.dl)
			b.Queue(`UPDATE documents SET dl = $1, tsv = $2::text::tsvector WHERE id = $3`, p.ix.dl, p.ix.tsv, ids[i])
		}
		if err := tx.SendBatch(ctx, b).Close(); err != nil {
			return fmt.Errorf("reindex: documents: %w", err)
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"postings"}, []string{"term", "doc", "tf"},
			&postingRows{ids: ids, preps: preps}); err != nil {
			return fmt.Errorf("reindex: postings: %w", err)
		}
		docs += int64(len(ids))
	}
	if _, err := tx.Exec(ctx, `UPDATE corpus_shards SET docs = CASE shard WHEN 0 THEN $1::bigint ELSE 0 END,
		terms = CASE shard WHEN 0 THEN $2::bigint ELSE 0 END`, docs, terms); err != nil {
		return fmt.Errorf("reindex: corpus statistics: %w", err)
	}
	return nil
}
