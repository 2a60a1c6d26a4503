package server

import (
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
)

// TokenCookie is the cookie through which browsers send the API token,
// base64url-encoded without padding (any token fits a cookie that way).
// The login page (/login) sets it: HttpOnly, SameSite=Strict, and Secure
// when the request came over TLS.
const TokenCookie = "khabar_token"

// tokenCookieAge is how long a login lasts, in seconds (7 days).
const tokenCookieAge = 7 * 24 * 60 * 60

// bearerToken returns the token of an "Authorization: Bearer TOKEN"
// header value; the scheme is case-insensitive (RFC 9110, section 11.1).
func bearerToken(h string) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(h), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

// requestToken returns the token a request carries: from the
// Authorization header, else from the TokenCookie cookie.
func requestToken(r *http.Request) (string, bool) {
	if t, ok := bearerToken(r.Header.Get("Authorization")); ok {
		return t, true
	}
	if c, err := r.Cookie(TokenCookie); err == nil && c.Value != "" {
		if t, err := base64.RawURLEncoding.DecodeString(c.Value); err == nil {
			return string(t), true
		}
	}
	return "", false
}

// authorized reports whether r carries the server's token.
func (s *Server) authorized(r *http.Request) bool {
	got, ok := requestToken(r)
	return ok && s.cfg.Token != "" && subtle.ConstantTimeCompare([]byte(got), []byte(s.cfg.Token)) == 1
}

// requireToken lets only requests that carry the token through. API
// routes answer JSON 401 (403 when the server has no token); a browser
// asking for a UI page is sent to the login page.
func (s *Server) requireToken(h http.HandlerFunc, api bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.authorized(r) {
			h(w, r)
			return
		}
		if !api {
			if r.Method == http.MethodGet || r.Method == http.MethodHead {
				http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			s.uiError(w, r, http.StatusUnauthorized, "err_login", "")
			return
		}
		if s.cfg.Token == "" {
			s.fail(w, r, http.StatusForbidden, "writes_disabled", "this server has no API token configured; writes are disabled")
			return
		}
		w.Header().Set("WWW-Authenticate", `Bearer realm="khabar"`)
		s.fail(w, r, http.StatusUnauthorized, "unauthorized", "missing or wrong API token (send Authorization: Bearer TOKEN)")
	}
}

// localPath returns next when it is a path on this server, else "/": the
// login page must not send people to other sites.
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") || strings.ContainsAny(next, "\r\n") {
		return "/"
	}
	return next
}

// loginView is the login page's data.
type loginView struct {
	Next  string
	Error string // a labels key
	Off   bool   // the server has no token: nothing to log in to
}

// uiLogin shows the login form and, on POST, checks the token and keeps
// it in the TokenCookie cookie.
func (s *Server) uiLogin(w http.ResponseWriter, r *http.Request) {
	v := loginView{Next: localPath(r.URL.Query().Get("next")), Off: s.cfg.Token == ""}
	if r.Method != http.MethodPost {
		s.render(w, r, http.StatusOK, "login", "", v)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		v.Error = "err_form"
		s.render(w, r, http.StatusBadRequest, "login", "", v)
		return
	}
	v.Next = localPath(r.PostForm.Get("next"))
	token := strings.TrimSpace(r.PostForm.Get("token"))
	if v.Off {
		v.Error = "err_no_token"
		s.render(w, r, http.StatusForbidden, "login", "", v)
		return
	}
	if subtle.ConstantTimeCompare([]byte(token), []byte(s.cfg.Token)) != 1 {
		v.Error = "err_bad_token"
		s.render(w, r, http.StatusUnauthorized, "login", "", v)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: TokenCookie, Value: base64.RawURLEncoding.EncodeToString([]byte(token)), Path: "/", MaxAge: tokenCookieAge,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: secure(r)})
	http.Redirect(w, r, v.Next, http.StatusSeeOther)
}

// uiLogout forgets the token cookie.
func (s *Server) uiLogout(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: TokenCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: secure(r)})
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// secure reports whether the browser reached the server over TLS,
// directly or through a proxy that says so.
func secure(r *http.Request) bool {
	return r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}
