package sqlite

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ncruces/go-sqlite3/ext/fts5"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// emitAll runs the document tokenizer over text and returns what it
// emits.
func emitAll(t *testing.T, tok *tokenizer, text string) []emitted {
	t.Helper()
	var got []emitted
	err := tok.Tokenize(fts5.TOKENIZE_DOCUMENT, text, "", func(f fts5.TokenFlag, term string, s, e int) error {
		got = append(got, emitted{f, term, s, e})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestTokenizerHandover(t *testing.T) {
	tests := []struct{ name, text string }{
		{"empty", ""},
		{"arabic", "عقدت الاجتماعاتُ في بروكسل يوم 13 سبتمبر"},
		{"mixed", "NATO و«حلف شمال الأطلسي» - ICI"},
		{"invalid UTF-8", "قطر \xff\xfe الدوحة"},
		{"long word", strings.Repeat("ب", 400) + " الدوحة"},
		{"example", readExample(t)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tok := newTokenizer(search.DefaultAnalyzer())
			fresh := emitAll(t, tok, tc.text)
			pre := tok.tokens(tc.text)
			if len(pre) != len(fresh) {
				t.Fatalf("tokens: %d tokens, Tokenize emits %d", len(pre), len(fresh))
			}
			tok.offer(map[string][]ftsToken{tc.text: pre})
			if got := emitAll(t, tok, tc.text); !reflect.DeepEqual(got, fresh) {
				t.Errorf("with the handover: %v\nwithout: %v", got, fresh)
			}
			// A handover for other texts is not used for this one.
			tok.offer(map[string][]ftsToken{tc.text + " ": {{term: "wrong", end: 1}}})
			if got := emitAll(t, tok, tc.text); !reflect.DeepEqual(got, fresh) {
				t.Errorf("with another text's handover: %v\nwant: %v", got, fresh)
			}
			tok.offer(nil)
		})
	}
}

func readExample(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "examples", "qatar-nato-ici-2023-09-13.txt"))
	if err != nil {
		t.Skipf("example article: %v", err)
	}
	return string(b)
}

