package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
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
