package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/khabar/khabar/store"
)

// quoteMigration (schema version 4) keeps every speaker of a quote, by
// entity, for said: filters and quote searches, and what the Analysis
// says of a speaker no entity names and of the outlet a quote was
// reported through. fillQuotes fills them for the quotes stored before.
const quoteMigration = `
ALTER TABLE quotes ADD COLUMN speaker_text TEXT NOT NULL DEFAULT '';
ALTER TABLE quotes ADD COLUMN source TEXT NOT NULL DEFAULT '';
-- One row per (speaker, quote): Quote.Speaker then Quote.Speakers, in
-- that order (pos), each entity once.
CREATE TABLE quote_speakers (
	entity INTEGER NOT NULL REFERENCES entities(id),
	doc    INTEGER NOT NULL REFERENCES documents(id),
	seq    INTEGER NOT NULL,
	pos    INTEGER NOT NULL,
	PRIMARY KEY (entity, doc, seq)
) WITHOUT ROWID;
CREATE INDEX quote_speakers_quote ON quote_speakers(doc, seq);
`

// fillQuotes fills the quote columns and rows of migration 4 from the
// stored analyses, as Put writes them (store.QuoteRows), a batch of
// documents at a time.
func fillQuotes(ctx context.Context, tx *sql.Tx) error {
	type stored struct {
		id int64
		js string
	}
	for after := int64(0); ; {
		var batch []stored
		err := queryRows(ctx, tx, func(r *sql.Rows) error {
			var d stored
			err := r.Scan(&d.id, &d.js)
			batch = append(batch, d)
			return err
		}, `SELECT d.id, b.analysis FROM documents d JOIN bodies b ON b.id = d.id
			WHERE d.id > ? AND EXISTS (SELECT 1 FROM quotes q WHERE q.doc = d.id) ORDER BY d.id LIMIT 500`, after)
		if err != nil {
			return fmt.Errorf("reading analyses: %w", err)
		}
		if len(batch) == 0 {
			return nil
		}
		for _, d := range batch {
			after = d.id
			a, err := store.DecodeAnalysis([]byte(d.js), "")
			if err != nil {
				return fmt.Errorf("document %d: %w", d.id, err)
			}
			ids, err := store.SpeakerIDs(a, func(key string) (int64, bool, error) {
				var id int64
				err := tx.QueryRowContext(ctx, `SELECT id FROM entities WHERE key = ?`, key).Scan(&id)
				if err == sql.ErrNoRows {
					return 0, false, nil
				}
				return id, err == nil, err
			})
			if err != nil {
				return fmt.Errorf("document %d: %w", d.id, err)
			}
			for _, q := range store.QuoteRows(a, ids) {
				if q.SpeakerText != "" || q.Source != "" {
					if _, err := tx.ExecContext(ctx, `UPDATE quotes SET speaker_text = ?, source = ? WHERE doc = ? AND seq = ?`,
						q.SpeakerText, q.Source, d.id, q.Seq); err != nil {
						return fmt.Errorf("document %d: %w", d.id, err)
					}
				}
				for pos, e := range q.Speakers {
					if _, err := tx.ExecContext(ctx, `INSERT INTO quote_speakers (entity, doc, seq, pos) VALUES (?, ?, ?, ?)`,
						e, d.id, q.Seq, pos); err != nil {
						return fmt.Errorf("document %d: %w", d.id, err)
					}
				}
			}
		}
	}
}

// Quotes implements store.Store. The quotes are read in order in one
// read transaction; store.QuotePager keeps those whose text matches
// the query and pages them, and the page is then read in full.
func (s *DB) Quotes(ctx context.Context, f store.QuoteFilter) (*store.QuoteResult, error) {
	f = f.WithDefaults()
	if err := f.Validate(); err != nil {
		return nil, err
	}
	pager, err := store.NewQuotePager(s.an, f)
	if err != nil {
		return nil, err
	}
	tx, end, err := s.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer end()
	speaker, ents, err := store.QuoteFilters(f, func(l store.EntityLookup) ([]store.EntityCandidate, error) {
		return findEntitiesSQL(ctx, tx, l)
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: quotes: %w", err)
	}
	res := &store.QuoteResult{Offset: f.Offset, Quotes: []store.QuoteHit{}, Resolved: ents.Resolved}
	if f.Speaker != "" && len(speaker) == 0 {
		return res, nil
	}
	filters, args := filterSQL(f.Query, ents)
	if f.Speaker != "" {
		js, _ := json.Marshal(speaker)
		filters += ` AND (q.doc, q.seq) IN (SELECT doc, seq FROM quote_speakers WHERE entity IN (SELECT value FROM json_each(?)))`
		args = append(args, string(js))
	}
	text := `''`
	if pager.FiltersText() {
		text = `q.text`
	}
	err = queryRows(ctx, tx, func(r *sql.Rows) error {
		var k store.QuoteKey
		var t string
		if err := r.Scan(&k.Doc, &k.Seq, &t); err != nil {
			return err
		}
		pager.Add(k, t)
		return nil
	}, `SELECT q.doc, q.seq, `+text+` FROM quotes q JOIN documents d ON d.id = q.doc WHERE 1`+filters+`
		ORDER BY d.published DESC, q.doc DESC, q.seq`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: quotes: %w", err)
	}
	res.Total = pager.Total
	for _, k := range pager.Page {
		h, err := quoteHit(ctx, tx, k)
		if err != nil {
			return nil, fmt.Errorf("sqlite: quotes: %w", err)
		}
		res.Quotes = append(res.Quotes, h)
	}
	return res, nil
}

// quoteHit reads one quote with its speakers and article.
func quoteHit(ctx context.Context, tx *sql.Tx, k store.QuoteKey) (store.QuoteHit, error) {
	var h store.QuoteHit
	var sp store.QuoteSpeaker
	err := tx.QueryRowContext(ctx, `SELECT q.text, q.start, q.end, q.cue, q.direct, q.speaker_text, q.source,
			coalesce(e.key, ''), coalesce(e.type, ''), coalesce(e.name, ''),
			d.uid, d.title, coalesce(d.url, ''), d.published, d.source
		FROM quotes q JOIN documents d ON d.id = q.doc LEFT JOIN entities e ON e.id = q.speaker
		WHERE q.doc = ? AND q.seq = ?`, k.Doc, k.Seq).Scan(&h.Text, &h.Start, &h.End, &h.Cue, &h.Direct, &h.SpeakerText, &h.Source,
		&sp.Key, &sp.Type, &sp.Name, &h.Article.ID, &h.Article.Title, &h.Article.URL, &h.Article.Published, &h.Article.Source)
	if err != nil {
		return h, err
	}
	if sp.Key != "" {
		h.Speaker = &sp
	}
	h.Speakers = []store.QuoteSpeaker{}
	err = queryRows(ctx, tx, func(r *sql.Rows) error {
		var x store.QuoteSpeaker
		err := r.Scan(&x.Key, &x.Type, &x.Name)
		h.Speakers = append(h.Speakers, x)
		return err
	}, `SELECT e.key, e.type, e.name FROM quote_speakers qs JOIN entities e ON e.id = qs.entity
		WHERE qs.doc = ? AND qs.seq = ? ORDER BY qs.pos`, k.Doc, k.Seq)
	return h, err
}
