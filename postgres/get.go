package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

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
	if clean(id) != id {
		return nil, fmt.Errorf("postgres: document %q: %w", id, store.ErrNotFound)
	}
	var r store.Record
	var url *string
	var js string
	var text []byte
	err = s.retry(ctx, func() error {
		return s.pool.QueryRow(ctx, storesql.SelectRecord+` WHERE d.uid = $1`, id).
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
	err = s.retry(ctx, func() error {
		err := s.pool.QueryRow(ctx, `SELECT s.uid FROM documents d JOIN story_docs m ON m.doc = d.id
			JOIN stories s ON s.id = m.story WHERE d.uid = $1`, id).Scan(&r.Story)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: document %q: story: %w", id, err)
	}
	r.Ingested = r.Ingested.UTC()
	if r.Analysis, err = store.DecodeAnalysis([]byte(js), string(text)); err != nil {
		return nil, fmt.Errorf("postgres: document %q: %w", id, err)
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
	if clean(url) != url {
		return "", fmt.Errorf("postgres: url %q: %w", url, store.ErrNotFound)
	}
	var uid string
	err = s.retry(ctx, func() error {
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
