package postgres

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/khabar/khabar/search"
)

// Every unit of a query (a word, a prefix, a phrase or an exact word) is
// matched from a list of the index's documents it occurs in, with its
// weighted frequency in each, as the SQL path counts it:
//
//   - a word: its postings (postingscache.go);
//   - a prefix: the postings of every analyzed term starting with it,
//     summed by document. The terms under a prefix are listed once from
//     the postings' primary key (one index range) and kept with the
//     cache; a later load adds the terms of the documents it brought,
//     read from their tsvectors;
//   - a phrase, or an exact word: the documents whose tsvector matches
//     it (the GIN index, rechecked by the server), with the positions of
//     its lexemes in the whole document and in the title, from which
//     its occurrences are counted here as phraseTF counts them in SQL.
//     The list is cached like a term's postings and extended the same
//     way with later loads: a phrase searched again costs no server
//     work, and the first search reads each matching document's
//     tsvector once, where the SQL path reads it three or four times.
//
// A prefix phrase (a word that analyzes to several terms, the last a
// prefix) is still scored in SQL, in a transaction.

// unitList is the documents a unit matches, ascending row ids, with the
// unit's weighted frequency in each: tf16 for words and phrases, tf32
// for prefixes (a sum over terms).
type unitList struct {
	ids  []uint32
	tf16 []uint16
	tf32 []uint32
}

func (l *unitList) tf(i int) float64 {
	if l.tf32 != nil {
		return float64(l.tf32[i])
	}
	return float64(l.tf16[i])
}

// indexable reports whether every unit of p can be matched from a list:
// all but prefix phrases (and, to be safe, a prefix of exact forms,
// which would match the tsvector's exact lexemes that have no postings).
func (p *plan) indexable() bool {
	for _, u := range p.units {
		if u.prefix && (len(u.terms) != 1 || strings.HasPrefix(u.terms[0], search.ExactPrefix)) {
			return false
		}
	}
	return true
}

// isPhrase reports whether u is matched from positions, as unit.phrase.
func (u planUnit) isPhrase() bool { return len(u.terms) > 1 || u.exact }

// unitLists returns the list of every unit of p, for the index's
// documents at its current load. ok is false when a list cannot be held
// (a frequency above 65,535). The caller holds ix.mu for reading.
func (ix *searchIndex) unitLists(ctx context.Context, q dbQuerier, p *plan) (lists []unitList, ok bool, err error) {
	lists = make([]unitList, len(p.units))
	var words, phrases []int
	var wordTerms []string
	for i, u := range p.units {
		switch {
		case u.isPhrase():
			phrases = append(phrases, i)
		case u.prefix:
			l, ok, err := ix.prefixList(ctx, q, u.terms[0])
			if err != nil || !ok {
				return nil, false, err
			}
			lists[i] = l
		default:
			words = append(words, i)
			wordTerms = append(wordTerms, u.terms[0])
		}
	}
	if len(words) > 0 {
		pl, ok, err := ix.postingsOf(ctx, q, wordTerms)
		if err != nil || !ok {
			return nil, false, err
		}
		for k, i := range words {
			lists[i] = unitList{ids: pl[k].ids, tf16: pl[k].tf}
		}
	}
	if len(phrases) > 0 {
		units := make([][]string, len(phrases))
		for k, i := range phrases {
			units[k] = p.units[i].terms
		}
		pl, ok, err := ix.phraseLists(ctx, q, units)
		if err != nil || !ok {
			return nil, false, err
		}
		for k, i := range phrases {
			lists[i] = unitList{ids: pl[k].ids, tf16: pl[k].tf}
		}
	}
	return lists, true, nil
}

// phraseKey is the postings cache's key of a phrase's list: terms never
// hold NUL, so it is no term's key.
func phraseKey(terms []string) string { return "\x00" + strings.Join(terms, "\x00") }

// phraseQuery writes terms as a tsquery phrase, as compiler.unit does.
func phraseQuery(terms []string) string {
	var b strings.Builder
	for i, t := range terms {
		if i > 0 {
			b.WriteString(" <-> ")
		}
		quoteLexeme(&b, t)
	}
	return b.String()
}

