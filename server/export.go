package server

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/khabar/khabar/internal/export"
	"github.com/khabar/khabar/search"
)

// exportStall bounds the time the client may take to read one stretch
// of an export; the deadline moves on as rows go out, so an export may
// take longer than the server's WriteTimeout.
const exportStall = 2 * time.Minute

// searchRoute answers GET /v1/search: a JSON page of hits, or, when the
// request asks for CSV or JSON Lines (Accept or the format parameter),
// every match as an export.
func (s *Server) searchRoute(w http.ResponseWriter, r *http.Request) {
	w.Header().Add("Vary", "Accept")
	f, err := exportFormat(r)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, "bad_format", err.Error())
		return
	}
	if f == "" {
		s.search(w, r)
		return
	}
	s.exportSearch(w, r, f)
}

// exportFormat returns the export format a search request asks for:
// the format parameter (json, csv or jsonl), else the media type the
// Accept header prefers among application/json, text/csv and
// application/x-ndjson. "" means the JSON page.
func exportFormat(r *http.Request) (export.Format, error) {
	if v := r.URL.Query().Get("format"); v != "" {
		if strings.EqualFold(v, "json") {
			return "", nil
		}
		return export.ParseFormat(v)
	}
	best, bestQ := export.Format(""), 0.0
	for i, part := range strings.Split(r.Header.Get("Accept"), ",") {
		if i >= 32 {
			break
		}
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if v, ok := params["q"]; ok {
			if q, err = strconv.ParseFloat(v, 64); err != nil || q < 0 || q > 1 {
				continue
			}
		}
		var f export.Format
		switch mt {
		case "text/csv":
			f = export.CSV
		case "application/x-ndjson", "application/jsonl", "application/x-jsonlines":
			f = export.JSONL
		case "application/json", "application/*", "*/*":
			f = ""
		default:
			continue
		}
		if q > bestQ {
			best, bestQ = f, q
		}
	}
	return best, nil
}

// exportSearch streams the documents matching the request's query in
// format f; the parameters are those of the search (q, copies) and of
// the export (max, bom).
func (s *Server) exportSearch(w http.ResponseWriter, r *http.Request, f export.Format) {
	q := r.URL.Query()
	req, err := searchRequest(q)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, "bad_query", err.Error())
		return
	}
	var errs []error
	maxRows := intParam(q.Get("max"), 0, 0, export.MaxRows, "max", &errs)
	if err := errors.Join(errs...); err != nil {
		s.fail(w, r, http.StatusBadRequest, "bad_query", err.Error())
		return
	}
	ctx := r.Context()
	x := export.NewSearch(s.cfg.Store, req.Query, req.ShowCopies, maxRows)
	if err := x.Start(ctx); err != nil {
		var qe *search.QueryError
		if errors.As(err, &qe) || errors.Is(err, export.ErrTooMany) {
			s.fail(w, r, http.StatusBadRequest, "bad_query", err.Error())
			return
		}
		s.storeFail(w, r, http.StatusInternalServerError, err, "")
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.ContentType())
	h.Set("Content-Disposition", `attachment; filename="khabar-search.`+string(f)+`"`)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Total-Count", strconv.Itoa(x.Total()))
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Now().Add(exportStall))
	out := export.NewWriter(w, export.Options{Format: f, BOM: q.Get("bom") != ""})
	for n := 1; ; n++ {
		row, err := x.Next(ctx)
		if err == nil {
			err = out.Write(row)
		} else if err == io.EOF {
			err = out.Flush()
			if err == nil {
				return
			}
		}
		if err != nil {
			// The status is sent: cut the response short so that the
			// client sees a broken transfer, not a complete export.
			out.Flush()
			s.cfg.Logger.Warn("export cut short", "request_id", requestID(r), "rows", x.Rows(), "err", err)
			panic(http.ErrAbortHandler)
		}
		if n%search.MaxLimit == 0 {
			_ = rc.SetWriteDeadline(time.Now().Add(exportStall))
		}
	}
}

// Unwrap lets http.NewResponseController reach the connection's writer
// (to move an export's write deadline).
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }
