package server

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/khabar/khabar/store"
)

type requestIDKey struct{}

func newRequestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func requestID(r *http.Request) string {
	id, _ := r.Context().Value(requestIDKey{}).(string)
	return id
}

// APIError is the body of every error response.
type APIError struct {
	Error ErrorBody `json:"error"`
}

// ErrorBody says what went wrong: a stable code for programs, a message
// for people and the request's ID for the server's log.
type ErrorBody struct {
	Code      string `json:"code"`
	Message   string `json:"message"`
	RequestID string `json:"request_id"`
}

func (s *Server) errorBody(r *http.Request, code, msg string) *ErrorBody {
	return &ErrorBody{Code: code, Message: msg, RequestID: requestID(r)}
}

// fail writes a structured JSON error.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, code, msg string) {
	s.json(w, r, status, APIError{Error: *s.errorBody(r, code, msg)})
}

// json writes v as a JSON response.
func (s *Server) json(w http.ResponseWriter, r *http.Request, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		s.cfg.Logger.Warn("write response", "request_id", requestID(r), "err", err)
	}
}

// retryAfterUnavailable is the Retry-After, in seconds, of a 503 for a
// database that cannot be reached.
const retryAfterUnavailable = 2

// storeFail answers a failed store call: 503 "unavailable" with
// Retry-After when the database could not be reached (a restart, a
// fail-over: store.ErrUnavailable), 403 "read_only" for a write to a
// store that takes none (a read replica without its primary:
// store.ErrReadOnly), else status with code "store". prefix, when not
// empty, begins the message.
func (s *Server) storeFail(w http.ResponseWriter, r *http.Request, status int, err error, prefix string) {
	code := "store"
	switch {
	case errors.Is(err, store.ErrUnavailable):
		w.Header().Set("Retry-After", strconv.Itoa(retryAfterUnavailable))
		status, code = http.StatusServiceUnavailable, "unavailable"
	case errors.Is(err, store.ErrReadOnly):
		status, code = http.StatusForbidden, "read_only"
	}
	s.fail(w, r, status, code, prefix+err.Error())
}

// uiStoreStatus is the status and message key of a UI page whose store
// call failed with err.
func uiStoreStatus(w http.ResponseWriter, err error) (int, string) {
	switch {
	case errors.Is(err, store.ErrUnavailable):
		w.Header().Set("Retry-After", strconv.Itoa(retryAfterUnavailable))
		return http.StatusServiceUnavailable, "err_unavailable"
	case errors.Is(err, store.ErrReadOnly):
		return http.StatusForbidden, "err_read_only"
	}
	return http.StatusInternalServerError, "err_internal"
}
