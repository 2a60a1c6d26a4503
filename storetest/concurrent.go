package storetest

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// testConcurrent runs readers while a writer puts batches: no reader
// fails, every reader sees a consistent count (never more than written),
// and at the end everything is there exactly once.
func testConcurrent(t *testing.T, s store.Store) {
	ctx := context.Background()
	load(t, s)
	const batches, perBatch = 8, 25
	q, err := search.Parse("خبر عاجل")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for r := 0; r < 4; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			last := 0
			for {
				select {
				case <-done:
					return
				default:
				}
				res, err := s.Search(ctx, search.Request{Query: q, Limit: 5, Facets: 3})
				if err != nil {
					errs <- err
					return
				}
				if res.Total < last || res.Total%perBatch != 0 {
					errs <- errors.New("reader saw a partial or shrinking batch")
					return
				}
				last = res.Total
				if _, err := s.Stats(ctx); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	all := Generated("conc", batches*perBatch)
	for b := 0; b < batches; b++ {
		if _, err := s.Put(ctx, all[b*perBatch:(b+1)*perBatch]); err != nil {
			t.Errorf("Put batch %d: %v", b, err)
		}
	}
	close(done)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("reader: %v", err)
	}
	res, err := s.Search(ctx, search.Request{Query: q, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != batches*perBatch {
		t.Errorf("Total after writes = %d, want %d", res.Total, batches*perBatch)
	}
}

// testBadQueries feeds hostile queries through the parser and the store:
// each gives a clear error or a safe (literal) search, never a crash or
// a backend syntax error.
func testBadQueries(t *testing.T, s store.Store) {
	ctx := context.Background()
	load(t, s)
	hostile := []string{
		`NEAR(`, `NEAR(a b)`, `"`, `""`, `*`, `**`, `-`, `--`, `OR`, `a OR`, `OR a`, `AND`, `NOT`, `a NOT b`,
		`"unbalanced quote`, `text:foo`, `title:اجتماع`, `fts:x`, `{title text}: x`, `^اجتماع`, `a + b`,
		`)(`, `(((`, `'`, `a' OR '1'='1`, `; DROP TABLE documents; --`, `\`, `\"`, `entity:`, `from:yesterday`,
		`from:2023 to:2010`, `-source:qna`, `اجتماع*"`, `"*"`, `col:"a`, `في من على`, "\x00", "a\x00b",
		"\xff\xfe", strings.Repeat("ا", 10<<10), strings.Repeat(`a OR `, 2000), strings.Repeat(`"`, 999),
	}
	for _, qs := range hostile {
		q, err := search.Parse(qs)
		if err != nil {
			var se *search.SyntaxError
			if !errors.Is(err, search.ErrEmptyQuery) && !errors.Is(err, search.ErrQueryTooLong) && !errors.As(err, &se) {
				t.Errorf("Parse(%.40q): unexpected error kind %v", qs, err)
			}
			continue
		}
		_, err = s.Search(ctx, search.Request{Query: q, Facets: 2})
		if err != nil && !errors.Is(err, search.ErrEmptyQuery) {
			t.Errorf("Search(%.40q): %v", qs, err)
		}
	}
	// ASTs built by hand, bypassing the parser.
	nodes := []search.Node{
		&search.Word{Text: `" OR x NEAR(y`},
		&search.Word{Text: `text : * ^`},
		&search.Phrase{Words: []string{`"`, `)`, `اجتماع`}},
		&search.And{Nodes: []search.Node{&search.Not{Node: &search.Word{Text: "*"}}}},
		&search.Or{},
		&search.And{},
	}
	for _, n := range nodes {
		_, err := s.Search(ctx, search.Request{Query: search.Query{Text: n}})
		if err != nil && !errors.Is(err, search.ErrEmptyQuery) {
			t.Errorf("Search(%s): %v", n, err)
		}
	}
	if _, err := s.Search(ctx, search.Request{}); !errors.Is(err, search.ErrEmptyQuery) {
		t.Errorf("empty request error = %v, want ErrEmptyQuery", err)
	}
}

func testClosed(t *testing.T, s store.Store) {
	ctx := context.Background()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := s.Put(ctx, Generated("closed", 1)); !errors.Is(err, store.ErrClosed) {
		t.Errorf("Put after Close: %v, want ErrClosed", err)
	}
	q, _ := search.Parse("خبر")
	if _, err := s.Search(ctx, search.Request{Query: q}); !errors.Is(err, store.ErrClosed) {
		t.Errorf("Search after Close: %v, want ErrClosed", err)
	}
}
