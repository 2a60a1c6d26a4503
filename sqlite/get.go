package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/store"
)

// Get implements store.Store.
func (s *DB) Get(ctx context.Context, id string) (*store.Record, error) {
	done, err := s.begin()
	if err != nil {
		return nil, err
	}
	defer done()
	var r store.Record
	var url *string
	var ingested, js, text string
	err = s.sql.QueryRowContext(ctx, `SELECT d.uid, d.url, d.source, d.author, d.title, d.published, d.ingested,
		d.content_type, b.raw, d.hash, b.text, b.analysis,
		coalesce((SELECT f.uid FROM clusters c JOIN documents f ON f.id = c.cluster WHERE c.doc = d.id), d.uid)
		FROM documents d JOIN bodies b ON b.id = d.id WHERE d.uid = ?`, id).
		Scan(&r.ID, &url, &r.Source, &r.Author, &r.Title, &r.Published, &ingested, &r.ContentType,
			&r.Raw, &r.Hash, &text, &js, &r.Cluster)
	if notFound(err) {
		return nil, fmt.Errorf("sqlite: document %q: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: document %q: %w", id, err)
	}
	if url != nil {
		r.URL = *url
	}
	r.Ingested, _ = time.Parse(time.RFC3339, ingested)
	r.Analysis = new(khabar.Analysis)
	if err := json.Unmarshal([]byte(js), r.Analysis); err != nil {
		return nil, fmt.Errorf("sqlite: document %q: decoding analysis: %w", id, err)
	}
	r.Analysis.Text = text
	return &r, nil
}

// Lookup implements store.Store.
func (s *DB) Lookup(ctx context.Context, url string) (string, error) {
	done, err := s.begin()
	if err != nil {
		return "", err
	}
	defer done()
	var uid string
	err = s.sql.QueryRowContext(ctx, `SELECT uid FROM documents WHERE url = ?`, url).Scan(&uid)
	if notFound(err) {
		return "", fmt.Errorf("sqlite: url %q: %w", url, store.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("sqlite: url %q: %w", url, err)
	}
	return uid, nil
}
