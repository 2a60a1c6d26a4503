package sqlite

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/ncruces/go-sqlite3"

	"github.com/khabar/khabar/search"
)

func TestPhrases(t *testing.T) {
	tests := []struct {
		expr   string
		want   []string // phrase expressions
		prefix []bool
		or     bool
	}{
		{`"a"`, []string{`"a"`}, []bool{false}, true},
		{`"a b"`, []string{`"a b"`}, []bool{false}, true},
		{`"a" *`, []string{`"a" *`}, []bool{true}, true},
		{`("a" OR "b c" *)`, []string{`"a"`, `"b c" *`}, []bool{false, true}, true},
		{`("a" AND "b")`, []string{`"a"`, `"b"`}, []bool{false, false}, false},
		{`("a" AND ("b" OR "c")) NOT ("d" OR "e")`, []string{`"a"`, `"b"`, `"c"`, `"d"`, `"e"`}, []bool{false, false, false, false, false}, false},
		{`"say ""AND"" NOT"`, []string{`"say ""AND"" NOT"`}, []bool{false}, true},
		{`"x" OR "y"`, []string{`"x"`, `"y"`}, []bool{false, false}, true},
		{``, nil, nil, true},
	}
	for _, tc := range tests {
		got := phrases(tc.expr)
		var exprs []string
		var prefix []bool
		for _, p := range got {
			exprs = append(exprs, p.expr)
			prefix = append(prefix, p.prefix)
		}
		if !slices.Equal(exprs, tc.want) || !slices.Equal(prefix, tc.prefix) {
			t.Errorf("phrases(%s) = %q %v, want %q %v", tc.expr, exprs, prefix, tc.want, tc.prefix)
		}
		if or := disjunction(tc.expr); or != tc.or {
			t.Errorf("disjunction(%s) = %v", tc.expr, or)
		}
	}
	if p := phrases(`"say ""AND"" NOT"`); len(p) != 1 || !slices.Equal(p[0].terms, []string{"say", `"AND"`, "NOT"}) {
		t.Errorf("terms of a phrase with quotes: %+v", p)
	}
}

// TestPhraseCount checks phrases() against FTS5's own phrase count for
// the expressions translate makes of real queries.
func TestPhraseCount(t *testing.T) {
	db := openCorpus(t, generatedCorpus(10, "a", 60))
	checked := 0
	for _, qs := range append(corpusQueries, `"أ ب" OR جد* -"د ه" -و`, `(اجتماع OR "النفط") -الرياض -قطر*`) {
		q, err := search.Parse(qs)
		if err != nil {
			t.Fatal(err)
		}
		pos, neg := db.translate(q.Text)
		expr := pos
		if pos == "" {
			expr = neg
		} else if neg != "" {
			expr = "(" + pos + ") NOT " + neg
		}
		if expr == "" {
			continue
		}
		sc := &scorer{ix: newDocIndex(), maxID: 1 << 20, nPhrase: len(phrases(expr))}
		err = db.readTx(context.Background(), func(c *sqlite3.Conn) error {
			// khabar_bm25 checks the count on the first matching row.
			return each(c, `SELECT khabar_bm25(fts, ?) FROM fts WHERE fts MATCH ?`, []any{ptrArg{sc}, expr},
				func(*sqlite3.Stmt) error { return nil })
		})
		if err != nil {
			t.Errorf("%s → %s: %v", qs, expr, err)
		}
		if sc.started {
			checked++
		}
	}
	if checked < len(corpusQueries)/2 {
		t.Errorf("only %d expressions matched a row", checked)
	}
}

func TestDocsize(t *testing.T) {
	tests := []struct {
		blob []byte
		want uint32
	}{
		{nil, 0},
		{[]byte{3, 7}, 10},
		{[]byte{0x81, 0x00, 0x05}, 128 + 5},
		{[]byte{0xff, 0x7f}, 16383},
		{[]byte{0x81}, 0}, // truncated
	}
	for _, tc := range tests {
		if got := docsizeTotal(tc.blob); got != tc.want {
			t.Errorf("docsizeTotal(% x) = %d, want %d", tc.blob, got, tc.want)
		}
	}
	// Against FTS5's own sizes.
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "d.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Put(ctx, generatedCorpus(11, "a", 30)); err != nil {
		t.Fatal(err)
	}
	if err := db.Warm(ctx); err != nil {
		t.Fatal(err)
	}
	var sum, rows int64
	for id := range db.ix.docs {
		if db.ix.present(int64(id)) {
			sum += int64(db.ix.docs[id].length)
			rows++
		}
	}
	var total, n int64
	err = db.readTx(ctx, func(c *sqlite3.Conn) error {
		return each(c, `SELECT sz FROM fts_docsize`, nil, func(st *sqlite3.Stmt) error {
			total += int64(docsizeTotal(st.ColumnRawBlob(0)))
			n++
			return nil
		})
	})
	if err != nil || n != rows || total != sum || sum == 0 {
		t.Errorf("index lengths %d over %d rows; docsize %d over %d (%v)", sum, rows, total, n, err)
	}
}

func TestParseDay(t *testing.T) {
	tests := map[string]int32{
		"2015-07-21": 20150721, "": 0, "2015-07": 0, "2015/07/21": 0, "2015-07-2x": 0, "20150721xx": 0,
	}
	for in, want := range tests {
		if got := parseDay([]byte(in)); got != want {
			t.Errorf("parseDay(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestBest(t *testing.T) {
	less := func(a, b int) bool { return a > b }
	for _, n := range []int{0, 1, 3, 10, 100} {
		vs := []int{5, 3, 9, 1, 9, 7, 2, 8, 6, 4, 0, 11, 10, 12, 13, 15, 14, 16, 17, 18, 19, 20, 21, 22, 23, 24}
		all := slices.Clone(vs)
		got := slices.Clone(best(vs, n, less))
		slices.SortFunc(all, func(a, b int) int { return b - a })
		if want := all[:min(n, len(all))]; !slices.Equal(got, want) {
			t.Errorf("best(%d) = %v, want %v", n, got, want)
		}
		slices.Sort(vs)
		slices.Sort(all)
		if !slices.Equal(vs, all) {
			t.Errorf("best(%d) lost values: %v", n, vs)
		}
	}
}
