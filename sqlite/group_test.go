package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/sqlite"
	"github.com/khabar/khabar/storetest"
)

// TestGroupStoriesLate checks a search grouped by story on documents
// stored without stories (each its own group), then again on the same
// handle after another one clustered them: the search index loads the
// stories the documents got after it had loaded the documents.
func TestGroupStoriesLate(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "test.db")
	db, err := sqlite.Open(ctx, path, sqlite.Options{NoStories: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Put(ctx, storetest.StoryDocs()); err != nil {
		t.Fatal(err)
	}
	q, err := search.Parse("الحديثة OR تايوان")
	if err != nil {
		t.Fatal(err)
	}
	req := search.Request{Query: q, GroupStories: true}
	res, err := db.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 3 || len(res.Hits) != 3 {
		t.Fatalf("before clustering: total %d, %d hits, want 3 (customs-1, customs-2, typhoon)", res.Total, len(res.Hits))
	}
	for _, h := range res.Hits {
		if h.Story != "" || h.StoryHits != 0 {
			t.Errorf("before clustering: hit %s in story %q with %d hits, want none", h.ID, h.Story, h.StoryHits)
		}
	}

	writer, err := sqlite.Open(ctx, path, sqlite.Options{}) // clusters the stored documents
	if err != nil {
		t.Fatal(err)
	}
	if err := writer.Close(); err != nil {
		t.Fatal(err)
	}
	res, err = db.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 2 || len(res.Hits) != 2 {
		t.Fatalf("after clustering: total %d, %d hits, want 2 (the customs story, typhoon)", res.Total, len(res.Hits))
	}
	folded := 0
	for _, h := range res.Hits {
		if h.Story == "" {
			t.Errorf("after clustering: hit %s has no story", h.ID)
		}
		if h.StoryHits != len(h.StoryHitIDs) {
			t.Errorf("after clustering: hit %s: %d story hits, IDs %v", h.ID, h.StoryHits, h.StoryHitIDs)
		}
		folded += h.StoryHits
	}
	if folded != 1 {
		t.Errorf("after clustering: %d hits folded, want 1 (a customs article into the other)", folded)
	}
}
