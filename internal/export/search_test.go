package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// pagedStore is a store of n matching documents that answers searches
// page by page, as a backend does, and counts the pages asked for.
type pagedStore struct {
	store.Store // only Search and Get are called
	n           int
	shift       int // documents inserted before every page after the first, as by an ingest running meanwhile
	searches    int
	fail        error
}

func (p *pagedStore) Search(_ context.Context, req search.Request) (*search.Result, error) {
	if p.fail != nil {
		return nil, p.fail
	}
	off, limit := req.Page()
	front := 0
	if p.searches > 0 {
		front = p.shift
	}
	p.searches++
	total := p.n + front
	res := &search.Result{Total: total, Offset: off}
	for i := off; i < min(off+limit, total); i++ {
		id := fmt.Sprintf("d%d", i-front)
		if i < front {
			id = fmt.Sprintf("new%d", i)
		}
		res.Hits = append(res.Hits, search.Hit{ID: id, Copies: i % 2})
	}
	return res, nil
}

func (p *pagedStore) Get(_ context.Context, id string) (*store.Record, error) {
	return &store.Record{ID: id, Title: "خبر " + id, Cluster: id}, nil
}

func TestSearchPages(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name       string
		n, shift   int
		max        int
		copies     bool
		rows, gets int
	}{
		{"one page", 10, 0, 0, false, 10, 1},
		{"three pages", 2500, 0, 0, false, 2500, 3},
		{"exact pages", 2000, 0, 0, false, 2000, 2},
		{"max", 2500, 0, 1200, false, 1200, 2},
		{"ingest meanwhile", 2500, 7, 0, false, 2500, 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := &pagedStore{n: tt.n, shift: tt.shift}
			s := NewSearch(db, search.Query{}, tt.copies, tt.max)
			var b bytes.Buffer
			if err := s.WriteAll(ctx, NewWriter(&b, Options{})); err != nil {
				t.Fatal(err)
			}
			if s.Rows() != tt.rows || db.searches != tt.gets {
				t.Errorf("%d rows from %d searches, want %d from %d", s.Rows(), db.searches, tt.rows, tt.gets)
			}
			lines := strings.Count(b.String(), "\r\n")
			if lines != tt.rows+1 {
				t.Errorf("%d lines, want a header and %d rows", lines, tt.rows)
			}
			if strings.Count(b.String(), "\r\nd1,") != 1 {
				t.Error("d1 not exported exactly once")
			}
		})
	}
}

func TestSearchErrors(t *testing.T) {
	ctx := context.Background()
	s := NewSearch(&pagedStore{n: MaxRows + 1}, search.Query{}, false, 0)
	if err := s.Start(ctx); !errors.Is(err, ErrTooMany) {
		t.Errorf("%d matches: %v, want ErrTooMany", MaxRows+1, err)
	}
	s = NewSearch(&pagedStore{n: MaxRows + 1}, search.Query{}, false, 10)
	if err := s.Start(ctx); err != nil {
		t.Errorf("%d matches, 10 asked for: %v", MaxRows+1, err)
	}
	boom := errors.New("boom")
	s = NewSearch(&pagedStore{n: 3, fail: boom}, search.Query{}, false, 0)
	if _, err := s.Next(ctx); !errors.Is(err, boom) {
		t.Errorf("store error: %v", err)
	}
	s = NewSearch(&pagedStore{n: 0}, search.Query{}, false, 0)
	if _, err := s.Next(ctx); err != io.EOF {
		t.Errorf("no match: %v, want EOF", err)
	}
}