// TestPutIndexesLikeRowByRow checks that the batched full-text insert
// with the tokenizer handover builds the same index, term instance by
// term instance, as indexing each document on its own without it.
func TestPutIndexesLikeRowByRow(t *testing.T) {
	ctx := context.Background()
	example := readExample(t)
	paras := strings.Split(example, "\n")
	var docs []store.Document
	for i, p := range paras {
		if strings.TrimSpace(p) == "" {
			continue
		}
		title := ""
		if i%3 == 0 {
			title = p[:min(len(p), 40)]
			title = strings.ToValidUTF8(title, "")
		}
		docs = append(docs, store.Document{URL: "u" + string(rune('a'+i%26)) + strings.Repeat("x", i),
			Title: title, Analysis: &khabar.Analysis{Schema: khabar.Schema, Text: p}})
	}
	docs = append(docs, docs[0]) // a duplicate in the batch
	batched, err := Open(ctx, filepath.Join(t.TempDir(), "a.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer batched.Close()
	res, err := batched.Put(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	if res[len(res)-1].Status == store.Stored {
		t.Fatalf("the repeated document was stored twice")
	}

	single, err := Open(ctx, filepath.Join(t.TempDir(), "b.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer single.Close()
	rows, err := batched.sql.QueryContext(ctx, `SELECT d.id, d.title, b.text FROM documents d JOIN bodies b ON b.id = d.id ORDER BY d.id`)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		var id int64
		var title, text string
		if err := rows.Scan(&id, &title, &text); err != nil {
			t.Fatal(err)
		}
		if _, err := single.sql.ExecContext(ctx, `INSERT INTO fts (rowid, title, text) VALUES (?,?,?)`, id, title, text); err != nil {
			t.Fatal(err)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	if n != len(docs)-1 {
		t.Fatalf("stored %d documents, want %d", n, len(docs)-1)
	}
	a, b := instances(t, batched), instances(t, single)
	if len(a) == 0 {
		t.Fatal("empty index")
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("batched index has %d term instances, row by row %d; they differ", len(a), len(b))
	}
}

// instances lists every term instance of the full-text index.
func instances(t *testing.T, db *DB) []string {
	t.Helper()
	ctx := context.Background()
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, fts, 'instance')`); err != nil {
		t.Fatal(err)
	}
	rows, err := conn.QueryContext(ctx, `SELECT term, doc, col, offset FROM temp.vocab ORDER BY doc, col, offset, term`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var term, col string
		var doc, off int64
		if err := rows.Scan(&term, &doc, &col, &off); err != nil {
			t.Fatal(err)
		}
		out = append(out, term+"|"+col+"|"+strconv.FormatInt(doc, 10)+"|"+strconv.FormatInt(off, 10))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// exampleDocs returns one document per non-empty paragraph of the
// example article, each with its own URL.
func exampleDocs(t *testing.T, prefix string) []store.Document {
	t.Helper()
	var docs []store.Document
	for i, p := range strings.Split(readExample(t), "\n") {
		if strings.TrimSpace(p) == "" {
			continue
		}
		docs = append(docs, store.Document{URL: prefix + strconv.Itoa(i),
			Analysis: &khabar.Analysis{Schema: khabar.Schema, Text: p}})
	}
	return docs
}

// TestPutConcurrent runs Puts from several goroutines at once, so that
// the preparation of one overlaps the writing of another: every result
// must be the one of its own document, and every document stored once.
func TestPutConcurrent(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "c.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	docs := exampleDocs(t, "u")
	const callers = 4
	results := make([][]store.PutResult, callers)
	errs := make([]error, callers)
	done := make(chan int)
	for g := range callers {
		go func() {
			// Every caller puts all documents, in its own order.
			batch := slices.Clone(docs)
			for i := range batch {
				j := (i + g*7) % len(batch)
				batch[i], batch[j] = batch[j], batch[i]
			}
			results[g], errs[g] = db.Put(ctx, batch)
			for i := range batch {
				if errs[g] == nil && results[g][i].ID != store.DocID(store.ContentHash(batch[i].Analysis.Text)) {
					errs[g] = fmt.Errorf("result %d is %+v, not the result of document %s", i, results[g][i], batch[i].URL)
				}
			}
			done <- g
		}()
	}
	for range callers {
		<-done
	}
	stored := 0
	for g := range callers {
		if errs[g] != nil {
			t.Fatalf("caller %d: %v", g, errs[g])
		}
		for _, r := range results[g] {
			if r.Status == store.Stored {
				stored++
			}
		}
	}
	st, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stored != len(docs) || st.Documents != len(docs) {
		t.Errorf("%d reported stored, %d in the store; want %d", stored, st.Documents, len(docs))
	}
}

// TestPutCanceled checks that a Put whose context is done stores
// nothing and that the store takes the same documents afterwards.
func TestPutCanceled(t *testing.T) {
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "x.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	docs := exampleDocs(t, "u")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := db.Put(ctx, docs); !errors.Is(err, context.Canceled) {
		t.Fatalf("Put with a canceled context: %v", err)
	}
	res, err := db.Put(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if r.Status != store.Stored {
			t.Errorf("document %d: %v after a canceled Put", i, r.Status)
		}
	}
}

// TestUpgradeFTSTuning opens a store written at schema version 2 and
// checks that migration 3 sets the full-text write options without
// changing the index, and that the store takes new documents after it.
func TestUpgradeFTSTuning(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v2.db")
	all := migrations
	migrations = all[:2]
	db, err := Open(ctx, path, Options{NoStories: true}) // as a version-2 program: no stories
	if err != nil {
		migrations = all
		t.Fatal(err)
	}
	docs := exampleDocs(t, "u")
	_, err = db.Put(ctx, docs[:len(docs)/2])
	migrations = all
	if err != nil {
		t.Fatal(err)
	}
	before := instances(t, db)
	if got := ftsConfig(t, db); len(got) != 0 {
		t.Errorf("version 2 store has FTS5 options %v", got)
	}
	db.Close()

	if db, err = Open(ctx, path, Options{}); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int
	if err := db.sql.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil || v != SchemaVersion {
		t.Fatalf("after upgrade: user_version %d (%v), want %d", v, err, SchemaVersion)
	}
	want := map[string]string{"hashsize": "33554432", "automerge": "8"}
	if got := ftsConfig(t, db); !reflect.DeepEqual(got, want) {
		t.Errorf("after upgrade: FTS5 options %v, want %v", got, want)
	}
	if after := instances(t, db); !reflect.DeepEqual(after, before) {
		t.Errorf("the upgrade changed the index: %d term instances, were %d", len(after), len(before))
	}
	res, err := db.Put(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if want := i >= len(docs)/2; (r.Status == store.Stored) != want {
			t.Errorf("document %d: %v after the upgrade", i, r.Status)
		}
	}
	if n := len(instances(t, db)); n <= len(before) {
		t.Errorf("after the upgrade, Put left the index at %d term instances (was %d)", n, len(before))
	}
	if _, err := db.sql.Exec(`INSERT INTO fts(fts) VALUES ('integrity-check')`); err != nil {
		t.Errorf("integrity check: %v", err)
	}
}

// ftsConfig returns the options set in the fts_config table, but for
// the version record.
func ftsConfig(t *testing.T, db *DB) map[string]string {
	t.Helper()
	rows, err := db.sql.Query(`SELECT k, v FROM fts_config WHERE k != 'version'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			t.Fatal(err)
		}
		out[k] = v
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
