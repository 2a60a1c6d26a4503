package server

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
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
