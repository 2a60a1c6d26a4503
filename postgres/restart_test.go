package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/postgres"
	"github.com/khabar/khabar/store"
)

func genDocs(prefix string, n int) []store.Document {
	docs := make([]store.Document, n)
	for i := range docs {
		text := fmt.Sprintf("خبر %s رقم %d عن الاقتصاد والطاقة في المنطقة واجتماع الوزراء", prefix, i)
		docs[i] = store.Document{
			URL:    fmt.Sprintf("https://example.test/%s/%d", prefix, i),
			Source: "gen",
			Analysis: &khabar.Analysis{Schema: khabar.Schema, Text: text, Published: "2020-01-02",
				Paragraphs: [][2]int{{0, utf8.RuneCountInString(text)}}},
		}
	}
	return docs
}

// TestServerRestart restarts the server while batches are being put:
// every batch is stored whole or not at all, whatever Put returned, and
// Puts after the restart work.
func TestServerRestart(t *testing.T) {
	ctx := context.Background()
	db, err := postgres.Open(ctx, newDB(t), postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const batches, per = 40, 50
	type outcome struct {
		docs []store.Document
		err  error
	}
	results := make(chan outcome, batches)
	restarted := make(chan error, 1)
	go func() {
		time.Sleep(150 * time.Millisecond)
		restarted <- server.Restart(ctx)
	}()
	for b := 0; b < batches; b++ {
		docs := genDocs(fmt.Sprintf("r%d", b), per)
		_, err := db.Put(ctx, docs)
		results <- outcome{docs, err}
	}
	if err := <-restarted; err != nil {
		t.Fatal(err)
	}
	close(results)
	failed := 0
	for o := range results {
		found := 0
		for _, d := range o.docs {
			_, err := db.Lookup(ctx, d.URL)
			switch {
			case err == nil:
				found++
			case !errors.Is(err, store.ErrNotFound):
				t.Fatalf("Lookup after restart: %v", err)
			}
		}
		if o.err != nil {
			failed++
			t.Logf("Put during restart: %v", o.err)
		}
		if found != 0 && found != len(o.docs) || o.err == nil && found == 0 {
			t.Errorf("batch %s: Put error %v, %d of %d documents stored", o.docs[0].URL, o.err, found, len(o.docs))
		}
	}
	t.Logf("%d of %d batches failed during the restart", failed, batches)
	res, err := db.Put(ctx, genDocs("after", 5))
	if err != nil {
		t.Fatalf("Put after restart: %v", err)
	}
	for _, r := range res {
		if r.Status != store.Stored {
			t.Errorf("Put after restart: %v", r.Status)
		}
	}
}
