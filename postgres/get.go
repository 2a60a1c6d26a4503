package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

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
	if clean(id) != id {
		return nil, fmt.Errorf("postgres: document %q: %w", id, store.ErrNotFound)
	}
	var r store.Record
	var url *string
	var js string
	var text []byte
	err = retry(ctx, func() error {
		return s.pool.QueryRow(ctx, `SELECT d.uid, d.url, d.source, d.author, d.title, d.published, d.ingested,
		d.content_type, b.raw, d.hash, b.text, b.analysis,
			coalesce((SELECT f.uid FROM clusters c JOIN documents f ON f.id = c.cluster WHERE c.doc = d.id), d.uid)
			FROM documents d JOIN bodies b ON b.id = d.id WHERE d.uid = $1`, id).
			Scan(&r.ID, &url, &r.Source, &r.Author, &r.Title, &r.Published, &r.Ingested, &r.ContentType,
				&r.Raw, &r.Hash, &text, &js, &r.Cluster)
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: document %q: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: document %q: %w", id, err)
	}
	if url != nil {
		r.URL = *url
	}
	r.Ingested = r.Ingested.UTC()
	r.Analysis = new(khabar.Analysis)
	if err := json.Unmarshal([]byte(js), r.Analysis); err != nil {
		return nil, fmt.Errorf("postgres: document %q: decoding analysis: %w", id, err)
	}
	r.Analysis.Text = string(text)
	return &r, nil
}

// Lookup implements store.Store.
func (s *DB) Lookup(ctx context.Context, url string) (string, error) {
	done, err := s.begin()
	if err != nil {
		return "", err
	}
	defer done()
	if clean(url) != url {
		return "", fmt.Errorf("postgres: url %q: %w", url, store.ErrNotFound)
	}
	var uid string
	err = retry(ctx, func() error {
		return s.pool.QueryRow(ctx, `SELECT uid FROM documents WHERE url = $1`, url).Scan(&uid)
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return "", fmt.Errorf("postgres: url %q: %w", url, store.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("postgres: url %q: %w", url, err)
	}
	return uid, nil
}
