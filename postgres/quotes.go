package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/khabar/khabar/store"
)

// quoteMigration (schema version 4) keeps every speaker of a quote, by
// entity, for said: filters and quote searches, and what the Analysis
// says of a speaker no entity names and of the outlet a quote was
// reported through. fillQuotes fills them for the quotes stored before.
const quoteMigration = `
ALTER TABLE quotes ADD COLUMN speaker_text text NOT NULL DEFAULT '';
ALTER TABLE quotes ADD COLUMN source text NOT NULL DEFAULT '';
-- One row per (speaker, quote): Quote.Speaker then Quote.Speakers, in
-- that order (pos), each entity once.
CREATE TABLE quote_speakers (
	entity bigint NOT NULL REFERENCES entities(id),
	doc    bigint NOT NULL REFERENCES documents(id),
	seq    integer NOT NULL,
	pos    integer NOT NULL,
	PRIMARY KEY (entity, doc, seq)
);
CREATE INDEX quote_speakers_quote ON quote_speakers(doc, seq);
`

// fillQuotes fills the quote columns and rows of migration 4 from the
// stored analyses, as Put writes them (store.QuoteRows), a batch of
// documents at a time.
func fillQuotes(ctx context.Context, tx pgx.Tx) error {
	for after := int64(0); ; {
		var ids []int64
		var analyses []string
		var id int64
		var js string
		err := forEach(ctx, tx, []any{&id, &js}, func() { ids, analyses = append(ids, id), append(analyses, js) },
			`SELECT d.id, b.analysis FROM documents d JOIN bodies b ON b.id = d.id
			WHERE d.id > $1 AND EXISTS (SELECT 1 FROM quotes q WHERE q.doc = d.id) ORDER BY d.id LIMIT 500`, after)
		if err != nil {
			return fmt.Errorf("reading analyses: %w", err)
		}
		if len(ids) == 0 {
			return nil
		}
		for i, doc := range ids {
			after = doc
			a, err := store.DecodeAnalysis([]byte(analyses[i]), "")
			if err != nil {
				return fmt.Errorf("document %d: %w", doc, err)
			}
			local, err := store.SpeakerIDs(a, func(key string) (int64, bool, error) {
				var id int64
				err := tx.QueryRow(ctx, `SELECT id FROM entities WHERE key = $1`, clean(key)).Scan(&id)
				if errors.Is(err, pgx.ErrNoRows) {
					return 0, false, nil
				}
				return id, err == nil, err
			})
			if err != nil {
				return fmt.Errorf("document %d: %w", doc, err)
			}
			for _, q := range store.QuoteRows(a, local) {
				if q.SpeakerText != "" || q.Source != "" {
					if _, err := tx.Exec(ctx, `UPDATE quotes SET speaker_text = $1, source = $2 WHERE doc = $3 AND seq = $4`,
						clean(q.SpeakerText), clean(q.Source), doc, q.Seq); err != nil {
						return fmt.Errorf("document %d: %w", doc, err)
					}
				}
				for pos, e := range q.Speakers {
					if _, err := tx.Exec(ctx, `INSERT INTO quote_speakers (entity, doc, seq, pos) VALUES ($1, $2, $3, $4)`,
						e, doc, q.Seq, pos); err != nil {
						return fmt.Errorf("document %d: %w", doc, err)
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
	if _, err := store.NewQuotePager(s.an, f); err != nil {
		return nil, err
	}
	var res *store.QuoteResult
	err := s.readTx(ctx, func(tx pgx.Tx) error {
		pager, _ := store.NewQuotePager(s.an, f) // afresh on every try
		speaker, ents, err := store.QuoteFilters(f, func(l store.EntityLookup) ([]store.EntityCandidate, error) {
			return findEntities(ctx, tx, l)
		})
		if err != nil {
			return err
		}
		res = &store.QuoteResult{Offset: f.Offset, Quotes: []store.QuoteHit{}, Resolved: ents.Resolved}
		if f.Speaker != "" && len(speaker) == 0 {
			return nil
		}
		var args []any
		arg := func(v any) string {
			args = append(args, v)
			return fmt.Sprintf("$%d", len(args))
		}
		var where strings.Builder
		filterSQL(&where, f.Query, ents, arg)
		if f.Speaker != "" {
			where.WriteString(` AND (q.doc, q.seq) IN (SELECT doc, seq FROM quote_speakers WHERE entity = ANY(` + arg(speaker) + `::bigint[]))`)
		}
		text := `''`
		if pager.FiltersText() {
			text = `q.text`
		}
		var k store.QuoteKey
		var t string
		err = forEach(ctx, tx, []any{&k.Doc, &k.Seq, &t}, func() { pager.Add(k, t) },
			`SELECT q.doc, q.seq, `+text+` FROM quotes q JOIN documents d ON d.id = q.doc WHERE true`+where.String()+`
			ORDER BY d.published DESC, q.doc DESC, q.seq`, args...)
		if err != nil {
			return err
		}
		res.Total = pager.Total
		return quoteHits(ctx, tx, pager.Page, res)
	})
	if err != nil {
		return nil, s.wrap("quotes", err)
	}
	return res, nil
}

// quoteHits reads the quotes of keys, in order, with their speakers and
// articles, into res.Quotes.
func quoteHits(ctx context.Context, tx pgx.Tx, keys []store.QuoteKey, res *store.QuoteResult) error {
	if len(keys) == 0 {
		return nil
	}
	docs, seqs := make([]int64, len(keys)), make([]int32, len(keys))
	for i, k := range keys {
		docs[i], seqs[i] = k.Doc, int32(k.Seq)
	}
	at := make(map[store.QuoteKey]int, len(keys))
	res.Quotes = make([]store.QuoteHit, len(keys))
	var k store.QuoteKey
	var h store.QuoteHit
	var sp store.QuoteSpeaker
	err := forEach(ctx, tx, []any{&k.Doc, &k.Seq, &h.Text, &h.Start, &h.End, &h.Cue, &h.Direct, &h.SpeakerText, &h.Source,
		&sp.Key, &sp.Type, &sp.Name, &h.Article.ID, &h.Article.Title, &h.Article.URL, &h.Article.Published, &h.Article.Source},
		func() {
			i := len(at)
			at[k] = i
			x := h
			if sp.Key != "" {
				s := sp
				x.Speaker = &s
			}
			x.Speakers = []store.QuoteSpeaker{}
			res.Quotes[i] = x
		}, `SELECT q.doc, q.seq, q.text, q.start_pos, q.end_pos, q.cue, q.direct, q.speaker_text, q.source,
			coalesce(e.key, ''), coalesce(e.type, ''), coalesce(e.name, ''),
			d.uid, d.title, coalesce(d.url, ''), d.published, d.source
		FROM unnest($1::bigint[], $2::integer[]) WITH ORDINALITY AS k(doc, seq, n)
		JOIN quotes q ON q.doc = k.doc AND q.seq = k.seq JOIN documents d ON d.id = q.doc LEFT JOIN entities e ON e.id = q.speaker
		ORDER BY k.n`, docs, seqs)
	if err != nil {
		return fmt.Errorf("reading quotes: %w", err)
	}
	if len(at) != len(keys) {
		return fmt.Errorf("reading quotes: %d of %d found", len(at), len(keys))
	}
	var x store.QuoteSpeaker
	return forEach(ctx, tx, []any{&k.Doc, &k.Seq, &x.Key, &x.Type, &x.Name}, func() {
		q := &res.Quotes[at[k]]
		q.Speakers = append(q.Speakers, x)
	}, `SELECT qs.doc, qs.seq, e.key, e.type, e.name
		FROM unnest($1::bigint[], $2::integer[]) AS k(doc, seq)
		JOIN quote_speakers qs ON qs.doc = k.doc AND qs.seq = k.seq JOIN entities e ON e.id = qs.entity
		ORDER BY qs.doc, qs.seq, qs.pos`, docs, seqs)
}
