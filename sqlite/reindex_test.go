package sqlite

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/arabic"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// TestUpgradeReindex opens a store written at schema version 4, whose
// full-text index holds the terms of the analyzer before the hamza-seat
// fold, and checks that a read-only open is refused, and that opening
// it for writing rebuilds the index (migration 5) so that each spelling
// of مسؤول finds the other.
func TestUpgradeReindex(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v4.db")
	old := search.ArabicAnalyzer(arabic.NewAnalyzer(arabic.DefaultAnalyzerOptions()))
	all := migrations
	migrations = all[:4]
	db, err := Open(ctx, path, Options{Analyzer: old, NoStories: true})
	if err != nil {
		migrations = all
		t.Fatal(err)
	}
	doc := func(url, text string) store.Document {
		return store.Document{URL: url, Title: "لقاء", Analysis: &khabar.Analysis{Schema: khabar.Schema, Text: text}}
	}
	docs := []store.Document{
		doc("https://example.com/waw", "التقى الوزير المسؤولين في المنطقة."),
		doc("https://example.com/yeh", "اجتمع المسئولون في الرياض."),
	}
	_, err = db.Put(ctx, docs)
	migrations = all
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	if _, err := Open(ctx, path, Options{ReadOnly: true}); err == nil || !strings.Contains(err.Error(), "older") {
		t.Errorf("a read-only open of a version-4 store gave %v; it must ask for an upgrade", err)
	}
	if db, err = Open(ctx, path, Options{}); err != nil {
		t.Fatalf("open for writing (migration 5): %v", err)
	}
	defer db.Close()
	var v int
	if err := db.sql.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil || v != SchemaVersion {
		t.Fatalf("after upgrade: user_version %d (%v), want %d", v, err, SchemaVersion)
	}
	tests := []struct {
		query string
		want  int
	}{
		{"المسئولين", 2},
		{"المسؤولين", 2},
		{`"المسئولين في"`, 1},
		{"لقاء", 2},
	}
	for _, tt := range tests {
		q, err := search.Parse(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		res, err := db.Search(ctx, search.Request{Query: q})
		if err != nil {
			t.Fatalf("%s: %v", tt.query, err)
		}
		if res.Total != tt.want {
			t.Errorf("%s: %d hits, want %d", tt.query, res.Total, tt.want)
		}
	}
}