// loadedAfter returns the lowest row id among the documents loaded after
// load gen, math.MaxInt64 when none.
func (ix *searchIndex) loadedAfter(gen uint32) int64 {
	from := int64(math.MaxInt64)
	for _, id := range ix.order[ix.genLen[gen]:] {
		from = min(from, int64(id))
	}
	return from
}

// phraseLists returns the lists of phrases (each its terms), from the
// cache, read or extended in one round trip where needed. The caller
// holds ix.mu for reading.
func (ix *searchIndex) phraseLists(ctx context.Context, q dbQuerier, phrases [][]string) ([]*postingList, bool, error) {
	lists := make([]*postingList, len(phrases))
	type pending struct {
		i   int
		old *postingList
	}
	var todo []pending
	b := &pgx.Batch{}
	const cols = `SELECT d.id, ts_filter(setweight(d.tsv, 'B', $1::text[]), '{B}')::text,
		ts_filter(setweight(ts_filter(d.tsv, '{A}'), 'B', $1::text[]), '{B}')::text
		FROM documents d WHERE d.tsv @@ $2::text::tsquery`
	for i, terms := range phrases {
		l := ix.post.get(phraseKey(terms))
		if l != nil && l.gen == ix.gen {
			lists[i] = l
			continue
		}
		if l != nil && l.gen > ix.gen {
			l = nil // a reset index: cannot happen otherwise
		}
		todo = append(todo, pending{i: i, old: l})
		if l != nil {
			b.Queue(cols+` AND d.id >= $3 ORDER BY d.id`, terms, phraseQuery(terms), ix.loadedAfter(l.gen))
		} else {
			b.Queue(cols+` ORDER BY d.id`, terms, phraseQuery(terms))
		}
	}
	if len(todo) == 0 {
		return lists, true, nil
	}
	br := q.SendBatch(ctx, b)
	defer br.Close()
	ok := true
	for _, p := range todo {
		terms := phrases[p.i]
		rows, err := br.Query()
		if err != nil {
			return nil, false, fmt.Errorf("phrase %q: %w", terms, err)
		}
		var ids []uint32
		var tfs []uint16
		var doc int64
		var whole, title string
		var pos positions
		_, err = pgx.ForEachRow(rows, []any{&doc, &whole, &title}, func() error {
			if !ix.present(doc) || p.old != nil && ix.docs[doc].gen <= p.old.gen {
				return nil // committed after the index was loaded, or listed already
			}
			tf, err := pos.occurrences(whole, terms)
			if err == nil {
				var n int
				n, err = pos.occurrences(title, terms)
				tf += n
			}
			if err != nil {
				return fmt.Errorf("document %d: %w", doc, err)
			}
			if tf > math.MaxUint16 {
				ok = false
			}
			ids, tfs = append(ids, uint32(doc)), append(tfs, uint16(min(tf, math.MaxUint16)))
			return nil
		})
		if err != nil {
			return nil, false, fmt.Errorf("phrase %q: %w", terms, err)
		}
		l := &postingList{ids: ids, tf: tfs, gen: ix.gen}
		if p.old != nil {
			l = &postingList{ids: mergeIDs(p.old.ids, ids), gen: ix.gen}
			l.tf = mergeTF(p.old.ids, p.old.tf, ids, tfs, len(l.ids))
		}
		lists[p.i] = l
		if ok {
			ix.post.put(phraseKey(terms), l)
		}
	}
	return lists, ok, br.Close()
}

// positions parses the text of a tsvector reduced to a phrase's lexemes
// and counts the phrase's occurrences; it keeps its buffers between
// documents.
type positions struct {
	lex  []string
	pos  [][]int32
	rest []int32
}

// occurrences returns the number of positions p of terms[0] in the
// tsvector text tsv such that terms[i] is at p+i, as phraseTF counts
// them.
func (x *positions) occurrences(tsv string, terms []string) (int, error) {
	if err := x.parse(tsv); err != nil {
		return 0, err
	}
	at := func(t string) []int32 {
		for i, l := range x.lex {
			if l == t {
				return x.pos[i]
			}
		}
		return nil
	}
	n := 0
	for _, p := range at(terms[0]) {
		all := true
		for i := 1; i < len(terms) && all; i++ {
			_, all = slices.BinarySearch(at(terms[i]), p+int32(i))
		}
		if all {
			n++
		}
	}
	return n, nil
}

