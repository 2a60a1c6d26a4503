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
	// The documents clustered on opening count with those Put clustered.
	if got := db.StoryStats(); got.Articles != int64(len(docs)) || got.Stories != len(stories) {
		t.Errorf("story stats after the upgrade: %d articles in %d stories, want %d in %d",
			got.Articles, got.Stories, len(docs), len(stories))
	}
}

// TestStoryStats checks that a store counts the articles it clusters
// and the time it takes, and counts nothing when it does not cluster.
func TestStoryStats(t *testing.T) {
	for _, tc := range []struct {
		name string
		opt  Options
		want bool // clustered
	}{
		{"stories", Options{}, true},
		{"no stories", Options{NoStories: true}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			db, err := Open(ctx, filepath.Join(t.TempDir(), "s.db"), Options{NoStories: tc.opt.NoStories})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if got := db.StoryStats(); got != (StoryStats{}) {
				t.Errorf("stats of an empty store: %+v", got)
			}
			docs := exampleDocs(t, "s")
			res, err := db.Put(ctx, docs)
			if err != nil {
				t.Fatal(err)
			}
			// Putting them again stores none: nothing more to cluster.
			if _, err := db.Put(ctx, docs); err != nil {
				t.Fatal(err)
			}
			stored := 0
			for _, r := range res {
				if r.Status == store.Stored {
					stored++
				}
			}
			got := db.StoryStats()
			if !tc.want {
				if got != (StoryStats{}) {
					t.Errorf("a store that does not cluster counted %+v", got)
				}
				return
			}
			if got.Articles != int64(stored) || got.Prepare <= 0 || got.Cluster <= 0 || got.Record <= 0 {
				t.Errorf("after storing %d documents: %+v", stored, got)
			}
			list, err := db.Stories(ctx, store.StoryFilter{Limit: store.MaxStoryLimit})
			if err != nil {
				t.Fatal(err)
			}
			if got.Stories != len(list) || got.Open < 1 || got.Open > got.Stories {
				t.Errorf("%d stories, %d open; the store lists %d", got.Stories, got.Open, len(list))
			}
		})
	}
}
