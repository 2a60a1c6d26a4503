package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/khabar/khabar"
)

// DefaultAnalyzeTimeout is the time budget of one analysis unless
// Config.AnalyzeTimeout says otherwise.
const DefaultAnalyzeTimeout = 10 * time.Second

// retryAfter is the Retry-After, in seconds, sent with a 503 when every
// analysis slot is busy.
const retryAfter = 2

// errBusy is returned when every analysis slot is taken.
var errBusy = errors.New("the server is analyzing as many articles as it can; try again shortly")

// budgetError is returned when an analysis ran out of its time budget.
type budgetError struct{ budget time.Duration }

func (e *budgetError) Error() string {
	return fmt.Sprintf("the analysis took longer than this server's budget of %v; send a shorter text", e.budget)
}

// analyzeLimited analyzes doc in one of the server's analysis slots and
// within its time budget.
//
// With wait false it returns errBusy at once when no slot is free; with
// wait true it waits for one as long as ctx allows. When the budget runs
// out it returns a *budgetError without waiting for the analysis, whose
// context is cancelled; the slot stays taken until the analysis has really
// stopped, so that abandoned analyses still count against the limit.
func (s *Server) analyzeLimited(ctx context.Context, doc khabar.RawDocument, wait bool) (*khabar.Analysis, error) {
	select {
	case s.slots <- struct{}{}:
	default:
		if !wait {
			return nil, errBusy
		}
		select {
		case s.slots <- struct{}{}:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	actx, cancel := context.WithTimeout(ctx, s.cfg.AnalyzeTimeout)
	type result struct {
		a   *khabar.Analysis
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() { <-s.slots }()
		defer cancel()
		defer func() {
			if p := recover(); p != nil {
				done <- result{nil, fmt.Errorf("analysis failed: %v", p)}
			}
		}()
		a, err := s.cfg.Analyzer.Analyze(actx, doc)
		done <- result{a, err}
	}()
	var res result
	select {
	case res = <-done:
	case <-actx.Done():
		select {
		case res = <-done: // finished just in time
		default:
			res.err = actx.Err()
		}
	}
	if res.err != nil && errors.Is(actx.Err(), context.DeadlineExceeded) && ctx.Err() == nil {
		return nil, &budgetError{s.cfg.AnalyzeTimeout}
	}
	return res.a, res.err
}

// failAnalysis writes the JSON error for an analysis that failed: 503
// with Retry-After when the server is busy, 504 when the time budget ran
// out, 422 when the document could not be analyzed.
func (s *Server) failAnalysis(w http.ResponseWriter, r *http.Request, err error) {
	var be *budgetError
	switch {
	case errors.Is(err, errBusy):
		w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
		s.fail(w, r, http.StatusServiceUnavailable, "busy", err.Error())
	case errors.As(err, &be):
		s.fail(w, r, http.StatusGatewayTimeout, "timeout", err.Error())
	case r.Context().Err() != nil:
		// The client is gone; the status is for the log line only.
		s.fail(w, r, 499, "canceled", "request canceled")
	default:
		s.fail(w, r, http.StatusUnprocessableEntity, "unprocessable", err.Error())
	}
}