// parse reads a tsvector's text output: 'lexeme':1A,2,... separated by
// spaces, quotes inside a lexeme doubled and backslashes escaped.
func (x *positions) parse(s string) error {
	x.lex, x.pos, x.rest = x.lex[:0], x.pos[:0], x.rest[:0]
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == ' ' {
			i++
			continue
		}
		if s[i] != '\'' {
			return fmt.Errorf("tsvector text %q: lexeme expected at %d", s, i)
		}
		i++
		b.Reset()
		for {
			if i >= len(s) {
				return fmt.Errorf("tsvector text %q: unterminated lexeme", s)
			}
			c := s[i]
			if c == '\'' {
				if i+1 < len(s) && s[i+1] == '\'' {
					b.WriteByte('\'')
					i += 2
					continue
				}
				i++
				break
			}
			if c == '\\' && i+1 < len(s) {
				i++
				c = s[i]
			}
			b.WriteByte(c)
			i++
		}
		start := len(x.rest)
		if i < len(s) && s[i] == ':' {
			i++
			for {
				n, j := int32(0), i
				for j < len(s) && s[j] >= '0' && s[j] <= '9' && n < 1<<20 {
					n = n*10 + int32(s[j]-'0')
					j++
				}
				if j == i {
					return fmt.Errorf("tsvector text %q: position expected at %d", s, i)
				}
				x.rest = append(x.rest, n)
				i = j
				if i < len(s) && s[i] >= 'A' && s[i] <= 'D' {
					i++
				}
				if i >= len(s) || s[i] != ',' {
					break
				}
				i++
			}
		}
		x.lex = append(x.lex, b.String())
		x.pos = append(x.pos, x.rest[start:len(x.rest):len(x.rest)])
	}
	for _, p := range x.pos {
		slices.Sort(p) // stored ascending; sorted to be sure
	}
	return nil
}

// prefixUpper returns the least string above every string that starts
// with p in byte order (COLLATE "C"): p with its last character
// incremented, characters that cannot be dropped first. ok is false
// when there is none (p is empty or all U+10FFFF).
func prefixUpper(p string) (upper string, ok bool) {
	for p != "" {
		r, n := utf8.DecodeLastRuneInString(p)
		p = p[:len(p)-n]
		switch {
		case r == utf8.RuneError && n <= 1, r >= utf8.MaxRune:
			continue
		case r == 0xD7FF:
			r = 0xE000 // past the surrogates
		default:
			r++
		}
		return p + string(r), true
	}
	return "", false
}

// prefixList returns the list of the prefix unit p: the documents with
// an analyzed term starting with p, the sum of those terms' frequencies
// in each. The caller holds ix.mu for reading.
func (ix *searchIndex) prefixList(ctx context.Context, q dbQuerier, p string) (unitList, bool, error) {
	terms, gen, found := ix.post.prefixTerms(p)
	var lists []*postingList
	switch {
	case !found:
		var ok bool
		var err error
		terms, lists, ok, err = ix.readPrefix(ctx, q, p)
		if err != nil || !ok {
			return unitList{}, false, err
		}
	case gen != ix.gen:
		more, err := ix.newTerms(ctx, q, p, gen)
		if err != nil {
			return unitList{}, false, err
		}
		terms = mergeTerms(terms, more)
	}
	if lists == nil && len(terms) > 0 {
		var ok bool
		var err error
		if lists, ok, err = ix.postingsOf(ctx, q, terms); err != nil || !ok {
			return unitList{}, false, err
		}
	}
	ix.post.putPrefix(p, terms, ix.gen)
	return sumLists(lists, len(ix.docs)), true, nil
}

