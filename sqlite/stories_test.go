package sqlite

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabar/khabar/store"
)

// TestUpgradeStories opens a store written at schema version 5, before
// stories, and checks that a read-only open asks for an upgrade, that
// opening it for writing (migration 6) gives every stored document a
// story, and that the store clusters new documents after it.
func TestUpgradeStories(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v5.db")
	all := migrations
	migrations = all[:5]
	db, err := Open(ctx, path, Options{NoStories: true}) // as a version-5 program
	if err != nil {
		migrations = all
		t.Fatal(err)
	}
	docs := exampleDocs(t, "u")
	old, err := db.Put(ctx, docs[:len(docs)/2])
	migrations = all
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	if _, err := Open(ctx, path, Options{ReadOnly: true}); err == nil || !strings.Contains(err.Error(), "older") {
		t.Errorf("a read-only open of a version-5 store gave %v; it must ask for an upgrade", err)
	}
	if db, err = Open(ctx, path, Options{}); err != nil {
		t.Fatalf("open for writing (migration 6): %v", err)
	}
	defer db.Close()
	fresh, err := db.Put(ctx, docs[len(docs)/2:])
	if err != nil {
		t.Fatal(err)
	}
	stories := map[string]bool{}
	for _, r := range append(old, fresh...) {
		rec, err := db.Get(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if rec.Story == "" {
			t.Errorf("document %s has no story after the upgrade", r.ID)
		}
		stories[rec.Story] = true
	}
	list, err := db.Stories(ctx, store.StoryFilter{Limit: store.MaxStoryLimit})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range list {
		n += s.Articles
		if !stories[s.ID] {
			t.Errorf("story %s holds none of the documents", s.ID)
		}
	}
	if len(list) != len(stories) || n != len(docs) {
		t.Errorf("%d stories of %d articles, want %d of %d", len(list), n, len(stories), len(docs))
	}
}
