package storetest

import (
	"context"
	"errors"
	"slices"
	"sort"
	"testing"

	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
	"github.com/khabar/khabar/watch"
)

// RunWatches runs the conformance suite of store.WatchStore. open must
// return a new, empty store that keeps watches; RunWatches closes it.
func RunWatches(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s watch.Store)
	}{
		{"CRUD", testWatchCRUD},
		{"Matches", testWatchMatches},
		{"Arrivals", testArrivals},
		{"SameAsSearch", testWatchSameAsSearch},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			defer s.Close()
			ws, ok := s.(watch.Store)
			if !ok {
				t.Fatalf("%T keeps no watches", s)
			}
			tc.fn(t, ws)
		})
	}
}

func testWatchCRUD(t *testing.T, s watch.Store) {
	ctx := context.Background()
	a, err := s.AddWatch(ctx, store.Watch{Name: "قطر", Query: "entity:قطر", Webhook: "https://hooks.example/x"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.AddWatch(ctx, store.Watch{Name: "النفط", Query: "النفط OR الطاقة"})
	if err != nil {
		t.Fatal(err)
	}
	if a.ID == "" || a.ID == b.ID || len(a.Secret) < 32 || a.Secret == b.Secret || a.Created.IsZero() {
		t.Errorf("new watches: %+v %+v; want distinct IDs and secrets", a, b)
	}
	got, err := s.GetWatch(ctx, a.ID)
	if err != nil || got.Name != "قطر" || got.Query != "entity:قطر" || got.Webhook != a.Webhook || got.Secret != a.Secret || !got.Created.Equal(a.Created) {
		t.Errorf("GetWatch = %+v, %v; want %+v", got, err, a)
	}
	all, err := s.Watches(ctx)
	if err != nil || len(all) != 2 || all[0].ID != a.ID || all[1].ID != b.ID {
		t.Errorf("Watches = %v, %v; want a then b", all, err)
	}
	if err := s.RemoveWatch(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{
		s.RemoveWatch(ctx, a.ID),
		s.MarkWatch(ctx, a.ID, store.WatchSeen, 1),
		func() error { _, err := s.GetWatch(ctx, a.ID); return err }(),
		func() error { _, err := s.AddWatchMatches(ctx, a.ID, 0, nil); return err }(),
	} {
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("removed watch: %v, want ErrNotFound", err)
		}
	}
	if all, _ := s.Watches(ctx); len(all) != 1 {
		t.Errorf("%d watches after removing one of two", len(all))
	}
}

func testWatchMatches(t *testing.T, s watch.Store) {
	ctx := context.Background()
	w, err := s.AddWatch(ctx, store.Watch{Name: "w", Query: "قطر", Webhook: "http://127.0.0.1:1/"})
	if err != nil {
		t.Fatal(err)
	}
	other, _ := s.AddWatch(ctx, store.Watch{Name: "other", Query: "قطر"})
	ms := []store.WatchMatch{
		{Key: "cluster:a", DocID: "a", Title: "أ", Published: "2023-09-13"},
		{Key: "cluster:b", DocID: "b", Title: "ب", URL: "https://x.test/b", Source: "spa"},
		{Key: "cluster:a", DocID: "a2", Title: "نسخة"}, // a copy of a: not again
	}
	added, err := s.AddWatchMatches(ctx, w.ID, 7, ms)
	if err != nil {
		t.Fatal(err)
	}
	if len(added) != 2 || added[0].DocID != "a" || added[1].DocID != "b" || added[0].Seq >= added[1].Seq || added[0].Matched.IsZero() {
		t.Fatalf("added %+v; want a then b, increasing Seq", added)
	}
	again, err := s.AddWatchMatches(ctx, w.ID, 5, ms[:1])
	if err != nil || len(again) != 0 {
		t.Errorf("the same key again: %v, %v; want nothing added", again, err)
	}
	if added, _ := s.AddWatchMatches(ctx, other.ID, 3, ms[:1]); len(added) != 1 {
		t.Errorf("another watch fires for the same key: %v", added)
	}
	got, _ := s.GetWatch(ctx, w.ID)
	if got.Cursor != 7 || got.Matches != 2 || got.Unseen != 2 || got.Undelivered != 2 || got.Latest != added[1].Seq || got.LatestAt.IsZero() {
		t.Errorf("watch after matches: %+v; cursor 7 (never back), 2 matches, 2 new, 2 undelivered", got)
	}
	newest, _ := s.WatchMatches(ctx, w.ID, 0, 0, false)
	oldest, _ := s.WatchMatches(ctx, w.ID, 0, 1, true)
	if len(newest) != 2 || newest[0].DocID != "b" || newest[0].URL != "https://x.test/b" || newest[0].Source != "spa" ||
		len(oldest) != 1 || oldest[0].DocID != "a" || oldest[0].Published != "2023-09-13" {
		t.Errorf("newest first %+v, oldest first (limit 1) %+v", newest, oldest)
	}
	if after, _ := s.WatchMatches(ctx, w.ID, added[0].Seq, 0, true); len(after) != 1 || after[0].DocID != "b" {
		t.Errorf("after a: %+v, want b", after)
	}
	if err := s.MarkWatch(ctx, w.ID, store.WatchDelivered, added[0].Seq); err != nil {
		t.Fatal(err)
	}
	s.MarkWatch(ctx, w.ID, store.WatchSeen, added[1].Seq)
	s.MarkWatch(ctx, w.ID, store.WatchSeen, added[0].Seq) // never back
	got, _ = s.GetWatch(ctx, w.ID)
	if got.Delivered != added[0].Seq || got.Seen != added[1].Seq || got.Unseen != 0 || got.Undelivered != 1 {
		t.Errorf("marks: %+v", got)
	}
	if err := s.RemoveWatch(ctx, w.ID); err != nil {
		t.Fatal(err)
	}
	if ms, _ := s.WatchMatches(ctx, w.ID, 0, 0, false); len(ms) != 0 {
		t.Errorf("matches of a removed watch: %v", ms)
	}
}

func testArrivals(t *testing.T, s watch.Store) {
	ctx := context.Background()
	if as, err := s.Arrivals(ctx, 0, 10); err != nil || len(as) != 0 {
		t.Fatalf("empty store: %v, %v", as, err)
	}
	l := load(t, s)
	as, err := s.Arrivals(ctx, 0, 1000)
	if err != nil || len(as) != len(fixture) {
		t.Fatalf("%d arrivals, %v; want %d", len(as), err, len(fixture))
	}
	for i, a := range as {
		if l.names[a.ID] != fixture[i].name || a.Published != fixture[i].published || a.Ingested.IsZero() || (i > 0 && a.Seq <= as[i-1].Seq) {
			t.Errorf("arrival %d: %+v; want %s in the order stored", i, a, fixture[i].name)
		}
	}
	rest, _ := s.Arrivals(ctx, as[1].Seq, 2)
	if len(rest) != 2 || rest[0].ID != as[2].ID {
		t.Errorf("after the second, 2: %v", rest)
	}
	w, _ := s.AddWatch(ctx, store.Watch{Name: "w", Query: "x"})
	if w.Cursor != as[len(as)-1].Seq {
		t.Errorf("a new watch's cursor %d, want the last document's %d", w.Cursor, as[len(as)-1].Seq)
	}
}

// watchQueries are queries whose watches must match what their search
// finds: words, phrases, exclusions, OR, prefixes and every filter.
var watchQueries = []string{
	`قطر`, `"وزراء خارجية"`, `قطر -الحوار`, `النفط OR الطاقة`, `اقتصا*`,
	`entity:قطر`, `entity:NATO`, `place:بروكسل`, `place:الرياض`, `said:المالكي`,
	`source:qna`, `type:CONSULT`, `from:2015-07 to:2023-12`, `-قطر`,
}

func testWatchSameAsSearch(t *testing.T, s watch.Store) {
	ctx := context.Background()
	ids := map[string]string{}
	for _, q := range watchQueries {
		w, err := s.AddWatch(ctx, store.Watch{Name: q, Query: q})
		if err != nil {
			t.Fatal(err)
		}
		ids[q] = w.ID
	}
	docs := make([]store.Document, len(fixture))
	for i, f := range fixture {
		docs[i] = f.build()
	}
	m := &watch.Matcher{Store: s}
	// Two Puts with a pass after each: a watch sees each document once.
	for _, part := range [][]store.Document{docs[:len(docs)/2], docs[len(docs)/2:]} {
		if _, err := s.Put(ctx, part); err != nil {
			t.Fatal(err)
		}
		if _, err := m.Run(ctx); err != nil {
			t.Fatal(err)
		}
	}
	matching := 0
	for _, q := range watchQueries {
		parsed, err := search.Parse(q)
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.Search(ctx, search.Request{Query: parsed, Limit: search.MaxLimit, ShowCopies: true})
		if err != nil {
			t.Fatal(err)
		}
		// The search's hits in the order stored, one per key.
		var want []string
		seen := map[string]bool{}
		as, _ := s.Arrivals(ctx, 0, 1000)
		hit := map[string]bool{}
		for _, h := range res.Hits {
			hit[h.ID] = true
		}
		for _, a := range as {
			if !hit[a.ID] {
				continue
			}
			rec, err := s.Get(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if k := watch.Key(rec); !seen[k] {
				seen[k] = true
				want = append(want, a.ID)
			}
		}
		ms, err := s.WatchMatches(ctx, ids[q], 0, 1000, true)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range ms {
			got = append(got, m.DocID)
		}
		if !slices.Equal(got, want) {
			sort.Strings(got)
			sort.Strings(want)
			t.Errorf("watch %q matched %v; its search finds %v", q, got, want)
		}
		if len(want) > 0 {
			matching++
		}
	}
	if matching < len(watchQueries)/2 {
		t.Errorf("only %d of the %d queries match a document: the fixture tests little", matching, len(watchQueries))
	}
	// A third pass finds nothing new.
	if n, err := m.Run(ctx); n != 0 || err != nil {
		t.Errorf("a pass with no new document recorded %d matches, %v", n, err)
	}
}
