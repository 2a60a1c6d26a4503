package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/ncruces/go-sqlite3/driver"
	"github.com/ncruces/go-sqlite3/ext/fts5"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

type emitted struct {
	flags      fts5.TokenFlag
	term       string
	start, end int
}

func TestTokenizer(t *testing.T) {
	tok := newTokenizer(search.DefaultAnalyzer())
	text := "عقدت الاجتماعاتُ في بروكسل"
	var got []emitted
	err := tok.Tokenize(fts5.TOKENIZE_DOCUMENT, text, "", func(f fts5.TokenFlag, term string, s, e int) error {
		got = append(got, emitted{f, term, s, e})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 || len(got)%2 != 0 {
		t.Fatalf("emitted %v; want term/exact pairs", got)
	}
	for i := 0; i < len(got); i += 2 {
		stem, exact := got[i], got[i+1]
		surface := text[stem.start:stem.end]
		if stem.flags != 0 || exact.flags != fts5.TOKEN_COLOCATED || exact.start != stem.start || exact.end != stem.end {
			t.Errorf("pair %v %v is not a colocated term/exact pair", stem, exact)
		}
		if exact.term != search.ExactPrefix+search.ExactForm(surface) {
			t.Errorf("exact token %q for surface %q", exact.term, surface)
		}
	}
	if s := text[got[2].start:got[2].end]; s != "الاجتماعاتُ" {
		t.Errorf("second word spans %q, want the original word with its diacritic", s)
	}
	var q []string
	tokenizeQuery(`  "a b"  =c `, func(_ fts5.TokenFlag, term string, _, _ int) error {
		q = append(q, term)
		return nil
	})
	if strings.Join(q, "|") != `"a|b"|=c` {
		t.Errorf("query tokens %q", q)
	}
}

func TestReopen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := OpenDir(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := db.Put(ctx, []store.Document{{URL: "u1", ContentType: "text/html", Raw: []byte("<p>نص</p>"),
		Analysis: &khabar.Analysis{Schema: khabar.Schema, Text: "نص الخبر"}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := OpenDir(ctx, dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	r, err := ro.Get(ctx, res[0].ID)
	if err != nil || string(r.Raw) != "<p>نص</p>" || r.Analysis.Text != "نص الخبر" || r.Ingested.IsZero() {
		t.Fatalf("after reopen: %+v, %v", r, err)
	}
	if _, err := ro.Put(ctx, []store.Document{{URL: "u2", Analysis: &khabar.Analysis{Text: "x"}}}); err == nil {
		t.Error("Put on a read-only store succeeded")
	}
	if _, err := OpenDir(ctx, filepath.Join(dir, "none"), Options{ReadOnly: true}); err == nil {
		t.Error("read-only open of a missing store succeeded")
	}
}

func TestMigrations(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	db, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var v int
	if err := db.sql.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil || v != SchemaVersion {
		t.Fatalf("user_version %d (%v), want %d", v, err, SchemaVersion)
	}
	db.Close()
	// Opening again is a no-op.
	if db, err = Open(ctx, path, Options{}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`PRAGMA user_version = 99`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	if _, err := Open(ctx, path, Options{}); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("opening a newer schema: %v", err)
	}
}