// readPrefix reads the postings of every analyzed term starting with p
// (one range of the postings' primary key) and returns the terms and
// their lists, which it caches; ok is false when a list cannot be held.
func (ix *searchIndex) readPrefix(ctx context.Context, q dbQuerier, p string) (terms []string, lists []*postingList, ok bool, err error) {
	sql, args := `SELECT term, doc, tf FROM postings WHERE term >= $1 ORDER BY term, doc`, []any{p}
	if up, ok := prefixUpper(p); ok {
		sql, args = `SELECT term, doc, tf FROM postings WHERE term >= $1 AND term < $2 ORDER BY term, doc`, []any{p, up}
	}
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return nil, nil, false, fmt.Errorf("postings under %q: %w", p, err)
	}
	terms = []string{}
	var term string
	var doc int64
	var tf int32
	ok = true
	_, err = pgx.ForEachRow(rows, []any{&term, &doc, &tf}, func() error {
		if n := len(terms); n == 0 || terms[n-1] != term {
			if !strings.HasPrefix(term, p) {
				return fmt.Errorf("term %q read for prefix %q", term, p)
			}
			terms = append(terms, term)
			lists = append(lists, &postingList{gen: ix.gen})
		}
		if !ix.present(doc) {
			return nil
		}
		if tf < 0 || tf > math.MaxUint16 {
			ok = false
		}
		l := lists[len(lists)-1]
		l.ids, l.tf = append(l.ids, uint32(doc)), append(l.tf, uint16(tf))
		return nil
	})
	if err != nil {
		return nil, nil, false, fmt.Errorf("postings under %q: %w", p, err)
	}
	if !ok {
		return nil, nil, false, nil
	}
	for i, t := range terms {
		ix.post.put(t, lists[i])
	}
	return terms, lists, true, nil
}

// newTerms returns, sorted, the analyzed terms starting with p of the
// documents loaded after load gen, read from their tsvectors.
func (ix *searchIndex) newTerms(ctx context.Context, q dbQuerier, p string, gen uint32) ([]string, error) {
	from := ix.loadedAfter(gen)
	if from == math.MaxInt64 {
		return nil, nil
	}
	var b strings.Builder
	quoteLexeme(&b, p)
	b.WriteString(":*")
	rows, err := q.Query(ctx, `SELECT DISTINCT x.t FROM documents d, unnest(tsvector_to_array(d.tsv)) x(t)
		WHERE d.id >= $1 AND d.tsv @@ $2::text::tsquery AND starts_with(x.t, $3)`, from, b.String(), p)
	if err != nil {
		return nil, fmt.Errorf("terms under %q: %w", p, err)
	}
	terms, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("terms under %q: %w", p, err)
	}
	slices.Sort(terms)
	return terms, nil
}

// mergeTerms merges two sorted lists of distinct terms.
func mergeTerms(a, b []string) []string {
	if len(b) == 0 {
		return a
	}
	out := make([]string, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			out = append(out, a[i])
			i++
		case a[i] > b[j]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// sumLists returns the union of lists, with the sum of their
// frequencies in each document; n bounds the row ids.
func sumLists(lists []*postingList, n int) unitList {
	total := 0
	for _, l := range lists {
		total += len(l.ids)
	}
	if total == 0 {
		return unitList{ids: []uint32{}, tf32: []uint32{}}
	}
	if len(lists) == 1 {
		l := lists[0]
		out := unitList{ids: l.ids, tf32: make([]uint32, len(l.tf))}
		for i, t := range l.tf {
			out.tf32[i] = uint32(t)
		}
		return out
	}
	if total*8 < n {
		type pair struct {
			id uint32
			tf uint32
		}
		pairs := make([]pair, 0, total)
		for _, l := range lists {
			for i, id := range l.ids {
				pairs = append(pairs, pair{id, uint32(l.tf[i])})
			}
		}
		slices.SortFunc(pairs, func(a, b pair) int { return int(a.id) - int(b.id) })
		var out unitList
		for _, p := range pairs {
			if k := len(out.ids); k > 0 && out.ids[k-1] == p.id {
				out.tf32[k-1] += p.tf
				continue
			}
			out.ids, out.tf32 = append(out.ids, p.id), append(out.tf32, p.tf)
		}
		return out
	}
	// Dense: a count per row id; a posting's frequency is at least 1,
	// 1 is added to mark the documents seen.
	acc := make([]uint32, n)
	docs := 0
	for _, l := range lists {
		for i, id := range l.ids {
			if acc[id] == 0 {
				docs++
				acc[id] = 1
			}
			acc[id] += uint32(l.tf[i])
		}
	}
	out := unitList{ids: make([]uint32, 0, docs), tf32: make([]uint32, 0, docs)}
	for id, c := range acc {
		if c != 0 {
			out.ids, out.tf32 = append(out.ids, uint32(id)), append(out.tf32, c-1)
		}
	}
	return out
}
