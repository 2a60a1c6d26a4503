package export

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/khabar/khabar/search"
	"github.com/khabar/khabar/store"
)

// MaxRows is the most rows one export of a search can have: the search
// pages no further (search.MaxOffset plus one page).
const MaxRows = search.MaxOffset + search.MaxLimit

// ErrTooMany is returned by Search.Next when more documents match than
// an export can hold (MaxRows) and no smaller Max was asked for.
var ErrTooMany = errors.New("too many matches to export")

// Search is an export of the documents matching a query, in the
// search's order (by relevance, or newest first for a query of filters
// alone). Next reads the store one page of hits at a time.
type Search struct {
	db     store.Store
	req    search.Request
	max    int // rows at most; 0: all
	page   []search.Hit
	off    int  // offset of the next page
	last   bool // the page read is the last one
	total  int
	rows   int
	seen   map[string]bool
	copies bool
}

// NewSearch returns an export of the documents matching q. Near-
// duplicate copies are folded into one row per cluster, as a search
// does, unless copies is set; max bounds the rows (0: all matches, at
// most MaxRows).
func NewSearch(db store.Store, q search.Query, copies bool, max int) *Search {
	return &Search{db: db, req: search.Request{Query: q, Limit: search.MaxLimit, ShowCopies: copies},
		max: max, copies: copies, seen: map[string]bool{}, total: -1}
}

// Total returns the number of matches (of clusters, unless copies were
// asked for) that the first page reported, or -1 before it was read.
func (s *Search) Total() int { return s.total }

// Start reads the first page, so that a bad query or a store error is
// known before any output is written. Next calls it when needed.
func (s *Search) Start(ctx context.Context) error {
	if s.total >= 0 {
		return nil
	}
	if err := s.fetch(ctx); err != nil {
		return err
	}
	if s.total > MaxRows && (s.max == 0 || s.max > MaxRows) {
		return fmt.Errorf("%w: %d documents match, an export holds at most %d: narrow the query or ask for fewer rows",
			ErrTooMany, s.total, MaxRows)
	}
	return nil
}

func (s *Search) fetch(ctx context.Context) error {
	s.req.Offset = s.off
	res, err := s.db.Search(ctx, s.req)
	if err != nil {
		return err
	}
	if s.total < 0 {
		s.total = res.Total
	}
	s.page = res.Hits
	s.off += len(res.Hits)
	s.last = len(res.Hits) < search.MaxLimit || s.off >= res.Total || s.off > search.MaxOffset
	return nil
}

// Next returns the next row, or io.EOF after the last. A document that
// an ingest running at the same time moved across a page boundary is
// exported once.
func (s *Search) Next(ctx context.Context) (Row, error) {
	if err := s.Start(ctx); err != nil {
		return Row{}, err
	}
	for {
		if s.max > 0 && s.rows >= s.max {
			return Row{}, io.EOF
		}
		if len(s.page) == 0 {
			if s.last {
				return Row{}, io.EOF
			}
			if err := s.fetch(ctx); err != nil {
				return Row{}, err
			}
			continue
		}
		h := s.page[0]
		s.page = s.page[1:]
		if s.seen[h.ID] {
			continue
		}
		s.seen[h.ID] = true
		rec, err := s.db.Get(ctx, h.ID)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return Row{}, fmt.Errorf("document %s: %w", h.ID, err)
		}
		r := RowOf(rec)
		if !s.copies {
			r.Copies = h.Copies
		}
		s.rows++
		return r, nil
	}
}

// Rows returns the number of rows Next returned.
func (s *Search) Rows() int { return s.rows }

// WriteAll writes every row of s to w and flushes it.
func (s *Search) WriteAll(ctx context.Context, w *Writer) error {
	for {
		r, err := s.Next(ctx)
		if err == io.EOF {
			return w.Flush()
		}
		if err != nil {
			w.Flush()
			return err
		}
		if err := w.Write(r); err != nil {
			return err
		}
	}
}
