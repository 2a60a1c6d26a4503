package sqlite

import (
	"errors"
	"math"
	"strings"

	"github.com/ncruces/go-sqlite3"
	"github.com/ncruces/go-sqlite3/ext/fts5"
)

// FTS5's built-in bm25() reads each matching row's length from the
// docsize table, a B-tree lookup per match that makes up most of its
// cost. khabar_bm25 computes the same score from the instance counts
// FTS5 already has in hand and the lengths held by the docIndex, and
// hands them straight to Go instead of through result rows:
//
//	SELECT khabar_bm25(fts, ?pointer) FROM fts WHERE fts MATCH ?
//
// The pointer is a *scorer that records the matches; it scores them
// once the statement is done (FTS5's bm25 counts the documents of each
// phrase with xQueryPhrase, which the Go binding does not offer).

// Column weights, as bm25(fts, 2.0, 1.0): a title word counts double.
var columnWeights = [...]float64{2.0, 1.0}

// BM25 parameters of FTS5's bm25().
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// scorer collects the matches of one full-text query: row id, length
// and the weighted instance count of every phrase. The scores are made
// afterwards (scores), when the document frequencies are known: a
// phrase that no match contains needs none, and in a disjunction of
// phrases every document containing one matches, so its frequency is
// counted among the matches.
type scorer struct {
	ix      *docIndex // lengths; the caller holds ix.mu for reading
	maxID   int64     // the snapshot's highest row id: the index may be ahead
	nPhrase int       // phrases of the expression, in FTS5's order
	started bool
	rows    int64     // FTS5's row count
	avgdl   float64   // FTS5's average row length
	ids     []uint32  // matches
	dl      []float64 // their lengths
	freq    []float64 // nPhrase per match
}

var errPhraseCount = errors.New("khabar_bm25: phrase count differs from the query's")

// bm25Function is the FTS5 auxiliary function khabar_bm25(fts, scorer).
func bm25Function(f fts5.Context, ctx sqlite3.Context, arg ...sqlite3.Value) {
	if len(arg) != 1 {
		ctx.ResultError(errors.New("khabar_bm25: want one scorer argument"))
		return
	}
	sc, ok := arg[0].Pointer().(*scorer)
	if !ok || sc == nil {
		ctx.ResultError(errors.New("khabar_bm25: no scorer"))
		return
	}
	if err := sc.add(f); err != nil {
		ctx.ResultError(err)
	}
}

// add records the current row of f.
func (sc *scorer) add(f fts5.Context) error {
	if !sc.started {
		if f.PhraseCount() != sc.nPhrase {
			return errPhraseCount
		}
		rows, err := f.RowCount()
		if err != nil {
			return err
		}
		total, err := f.ColumnTotalSize(-1)
		if err != nil {
			return err
		}
		sc.rows = max(rows, 1)
		sc.avgdl = math.Max(float64(total), 1) / float64(sc.rows)
		sc.started = true
	}
	id := f.RowID()
	if id <= 0 || id > sc.maxID {
		return nil // not in this snapshot (cannot happen)
	}
	base := len(sc.freq)
	sc.freq = append(sc.freq, make([]float64, sc.nPhrase)...)
	freq := sc.freq[base:]
	n, err := f.InstCount()
	if err != nil {
		return err
	}
	for i := range n {
		p, col, _, err := f.Inst(i)
		if err != nil {
			return err
		}
		if p >= 0 && p < len(freq) {
			w := 1.0
			if col >= 0 && col < len(columnWeights) {
				w = columnWeights[col]
			}
			freq[p] += w
		}
	}
	var dl float64
	if sc.ix.present(id) {
		dl = float64(sc.ix.docs[id].length)
	} else {
		size, err := f.ColumnSize(-1)
		if err != nil {
			return err
		}
		dl = float64(size)
	}
	sc.ids = append(sc.ids, uint32(id))
	sc.dl = append(sc.dl, dl)
	return nil
}

// needDF reports, per phrase, whether its document frequency must be
// looked up: it occurs in a match and the expression is not a plain
// disjunction of phrases.
func (sc *scorer) needDF(disjunction bool) []bool {
	need := make([]bool, sc.nPhrase)
	if disjunction {
		return need
	}
	for i := 0; i < len(sc.freq); i += sc.nPhrase {
		for p, f := range sc.freq[i : i+sc.nPhrase] {
			if f > 0 {
				need[p] = true
			}
		}
	}
	return need
}

// scores returns the matches with FTS5's bm25 score (negated: higher is
// better). df holds the looked-up document frequencies; for a
// disjunction the others are counted among the matches.
func (sc *scorer) scores(df []int64, disjunction bool) []match {
	if disjunction {
		df = make([]int64, sc.nPhrase)
		for i := 0; i < len(sc.freq); i += sc.nPhrase {
			for p, f := range sc.freq[i : i+sc.nPhrase] {
				if f > 0 {
					df[p]++
				}
			}
		}
	}
	idf := make([]float64, sc.nPhrase)
	for p := range idf {
		idf[p] = bm25IDF(sc.rows, df[p])
	}
	ms := make([]match, len(sc.ids))
	for i, id := range sc.ids {
		norm := bm25K1 * (1 - bm25B + bm25B*sc.dl[i]/sc.avgdl)
		var s float64
		for p, tf := range sc.freq[i*sc.nPhrase : (i+1)*sc.nPhrase] {
			s += idf[p] * (tf * (bm25K1 + 1)) / (tf + norm)
		}
		ms[i] = match{id: id, score: s}
	}
	return ms
}

// bm25IDF is FTS5's inverse document frequency of a phrase matching n
// of rows documents.
func bm25IDF(rows, n int64) float64 {
	idf := math.Log((float64(rows) - float64(n) + 0.5) / (float64(n) + 0.5))
	if idf <= 0 {
		idf = 1e-6
	}
	return idf
}

// ftsPhrase is one phrase of an FTS5 expression made by translate.
type ftsPhrase struct {
	expr   string   // the phrase alone, as an FTS5 expression
	terms  []string // its terms
	prefix bool
}

// phrases lists the phrases of an FTS5 expression made by translate, in
// FTS5's numbering (order of appearance). translate writes every phrase
// as a double-quoted string, optionally followed by " *".
func phrases(expr string) []ftsPhrase {
	var out []ftsPhrase
	for i := 0; i < len(expr); i++ {
		if expr[i] != '"' {
			continue
		}
		start := i
		var b strings.Builder
		for i++; i < len(expr); i++ {
			if expr[i] == '"' {
				if i+1 < len(expr) && expr[i+1] == '"' {
					b.WriteByte('"')
					i++
					continue
				}
				break
			}
			b.WriteByte(expr[i])
		}
		end := i + 1
		p := ftsPhrase{terms: strings.Fields(b.String())}
		if strings.HasPrefix(expr[min(end, len(expr)):], " *") {
			p.prefix = true
			end += 2
		}
		p.expr = expr[start:min(end, len(expr))]
		out = append(out, p)
		i = end - 1
	}
	return out
}

// disjunction reports whether an FTS5 expression made by translate is
// phrases joined by OR only (no AND, no NOT outside the phrases).
func disjunction(expr string) bool {
	quoted := false
	for i := 0; i < len(expr); i++ {
		switch c := expr[i]; {
		case c == '"':
			quoted = !quoted // a doubled quote toggles twice
		case !quoted && (strings.HasPrefix(expr[i:], " AND ") || strings.HasPrefix(expr[i:], " NOT ")):
			return false
		}
	}
	return true
}
