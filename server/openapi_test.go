package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

var (
	specOnce   sync.Once
	specDoc    *openapi3.T
	specRouter routers.Router
	specErr    error
)

// stringBody decodes a request body that the document describes as a
// string (HTML pages, JSON Lines).
func stringBody(body io.Reader, _ http.Header, _ *openapi3.SchemaRef, _ openapi3filter.EncodingFn) (any, error) {
	b, err := io.ReadAll(body)
	return string(b), err
}

// spec loads and validates openapi.json once, and returns a router over
// its operations that matches any host.
func spec(t *testing.T) (*openapi3.T, routers.Router) {
	t.Helper()
	specOnce.Do(func() {
		for _, ct := range []string{"text/html", "application/xhtml+xml", "application/x-ndjson"} {
			openapi3filter.RegisterBodyDecoder(ct, stringBody)
		}
		loader := openapi3.NewLoader()
		specDoc, specErr = loader.LoadFromData(openapiJSON)
		if specErr != nil {
			return
		}
		if specErr = specDoc.Validate(context.Background()); specErr != nil {
			return
		}
		// The router matches requests against the servers; the test
		// server listens on a port of its own.
		routed := *specDoc
		routed.Servers = nil
		specRouter, specErr = legacy.NewRouter(&routed)
	})
	if specErr != nil {
		t.Fatalf("openapi.json: %v", specErr)
	}
	return specDoc, specRouter
}

// authenticate accepts a security scheme when the request carries its
// credential: the schemes' meaning is the server's to check.
func authenticate(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	r := in.RequestValidationInput.Request
	switch in.SecuritySchemeName {
	case "bearer":
		if _, ok := bearerToken(r.Header.Get("Authorization")); ok {
			return nil
		}
	case "cookie":
		if _, err := r.Cookie(TokenCookie); err == nil {
			return nil
		}
	}
	return fmt.Errorf("no %s credential", in.SecuritySchemeName)
}

// checkSpec checks one exchange with the server against openapi.json:
// the response (status, headers, body) must be one the document
// describes, and a request that the document rejects must not succeed.
// Requests outside the documented operations are left alone.
func checkSpec(t *testing.T, method, u string, header http.Header, body string, res response) {
	t.Helper()
	_, router := spec(t)
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header = header.Clone()
	route, params, err := router.FindRoute(req)
	if err != nil || route.Method != method || slices.Contains(slices.Collect(maps.Values(params)), "") {
		return // not a documented operation (UI pages, 404s, 405s)
	}
	opts := &openapi3filter.Options{AuthenticationFunc: authenticate, IncludeResponseStatus: true, MultiError: true}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}
	if reqErr := openapi3filter.ValidateRequest(context.Background(), in); reqErr != nil && res.status < 400 {
		t.Errorf("%s %s: openapi.json rejects the request but the server answered %d:\n%v", method, shorten(u), res.status, reqErr)
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: res.status, Header: res.header,
		Body: io.NopCloser(bytes.NewReader([]byte(res.body))), Options: opts}
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		t.Errorf("%s %s: the %d response does not follow openapi.json:\n%v\nbody: %.300s", method, shorten(u), res.status, err, res.body)
	}
}

func shorten(u string) string {
	if len(u) > 120 {
		return u[:120] + "…"
	}
	return u
}

// TestOpenAPISecurity checks that each operation declares the access the
// server enforces: none for public routes, optional token for reads
// (required under --protect-reads), token for writes.
func TestOpenAPISecurity(t *testing.T) {
	doc, _ := spec(t)
	s := &Server{}
	for _, r := range s.table() {
		if !r.api {
			continue
		}
		method, path, _ := strings.Cut(r.pattern, " ")
		op := doc.Paths.Find(path).GetOperation(method)
		if op == nil || op.Security == nil {
			t.Errorf("%s: no security declared", r.pattern)
			continue
		}
		if op.OperationID == "" {
			t.Errorf("%s: no operationId", r.pattern)
		}
		optional, bearer := false, false
		for _, req := range *op.Security {
			if len(req) == 0 {
				optional = true
			}
			if _, ok := req["bearer"]; ok {
				bearer = true
			}
		}
		switch r.access {
		case public:
			if len(*op.Security) != 0 {
				t.Errorf("%s is public but declares security %v", r.pattern, *op.Security)
			}
		case read:
			if !optional || !bearer {
				t.Errorf("%s: a read takes the token optionally (required under --protect-reads); declared %v", r.pattern, *op.Security)
			}
		case write:
			if optional || !bearer {
				t.Errorf("%s: a write needs the token; declared %v", r.pattern, *op.Security)
			}
		}
	}
}

// TestSpecCheckerFails makes sure that checkSpec notices an undocumented
// response, so that the handler tests' checks can fail.
func TestSpecCheckerFails(t *testing.T) {
	_, router := spec(t)
	req, _ := http.NewRequest("GET", "http://127.0.0.1:1/v1/search?q=x", nil)
	route, params, err := router.FindRoute(req)
	if err != nil {
		t.Fatal(err)
	}
	opts := &openapi3filter.Options{AuthenticationFunc: authenticate, IncludeResponseStatus: true}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}
	for _, bad := range []response{
		{status: 418, header: http.Header{"Content-Type": {"application/json"}}, body: `{}`},
		{status: 200, header: http.Header{"Content-Type": {"application/json"}}, body: `{"total":"many"}`},
		{status: 400, header: http.Header{"Content-Type": {"application/json"}}, body: `{"error":{"code":1}}`},
	} {
		out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: bad.status, Header: bad.header,
			Body: io.NopCloser(strings.NewReader(bad.body)), Options: opts}
		err := openapi3filter.ValidateResponse(context.Background(), out)
		var re *openapi3filter.ResponseError
		if !errors.As(err, &re) {
			t.Errorf("%d %s passed validation (%v)", bad.status, bad.body, err)
		}
	}
	if _, _, err := router.FindRoute(&http.Request{Method: "PUT", URL: &url.URL{Path: "/v1/documents"}}); err == nil {
		t.Error("PUT /v1/documents is routed by openapi.json")
	}
}
