package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/khabar/khabar/internal/storesql"
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
	err = s.sql.QueryRowContext(ctx, storesql.SelectRecord+` WHERE d.uid = ?`, id).
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
	err = s.sql.QueryRowContext(ctx, `SELECT s.uid FROM documents d JOIN story_docs m ON m.doc = d.id
		JOIN stories s ON s.id = m.story WHERE d.uid = ?`, id).Scan(&r.Story)
	if err != nil && !notFound(err) {
		return nil, fmt.Errorf("sqlite: document %q: story: %w", id, err)
	}
	r.Ingested, _ = time.Parse(time.RFC3339, ingested)
	if r.Analysis, err = store.DecodeAnalysis([]byte(js), text); err != nil {
		return nil, fmt.Errorf("sqlite: document %q: %w", id, err)
	}
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
